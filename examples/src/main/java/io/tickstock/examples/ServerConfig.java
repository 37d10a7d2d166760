package io.tickstock.examples;

import io.tickstock.channels.EventType;
import io.tickstock.cluster.ClusterKeys;
import io.tickstock.cluster.ClusterSettings;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketKeys;
import io.tickstock.channels.PriorityPolicy;
import io.tickstock.channels.feed.RateProfile;
import io.tickstock.channels.feed.SourceKeys;
import io.tickstock.channels.monitor.AlertConfig;
import io.tickstock.channels.monitor.AlertKeys;
import io.tickstock.core.alert.Severity;
import io.tickstock.core.config.ConfigKey;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.RestartKeys;
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.EdgeKeys;
import io.tickstock.publisher.feed.FeedKeys;
import io.tickstock.publisher.feed.FeedSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The example server's whole configuration: a Java properties file (see docs/configuration.md),
 * overridden by command-line options. Every key is one of the library's key tables
 * ({@link EdgeKeys}, {@link MarketKeys}, {@link AlertKeys}, {@link SourceKeys}, {@link FeedKeys},
 * {@link RestartKeys}, {@link ClusterKeys}) or {@link ServerKeys}, and is checked on load by its declaration: an
 * unknown key is an error that suggests the nearest known one, a bad value names the key and the
 * allowed values. Immutable once built.
 */
public final class ServerConfig
{
    /** Every key the server knows, in the order docs/configuration.md lists them. */
    static final List<ConfigKey> KEYS = keys();
    /** Every key with its default, from {@link #KEYS}. */
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private ServerConfig(final Map<String, String> values)
    {
        this.values = Map.copyOf(values);
    }

    private static List<ConfigKey> keys()
    {
        final List<ConfigKey> keys = new ArrayList<>();
        keys.add(EdgeKeys.SERVER_HOST);
        keys.add(EdgeKeys.SERVER_PORT);
        keys.addAll(ServerKeys.ALL);
        keys.addAll(SourceKeys.ALL);
        keys.addAll(FeedKeys.ALL);
        keys.addAll(RestartKeys.ALL);
        keys.addAll(MarketKeys.ALL);
        keys.addAll(AlertKeys.ALL);
        keys.addAll(ClusterKeys.ALL);
        EdgeKeys.ALL.stream().filter(key -> !keys.contains(key)).forEach(keys::add);
        return List.copyOf(keys);
    }

