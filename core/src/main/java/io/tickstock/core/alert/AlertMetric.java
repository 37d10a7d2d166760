package io.tickstock.core.alert;

/**
 * The value an {@link AlertRule} watches, read once per evaluation by the {@link AlertEngine}'s
 * thread. A metric may keep state between readings (a sliding window, the previous reading), which
 * is why it is given the evaluation time rather than reading a clock of its own.
 */
@FunctionalInterface
public interface AlertMetric
{
    /**
     * @param nowMs the evaluation time, epoch milliseconds; increases from one reading to the next.
     * @return the current value, or {@link Double#NaN} when it is unknown (no data yet): an unknown
     *         value never fires a rule and resolves one that is firing.
     */
    double read(long nowMs);

    /** A metric that needs no time and keeps no state. */
    static AlertMetric of(final java.util.function.DoubleSupplier value)
    {
        java.util.Objects.requireNonNull(value, "value");
        return nowMs -> value.getAsDouble();
    }
}
