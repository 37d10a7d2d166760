package io.tickstock.core.ring;

import com.lmax.disruptor.EventHandlerIdentity;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link Channel} and the {@link PublishRing} both are: a Disruptor ring that publishes
 * without dropping (try first; when the ring is full, count a full wait and block until there is
 * room), keeps the recent errors its exception handler records, drains before halting, and shows
 * all this to monitoring as a {@link RingView}. The two rings differ only in their handlers, which
 * they set up themselves, and in what they call them.
 *
 * <p>Thread-safe: any thread may publish and read; start and drain are called by the ring's owner.
 *
 * @param <E> the ring entry.
 */
abstract class DisruptorRing<E> implements RingView
{
    private final Disruptor<E> disruptor;
    private final RingBuffer<E> ring;
    private final RecentErrors recentErrors = new RecentErrors(RecentErrors.DEFAULT_CAPACITY);
    private final CountingExceptionHandler<E> exceptionHandler;
    private final AtomicLong fullWaits = new AtomicLong();
    private volatile boolean running;

    /**
     * Replaces the Disruptor's default exception handler with one that counts, records among the
     * {@link #recentErrors()} under {@code errorStage}, logs rate-limited and lets the handler go on.
     *
     * @param ringName names the ring in the log lines of its exception handler.
     */
    DisruptorRing(final Disruptor<E> disruptor, final String ringName, final String errorStage)
    {
        this.disruptor = disruptor;
        this.ring = disruptor.getRingBuffer();
        this.exceptionHandler = new CountingExceptionHandler<>(ringName, recentErrors, errorStage);
        disruptor.setDefaultExceptionHandler(exceptionHandler);
    }

    final Disruptor<E> disruptor()
    {
        return disruptor;
    }

    /** The Disruptor ring itself. */
    public final RingBuffer<E> ring()
    {
        return ring;
    }

    /**
     * Publishes one entry; when the ring is full, counts a {@link #fullWaits() full wait} and waits
     * for room (never drops: a slow handler slows the producers). Any thread.
     */
    public final <A> void publish(final EventTranslatorOneArg<E, A> translator, final A arg)
    {
        if (!ring.tryPublishEvent(translator, arg))
        {
            fullWaits.incrementAndGet();
            ring.publishEvent(translator, arg);
        }
    }

    /**
     * Publishes one entry if the ring has room, without waiting: for a producer that must not block
     * (the ohlcv clock, which shares its thread with the monitoring) and tries again later.
     *
     * @param countWait whether a full ring counts a {@link #fullWaits() full wait}: true on the
     *                  first try of an entry, false on its retries, so each entry counts once.
     * @return false when the ring was full and nothing was published.
     */
    public final <A> boolean tryPublish(final EventTranslatorOneArg<E, A> translator, final A arg, final boolean countWait)
    {
        if (ring.tryPublishEvent(translator, arg))
        {
            return true;
        }
        if (countWait)
        {
            fullWaits.incrementAndGet();
        }
        return false;
    }

    @Override
    public final long fullWaits()
    {
        return fullWaits.get();
    }

    /** The last few errors of this ring's handlers and hooks, and how many there were in all. */
    @Override
    public final RecentErrors recentErrors()
    {
        return recentErrors;
    }

    /** Exceptions the exception handler caught: outside the stages for a channel, any consumer's for the publish ring. */
    final long exceptionsCaught()
    {
        return exceptionHandler.errors();
    }

    final void startRing()
    {
        disruptor.start();
        running = true;
    }

    /** Whether the ring has started and has not been stopped by its drain. */
    @Override
    public final boolean isRunning()
    {
        return running;
    }

    @Override
    public final int capacity()
    {
        return ring.getBufferSize();
    }

    @Override
    public final long cursor()
    {
        return ring.getCursor();
    }

    /** The sequence each of {@code handlers} has processed up to, in their order. */
    final long[] sequences(final List<? extends EventHandlerIdentity> handlers)
    {
        final long[] sequences = new long[handlers.size()];
        for (int i = 0; i < sequences.length; i++)
        {
            sequences[i] = disruptor.getSequenceValueFor(handlers.get(i));
        }
        return sequences;
    }

    /**
     * Marks the ring stopped, waits until every one of {@code handlers} has processed every
     * published entry, then halts the threads. Producers must have stopped first.
     *
     * @return whether the ring drained within the timeout (the threads are halted either way).
     */
    final boolean drain(final List<? extends EventHandlerIdentity> handlers, final long timeout, final TimeUnit unit)
    {
        running = false;
        return RingDrain.drainAndHalt(disruptor, handlers, timeout, unit);
    }
}
