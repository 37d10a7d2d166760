package io.tickstock.core.monitor;

import io.tickstock.core.alert.AlertMetric;
import io.tickstock.core.ring.RingView;

/**
 * How full a ring is, in percent of its capacity: the entries claimed by producers and not yet
 * processed by its slowest handler ({@link RingReading#fill()}). Keeps no state. Thread-safe.
 */
public final class RingFill implements AlertMetric
{
    private final RingView ring;

    public RingFill(final RingView ring)
    {
        this.ring = ring;
    }

    @Override
    public double read(final long nowMs)
    {
        final RingReading reading = RingReading.of(ring);
        return 100.0 * reading.fill() / reading.capacity();
    }
}
