package io.tickstock.examples;

import io.tickstock.core.config.ConfigKey;

import java.util.List;

/**
 * The keys only the example server reads, each declared once; the library's own are in
 * {@code EdgeKeys}, {@code MarketKeys}, {@code AlertKeys}, {@code SourceKeys}, {@code FeedKeys}
 * and {@code RestartKeys}. Immutable.
 */
public final class ServerKeys
{
    public static final ConfigKey WAIT_FOR_SUBSCRIBERS = ConfigKey.integer("server.waitForSubscribers", 0, 0, 100_000,
        "0..100000",
        "start the source once this many clients have sent an accepted `subscribe` (0 = at once); `/health` is 503 until the source starts");
    public static final ConfigKey SUMMARY_INTERVAL_S = ConfigKey.integer("server.summaryIntervalS", 5, 0, 3600,
        "0..3600 (0 = no summary)",
        "seconds between summary lines");
    public static final ConfigKey WARM_UP_RECORDS = ConfigKey.integer("server.warmUpRecords", 200_000, 0, 10_000_000,
        "0..10000000 (0 = no warm-up)",
        "before the port opens, this many simulated records (one simulated millisecond each, so a minute's bars every 60,000) run through a throwaway pipeline and edge of the same configuration, so that the JIT has compiled the minute-bar and fan-out paths before the first real minute (docs/performance.md); nothing of it is served or counted");

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(WAIT_FOR_SUBSCRIBERS, SUMMARY_INTERVAL_S, WARM_UP_RECORDS);

    private ServerKeys()
    {
    }
}
