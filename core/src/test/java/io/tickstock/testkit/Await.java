package io.tickstock.testkit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline instead of a sleep: tests it, and again every poll
 * interval, until it holds or the deadline passes (docs/testing.md, "Test kit").
 *
 * <p>Thread-safe: holds no state.
 */
public final class Await
{
    /** How often {@link #until(String, long, BooleanSupplier)} tests its condition. */
    public static final long POLL_MS = 5;

    private Await()
    {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code timeoutMs}.
     */
    public static void until(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        until(what, timeoutMs, POLL_MS, condition, () -> "");
    }

    /**
     * Returns once {@code condition} holds, testing it every {@code pollMs} (longer for a condition
     * that costs a request).
     *
     * @param state what the failure message adds after {@code what}, read once when the deadline has passed.
     * @throws AssertionError naming {@code what} and the state when it does not hold within {@code timeoutMs},
     *     or when the waiting thread is interrupted (its interrupt status stays set).
     */
    public static void until(final String what, final long timeoutMs, final long pollMs, final BooleanSupplier condition,
        final Supplier<String> state)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final long pollNs = TimeUnit.MILLISECONDS.toNanos(pollMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                final String detail = state.get();
                throw new AssertionError(what + ": not within " + timeoutMs + " ms" + (detail.isEmpty() ? "" : "; " + detail));
            }
            if (Thread.currentThread().isInterrupted())
            {
                throw new AssertionError(what + ": interrupted while waiting");
            }
            LockSupport.parkNanos(pollNs);
        }
    }
}
