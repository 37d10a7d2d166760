package io.tickstock.examples;

import io.tickstock.channels.EventType;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.PriorityPolicy;
import io.tickstock.channels.feed.RateProfile;
import io.tickstock.channels.monitor.AlertConfig;
import io.tickstock.core.alert.Severity;
import io.tickstock.core.ring.Quarantine;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.feed.FeedSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The example server's whole configuration: a Java properties file (see docs/configuration.md),
 * overridden by command-line options. Every key is checked on load: an unknown key is an error
 * that suggests the nearest known one, a bad value names the key and the allowed values.
 * Immutable once built.
 */
public final class ServerConfig
{
    /** Every key with its default, in the order docs/configuration.md lists them. */
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private ServerConfig(final Map<String, String> values)
    {
        this.values = Map.copyOf(values);
    }

    private static Map<String, String> defaults()
    {
        final Map<String, String> d = new LinkedHashMap<>();
        d.put("server.host", "127.0.0.1");
        d.put("server.port", "8080");
        d.put("server.waitForSubscribers", "0");
        d.put("server.summaryIntervalS", "5");
        d.put("source.name", "");
        d.put("simulator.symbols", "8000");
        d.put("simulator.rate", "20000");
        d.put("simulator.seed", "1");
        d.put("simulator.maxRecords", "0");
        d.put("simulator.surge.multiplier", "1");
        d.put("simulator.surge.startMs", "0");
        d.put("simulator.surge.durationMs", "0");
        d.put("replay.file", "");
        d.put("replay.speed", "1");
        FeedConfig.defaults(d);
        d.put("source.restart.enabled", "true");
        d.put("source.restart.initialBackoffMs", "500");
        d.put("source.restart.maxBackoffMs", "30000");
        d.put("source.restart.jitter", "0.2");
        d.put("source.restart.maxAttempts", "0");
        d.put("pipeline.waitStrategy", "blocking");
        d.put("pipeline.layout", "fused");
        d.put("pipeline.quarantineSize", "100");
        d.put("tick.ringSize", "16384");
        d.put("ohlcv.ringSize", "16384");
        d.put("fmv.ringSize", "16384");
        d.put("publish.ringSize", "65536");
        d.put("tick.dedupWindowMs", "60000");
        d.put("ohlcv.retainedBars", "16");
        d.put("ohlcv.relVolBars", "10");
        d.put("ohlcv.rollups", "5m,15m");
        d.put("ohlcv.allowedLatenessMs", "5000");
        d.put("ohlcv.clockTickMs", "1000");
        d.put("monitor.intervalMs", "5000");
        d.put("monitor.heapBudgetBytes", "0");
        d.put("alert.evaluateMs", "1000");
        d.put("alert.webhookUrl", "");
        alertRule(d, AlertConfig.E2E_P99, "thresholdMs", "50", "30", "warning");
        alertRule(d, AlertConfig.RING_WARN, "thresholdPct", "80", "10", "warning");
        alertRule(d, AlertConfig.RING_ERROR, "thresholdPct", "95", "10", "error");
        alertRule(d, AlertConfig.STALLED, null, null, "5", "critical");
        alertRule(d, AlertConfig.RING_FULL_WAITS, null, null, "0", "warning");
        alertRule(d, AlertConfig.REJECTS, "thresholdPct", "5", "0", "warning");
        d.put("alert.rejects.windowS", "60");
        alertRule(d, AlertConfig.SOURCE_FAILURES, null, null, "0", "error");
        d.put("alert.sourceFailures.windowS", "60");
        alertRule(d, AlertConfig.HEAP, null, null, "30", "warning");
        d.put("trend.enabled", "true");
        d.put("trend.windowS", "60");
        d.put("trend.thresholdPct", "0.5");
        d.put("surge.enabled", "true");
        d.put("surge.windowS", "10");
        d.put("surge.volumeMultiple", "3");
        d.put("surge.minVolume", "10000");
        d.put("surge.pricePct", "1");
        d.put("surge.cooldownS", "30");
        d.put("fmv.dedupWindowMs", "60000");
        d.put("fmv.recentTradeMs", "900000");
        d.put("fmv.outlierPct", "5");
        d.put("fmv.signalPct", "1");
        for (final EventType type : EventType.values())
        {
            d.put("priority." + type.wireName(), Integer.toString(type.defaultPriority()));
        }
        d.put("edge.heartbeatMs", "5000");
        d.put("edge.maxSymbols", "5000");
        d.put("edge.maxFrameBytes", "65536");
        d.put("edge.maxOpsPerSecond", "50");
        d.put("edge.shutdownFlushMs", "5000");
        d.put("edge.maxQueuedEvents", "10000");
        d.put("edge.maxBatchFrameBytes", "65536");
        d.put("edge.flushDelayUs", "0");
        d.put("edge.writeBufferHighBytes", "1048576");
        d.put("edge.slowConsumerCloseMs", "30000");
        d.put("edge.historySize", "65536");
        d.put("edge.pingIntervalMs", "30000");
        d.put("edge.maxConnections", "10000");
        d.put("edge.handshakeTimeoutMs", "10000");
        d.put("edge.compression", "false");
        d.put("edge.tokens", "");
        d.put("edge.allowedOrigins", "");
        d.put("edge.adminAccess", "loopback");
        d.put("edge.adminToken", "");
        d.put("socketio.enabled", "true");
        d.put("socketio.port", "0");
        d.put("server.tlsCert", "");
        d.put("server.tlsKey", "");
        return d;
    }

