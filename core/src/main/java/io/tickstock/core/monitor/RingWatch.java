package io.tickstock.core.monitor;

import java.util.concurrent.TimeUnit;

/**
 * The one definition of a ring that does not keep up: {@link #STOPPED} when the ring is not
 * running, {@link #STALLED} when entries wait and the slowest handler has not advanced for the
 * stall time, else {@link #OK}. A busy ring whose handlers advance is {@code ok} however full it
 * is; a ring with nothing waiting is {@code ok} however long it is idle. Each reading updates the
 * watch, so the answer depends only on the readings and the time since the slowest handler last
 * moved, not on how often or by whom the ring is read: {@code /health}, the stats samples and the
 * {@code stalled} alert read the same watch ({@link RingMonitor}).
 *
 * <p>Thread-safe.
 */
public final class RingWatch
{
    public static final String OK = "ok";
    public static final String STALLED = "stalled";
    public static final String STOPPED = "stopped";
    /** The default stall time: that of {@code alert.stalled.forS} (docs/configuration.md). */
    public static final long DEFAULT_STALL_MS = 5_000;

    private final long stallNs;
    private boolean seen;
    private long lastSlowest;
    private long lastProgressNs;

    /** @param stallMs how long the slowest handler may sit still with entries waiting before the ring is stalled. */
    public RingWatch(final long stallMs)
    {
        this.stallNs = TimeUnit.MILLISECONDS.toNanos(stallMs);
    }

    /**
     * @param running whether the ring has started and not stopped.
     * @param cursor  the producer cursor.
     * @param slowest the slowest handler's sequence.
     * @param nowNs   {@link System#nanoTime()} of the reading.
     */
    public synchronized String status(final boolean running, final long cursor, final long slowest, final long nowNs)
    {
        if (!running)
        {
            seen = false;
            return STOPPED;
        }
        if (!seen || slowest != lastSlowest || slowest >= cursor)
        {
            seen = true;
            lastSlowest = slowest;
            lastProgressNs = nowNs;
            return OK;
        }
        return nowNs - lastProgressNs >= stallNs ? STALLED : OK;
    }
}
