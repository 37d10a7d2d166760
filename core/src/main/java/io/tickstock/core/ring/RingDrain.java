package io.tickstock.core.ring;

import com.lmax.disruptor.EventHandlerIdentity;
import com.lmax.disruptor.dsl.Disruptor;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drains a ring: waits until every handler has processed up to the ring's cursor, then halts it.
 *
 * <p>{@link Disruptor#shutdown(long, TimeUnit)} is not enough: it only waits for handlers whose
 * thread is already running, so a ring stopped soon after it started (a short replay file) can be
 * halted with everything still unprocessed. The handlers' sequences exist from the start, running
 * or not. Polls without spinning (a 2-core machine has other work to do). Thread-safe.
 */
final class RingDrain
{
    private static final long POLL_NS = 50_000L;

    private RingDrain()
    {
    }

    /**
     * Producers must have stopped first.
     *
     * @return whether every handler caught up within the timeout (the ring is halted either way).
     */
    static boolean drainAndHalt(
        final Disruptor<?> disruptor,
        final List<? extends EventHandlerIdentity> handlers,
        final long timeout,
        final TimeUnit unit)
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean drained = true;
        while (hasBacklog(disruptor, handlers))
        {
            if (System.nanoTime() - deadline > 0)
            {
                drained = false;
                break;
            }
            LockSupport.parkNanos(POLL_NS);
        }
        disruptor.halt();
        return drained;
    }

    private static boolean hasBacklog(final Disruptor<?> disruptor, final List<? extends EventHandlerIdentity> handlers)
    {
        final long cursor = disruptor.getCursor();
        for (final EventHandlerIdentity handler : handlers)
        {
            if (disruptor.getSequenceValueFor(handler) < cursor)
            {
                return true;
            }
        }
        return false;
    }
}
