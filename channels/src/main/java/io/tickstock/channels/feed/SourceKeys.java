package io.tickstock.channels.feed;

import io.tickstock.core.config.ConfigKey;

import java.util.List;

/**
 * The built-in sources' configuration keys, each declared once: {@code source.name},
 * {@code simulator.*} ({@link SimulatorSource}, {@link RateProfile}) and {@code replay.*}
 * ({@link ReplaySource}). Their builders' defaults and checks, the example server's parsing and
 * docs/configuration.md's rows come from these. Immutable.
 */
public final class SourceKeys
{
    public static final ConfigKey SOURCE_NAME = ConfigKey.text("source.name", "",
        "up to 64 characters of `A-Z a-z 0-9 . _ -`",
        "the source name, carried as `src.name` on every event and in the thread name `tickstock-source-NAME`; empty means `sim` for the simulator and `replay` for a replay file");
    public static final ConfigKey SIMULATOR_SYMBOLS = ConfigKey.integer("simulator.symbols", 8000, 1, 26 * 26 * 26 * 26,
        "1..456976",
        "symbols simulated (SPY, QQQ, AAPL, MSFT, NVDA, AMZN, GOOGL, META, TSLA, AMD, then `X` + four letters)");
    public static final ConfigKey SIMULATOR_RATE = ConfigKey.integer("simulator.rate", 20_000, 1, RateProfile.MAX_RATE,
        "1..10000000",
        "trade and FMV records per second; bars are extra");
    public static final ConfigKey SIMULATOR_SEED = ConfigKey.integer("simulator.seed", 1, Long.MIN_VALUE, Long.MAX_VALUE,
        "any 64-bit integer",
        "random seed; the same seed gives the same symbols, prices and sizes");
    public static final ConfigKey SIMULATOR_SURGE_MULTIPLIER = ConfigKey.integer("simulator.surge.multiplier", 1, 1, 100,
        "1..100, and at most 10000000 / `simulator.rate`",
        "a surge (market open, say): the rate is multiplied by this from `simulator.surge.startMs` for `simulator.surge.durationMs`; 1 = no surge");
    public static final ConfigKey SIMULATOR_SURGE_START_MS = ConfigKey.integer("simulator.surge.startMs", 0, 0, 86_400_000,
        "0..86400000",
        "when the surge starts, milliseconds after the simulator starts");
    public static final ConfigKey SIMULATOR_SURGE_DURATION_MS = ConfigKey.integer("simulator.surge.durationMs", 0, 0, 86_400_000,
        "0..86400000 (0 = no surge)",
        "how long the surge lasts");
    public static final ConfigKey SIMULATOR_MAX_RECORDS = ConfigKey.integer("simulator.maxRecords", 0, 0, Long.MAX_VALUE,
        "0..9223372036854775807 (0 = no limit)",
        "stop the simulator after this many records, bars included");
    public static final ConfigKey REPLAY_FILE = ConfigKey.text("replay.file", "",
        "a readable file; empty = use the simulator",
        "NDJSON feed file to replay");
    public static final ConfigKey REPLAY_SPEED = ConfigKey.atLeast("replay.speed", "1", 0,
        "a decimal ≥ 0",
        "replay pace by event time (1 = as recorded, 0 = as fast as possible)");

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(
        SOURCE_NAME, SIMULATOR_SYMBOLS, SIMULATOR_RATE,
        SIMULATOR_SEED, SIMULATOR_SURGE_MULTIPLIER, SIMULATOR_SURGE_START_MS,
        SIMULATOR_SURGE_DURATION_MS, SIMULATOR_MAX_RECORDS, REPLAY_FILE,
        REPLAY_SPEED);

    private SourceKeys()
    {
    }
}
