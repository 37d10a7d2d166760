package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.ClientCounts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One client's delivery counts as its one writer (the fan-out thread) last published them, read
 * by any thread as a consistent copy without a lock: a sequence lock, the version odd while a
 * write is in progress, the reader retrying until it saw the same even version before and after.
 *
 * <p>Thread-safe: one writer, any number of readers.
 */
final class PublishedCounts
{
    private static final VarHandle VERSION;

    static
    {
        try
        {
            VERSION = MethodHandles.lookup().findVarHandle(PublishedCounts.class, "version", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused")
    private volatile long version;
    private long matched;
    private long sent;
    private long conflated;
    private long dropped;
    private long queued;

    /** The writer's thread only. */
    void publish(final long matched, final long sent, final long conflated, final long dropped, final long queued)
    {
        final long v = (long)VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        this.matched = matched;
        this.sent = sent;
        this.conflated = conflated;
        this.dropped = dropped;
        this.queued = queued;
        VERSION.setRelease(this, v + 2);
    }

    ClientCounts read()
    {
        while (true)
        {
            final long before = (long)VERSION.getAcquire(this);
            final ClientCounts counts = new ClientCounts(matched, sent, conflated, dropped, queued);
            VarHandle.loadLoadFence();
            if ((before & 1) == 0 && before == (long)VERSION.getOpaque(this))
            {
                return counts;
            }
            Thread.onSpinWait();
        }
    }
}
