package io.tickstock.core;

import com.lmax.disruptor.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces the Disruptor's default exception handler, which halts the consumer and so stalls
 * every producer: this one counts, logs rate-limited and lets the consumer go on with the next
 * entry. The channel stages catch their own exceptions first; this is the safety net for anything
 * else (start and shutdown hooks, consumers attached to the publish ring). Thread-safe.
 */
public final class CountingExceptionHandler<T> implements ExceptionHandler<T>
{
    private static final Logger LOG = LoggerFactory.getLogger(CountingExceptionHandler.class);

    private final String ring;
    private final RateLimitedLog log = new RateLimitedLog(LOG, 1000);
    private final AtomicLong errors = new AtomicLong();

    public CountingExceptionHandler(final String ring)
    {
        this.ring = ring;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final T event)
    {
        errors.incrementAndGet();
        log.warn("handler error on ring {}; entry skipped, consumer goes on", ring, ex);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        errors.incrementAndGet();
        log.warn("consumer start failed on ring {}", ring, ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        errors.incrementAndGet();
        log.warn("consumer shutdown failed on ring {}", ring, ex);
    }

    /** Exceptions seen so far. */
    public long errors()
    {
        return errors.get();
    }
}
