package io.tickstock.channels.monitor;

import io.tickstock.channels.Fixed;
import io.tickstock.core.alert.AlertEngine;
import io.tickstock.core.config.ConfigKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alerts' configuration keys, each declared once: {@link AlertConfig.Builder}'s defaults and
 * checks, the example server's parsing and docs/configuration.md's rows come from these. Each
 * default rule ({@link AlertConfig#RULES}) has {@code alert.ID.enabled}, {@code .forS},
 * {@code .severity}, {@code .cooldownS} and, for some, {@code .thresholdMs} or
 * {@code .thresholdPct}; {@link #rule(String, String)} finds them. Immutable.
 */
public final class AlertKeys
{
    public static final ConfigKey MONITOR_HEAP_BUDGET_BYTES = ConfigKey.integer("monitor.heapBudgetBytes", 0, 0, Long.MAX_VALUE,
        "0..9223372036854775807 (0 = 85 % of the maximum heap)",
        "the `heap` alert fires when used heap stays above this");
    public static final ConfigKey EVALUATE_MS = AlertEngine.EVALUATE_MS;
    public static final ConfigKey WEBHOOK_URL = ConfigKey.text("alert.webhookUrl", "",
        "an `http://` or `https://` URL with a host",
        "each alert transition is POSTed there as JSON");
    public static final ConfigKey REJECTS_WINDOW_S = ConfigKey.integer("alert.rejects.windowS", 60, 1, 86_400,
        "1..86400",
        "the sliding window of the reject ratio, seconds");
    public static final ConfigKey SOURCE_FAILURES_WINDOW_S = ConfigKey.integer("alert.sourceFailures.windowS", 60, 1, 86_400,
        "1..86400",
        "the sliding window over which source failures are counted, seconds");

    private static final String FOR_S = "how long the condition must hold before the alert fires, seconds";

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = all();

    private static final Map<String, ConfigKey> BY_NAME =
        ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

    private AlertKeys()
    {
    }

    /** {@code alert.ID.FIELD}, or null when the rule has no such key (a threshold it does not use). */
    public static ConfigKey rule(final String id, final String field)
    {
        return BY_NAME.get("alert." + id + "." + field);
    }

    /** The threshold key of a rule ({@code thresholdMs} or {@code thresholdPct}), or null when it has none. */
    public static ConfigKey threshold(final String id)
    {
        final ConfigKey ms = rule(id, "thresholdMs");
        return ms != null ? ms : rule(id, "thresholdPct");
    }

    private static List<ConfigKey> all()
    {
        final List<ConfigKey> all = new ArrayList<>(List.of(MONITOR_HEAP_BUDGET_BYTES, EVALUATE_MS, WEBHOOK_URL));
        rule(all, AlertConfig.E2E_P99, "evaluate the `e2eP99` rule",
            ConfigKey.decimal("alert.e2eP99.thresholdMs", "50", 0, 3_600_000 * Fixed.ONE, "milliseconds",
                "0..3600000, at most 6 decimals",
                "fires when the end-to-end p99 of the last latency interval is above this many ms"),
            30, FOR_S, "warning");
        rule(all, AlertConfig.RING_WARN, "evaluate the `ringWarn` rule",
            percent("alert.ringWarn.thresholdPct", "80",
                "fires when a ring (each channel's, the publish ring) is fuller than this % of its capacity"),
            10, FOR_S, "warning");
        rule(all, AlertConfig.RING_ERROR, "evaluate the `ringError` rule",
            percent("alert.ringError.thresholdPct", "95", "the same, with its own severity"),
            10, FOR_S, "error");
        rule(all, AlertConfig.STALLED, "evaluate the `stalled` rule", null, 5,
            "the stall time, seconds: a ring whose slowest handler has not advanced for this long with entries waiting is " +
                "`stalled`, for `/health` and for this rule alike (it fires when the ring turns stalled)",
            "critical");
        rule(all, AlertConfig.RING_FULL_WAITS, "evaluate the `ringFullWaits` rule: fires when a producer found a ring " +
            "(each channel's, the publish ring) full and waited, since the previous evaluation", null, 0, FOR_S, "warning");
        rule(all, AlertConfig.REJECTS, "evaluate the `rejects` rule",
            percent("alert.rejects.thresholdPct", "5",
                "fires when rejected records are above this % of received records over `alert.rejects.windowS`"),
            0, FOR_S, "warning");
        all.add(REJECTS_WINDOW_S);
        rule(all, AlertConfig.SOURCE_FAILURES, "evaluate the `sourceFailures` rule: fires when a source's run threw within " +
            "`alert.sourceFailures.windowS`, or a source was given up", null, 0, FOR_S, "error");
        all.add(SOURCE_FAILURES_WINDOW_S);
        rule(all, AlertConfig.HEAP, "evaluate the `heap` rule", null, 30, FOR_S, "warning");
        return List.copyOf(all);
    }

    /** One default rule's keys: enabled, its threshold (when it has one), forS, severity, cooldownS. */
    private static void rule(final List<ConfigKey> all, final String id, final String enabledMeaning, final ConfigKey threshold,
        final long forS, final String forSMeaning, final String severity)
    {
        final String prefix = "alert." + id + ".";
        all.add(ConfigKey.bool(prefix + "enabled", true, "`true`, `false`", enabledMeaning));
        if (threshold != null)
        {
            all.add(threshold);
        }
        all.add(ConfigKey.integer(prefix + "forS", forS, 0, 86_400, "0..86400", forSMeaning));
        all.add(ConfigKey.choice(prefix + "severity", severity, "`info`, `warning`, `error`, `critical`", "the alert's severity"));
        all.add(ConfigKey.integer(prefix + "cooldownS", 60, 0, 86_400, "0..86400",
            "after the alert resolves, seconds before it may fire again"));
    }

    private static ConfigKey percent(final String name, final String defaultValue, final String meaning)
    {
        return ConfigKey.decimal(name, defaultValue, 0, 100 * Fixed.ONE, "a percentage", "0..100, at most 6 decimals", meaning);
    }
}
