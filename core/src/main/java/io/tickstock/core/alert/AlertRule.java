package io.tickstock.core.alert;

import io.tickstock.core.ConfigChecks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One alert rule: a metric, the condition {@code value > threshold}, how long the condition must
 * hold before the alert fires ({@link #forMs()}), its {@link Severity}, and a cooldown after the
 * alert resolves before it may fire again. Built once with {@link #builder}; immutable.
 */
public final class AlertRule
{
    private static final long MAX_MS = 7 * 86_400_000L;

    private final String name;
    private final String description;
    private final AlertMetric metric;
    private final double threshold;
    private final long forMs;
    private final Severity severity;
    private final long cooldownMs;

    private AlertRule(final Builder b)
    {
        name = b.name;
        description = b.description == null ? b.name : b.description;
        metric = b.metric;
        threshold = b.threshold;
        forMs = b.forMs;
        severity = b.severity;
        cooldownMs = b.cooldownMs;
    }

    /**
     * @param name   identifies the rule in alerts, logs and JSON: letters, digits and {@code . _ : -}.
     * @param metric the value the condition is on.
     */
    public static Builder builder(final String name, final AlertMetric metric)
    {
        return new Builder(name, metric);
    }

    public String name()
    {
        return name;
    }

    /** What the metric is, with its unit, for messages: {@code end-to-end p99 (ms)}. */
    public String description()
    {
        return description;
    }

    public AlertMetric metric()
    {
        return metric;
    }

    /** The condition is {@code value > threshold}. */
    public double threshold()
    {
        return threshold;
    }

    /** Whether a value meets the condition; NaN never does. */
    public boolean holds(final double value)
    {
        return value > threshold;
    }

    /** How long the condition must hold before the alert fires; 0 fires at the first evaluation it holds. */
    public long forMs()
    {
        return forMs;
    }

    public Severity severity()
    {
        return severity;
    }

    /** After the alert resolves, how long before it may fire again. */
    public long cooldownMs()
    {
        return cooldownMs;
    }

    @Override
    public String toString()
    {
        return name + ": " + description + " > " + format(threshold) + (forMs > 0 ? " for " + format(forMs / 1000.0) + " s" : "") +
            " (" + severity.configName() + ")";
    }

    /** A value for messages: at most three decimals, no trailing zeros, no exponent. */
    static String format(final double value)
    {
        if (Double.isNaN(value))
        {
            return "unknown";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "infinity" : "-infinity";
        }
        final String text = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return "-0".equals(text) ? "0" : text;
    }

    /** Collects a rule's settings; {@link #build()} validates them. */
    public static final class Builder
    {
        private final String name;
        private final AlertMetric metric;
        private String description;
        private double threshold;
        private long forMs;
        private Severity severity = Severity.WARNING;
        private long cooldownMs;

        private Builder(final String name, final AlertMetric metric)
        {
            this.name = Objects.requireNonNull(name, "name");
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /** What the metric is, with its unit; defaults to the rule's name. */
        public Builder description(final String value)
        {
            description = value;
            return this;
        }

        /** The condition: {@code value > threshold}. Default 0. */
        public Builder above(final double value)
        {
            threshold = value;
            return this;
        }

        /** 0..604,800,000 ms (a week). Default 0. */
        public Builder forMs(final long value)
        {
            forMs = value;
            return this;
        }

        /** Default {@link Severity#WARNING}. */
        public Builder severity(final Severity value)
        {
            severity = Objects.requireNonNull(value, "severity");
            return this;
        }

        /** 0..604,800,000 ms (a week). Default 0. */
        public Builder cooldownMs(final long value)
        {
            cooldownMs = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the rule, the setting and what is allowed. */
        public AlertRule build()
        {
            if (!name.matches("[A-Za-z0-9._:-]{1,128}"))
            {
                throw new IllegalArgumentException("alert rule name: '" + name +
                    "' is not allowed; allowed: 1 to 128 of A-Z a-z 0-9 . _ : -");
            }
            if (!Double.isFinite(threshold))
            {
                throw new IllegalArgumentException(name + ".threshold: " + threshold + " is not allowed; allowed: a finite number");
            }
            ConfigChecks.range(name + ".forMs", forMs, 0, MAX_MS);
            ConfigChecks.range(name + ".cooldownMs", cooldownMs, 0, MAX_MS);
            return new AlertRule(this);
        }
    }
}
