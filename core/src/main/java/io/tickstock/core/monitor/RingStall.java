package io.tickstock.core.monitor;

import io.tickstock.core.alert.AlertMetric;

/**
 * A stalled ring: the entries waiting while its {@link RingWatch} reads {@link RingWatch#STALLED}
 * (entries waiting and the slowest handler still for the stall time), else 0. It reads the
 * pipeline's shared {@link RingMonitor}, so the alert fires when {@code /health} turns the ring
 * {@code stalled}, at the evaluation that first sees it.
 *
 * <p>Thread-safe.
 */
public final class RingStall implements AlertMetric
{
    private final RingMonitor monitor;
    private final int index;

    /** @param index the ring's place in the monitor's rings. */
    public RingStall(final RingMonitor monitor, final int index)
    {
        this.monitor = monitor;
        this.index = index;
    }

    @Override
    public double read(final long nowMs)
    {
        final RingReading reading = monitor.read(index);
        return RingWatch.STALLED.equals(reading.status()) ? reading.fill() : 0;
    }
}
