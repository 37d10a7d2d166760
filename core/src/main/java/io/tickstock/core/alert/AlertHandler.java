package io.tickstock.core.alert;

/**
 * Told of every alert transition: once when an alert fires and once when it resolves (the same
 * alert, {@link Alert#isResolved()} then true). Called on the {@link AlertEngine}'s thread, one
 * transition at a time, in the order they happened; it must return quickly (hand slow work such as
 * network I/O to a thread of its own). An exception it throws is counted and logged and the other
 * handlers are still called.
 */
@FunctionalInterface
public interface AlertHandler
{
    void onAlert(Alert alert);
}
