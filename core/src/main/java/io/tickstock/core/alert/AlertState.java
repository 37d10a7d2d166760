package io.tickstock.core.alert;

/** Where one {@link AlertRule} stands in the {@link AlertEngine}. */
public enum AlertState
{
    /** The condition does not hold. */
    INACTIVE,
    /** The condition holds, not yet for the rule's duration. */
    PENDING,
    /** The alert has fired and its condition still holds. */
    FIRING,
    /** The alert resolved less than the rule's cooldown ago: it may not fire again yet. */
    COOLDOWN
}
