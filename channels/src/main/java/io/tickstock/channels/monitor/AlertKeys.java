package io.tickstock.channels.monitor;

import io.tickstock.channels.Fixed;
import io.tickstock.core.config.ConfigKey;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alerts' configuration keys, each declared once: {@link AlertConfig.Builder}'s defaults and
 * checks, the example server's parsing and docs/configuration.md's rows come from these. Each
 * default rule ({@link AlertConfig#RULES}) has {@code alert.ID.enabled}, {@code .forS},
 * {@code .severity}, {@code .cooldownS} and, for some, {@code .thresholdMs} or
 * {@code .thresholdPct}. Immutable.
 */
public final class AlertKeys
{
    public static final ConfigKey MONITOR_HEAP_BUDGET_BYTES = ConfigKey.integer("monitor.heapBudgetBytes", 0, 0, Long.MAX_VALUE,
        "0..9223372036854775807 (0 = 85 % of the maximum heap)",
        "the `heap` alert fires when used heap stays above this");
    public static final ConfigKey EVALUATE_MS = ConfigKey.integer("alert.evaluateMs", 1000, 10, 3_600_000,
        "10..3600000",
        "how often every alert rule is evaluated (observability.md, \"Alert rules\")");
    public static final ConfigKey WEBHOOK_URL = ConfigKey.text("alert.webhookUrl", "",
        "an `http://` or `https://` URL with a host",
        "each alert transition is POSTed there as JSON");
    public static final ConfigKey E2E_P99_ENABLED = ConfigKey.bool("alert.e2eP99.enabled", true,
        "`true`, `false`",
        "evaluate the `e2eP99` rule");
    public static final ConfigKey E2E_P99_THRESHOLD_MS = ConfigKey.decimal("alert.e2eP99.thresholdMs", "50", 0, 3_600_000 * Fixed.ONE, "milliseconds",
        "0..3600000, at most 6 decimals",
        "fires when the end-to-end p99 of the last latency interval is above this many ms");
    public static final ConfigKey E2E_P99_FOR_S = ConfigKey.integer("alert.e2eP99.forS", 30, 0, 86_400,
        "0..86400",
        "how long the condition must hold before the alert fires, seconds");
    public static final ConfigKey E2E_P99_SEVERITY = ConfigKey.choice("alert.e2eP99.severity", "warning",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey E2E_P99_COOLDOWN_S = ConfigKey.integer("alert.e2eP99.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");
    public static final ConfigKey RING_WARN_ENABLED = ConfigKey.bool("alert.ringWarn.enabled", true,
        "`true`, `false`",
        "evaluate the `ringWarn` rule");
    public static final ConfigKey RING_WARN_THRESHOLD_PCT = ConfigKey.decimal("alert.ringWarn.thresholdPct", "80", 0, 100 * Fixed.ONE, "a percentage",
        "0..100, at most 6 decimals",
        "fires when a ring (each channel's, the publish ring) is fuller than this % of its capacity");
    public static final ConfigKey RING_WARN_FOR_S = ConfigKey.integer("alert.ringWarn.forS", 10, 0, 86_400,
        "0..86400",
        "how long the condition must hold before the alert fires, seconds");
    public static final ConfigKey RING_WARN_SEVERITY = ConfigKey.choice("alert.ringWarn.severity", "warning",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey RING_WARN_COOLDOWN_S = ConfigKey.integer("alert.ringWarn.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");
    public static final ConfigKey RING_ERROR_ENABLED = ConfigKey.bool("alert.ringError.enabled", true,
        "`true`, `false`",
        "evaluate the `ringError` rule");
    public static final ConfigKey RING_ERROR_THRESHOLD_PCT = ConfigKey.decimal("alert.ringError.thresholdPct", "95", 0, 100 * Fixed.ONE, "a percentage",
        "0..100, at most 6 decimals",
        "the same, with its own severity");
    public static final ConfigKey RING_ERROR_FOR_S = ConfigKey.integer("alert.ringError.forS", 10, 0, 86_400,
        "0..86400",
        "how long the condition must hold before the alert fires, seconds");
    public static final ConfigKey RING_ERROR_SEVERITY = ConfigKey.choice("alert.ringError.severity", "error",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey RING_ERROR_COOLDOWN_S = ConfigKey.integer("alert.ringError.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");
    public static final ConfigKey STALLED_ENABLED = ConfigKey.bool("alert.stalled.enabled", true,
        "`true`, `false`",
        "evaluate the `stalled` rule");
    public static final ConfigKey STALLED_FOR_S = ConfigKey.integer("alert.stalled.forS", 5, 0, 86_400,
        "0..86400",
        "the stall time, seconds: a ring whose slowest handler has not advanced for this long with entries waiting is `stalled`, for `/health` and for this rule alike (it fires when the ring turns stalled)");
    public static final ConfigKey STALLED_SEVERITY = ConfigKey.choice("alert.stalled.severity", "critical",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey STALLED_COOLDOWN_S = ConfigKey.integer("alert.stalled.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");
    public static final ConfigKey RING_FULL_WAITS_ENABLED = ConfigKey.bool("alert.ringFullWaits.enabled", true,
        "`true`, `false`",
        "evaluate the `ringFullWaits` rule: fires when a producer found a ring (each channel's, the publish ring) full and waited, since the previous evaluation");
    public static final ConfigKey RING_FULL_WAITS_FOR_S = ConfigKey.integer("alert.ringFullWaits.forS", 0, 0, 86_400,
        "0..86400",
        "how long the condition must hold before the alert fires, seconds");
    public static final ConfigKey RING_FULL_WAITS_SEVERITY = ConfigKey.choice("alert.ringFullWaits.severity", "warning",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey RING_FULL_WAITS_COOLDOWN_S = ConfigKey.integer("alert.ringFullWaits.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");
    public static final ConfigKey REJECTS_ENABLED = ConfigKey.bool("alert.rejects.enabled", true,
        "`true`, `false`",
        "evaluate the `rejects` rule");
    public static final ConfigKey REJECTS_THRESHOLD_PCT = ConfigKey.decimal("alert.rejects.thresholdPct", "5", 0, 100 * Fixed.ONE, "a percentage",
        "0..100, at most 6 decimals",
        "fires when rejected records are above this % of received records over `alert.rejects.windowS`");
    public static final ConfigKey REJECTS_FOR_S = ConfigKey.integer("alert.rejects.forS", 0, 0, 86_400,
        "0..86400",
        "how long the condition must hold before the alert fires, seconds");
    public static final ConfigKey REJECTS_SEVERITY = ConfigKey.choice("alert.rejects.severity", "warning",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey REJECTS_COOLDOWN_S = ConfigKey.integer("alert.rejects.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");
    public static final ConfigKey REJECTS_WINDOW_S = ConfigKey.integer("alert.rejects.windowS", 60, 1, 86_400,
        "1..86400",
        "the sliding window of the reject ratio, seconds");
    public static final ConfigKey SOURCE_FAILURES_ENABLED = ConfigKey.bool("alert.sourceFailures.enabled", true,
        "`true`, `false`",
        "evaluate the `sourceFailures` rule: fires when a source's run threw within `alert.sourceFailures.windowS`, or a source was given up");
    public static final ConfigKey SOURCE_FAILURES_FOR_S = ConfigKey.integer("alert.sourceFailures.forS", 0, 0, 86_400,
        "0..86400",
        "how long the condition must hold before the alert fires, seconds");
    public static final ConfigKey SOURCE_FAILURES_SEVERITY = ConfigKey.choice("alert.sourceFailures.severity", "error",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey SOURCE_FAILURES_COOLDOWN_S = ConfigKey.integer("alert.sourceFailures.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");
    public static final ConfigKey SOURCE_FAILURES_WINDOW_S = ConfigKey.integer("alert.sourceFailures.windowS", 60, 1, 86_400,
        "1..86400",
        "the sliding window over which source failures are counted, seconds");
    public static final ConfigKey HEAP_ENABLED = ConfigKey.bool("alert.heap.enabled", true,
        "`true`, `false`",
        "evaluate the `heap` rule");
    public static final ConfigKey HEAP_FOR_S = ConfigKey.integer("alert.heap.forS", 30, 0, 86_400,
        "0..86400",
        "how long the condition must hold before the alert fires, seconds");
    public static final ConfigKey HEAP_SEVERITY = ConfigKey.choice("alert.heap.severity", "warning",
        "`info`, `warning`, `error`, `critical`",
        "the alert's severity");
    public static final ConfigKey HEAP_COOLDOWN_S = ConfigKey.integer("alert.heap.cooldownS", 60, 0, 86_400,
        "0..86400",
        "after the alert resolves, seconds before it may fire again");

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(
        MONITOR_HEAP_BUDGET_BYTES, EVALUATE_MS, WEBHOOK_URL,
        E2E_P99_ENABLED, E2E_P99_THRESHOLD_MS, E2E_P99_FOR_S,
        E2E_P99_SEVERITY, E2E_P99_COOLDOWN_S, RING_WARN_ENABLED,
        RING_WARN_THRESHOLD_PCT, RING_WARN_FOR_S, RING_WARN_SEVERITY,
        RING_WARN_COOLDOWN_S, RING_ERROR_ENABLED, RING_ERROR_THRESHOLD_PCT,
        RING_ERROR_FOR_S, RING_ERROR_SEVERITY, RING_ERROR_COOLDOWN_S,
        STALLED_ENABLED, STALLED_FOR_S, STALLED_SEVERITY,
        STALLED_COOLDOWN_S, RING_FULL_WAITS_ENABLED, RING_FULL_WAITS_FOR_S,
        RING_FULL_WAITS_SEVERITY, RING_FULL_WAITS_COOLDOWN_S, REJECTS_ENABLED,
        REJECTS_THRESHOLD_PCT, REJECTS_FOR_S, REJECTS_SEVERITY,
        REJECTS_COOLDOWN_S, REJECTS_WINDOW_S, SOURCE_FAILURES_ENABLED,
        SOURCE_FAILURES_FOR_S, SOURCE_FAILURES_SEVERITY, SOURCE_FAILURES_COOLDOWN_S,
        SOURCE_FAILURES_WINDOW_S, HEAP_ENABLED, HEAP_FOR_S,
        HEAP_SEVERITY, HEAP_COOLDOWN_S);

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
}
