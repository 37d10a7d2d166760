package io.tickstock.core;

/**
 * Microseconds since the epoch without allocation: the wall clock read once at class load,
 * advanced by {@link System#nanoTime()}. Monotonic; drifts from the wall clock only as much as the
 * two clocks drift apart while the process runs. Thread-safe.
 */
public final class EpochClock
{
    private static final long BASE_US;
    private static final long BASE_NS;

    static
    {
        final java.time.Instant now = java.time.Instant.now();
        BASE_NS = System.nanoTime();
        BASE_US = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private EpochClock()
    {
    }

    public static long micros()
    {
        return BASE_US + (System.nanoTime() - BASE_NS) / 1_000;
    }

    public static long millis()
    {
        return micros() / 1_000;
    }
}
