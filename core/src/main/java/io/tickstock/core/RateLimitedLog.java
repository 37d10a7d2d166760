package io.tickstock.core;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs at most one message per interval and says how many were suppressed in between, so that an
 * error repeated on a hot path cannot flood the log. Thread-safe.
 */
public final class RateLimitedLog
{
    private final Logger logger;
    private final long intervalNs;
    private final AtomicLong nextAllowedNs = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(final Logger logger, final long intervalMs)
    {
        this.logger = logger;
        this.intervalNs = intervalMs * 1_000_000L;
    }

    public void warn(final String message, final Object arg, final Throwable error)
    {
        final long now = System.nanoTime();
        final long next = nextAllowedNs.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowedNs.compareAndSet(next, now + intervalNs))
        {
            final long skipped = suppressed.getAndSet(0);
            if (skipped > 0)
            {
                logger.warn(message + " ({} similar suppressed)", arg, skipped, error);
            }
            else
            {
                logger.warn(message, arg, error);
            }
        }
        else
        {
            suppressed.incrementAndGet();
        }
    }
}