    /** {@code alert.ID.enabled}, {@code .THRESHOLD} (when the rule has one), {@code .forS}, {@code .severity}, {@code .cooldownS}. */
    private static void alertRule(final Map<String, String> d, final String id, final String thresholdKey, final String threshold,
        final String forS, final String severity)
    {
        final String prefix = "alert." + id + ".";
        d.put(prefix + "enabled", "true");
        if (thresholdKey != null)
        {
            d.put(prefix + thresholdKey, threshold);
        }
        d.put(prefix + "forS", forS);
        d.put(prefix + "severity", severity);
        d.put(prefix + "cooldownS", "60");
    }

    /** The defaults alone. */
    public static ServerConfig defaultConfig()
    {
        return of(Map.of());
    }

    /**
     * Loads a properties file.
     *
     * @throws IllegalArgumentException for an unreadable file, an unknown key or a bad value.
     */
    public static ServerConfig load(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("--config: cannot read " + file + ": " + ex.getMessage(), ex);
        }
        final Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return of(values);
    }

    /**
     * A configuration from key/value pairs over the defaults.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value.
     */
    public static ServerConfig of(final Map<String, String> overrides)
    {
        final Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((key, value) ->
        {
            if (!DEFAULTS.containsKey(key) && !key.startsWith("priority.boost.") && !FeedConfig.isNamedKey(key))
            {
                final String feedHint = FeedConfig.namedKeyHint(key);
                throw new IllegalArgumentException("unknown configuration key '" + key + "'" + (feedHint != null ? feedHint : suggestion(key)));
            }
            merged.put(key, value);
        });
        final ServerConfig config = new ServerConfig(merged);
        config.marketConfig();
        config.edgeConfig();
        config.alertConfig();
        config.validateServer();
        if (!config.feeds().isEmpty() && !config.string("replay.file").isEmpty())
        {
            throw new IllegalArgumentException("replay.file and feed.url (--replay and --feed): both set; allowed: one source, " +
                "a replay file or live feeds");
        }
        return config;
    }

    /** This configuration with some keys replaced (command-line options over the file). */
    public ServerConfig with(final Map<String, String> overrides)
    {
        final Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        final Map<String, String> changed = new LinkedHashMap<>();
        merged.forEach((key, value) ->
        {
            if (!value.equals(DEFAULTS.get(key)))
            {
                changed.put(key, value);
            }
        });
        return of(changed);
    }

    private static String suggestion(final String key)
    {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String known : DEFAULTS.keySet())
        {
            final int distance = distance(key.toLowerCase(java.util.Locale.ROOT), known.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }
        return best != null && bestDistance <= Math.max(3, key.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(final String a, final String b)
    {
        final int[] previous = new int[b.length() + 1];
        final int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            System.arraycopy(current, 0, previous, 0, current.length);
        }
        return previous[b.length()];
    }

    public String string(final String key)
    {
        return values.get(key);
    }

    public int integer(final String key, final int min, final int max)
    {
        return (int)number(key, min, max);
    }

    public long number(final String key, final long min, final long max)
    {
        final String text = values.get(key);
        final long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer; allowed: " + min + ".." + max);
        }
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(key + ": " + value + " is out of range; allowed: " + min + ".." + max);
        }
        return value;
    }

    private int ringSize(final String key)
    {
        final String text = values.get(key);
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": '" + text + "' is not allowed; allowed: a power of two from 64 to 67108864");
        }
    }

    /** A decimal percentage in {@link Fixed} micros. */
    private long percent(final String key, final long minMicros, final long maxMicros)
    {
        return decimalMicros(key, minMicros, maxMicros, "a percentage");
    }

    private long decimalMicros(final String key, final long minMicros, final long maxMicros, final String what)
    {
        final String text = values.get(key);
        final long micros = text.matches("[0-9]+(\\.[0-9]{1,6})?") ? Fixed.parse(text) : Fixed.NOT_FINITE;
        if (micros == Fixed.NOT_FINITE || micros < minMicros || micros > maxMicros)
        {
            throw new IllegalArgumentException(key + ": '" + text + "' is not allowed; allowed: " + what + " from " +
                Fixed.toString(minMicros) + " to " + Fixed.toString(maxMicros) + " with at most 6 decimals");
        }
        return micros;
    }

    private boolean bool(final String key)
    {
        final String text = values.get(key);
        if (!"true".equals(text) && !"false".equals(text))
        {
            throw new IllegalArgumentException(key + ": '" + text + "' is not allowed; allowed: true, false");
        }
        return Boolean.parseBoolean(text);
    }

    private java.util.List<String> list(final String key)
    {
        final String text = values.get(key).trim();
        return text.isEmpty() ? java.util.List.of() :
            java.util.Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private Path path(final String key)
    {
        final String text = values.get(key).trim();
        return text.isEmpty() ? null : Path.of(text);
    }

    private java.util.List<String> rollups()
    {
        final String text = values.get("ohlcv.rollups").trim();
        return text.isEmpty() ? java.util.List.of() :
            java.util.Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    private long clockTick()
    {
        final long value = number("ohlcv.clockTickMs", 0, 60_000);
        if (value != 0 && value < 10)
        {
            throw new IllegalArgumentException("ohlcv.clockTickMs: " + value + " is out of range; allowed: 0 (off) or 10..60000");
        }
        return value;
    }

    public double decimal(final String key, final double min)
    {
        final String text = values.get(key);
        final double value;
        try
        {
            value = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a number; allowed: " + plain(min) + " or more");
        }
        if (!(value >= min) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException(key + ": " + text + " is out of range; allowed: " + plain(min) + " or more");
        }
        return value;
    }

    private static String plain(final double value)
    {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private void validateServer()
    {
        integer("server.waitForSubscribers", 0, 100_000);
        integer("server.summaryIntervalS", 0, 3600);
        integer("simulator.symbols", 1, 456_976);
        integer("simulator.rate", 1, 10_000_000);
        number("simulator.seed", Long.MIN_VALUE, Long.MAX_VALUE);
        number("simulator.maxRecords", 0, Long.MAX_VALUE);
        simulatorRate();
        decimal("replay.speed", 0);
        final String name = string("source.name");
        if (!name.matches("[A-Za-z0-9._-]{0,64}"))
        {
            throw new IllegalArgumentException("source.name: '" + name + "' is not allowed; allowed: up to 64 of A-Z a-z 0-9 . _ -");
        }
    }

    /** The pipeline's part. */
    /** The simulator's pace: {@code simulator.rate} and its surge ({@code simulator.surge.*}). */
    public RateProfile simulatorRate()
    {
        return new RateProfile(
            integer("simulator.rate", 1, 10_000_000),
            integer("simulator.surge.multiplier", 1, 100),
            number("simulator.surge.startMs", 0, 86_400_000L),
            number("simulator.surge.durationMs", 0, 86_400_000L));
    }

    public MarketConfig marketConfig()
    {
        final Map<EventType, Integer> priorities = new EnumMap<>(EventType.class);
        for (final EventType type : EventType.values())
        {
            priorities.put(type, integer("priority." + type.wireName(), 0, 3));
        }
        final Map<String, Integer> boosts = new TreeMap<>();
        values.forEach((key, value) ->
        {
            if (key.startsWith("priority.boost."))
            {
                boosts.put(key.substring("priority.boost.".length()), integer(key, 0, 3));
            }
        });
        return MarketConfig.builder()
            .waitStrategy(WaitStrategyKind.fromConfig("pipeline.waitStrategy", string("pipeline.waitStrategy")))
            .layout(ThreadLayout.fromConfig("pipeline.layout", string("pipeline.layout")))
            .tickRingSize(ringSize("tick.ringSize"))
            .ohlcvRingSize(ringSize("ohlcv.ringSize"))
            .fmvRingSize(ringSize("fmv.ringSize"))
            .publishRingSize(ringSize("publish.ringSize"))
            .tickDedupWindowMs(number("tick.dedupWindowMs", 1, 86_400_000L))
            .ohlcvRetainedBars(integer("ohlcv.retainedBars", 1, 1024))
            .ohlcvRelVolBars(integer("ohlcv.relVolBars", 1, 1024))
            .fmvDedupWindowMs(number("fmv.dedupWindowMs", 1, 86_400_000L))
            .fmvRecentTradeMs(number("fmv.recentTradeMs", 0, 86_400_000L))
            .fmvOutlierPct(percent("fmv.outlierPct", 1, 100 * Fixed.ONE))
            .fmvSignalPct(percent("fmv.signalPct", 0, 100 * Fixed.ONE))
            .priorities(PriorityPolicy.of(priorities, boosts))
            .ohlcvRollups(rollups())
            .ohlcvAllowedLatenessMs(number("ohlcv.allowedLatenessMs", 0, 3_600_000L))
            .ohlcvClockTickMs(clockTick())
            .monitorIntervalMs(number("monitor.intervalMs", 100, 3_600_000L))
            .trendEnabled(bool("trend.enabled"))
            .trendWindowS(integer("trend.windowS", 1, 3600))
            .trendThresholdPct(percent("trend.thresholdPct", 1, 100 * Fixed.ONE))
            .surgeEnabled(bool("surge.enabled"))
            .surgeWindowS(integer("surge.windowS", 1, 3600))
            .surgeVolumeMultiple(decimalMicros("surge.volumeMultiple", 1, 1000 * Fixed.ONE, "a multiple"))
            .surgeMinVolume(number("surge.minVolume", 0, 1_000_000_000_000L))
            .surgePricePct(percent("surge.pricePct", 1, 100 * Fixed.ONE))
            .surgeCooldownS(integer("surge.cooldownS", 0, 3600))
            .quarantineSize(integer("pipeline.quarantineSize", 0, Quarantine.MAX_CAPACITY))
            .sourceRestart(sourceRestart())
            .build();
    }

    /** The {@code source.restart.*} keys. */
    private SourceRestartPolicy sourceRestart()
    {
        return SourceRestartPolicy.builder()
            .enabled(bool("source.restart.enabled"))
            .initialBackoffMs(number("source.restart.initialBackoffMs", 1, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS))
            .maxBackoffMs(number("source.restart.maxBackoffMs", 1, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS))
            .jitter(decimalMicros("source.restart.jitter", 0, Fixed.ONE, "a fraction") / (double)Fixed.ONE)
            .maxAttempts(integer("source.restart.maxAttempts", 0, SourceRestartPolicy.MAX_ATTEMPTS_LIMIT))
            .build();
    }

    /** The edge's part. */
    public EdgeConfig edgeConfig()
    {
        return EdgeConfig.builder()
            .host(string("server.host"))
            .port(integer("server.port", 0, 65_535))
            .heartbeatMs(integer("edge.heartbeatMs", 100, 3_600_000))
            .maxSymbols(integer("edge.maxSymbols", 1, 1_000_000))
            .maxFrameBytes(integer("edge.maxFrameBytes", 256, 16_777_216))
            .maxOpsPerSecond(integer("edge.maxOpsPerSecond", 1, 100_000))
            .shutdownFlushMs(integer("edge.shutdownFlushMs", 0, 600_000))
            .maxQueuedEvents(integer("edge.maxQueuedEvents", 16, 10_000_000))
            .maxBatchFrameBytes(integer("edge.maxBatchFrameBytes", 1_024, 16_777_216))
            .flushDelayUs(integer("edge.flushDelayUs", 0, 1_000_000))
            .writeBufferHighBytes(integer("edge.writeBufferHighBytes", 8_192, 1 << 30))
            .slowConsumerCloseMs(integer("edge.slowConsumerCloseMs", 0, 600_000))
            .historySize(integer("edge.historySize", 0, 10_000_000))
            .pingIntervalMs(integer("edge.pingIntervalMs", 0, 3_600_000))
            .maxConnections(integer("edge.maxConnections", 1, 1_000_000))
            .handshakeTimeoutMs(integer("edge.handshakeTimeoutMs", 100, 600_000))
            .compression(bool("edge.compression"))
            .tokens(list("edge.tokens"))
            .allowedOrigins(list("edge.allowedOrigins"))
            .adminAccess(EdgeConfig.AdminAccess.fromConfig("edge.adminAccess", string("edge.adminAccess")))
            .adminToken(string("edge.adminToken"))
            .tls(path("server.tlsCert"), path("server.tlsKey"))
            .socketIo(bool("socketio.enabled"))
            .socketIoPort(integer("socketio.port", 0, 65_535))
            .build();
    }

    /** The alert rules' and handlers' part. */
    public AlertConfig alertConfig()
    {
        final AlertConfig.Builder builder = AlertConfig.builder()
            .evaluateMs(number("alert.evaluateMs", 10, 3_600_000))
            .heapBudgetBytes(number("monitor.heapBudgetBytes", 0, Long.MAX_VALUE))
            .rejectsWindowS(number("alert.rejects.windowS", 1, 86_400))
            .sourceFailuresWindowS(number("alert.sourceFailures.windowS", 1, 86_400))
            .webhookUrl(string("alert.webhookUrl"));
        for (final String id : AlertConfig.RULES)
        {
            final String prefix = "alert." + id + ".";
            final double threshold;
            if (values.containsKey(prefix + "thresholdMs"))
            {
                threshold = decimalMicros(prefix + "thresholdMs", 0, 3_600_000 * Fixed.ONE, "milliseconds") / (double)Fixed.ONE;
            }
            else if (values.containsKey(prefix + "thresholdPct"))
            {
                threshold = percent(prefix + "thresholdPct", 0, 100 * Fixed.ONE) / (double)Fixed.ONE;
            }
            else
            {
                threshold = 0;
            }
            builder.rule(id, new AlertConfig.Rule(
                bool(prefix + "enabled"),
                threshold,
                number(prefix + "forS", 0, 86_400),
                Severity.fromConfig(prefix + "severity", string(prefix + "severity")),
                number(prefix + "cooldownS", 0, 86_400)));
        }
        return builder.build();
    }

    /** The live feeds configured ({@code feed.*}, docs/feeds.md); empty when the server runs the simulator or a replay. */
    public List<FeedSettings> feeds()
    {
        return FeedConfig.feeds(values);
    }

    /** Every key and its value, defaults included. */
    public Map<String, String> values()
    {
        return values;
    }

    static List<String> keys()
    {
        return List.copyOf(DEFAULTS.keySet());
    }
}
