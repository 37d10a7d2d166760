package io.tickstock.channels.monitor;

import io.tickstock.channels.Fixed;
import io.tickstock.core.config.ConfigKey;
import io.tickstock.core.alert.Severity;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of the default alert rules ({@link PipelineAlerts}) and their handlers, one per
 * configuration key ({@code alert.ID.enabled}, {@code .threshold…}, {@code .forS},
 * {@code .severity}, {@code .cooldownS}), built and validated once; {@link Builder#build()} throws
 * naming the key and what is allowed. Immutable.
 */
public final class AlertConfig
{
    /** End-to-end p99 over the last latency interval above {@code thresholdMs}. */
    public static final String E2E_P99 = "e2eP99";
    /** A ring (each channel's and the publish ring) fuller than {@code thresholdPct}. */
    public static final String RING_WARN = "ringWarn";
    /** The same as {@link #RING_WARN} with a higher threshold and severity. */
    public static final String RING_ERROR = "ringError";
    /** A ring with entries waiting whose slowest handler makes no progress. */
    public static final String STALLED = "stalled";
    /** A ring (each channel's and the publish ring) that made a producer wait for room since the previous evaluation. */
    public static final String RING_FULL_WAITS = "ringFullWaits";
    /** Rejected records above {@code thresholdPct} of those received over {@code alert.rejects.windowS}. */
    public static final String REJECTS = "rejects";
    /** Source runs that threw over {@code alert.sourceFailures.windowS}, plus sources given up. */
    public static final String SOURCE_FAILURES = "sourceFailures";
    /** Used heap above {@code monitor.heapBudgetBytes}. */
    public static final String HEAP = "heap";
    /** The default rules, in the order they are evaluated. */
    public static final List<String> RULES =
        List.of(E2E_P99, RING_WARN, RING_ERROR, STALLED, RING_FULL_WAITS, REJECTS, SOURCE_FAILURES, HEAP);

    private final long evaluateMs;
    private final long heapBudgetBytes;
    private final long rejectsWindowS;
    private final long sourceFailuresWindowS;
    private final URI webhookUrl;
    private final Map<String, Rule> rules;

    /**
     * One default rule's settings.
     *
     * @param enabled   whether the rule is evaluated at all.
     * @param threshold in the rule's unit (ms for {@code e2eP99}, percent for {@code ringWarn},
     *                  {@code ringError} and {@code rejects}); not used by {@code stalled} (any
     *                  entry waiting), {@code ringFullWaits} (any wait), {@code sourceFailures}
     *                  (any failure) and {@code heap} (its threshold is the heap budget).
     * @param forS      how long the condition must hold before the alert fires, seconds.
     * @param severity  the alert's severity.
     * @param cooldownS after the alert resolves, how long before it may fire again, seconds.
     */
    public record Rule(boolean enabled, double threshold, long forS, Severity severity, long cooldownS)
    {
        public Rule
        {
            Objects.requireNonNull(severity, "severity");
        }
    }

    private AlertConfig(final Builder b)
    {
        evaluateMs = b.evaluateMs;
        heapBudgetBytes = b.heapBudgetBytes;
        rejectsWindowS = b.rejectsWindowS;
        sourceFailuresWindowS = b.sourceFailuresWindowS;
        webhookUrl = b.webhookUrl;
        rules = Map.copyOf(b.rules);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** The defaults of docs/configuration.md. */
    public static AlertConfig defaults()
    {
        return builder().build();
    }

    /** How often every rule is evaluated. */
    public long evaluateMs()
    {
        return evaluateMs;
    }

    /** The heap budget as configured: 0 means 85 % of the maximum heap ({@link #heapBudgetBytes(long)}). */
    public long heapBudgetBytes()
    {
        return heapBudgetBytes;
    }

    /**
     * The heap budget in bytes for a JVM whose maximum heap is {@code maxHeapBytes}
     * ({@link Runtime#maxMemory()}); 0 when neither is known.
     */
    public long heapBudgetBytes(final long maxHeapBytes)
    {
        if (heapBudgetBytes > 0)
        {
            return heapBudgetBytes;
        }
        return maxHeapBytes <= 0 || maxHeapBytes == Long.MAX_VALUE ? 0 : (long)(maxHeapBytes * 0.85);
    }

    /** The window of the reject ratio, seconds. */
    public long rejectsWindowS()
    {
        return rejectsWindowS;
    }

    /** The window over which the source failures are counted, seconds. */
    public long sourceFailuresWindowS()
    {
        return sourceFailuresWindowS;
    }

    /** Where each alert transition is POSTed as JSON, or null for no webhook. */
    public URI webhookUrl()
    {
        return webhookUrl;
    }

    /** The settings of one of {@link #RULES}. */
    public Rule rule(final String id)
    {
        final Rule rule = rules.get(id);
        if (rule == null)
        {
            throw new IllegalArgumentException("no default alert rule " + id + "; rules: " + RULES);
        }
        return rule;
    }

    /** Collects settings; each setter names its configuration key. */
    public static final class Builder
    {
        private final Map<String, Rule> rules = new LinkedHashMap<>();
        private long evaluateMs = AlertKeys.EVALUATE_MS.defaultLong();
        private long heapBudgetBytes = AlertKeys.MONITOR_HEAP_BUDGET_BYTES.defaultLong();
        private long rejectsWindowS = AlertKeys.REJECTS_WINDOW_S.defaultLong();
        private long sourceFailuresWindowS = AlertKeys.SOURCE_FAILURES_WINDOW_S.defaultLong();
        private URI webhookUrl;
        private String webhookText = AlertKeys.WEBHOOK_URL.defaultValue();

        private Builder()
        {
            for (final String id : RULES)
            {
                final ConfigKey threshold = AlertKeys.threshold(id);
                final ConfigKey severity = AlertKeys.rule(id, "severity");
                rules.put(id, new Rule(
                    AlertKeys.rule(id, "enabled").defaultBoolean(),
                    threshold == null ? 0 : threshold.defaultLong() / (double)Fixed.ONE,
                    AlertKeys.rule(id, "forS").defaultLong(),
                    Severity.fromConfig(severity.name(), severity.defaultValue()),
                    AlertKeys.rule(id, "cooldownS").defaultLong()));
            }
        }

        /** {@code alert.evaluateMs} ({@link AlertKeys}, as for every setter here). */
        public Builder evaluateMs(final long value)
        {
            evaluateMs = value;
            return this;
        }

        /** {@code monitor.heapBudgetBytes}: 0 is 85 % of the maximum heap. */
        public Builder heapBudgetBytes(final long value)
        {
            heapBudgetBytes = value;
            return this;
        }

        /** {@code alert.rejects.windowS}. */
        public Builder rejectsWindowS(final long value)
        {
            rejectsWindowS = value;
            return this;
        }

        /** {@code alert.sourceFailures.windowS}. */
        public Builder sourceFailuresWindowS(final long value)
        {
            sourceFailuresWindowS = value;
            return this;
        }

        /** {@code alert.webhookUrl}: an http:// or https:// URL, or empty (or null) for none. */
        public Builder webhookUrl(final String value)
        {
            webhookText = value == null ? "" : value.trim();
            return this;
        }

        /** {@code alert.ID.*}: the settings of one of {@link #RULES}. */
        public Builder rule(final String id, final Rule settings)
        {
            if (!rules.containsKey(id))
            {
                throw new IllegalArgumentException("alert." + id + ": no such default rule; rules: " + String.join(", ", RULES));
            }
            rules.put(id, Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and what is allowed. */
        public AlertConfig build()
        {
            AlertKeys.EVALUATE_MS.check(evaluateMs);
            AlertKeys.MONITOR_HEAP_BUDGET_BYTES.check(heapBudgetBytes);
            AlertKeys.REJECTS_WINDOW_S.check(rejectsWindowS);
            AlertKeys.SOURCE_FAILURES_WINDOW_S.check(sourceFailuresWindowS);
            webhookUrl = webhook(webhookText);
            for (final Map.Entry<String, Rule> entry : rules.entrySet())
            {
                final String id = entry.getKey();
                final Rule rule = entry.getValue();
                AlertKeys.rule(id, "forS").check(rule.forS());
                AlertKeys.rule(id, "cooldownS").check(rule.cooldownS());
                final ConfigKey threshold = AlertKeys.threshold(id);
                if (threshold != null)
                {
                    threshold(threshold.name(), rule.threshold(), threshold.max() / (double)Fixed.ONE);
                }
            }
            return new AlertConfig(this);
        }

        private static void threshold(final String key, final double value, final double max)
        {
            if (!(value >= 0 && value <= max))
            {
                throw new IllegalArgumentException(key + ": " + plain(value) + " is out of range; allowed: 0.." + plain(max));
            }
        }

        private static String plain(final double value)
        {
            return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : Double.toString(value);
        }

        private static URI webhook(final String text)
        {
            if (text.isEmpty())
            {
                return null;
            }
            try
            {
                final URI uri = new URI(text);
                final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null)
                {
                    return uri;
                }
            }
            catch (final URISyntaxException ex)
            {
                // reported below with the allowed forms
            }
            throw new IllegalArgumentException("alert.webhookUrl: '" + text +
                "' is not allowed; allowed: an http:// or https:// URL with a host, or empty for none");
        }
    }
}
