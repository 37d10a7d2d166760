package io.tickstock.core.ring;

import com.lmax.disruptor.ExceptionHandler;
import io.tickstock.core.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces the Disruptor's default exception handler, which halts the consumer and so stalls
 * every producer: this one counts, logs rate-limited and lets the consumer go on with the next
 * entry. The channel stages catch their own exceptions first; this is the safety net for anything
 * else (start and shutdown hooks, consumers attached to the publish ring). Each error is also kept
 * in the ring's {@link RecentErrors}. Thread-safe.
 */
public final class CountingExceptionHandler<T> implements ExceptionHandler<T>
{
    private static final Logger LOG = LoggerFactory.getLogger(CountingExceptionHandler.class);

    private final String ring;
    private final RateLimitedLog log = new RateLimitedLog(LOG, 1000);
    private final AtomicLong errors = new AtomicLong();
    private final RecentErrors recent;
    private final String eventStage;

    /**
     * @param ring       the ring's name, for the log.
     * @param recent     where each error is kept for {@code /debug/channels}.
     * @param eventStage the stage an event handler's exception is recorded under: {@code uncaught}
     *                   for a channel (its stages catch their own), {@code consumer} for the publish ring.
     */
    public CountingExceptionHandler(final String ring, final RecentErrors recent, final String eventStage)
    {
        this.ring = ring;
        this.recent = recent;
        this.eventStage = eventStage;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final T event)
    {
        errors.incrementAndGet();
        recent.record(eventStage, ex);
        log.warn("handler error on ring {}; entry skipped, consumer goes on", ring, ex);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        errors.incrementAndGet();
        recent.record("start", ex);
        log.warn("consumer start failed on ring {}", ring, ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        errors.incrementAndGet();
        recent.record("shutdown", ex);
        log.warn("consumer shutdown failed on ring {}", ring, ex);
    }

    /** Exceptions seen so far. */
    public long errors()
    {
        return errors.get();
    }
}
