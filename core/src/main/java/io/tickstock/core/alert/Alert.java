package io.tickstock.core.alert;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One firing of an {@link AlertRule}: what fired, how badly, when, and, once the condition has
 * cleared, when it resolved. The engine hands handlers one instance when the alert fires and a
 * resolved copy (same {@link #id()}) when it resolves. Immutable.
 */
public final class Alert
{
    private static final long NOT_RESOLVED = -1;

    private final long id;
    private final AlertRule rule;
    private final double value;
    private final long firedAtMs;
    private final long resolvedAtMs;
    private final String message;

    private Alert(final long id, final AlertRule rule, final double value, final long firedAtMs, final long resolvedAtMs,
        final String message)
    {
        this.id = id;
        this.rule = rule;
        this.value = value;
        this.firedAtMs = firedAtMs;
        this.resolvedAtMs = resolvedAtMs;
        this.message = message;
    }

    static Alert firing(final long id, final AlertRule rule, final double value, final long firedAtMs)
    {
        final String held = rule.forMs() > 0 ? " for " + AlertRule.format(rule.forMs() / 1000.0) + " s" : "";
        return new Alert(id, Objects.requireNonNull(rule, "rule"), value, firedAtMs, NOT_RESOLVED,
            rule.name() + ": " + rule.description() + " " + AlertRule.format(value) + " > " + AlertRule.format(rule.threshold()) + held);
    }

    /** This alert resolved at {@code atMs}, when the metric read {@code current}. */
    Alert resolved(final long atMs, final double current)
    {
        final String now = Double.isNaN(current) ? "unknown" : AlertRule.format(current) + " <= " + AlertRule.format(rule.threshold());
        return new Alert(id, rule, value, firedAtMs, atMs,
            rule.name() + " resolved: " + rule.description() + " " + now + " after " + AlertRule.format((atMs - firedAtMs) / 1000.0) +
                " s firing");
    }

    /** Numbers the alerts of one engine from 1, in firing order. */
    public long id()
    {
        return id;
    }

    public AlertRule rule()
    {
        return rule;
    }

    public Severity severity()
    {
        return rule.severity();
    }

    /** The metric's value when the alert fired. */
    public double value()
    {
        return value;
    }

    /** Epoch milliseconds. */
    public long firedAtMs()
    {
        return firedAtMs;
    }

    /** When the condition cleared, epoch milliseconds; empty while the alert is firing. */
    public OptionalLong resolvedAtMs()
    {
        return resolvedAtMs == NOT_RESOLVED ? OptionalLong.empty() : OptionalLong.of(resolvedAtMs);
    }

    public boolean isResolved()
    {
        return resolvedAtMs != NOT_RESOLVED;
    }

    /** One line for people: {@code e2eP99: end-to-end p99 (ms) 73.2 > 50 for 30 s}. */
    public String message()
    {
        return message;
    }

    @Override
    public String toString()
    {
        return "alert #" + id + " " + (isResolved() ? "resolved" : "firing") + " [" + severity().configName() + "] " + message;
    }
}
