package io.tickstock.core.alert;

/**
 * One rule's state machine in the {@link AlertEngine} (its class comment has the states and the
 * exact timing).
 *
 * <p>Not thread-safe: owned by the alert engine, used under its lock.
 */
final class RuleTracker
{
    private final AlertRule rule;
    private AlertState state = AlertState.INACTIVE;
    private long pendingSinceMs;
    private long cooldownUntilMs;
    private Alert firing;

    RuleTracker(final AlertRule rule)
    {
        this.rule = rule;
    }

    AlertRule rule()
    {
        return rule;
    }

    AlertState state()
    {
        return state;
    }

    /**
     * Moves on with the metric's value at {@code nowMs}.
     *
     * @param nextId the id a new firing alert takes.
     * @return the alert that fired, or the resolved copy of the one that was firing; null when
     *         nothing happened that handlers are told of.
     */
    Alert step(final double value, final long nowMs, final long nextId)
    {
        final boolean holds = rule.holds(value);
        if (state == AlertState.COOLDOWN)
        {
            if (nowMs - cooldownUntilMs < 0)
            {
                return null;
            }
            state = AlertState.INACTIVE;
        }
        if (state == AlertState.INACTIVE)
        {
            if (!holds)
            {
                return null;
            }
            state = AlertState.PENDING;
            pendingSinceMs = nowMs;
        }
        if (state == AlertState.PENDING)
        {
            if (!holds)
            {
                state = AlertState.INACTIVE;
                return null;
            }
            if (nowMs - pendingSinceMs < rule.forMs())
            {
                return null;
            }
            state = AlertState.FIRING;
            firing = Alert.firing(nextId, rule, value, nowMs);
            return firing;
        }
        if (holds)
        {
            return null;
        }
        final Alert resolved = firing.resolved(nowMs, value);
        firing = null;
        cooldownUntilMs = nowMs + rule.cooldownMs();
        state = rule.cooldownMs() > 0 ? AlertState.COOLDOWN : AlertState.INACTIVE;
        return resolved;
    }
}