    private static Map<String, String> defaults()
    {
        final Map<String, String> defaults = new LinkedHashMap<>();
        KEYS.forEach(key -> defaults.put(key.name(), key.defaultValue()));
        return java.util.Collections.unmodifiableMap(defaults);
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
                throw new IllegalArgumentException("unknown configuration key '" + key + "'" + (feedHint != null ? feedHint : KeySuggestion.nearest(key, DEFAULTS.keySet())));
            }
            merged.put(key, value);
        });
        final ServerConfig config = new ServerConfig(merged);
        config.validate();
        config.marketConfig();
        config.edgeConfig();
        config.alertConfig();
        config.clusterSettings();
        if (!config.feeds().isEmpty() && !config.string(SourceKeys.REPLAY_FILE).isEmpty())
        {
            throw new IllegalArgumentException("replay.file and feed.url (--replay and --feed): both set; allowed: one source, " +
                "a replay file or live feeds");
        }
        return config;
    }

    /** The node's place in a scale-out ({@code cluster.*}, docs/scale-out.md). */
    public ClusterSettings clusterSettings()
    {
        return ClusterSettings.of(string(ClusterKeys.ROLE), string(ClusterKeys.ENDPOINT), string(ClusterKeys.UPSTREAM),
            string(ClusterKeys.LOCAL_HOST), string(ClusterKeys.AERON_DIR), string(ClusterKeys.ARCHIVE_DIR), number(ClusterKeys.TERM_LENGTH),
            number(ClusterKeys.SEGMENT_LENGTH), string(ClusterKeys.THREADING), number(ClusterKeys.CHECKPOINT_BYTES),
            number(ClusterKeys.CHECKPOINT_HISTORY));
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

    public String string(final String key)
    {
        return values.get(key);
    }

    public String string(final ConfigKey key)
    {
        return values.get(key.name());
    }

    /** A whole-number key's value, checked against its declared range. */
    public long number(final ConfigKey key)
    {
        return key.parseLong(values.get(key.name()));
    }

    public int integer(final ConfigKey key)
    {
        return (int)number(key);
    }

    /** A {@link ConfigKey.Type#AT_LEAST} key's value ({@code replay.speed}). */
    public double decimal(final ConfigKey key)
    {
        return key.parseDouble(values.get(key.name()));
    }

    /** A {@link ConfigKey.Type#DECIMAL} key's value in {@link Fixed} micros. */
    private long micros(final ConfigKey key)
    {
        return key.parseMicros(values.get(key.name()));
    }

    private boolean bool(final ConfigKey key)
    {
        return key.parseBoolean(values.get(key.name()));
    }

    private List<String> list(final ConfigKey key)
    {
        final String text = values.get(key.name()).trim();
        return text.isEmpty() ? List.of() :
            java.util.Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private Path path(final ConfigKey key)
    {
        final String text = values.get(key.name()).trim();
        return text.isEmpty() ? null : Path.of(text);
    }

    /**
     * Every key's text read as its declaration says; the builders then check what spans keys. The
     * {@code feed.*} keys are read per feed by {@link FeedConfig}, the main feed's and named ones alike.
     */
    private void validate()
    {
        for (final ConfigKey key : KEYS)
        {
            if (FeedKeys.ALL.contains(key))
            {
                continue;
            }
            switch (key.type())
            {
                case INTEGER, INTEGER_OR_OFF, POWER_OF_TWO -> number(key);
                case DECIMAL -> micros(key);
                case AT_LEAST -> decimal(key);
                case BOOLEAN -> bool(key);
                case CHOICE, TEXT ->
                {
                    // parsed by the type it configures, or checked where it is used
                }
            }
        }
        final String name = string(SourceKeys.SOURCE_NAME);
        if (!name.matches("[A-Za-z0-9._-]{0,64}"))
        {
            throw new IllegalArgumentException("source.name: '" + name + "' is not allowed; allowed: up to 64 of A-Z a-z 0-9 . _ -");
        }
        simulatorRate();
    }

    /** The simulator's pace: {@code simulator.rate} and its surge ({@code simulator.surge.*}). */
    public RateProfile simulatorRate()
    {
        return new RateProfile(
            integer(SourceKeys.SIMULATOR_RATE),
            integer(SourceKeys.SIMULATOR_SURGE_MULTIPLIER),
            number(SourceKeys.SIMULATOR_SURGE_START_MS),
            number(SourceKeys.SIMULATOR_SURGE_DURATION_MS));
    }

    /** The pipeline's part. */
    public MarketConfig marketConfig()
    {
        final Map<EventType, Integer> priorities = new EnumMap<>(EventType.class);
        for (final EventType type : EventType.values())
        {
            priorities.put(type, integer(MarketKeys.priority(type)));
        }
        final Map<String, Integer> boosts = new TreeMap<>();
        values.forEach((key, value) ->
        {
            if (key.startsWith("priority.boost."))
            {
                boosts.put(key.substring("priority.boost.".length()), MarketKeys.PRIORITY_BOOST.renamed(key).parseInt(value));
            }
        });
        return MarketConfig.builder()
            .waitStrategy(WaitStrategyKind.fromConfig(MarketKeys.PIPELINE_WAIT_STRATEGY.name(), string(MarketKeys.PIPELINE_WAIT_STRATEGY)))
            .layout(ThreadLayout.fromConfig(MarketKeys.PIPELINE_LAYOUT.name(), string(MarketKeys.PIPELINE_LAYOUT)))
            .tickRingSize(integer(MarketKeys.TICK_RING_SIZE))
            .ohlcvRingSize(integer(MarketKeys.OHLCV_RING_SIZE))
            .fmvRingSize(integer(MarketKeys.FMV_RING_SIZE))
            .publishRingSize(integer(MarketKeys.PUBLISH_RING_SIZE))
            .tickDedupWindowMs(number(MarketKeys.TICK_DEDUP_WINDOW_MS))
            .ohlcvRetainedBars(integer(MarketKeys.OHLCV_RETAINED_BARS))
            .ohlcvRelVolBars(integer(MarketKeys.OHLCV_REL_VOL_BARS))
            .fmvDedupWindowMs(number(MarketKeys.FMV_DEDUP_WINDOW_MS))
            .fmvRecentTradeMs(number(MarketKeys.FMV_RECENT_TRADE_MS))
            .fmvOutlierPct(micros(MarketKeys.FMV_OUTLIER_PCT))
            .fmvSignalPct(micros(MarketKeys.FMV_SIGNAL_PCT))
            .priorities(PriorityPolicy.of(priorities, boosts))
            .ohlcvRollups(MarketKeys.rollups(string(MarketKeys.OHLCV_ROLLUPS)))
            .ohlcvAllowedLatenessMs(number(MarketKeys.OHLCV_ALLOWED_LATENESS_MS))
            .ohlcvClockTickMs(number(MarketKeys.OHLCV_CLOCK_TICK_MS))
            .monitorIntervalMs(number(MarketKeys.MONITOR_INTERVAL_MS))
            .trendEnabled(bool(MarketKeys.TREND_ENABLED))
            .trendWindowS(integer(MarketKeys.TREND_WINDOW_S))
            .trendThresholdPct(micros(MarketKeys.TREND_THRESHOLD_PCT))
            .surgeEnabled(bool(MarketKeys.SURGE_ENABLED))
            .surgeWindowS(integer(MarketKeys.SURGE_WINDOW_S))
            .surgeVolumeMultiple(micros(MarketKeys.SURGE_VOLUME_MULTIPLE))
            .surgeMinVolume(number(MarketKeys.SURGE_MIN_VOLUME))
            .surgePricePct(micros(MarketKeys.SURGE_PRICE_PCT))
            .surgeCooldownS(integer(MarketKeys.SURGE_COOLDOWN_S))
            .quarantineSize(integer(MarketKeys.PIPELINE_QUARANTINE_SIZE))
            .sourceRestart(sourceRestart())
            .build();
    }

    /** The {@code source.restart.*} keys. */
    private SourceRestartPolicy sourceRestart()
    {
        return SourceRestartPolicy.builder()
            .enabled(bool(RestartKeys.ENABLED))
            .initialBackoffMs(number(RestartKeys.INITIAL_BACKOFF_MS))
            .maxBackoffMs(number(RestartKeys.MAX_BACKOFF_MS))
            .jitter(micros(RestartKeys.JITTER) / (double)Fixed.ONE)
            .maxAttempts(integer(RestartKeys.MAX_ATTEMPTS))
            .build();
    }

    /** The edge's part. */
    public EdgeConfig edgeConfig()
    {
        return EdgeConfig.builder()
            .host(string(EdgeKeys.SERVER_HOST))
            .port(integer(EdgeKeys.SERVER_PORT))
            .heartbeatMs(integer(EdgeKeys.HEARTBEAT_MS))
            .maxSymbols(integer(EdgeKeys.MAX_SYMBOLS))
            .maxFrameBytes(integer(EdgeKeys.MAX_FRAME_BYTES))
            .maxOpsPerSecond(integer(EdgeKeys.MAX_OPS_PER_SECOND))
            .shutdownFlushMs(integer(EdgeKeys.SHUTDOWN_FLUSH_MS))
            .maxQueuedEvents(integer(EdgeKeys.MAX_QUEUED_EVENTS))
            .maxBatchFrameBytes(integer(EdgeKeys.MAX_BATCH_FRAME_BYTES))
            .flushDelayUs(integer(EdgeKeys.FLUSH_DELAY_US))
            .writeBufferHighBytes(integer(EdgeKeys.WRITE_BUFFER_HIGH_BYTES))
            .slowConsumerCloseMs(integer(EdgeKeys.SLOW_CONSUMER_CLOSE_MS))
            .historySize(integer(EdgeKeys.HISTORY_SIZE))
            .pingIntervalMs(integer(EdgeKeys.PING_INTERVAL_MS))
            .maxConnections(integer(EdgeKeys.MAX_CONNECTIONS))
            .handshakeTimeoutMs(integer(EdgeKeys.HANDSHAKE_TIMEOUT_MS))
            .compression(bool(EdgeKeys.COMPRESSION))
            .tokens(list(EdgeKeys.TOKENS))
            .allowedOrigins(list(EdgeKeys.ALLOWED_ORIGINS))
            .adminAccess(EdgeConfig.AdminAccess.fromConfig(EdgeKeys.ADMIN_ACCESS.name(), string(EdgeKeys.ADMIN_ACCESS)))
            .adminToken(string(EdgeKeys.ADMIN_TOKEN))
            .tls(path(EdgeKeys.SERVER_TLS_CERT), path(EdgeKeys.SERVER_TLS_KEY))
            .socketIo(bool(EdgeKeys.SOCKETIO_ENABLED))
            .socketIoPort(integer(EdgeKeys.SOCKETIO_PORT))
            .build();
    }

    /** The alert rules' and handlers' part. */
    public AlertConfig alertConfig()
    {
        final AlertConfig.Builder builder = AlertConfig.builder()
            .evaluateMs(number(AlertKeys.EVALUATE_MS))
            .heapBudgetBytes(number(AlertKeys.MONITOR_HEAP_BUDGET_BYTES))
            .rejectsWindowS(number(AlertKeys.REJECTS_WINDOW_S))
            .sourceFailuresWindowS(number(AlertKeys.SOURCE_FAILURES_WINDOW_S))
            .webhookUrl(string(AlertKeys.WEBHOOK_URL));
        for (final String id : AlertConfig.RULES)
        {
            final ConfigKey threshold = AlertKeys.threshold(id);
            final ConfigKey severity = AlertKeys.rule(id, "severity");
            builder.rule(id, new AlertConfig.Rule(
                bool(AlertKeys.rule(id, "enabled")),
                threshold == null ? 0 : micros(threshold) / (double)Fixed.ONE,
                number(AlertKeys.rule(id, "forS")),
                Severity.fromConfig(severity.name(), string(severity)),
                number(AlertKeys.rule(id, "cooldownS"))));
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
}
