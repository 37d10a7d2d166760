package io.tickstock.publisher.monitor;

import com.lmax.disruptor.RingBuffer;
import io.tickstock.core.alert.AlertMetric;

/**
 * How full a ring is, in percent of its capacity: the entries claimed by producers and not yet
 * processed by its slowest handler. Keeps no state. Thread-safe.
 */
final class RingFill implements AlertMetric
{
    private final RingBuffer<?> ring;

    RingFill(final RingBuffer<?> ring)
    {
        this.ring = ring;
    }

    @Override
    public double read(final long nowMs)
    {
        return 100.0 * RingStall.backlog(ring) / ring.getBufferSize();
    }
}
