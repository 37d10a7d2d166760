package io.tickstock.publisher.internal.http;

import java.util.concurrent.TimeUnit;

/**
 * Tells whether one ring's handlers keep up: {@link #STOPPED} when the ring is not running,
 * {@link #STALLED} when entries wait and the slowest handler has not advanced for {@link #STALL_MS},
 * else {@link #OK}. A busy ring whose handlers advance is {@code ok} however full it is; a ring
 * with nothing waiting is {@code ok} however long it is idle. Each reading updates the watch, so
 * the answer depends only on the readings, not on how often they are taken.
 *
 * <p>Thread-safe.
 */
public final class RingWatch
{
    public static final String OK = "ok";
    public static final String STALLED = "stalled";
    public static final String STOPPED = "stopped";
    /** How long the slowest handler may sit still with entries waiting before the ring counts as stalled. */
    public static final long STALL_MS = 5_000;

    private static final long STALL_NS = TimeUnit.MILLISECONDS.toNanos(STALL_MS);

    private boolean seen;
    private long lastSlowest;
    private long lastProgressNs;

    /**
     * @param running whether the ring has started and not stopped.
     * @param cursor  the producer cursor.
     * @param slowest the slowest handler's sequence.
     * @param nowNs   {@link System#nanoTime()} of the reading.
     */
    synchronized String status(final boolean running, final long cursor, final long slowest, final long nowNs)
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
        return nowNs - lastProgressNs >= STALL_NS ? STALLED : OK;
    }
}
