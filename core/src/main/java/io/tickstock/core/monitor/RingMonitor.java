package io.tickstock.core.monitor;

import io.tickstock.core.ring.RingView;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pipeline's rings (its channels in order, then the publish ring), each with its
 * {@link RingWatch} status: what {@code /health}, {@code /debug/channels}, the stats samples and
 * the {@code stalled} alert all read, so that they agree on which ring is stalled. Make one per
 * pipeline and share it. Thread-safe.
 */
public final class RingMonitor
{
    private final List<RingView> rings;
    private final List<RingWatch> watches;
    private final long stallMs;

    /**
     * @param rings   the rings in the order they are reported.
     * @param stallMs how long the slowest handler may sit still with entries waiting before its ring is stalled.
     */
    public RingMonitor(final List<? extends RingView> rings, final long stallMs)
    {
        this.rings = List.copyOf(rings);
        this.stallMs = stallMs;
        final List<RingWatch> list = new ArrayList<>(this.rings.size());
        for (int i = 0; i < this.rings.size(); i++)
        {
            list.add(new RingWatch(stallMs));
        }
        this.watches = List.copyOf(list);
    }

    /** The stall time of every ring's watch. */
    public long stallMs()
    {
        return stallMs;
    }

    /** The rings, in the order they are reported. */
    public List<RingView> rings()
    {
        return rings;
    }

    /** Every ring now, in order. */
    public List<RingReading> read()
    {
        final List<RingReading> readings = new ArrayList<>(rings.size());
        for (int i = 0; i < rings.size(); i++)
        {
            readings.add(read(i));
        }
        return readings;
    }

    /** Ring {@code index} now, with its status. */
    public RingReading read(final int index)
    {
        final RingReading reading = RingReading.of(rings.get(index));
        final long nowNs = System.nanoTime();
        return reading.withStatus(watches.get(index).status(reading.running(), reading.cursor(), reading.slowest(), nowNs));
    }
}
