package io.tickstock.benchmarks;

import io.tickstock.core.ring.WaitStrategyKind;

import java.util.concurrent.locks.LockSupport;

/**
 * How the benchmark thread learns that the last consumer of a chain has seen a record: the
 * consumer reports the source sequence of each record it sees, and the benchmark thread waits for
 * the one it published. It waits the way the chain's own threads do: parked until the consumer
 * unparks it for a blocking or sleeping chain (no core spent spinning), yielding or spinning for
 * the others. The same object ends all three chains of {@code PipelineBenchmark}, so the cost of
 * this last hand-off is the same in each.
 *
 * <p>Thread-safe for one consumer thread ({@link #arrived}) and one waiting thread ({@link #await}).
 */
final class Completion
{
    /** A safety net only: a wake-up is never lost, so a wait this long would be a bug worth seeing. */
    private static final long PARK_LIMIT_NS = 100_000_000L;

    private final WaitStrategyKind wait;
    private volatile Observer observer;
    private volatile long seen;
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;

    Completion(final WaitStrategyKind wait)
    {
        this.wait = wait;
    }

    /** Told of every sequence the consumer sees, on the consumer's thread. */
    interface Observer
    {
        void arrived(long sequence);
    }

    /** Installs the observer; set it before the records it is to see are published. */
    void observe(final Observer observer)
    {
        this.observer = observer;
    }

    /** The consumer has seen the record with this source sequence (sequences only grow). */
    void arrived(final long sequence)
    {
        final Observer current = observer;
        if (current != null)
        {
            current.arrived(sequence);
        }
        seen = sequence;
        // volatile write, then volatile reads: either the waiter sees the sequence or we see its target
        if (sequence >= target)
        {
            final Thread thread = waiter;
            if (thread != null)
            {
                LockSupport.unpark(thread);
            }
        }
    }

    /** Waits until the consumer has seen the record with this source sequence. */
    void await(final long sequence)
    {
        if (seen >= sequence)
        {
            return;
        }
        waiter = Thread.currentThread();
        target = sequence;
        while (seen < sequence)
        {
            switch (wait)
            {
                case BUSY_SPIN:
                    Thread.onSpinWait();
                    break;
                case YIELDING:
                    Thread.yield();
                    break;
                default:
                    LockSupport.parkNanos(this, PARK_LIMIT_NS);
                    break;
            }
        }
        target = Long.MAX_VALUE;
        waiter = null;
    }

    /** The last sequence the consumer reported. */
    long seen()
    {
        return seen;
    }
}
