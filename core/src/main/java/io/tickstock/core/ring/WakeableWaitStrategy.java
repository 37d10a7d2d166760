package io.tickstock.core.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The wait strategy of the publish ring, and of every ring whose consumers park ({@link
 * WaitStrategyKind#newStrategy()}): waits as its {@link WaitStrategyKind} says, and lets a
 * consumer that has other work besides the ring (the edge's commands from the event loops) be
 * woken for it. A consumer thread {@linkplain #watch registers} what it has to do; when that says
 * there is work while the thread waits for the ring, the wait ends with a {@link TimeoutException},
 * which the Disruptor turns into {@code onTimeout} on the consumer's own thread. Whoever hands the
 * consumer work calls {@link #wake()} after handing it over.
 *
 * <p>{@link WaitStrategyKind#LITE_BLOCKING} waits here exactly as {@link WaitStrategyKind#BLOCKING}
 * does. A publisher takes the lock to signal only while a consumer waits: taking it and calling
 * {@code notifyAll} for every event, with nobody waiting, was 8 % of the tick chain's CPU time
 * (the JDK 25 CPU-time sampler over {@code ChainBenchmark.tickChain}).
 *
 * <p>No wake-up is lost. A consumer counts itself in {@link #waiting} (a volatile write) before it
 * reads the cursor, and a publisher advances the cursor, then fences, before it reads {@link
 * #waiting}: of the two, at least one sees the other's write, so either the consumer
 * does not wait or the publisher signals, under the lock the consumer holds until it waits. A
 * waiting consumer checks its work under the same lock that {@link #wake()} takes to signal, and
 * the non-blocking kinds check it on every pass of their loop.
 *
 * <p>Thread-safe.
 */
public final class WakeableWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 100;
    private static final long SLEEP_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final WaitStrategyKind kind;
    private final Object mutex = new Object();
    /** Consumers inside {@link #block}: changed only under {@link #mutex}, read by publishers without it. */
    private volatile int waiting;
    private final ThreadLocal<BooleanSupplier> work = new ThreadLocal<>();

    public WakeableWaitStrategy(final WaitStrategyKind kind)
    {
        this.kind = kind;
    }

    /** Called on a consumer's own thread (from {@code onStart}): end its waits while {@code hasWork} says so. */
    public void watch(final BooleanSupplier hasWork)
    {
        work.set(hasWork);
    }

    /** Wakes any consumer waiting for the ring, so that it can look at its other work. Any thread. */
    public void wake()
    {
        if (kind == WaitStrategyKind.BLOCKING || kind == WaitStrategyKind.LITE_BLOCKING)
        {
            synchronized (mutex)
            {
                mutex.notifyAll();
            }
        }
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependent, final SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException
    {
        final BooleanSupplier hasWork = work.get();
        if (cursor.get() < sequence)
        {
            switch (kind)
            {
                case BLOCKING, LITE_BLOCKING -> block(sequence, cursor, barrier, hasWork);
                default -> poll(sequence, cursor, barrier, hasWork);
            }
        }
        long available;
        while ((available = dependent.get()) < sequence)
        {
            barrier.checkAlert();
            Thread.onSpinWait();
        }
        return available;
    }

    private void block(final long sequence, final Sequence cursor, final SequenceBarrier barrier, final BooleanSupplier hasWork)
        throws AlertException, InterruptedException, TimeoutException
    {
        synchronized (mutex)
        {
            waiting++;
            try
            {
                while (cursor.get() < sequence)
                {
                    barrier.checkAlert();
                    if (hasWork != null && hasWork.getAsBoolean())
                    {
                        throw TimeoutException.INSTANCE;
                    }
                    mutex.wait();
                }
            }
            finally
            {
                waiting--;
            }
        }
    }

    private void poll(final long sequence, final Sequence cursor, final SequenceBarrier barrier, final BooleanSupplier hasWork)
        throws AlertException, TimeoutException
    {
        int tries = 0;
        while (cursor.get() < sequence)
        {
            barrier.checkAlert();
            if (hasWork != null && hasWork.getAsBoolean())
            {
                throw TimeoutException.INSTANCE;
            }
            if (kind == WaitStrategyKind.BUSY_SPIN || tries < SPIN_TRIES)
            {
                tries++;
                Thread.onSpinWait();
            }
            else if (kind == WaitStrategyKind.YIELDING || tries < 2 * SPIN_TRIES)
            {
                tries++;
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(SLEEP_NS);
            }
        }
    }

    @Override
    public void signalAllWhenBlocking()
    {
        // the cursor's store before the read of waiting, whichever sequencer published (a multi-
        // producer one already fenced it with the claim's compare-and-set)
        VarHandle.fullFence();
        if (waiting != 0)
        {
            synchronized (mutex)
            {
                mutex.notifyAll();
            }
        }
    }
}
