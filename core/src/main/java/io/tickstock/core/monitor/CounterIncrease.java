package io.tickstock.core.monitor;

import io.tickstock.core.alert.AlertMetric;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * How much a counter grew over a sliding window: its value now minus its value at the newest
 * reading at least a window old (the reading when this metric was made, until there is one). With
 * a window of 0, the growth since the previous reading: since the previous evaluation of the rule.
 *
 * <p>Not thread-safe: read by the alert engine's thread only.
 */
public final class CounterIncrease implements AlertMetric
{
    private final LongSupplier counter;
    private final long windowMs;
    /** Readings, oldest first: {time, value}; the first is the base of the window. */
    private final ArrayDeque<long[]> readings = new ArrayDeque<>();

    /** @param windowMs 0 for the growth since the previous reading. */
    public CounterIncrease(final LongSupplier counter, final long windowMs)
    {
        this.counter = counter;
        this.windowMs = windowMs;
        readings.addLast(new long[] {Long.MIN_VALUE, counter.getAsLong()});
    }

    @Override
    public double read(final long nowMs)
    {
        final long value = counter.getAsLong();
        while (readings.size() > 1 && old(second()[0], nowMs))
        {
            readings.removeFirst();
        }
        final long increase = value - readings.peekFirst()[1];
        readings.addLast(new long[] {nowMs, value});
        return increase;
    }

    private boolean old(final long timeMs, final long nowMs)
    {
        return timeMs <= nowMs - windowMs;
    }

    private long[] second()
    {
        final Iterator<long[]> it = readings.iterator();
        it.next();
        return it.next();
    }
}
