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

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(WAIT_FOR_SUBSCRIBERS, SUMMARY_INTERVAL_S);

    private ServerKeys()
    {
    }
}
