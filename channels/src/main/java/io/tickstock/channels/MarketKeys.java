package io.tickstock.channels;

import io.tickstock.core.config.ConfigKey;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.ring.Quarantine;

import java.util.Arrays;
import java.util.List;

/**
 * The pipeline's configuration keys, each declared once: {@link MarketConfig.Builder}'s defaults
 * and checks, the example server's parsing and docs/configuration.md's rows come from these.
 * {@code source.restart.*} are {@link io.tickstock.core.source.RestartKeys}. Immutable.
 */
public final class MarketKeys
{
    private static final String PERCENTAGE = "a percentage";

    public static final ConfigKey PIPELINE_WAIT_STRATEGY = ConfigKey.choice("pipeline.waitStrategy", "blocking",
        "`blocking`, `lite-blocking`, `sleeping`, `yielding`, `busy-spin`",
        "how the consumers of all four rings wait; only `blocking` and `lite-blocking` (now the same) park (see `architecture.md`)");
    public static final ConfigKey PIPELINE_LAYOUT = ConfigKey.choice("pipeline.layout", "fused",
        "`fused`, `threaded`",
        "the three stages of a channel on one thread, or one thread per stage (see performance.md)");
    public static final ConfigKey PIPELINE_QUARANTINE_SIZE = Quarantine.SIZE;
    public static final ConfigKey TICK_RING_SIZE = ConfigKey.ringSize("tick.ringSize", 16_384,
        "a power of two, 64..67108864",
        "tick ring capacity (entries)");
    public static final ConfigKey OHLCV_RING_SIZE = ConfigKey.ringSize("ohlcv.ringSize", 16_384,
        "a power of two, 64..67108864",
        "ohlcv ring capacity");
    public static final ConfigKey FMV_RING_SIZE = ConfigKey.ringSize("fmv.ringSize", 16_384,
        "a power of two, 64..67108864",
        "fmv ring capacity; every trade passes through this ring too");
    public static final ConfigKey PUBLISH_RING_SIZE = ConfigKey.ringSize("publish.ringSize", 65_536,
        "a power of two, 64..67108864",
        "publish ring capacity");
    public static final ConfigKey TICK_DEDUP_WINDOW_MS = ConfigKey.integer("tick.dedupWindowMs", 60_000, 1, 86_400_000,
        "1..86400000",
        "tick duplicate window (event time); keys are remembered for two windows");
    public static final ConfigKey OHLCV_RETAINED_BARS = ConfigKey.integer("ohlcv.retainedBars", 16, 1, 1024,
        "`ohlcv.relVolBars`..1024",
        "bars retained per (symbol, tf); a bar older than all of them, once this many are retained, is `late`");
    public static final ConfigKey OHLCV_REL_VOL_BARS = ConfigKey.integer("ohlcv.relVolBars", 10, 1, 1024,
        "1..1024",
        "bars whose mean volume `relVol` compares against");
    public static final ConfigKey OHLCV_ROLLUPS = ConfigKey.text("ohlcv.rollups", "5m,15m",
        "comma-separated minute timeframes, 2m..1440m, each dividing a day; empty = none",
        "rollups built from 1m bars");
    public static final ConfigKey OHLCV_ALLOWED_LATENESS_MS = ConfigKey.integer("ohlcv.allowedLatenessMs", 5000, 0, 3_600_000,
        "0..3600000",
        "a rollup window is emitted once the ohlcv clock reaches its end plus this");
    public static final ConfigKey OHLCV_CLOCK_TICK_MS = ConfigKey.integerOrOff("ohlcv.clockTickMs", 1000, 10, 60_000,
        "0 (off) or 10..60000",
        "how often processing time advances the ohlcv clock while no bar arrives");
    public static final ConfigKey MONITOR_INTERVAL_MS = LatencyMonitor.INTERVAL_MS;
    public static final ConfigKey TREND_ENABLED = ConfigKey.bool("trend.enabled", true,
        "`true`, `false`",
        "emit `trend`");
    public static final ConfigKey TREND_WINDOW_S = ConfigKey.integer("trend.windowS", 60, 1, 3600,
        "1..3600",
        "trend window and per-direction cooldown, seconds");
    public static final ConfigKey TREND_THRESHOLD_PCT = ConfigKey.decimal("trend.thresholdPct", "0.5", 1, 100 * Fixed.ONE, PERCENTAGE,
        "0.000001..100, at most 6 decimals",
        "minimum move from the reference");
    public static final ConfigKey SURGE_ENABLED = ConfigKey.bool("surge.enabled", true,
        "`true`, `false`",
        "emit `surge`");
    public static final ConfigKey SURGE_WINDOW_S = ConfigKey.integer("surge.windowS", 10, 1, 3600,
        "1..3600",
        "surge window, seconds");
    public static final ConfigKey SURGE_VOLUME_MULTIPLE = ConfigKey.decimal("surge.volumeMultiple", "3", 1, 1000 * Fixed.ONE, "a multiple",
        "0.000001..1000, at most 6 decimals",
        "window volume against the session average per window");
    public static final ConfigKey SURGE_MIN_VOLUME = ConfigKey.integer("surge.minVolume", 10_000, 0, 1_000_000_000_000L,
        "0..1000000000000",
        "minimum window volume (shares) for the volume trigger");
    public static final ConfigKey SURGE_PRICE_PCT = ConfigKey.decimal("surge.pricePct", "1", 1, 100 * Fixed.ONE, PERCENTAGE,
        "0.000001..100, at most 6 decimals",
        "minimum move for the price trigger");
    public static final ConfigKey SURGE_COOLDOWN_S = ConfigKey.integer("surge.cooldownS", 30, 0, 3600,
        "0..3600",
        "at most one surge per (symbol, direction) per this many seconds");
    public static final ConfigKey FMV_DEDUP_WINDOW_MS = ConfigKey.integer("fmv.dedupWindowMs", 60_000, 1, 86_400_000,
        "1..86400000",
        "FMV duplicate window (event time)");
    public static final ConfigKey FMV_RECENT_TRADE_MS = ConfigKey.integer("fmv.recentTradeMs", 900_000, 0, 86_400_000,
        "0..86400000",
        "how much older than an FMV the last trade may be and still count (outlier check and `last`)");
    public static final ConfigKey FMV_OUTLIER_PCT = ConfigKey.decimal("fmv.outlierPct", "5", 1, 100 * Fixed.ONE, PERCENTAGE,
        "0.000001..100; digits with at most 6 decimals, no sign or exponent",
        "an FMV strictly more than this percentage from a recent last trade is an `outlier`");
    public static final ConfigKey FMV_SIGNAL_PCT = ConfigKey.decimal("fmv.signalPct", "1", 0, 100 * Fixed.ONE, PERCENTAGE,
        "0..100; same format",
        "`undervalued` above +this %, `overvalued` below −this %, else `fair`");

