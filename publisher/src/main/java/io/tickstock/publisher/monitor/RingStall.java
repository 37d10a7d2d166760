package io.tickstock.publisher.monitor;

import com.lmax.disruptor.RingBuffer;
import io.tickstock.core.alert.AlertMetric;

/**
 * A ring that makes no progress: the entries waiting when its slowest handler has not advanced
 * since the previous reading, else 0. The rule on it says for how long that must last; the first
 * reading has nothing to compare with and reads 0.
 *
 * <p>Not thread-safe: read by the alert engine's thread only.
 */
final class RingStall implements AlertMetric
{
    private final RingBuffer<?> ring;
    private boolean seen;
    private long lastSlowest;

    RingStall(final RingBuffer<?> ring)
    {
        this.ring = ring;
    }

    @Override
    public double read(final long nowMs)
    {
        final long slowest = ring.getMinimumGatingSequence();
        final long waiting = Math.max(0, ring.getCursor() - slowest);
        final boolean stalled = seen && slowest == lastSlowest && waiting > 0;
        seen = true;
        lastSlowest = slowest;
        return stalled ? waiting : 0;
    }

    /**
     * Entries claimed and not yet processed by the slowest handler (the gating sequences, read
     * before the cursor so the difference is never negative); 0 for a ring without handlers.
     */
    static long backlog(final RingBuffer<?> ring)
    {
        final long slowest = ring.getMinimumGatingSequence();
        return Math.max(0, ring.getCursor() - slowest);
    }
}
