package io.tickstock.publisher;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes. Public for the tests of the other packages. */
public final class Await
{
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await()
    {
    }

    /** @throws AssertionError naming {@code what} when the condition does not hold within the timeout. */
    public static void until(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new AssertionError(what + ": not within " + timeoutMs + " ms");
            }
            LockSupport.parkNanos(POLL_NS);
        }
    }
}