    /**
     * {@code priority.boost.SYMBOL}: any number of these keys, one per symbol; its default is none.
     * Not in {@link #ALL}.
     */
    public static final ConfigKey PRIORITY_BOOST = ConfigKey.integer("priority.boost.SYMBOL", 0, PriorityPolicy.MOST_URGENT, PriorityPolicy.LEAST_URGENT,
        "0..3; `SYMBOL` must match `[A-Z][A-Z0-9.\\-]{0,15}`",
        "lowers every priority of `SYMBOL` by this much, never below 0 (`priority.boost.SPY = 1` makes SPY's `bar` priority 2); any number of these keys");

    /** Every key but {@link #PRIORITY_BOOST}, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = all();

    private MarketKeys()
    {
    }

    /** {@code priority.TYPE}: the priority of one event type, 0 most urgent. */
    public static ConfigKey priority(final EventType type)
    {
        return ConfigKey.integer("priority." + type.wireName(), type.defaultPriority(), PriorityPolicy.MOST_URGENT, PriorityPolicy.LEAST_URGENT,
            "0..3", "priority of `" + type.wireName() + "` events (0 most urgent)");
    }

    /** {@code ohlcv.rollups}' text as timeframes, each checked by {@link MarketConfig.Builder#build()}. */
    public static List<String> rollups(final String text)
    {
        final String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.stream(trimmed.split(",")).map(String::trim).toList();
    }

    private static List<ConfigKey> all()
    {
        final List<ConfigKey> all = new java.util.ArrayList<>(List.of(
            PIPELINE_WAIT_STRATEGY, PIPELINE_LAYOUT, PIPELINE_QUARANTINE_SIZE,
            TICK_RING_SIZE, OHLCV_RING_SIZE, FMV_RING_SIZE,
            PUBLISH_RING_SIZE, TICK_DEDUP_WINDOW_MS, OHLCV_RETAINED_BARS,
            OHLCV_REL_VOL_BARS, OHLCV_ROLLUPS, OHLCV_ALLOWED_LATENESS_MS,
            OHLCV_CLOCK_TICK_MS, MONITOR_INTERVAL_MS, TREND_ENABLED,
            TREND_WINDOW_S, TREND_THRESHOLD_PCT, SURGE_ENABLED,
            SURGE_WINDOW_S, SURGE_VOLUME_MULTIPLE, SURGE_MIN_VOLUME,
            SURGE_PRICE_PCT, SURGE_COOLDOWN_S, FMV_DEDUP_WINDOW_MS,
            FMV_RECENT_TRADE_MS, FMV_OUTLIER_PCT, FMV_SIGNAL_PCT));
        for (final EventType type : EventType.values())
        {
            all.add(priority(type));
        }
        return List.copyOf(all);
    }
}
