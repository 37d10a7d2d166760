package io.tickstock.core.monitor;

import io.tickstock.core.alert.AlertMetric;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * Records rejected as a percentage of records received over a sliding window: the change of both
 * counters between the reading at least a window ago (or the first reading, until a window has
 * passed) and now. Unknown (NaN) while nothing was received in the window.
 *
 * <p>Not thread-safe: read by the alert engine's thread only.
 */
public final class RejectRatio implements AlertMetric
{
    private final LongSupplier received;
    private final LongSupplier rejected;
    private final long windowMs;
    /** Readings, oldest first: {time, received, rejected}; the first is the base of the window. */
    private final ArrayDeque<long[]> readings = new ArrayDeque<>();

    public RejectRatio(final LongSupplier received, final LongSupplier rejected, final long windowMs)
    {
        this.received = received;
        this.rejected = rejected;
        this.windowMs = windowMs;
    }

    @Override
    public double read(final long nowMs)
    {
        // rejected first: it never runs ahead of received, which counts every rejected record too
        final long rejectedNow = rejected.getAsLong();
        final long receivedNow = received.getAsLong();
        readings.addLast(new long[] {nowMs, receivedNow, rejectedNow});
        while (readings.size() > 1 && second()[0] <= nowMs - windowMs)
        {
            readings.removeFirst();
        }
        final long[] base = readings.peekFirst();
        final long receivedDelta = receivedNow - base[1];
        if (receivedDelta <= 0)
        {
            return Double.NaN;
        }
        return 100.0 * Math.max(0, rejectedNow - base[2]) / receivedDelta;
    }

    private long[] second()
    {
        final Iterator<long[]> it = readings.iterator();
        it.next();
        return it.next();
    }
}
