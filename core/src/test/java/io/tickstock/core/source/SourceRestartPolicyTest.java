package io.tickstock.core.source;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backoff as a pure function of the failures in a row and the random draw, and the settings' validation. */
class SourceRestartPolicyTest
{
    private static SourceRestartPolicy policy(final long initialMs, final long maxMs, final double jitter, final int maxAttempts)
    {
        return SourceRestartPolicy.builder().initialBackoffMs(initialMs).maxBackoffMs(maxMs).jitter(jitter).maxAttempts(maxAttempts).build();
    }

    @Test
    void shouldDoubleTheDelayFromTheInitialBackoffUpToTheMaximumWithoutJitter()
    {
        final SourceRestartPolicy policy = policy(100, 1_000, 0, 0);
        final List<Long> delays = new ArrayList<>();
        for (int failures = 1; failures <= 7; failures++)
        {
            delays.add(policy.backoffMs(failures, 0.999));
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1_000L, 1_000L, 1_000L), delays);
    }

    @Test
    void shouldStayAtTheMaximumForEveryLaterFailureWithoutOverflowing()
    {
        final SourceRestartPolicy policy = policy(1, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS, 0, 0);
        for (final int failures : new int[] {23, 62, 63, 64, 1_000, Integer.MAX_VALUE})
        {
            assertEquals(SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS, policy.backoffMs(failures, 0), "failures " + failures);
        }
        assertEquals(1L << 21, policy.backoffMs(22, 0), "still doubling below the maximum");
        final SourceRestartPolicy large = policy(SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS, 0, 0);
        assertEquals(SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS, large.backoffMs(50, 0));
    }

    @Test
    void shouldTakeTheJitterShareOfTheDelayByTheDraw()
    {
        final SourceRestartPolicy policy = policy(1_000, 60_000, 0.25, 0);
        assertEquals(1_000, policy.backoffMs(1, 0), "a draw of 0 takes nothing off");
        assertEquals(875, policy.backoffMs(1, 0.5), "1000 - 1000 * 0.25 * 0.5");
        assertEquals(3_500, policy.backoffMs(3, 0.5), "base 4000");
        assertEquals(751, policy.backoffMs(1, 0.998), "floor(1000 * 0.25 * 0.998) = 249 taken off");
    }

    @Test
    void shouldKeepEveryJitteredDelayWithinItsBoundsAndRepeatForTheSameSeed()
    {
        final SourceRestartPolicy policy = policy(50, 10_000, 0.5, 0);
        final SplittableRandom first = new SplittableRandom(42);
        final SplittableRandom second = new SplittableRandom(42);
        final List<Long> firstDelays = new ArrayList<>();
        final List<Long> secondDelays = new ArrayList<>();
        boolean anyJittered = false;
        for (int failures = 1; failures <= 2_000; failures++)
        {
            final int inARow = 1 + failures % 12;
            final long base = Math.min(10_000, 50L << (inARow - 1));
            final long delay = policy.backoffMs(inARow, first.nextDouble());
            assertTrue(delay > base / 2 && delay <= base, "delay " + delay + " for base " + base);
            anyJittered |= delay != base;
            firstDelays.add(delay);
            secondDelays.add(policy.backoffMs(inARow, second.nextDouble()));
        }
        assertTrue(anyJittered);
        assertEquals(firstDelays, secondDelays, "the same seed gives the same delays");
    }

    @Test
    void shouldNeverWaitLessThanOneMillisecondWithFullJitter()
    {
        final SourceRestartPolicy policy = policy(1, 3, 1, 0);
        assertEquals(1, policy.backoffMs(1, Math.nextDown(1.0)));
        assertEquals(1, policy.backoffMs(2, Math.nextDown(1.0)));
        assertEquals(3, policy.backoffMs(3, 0));
    }

    @Test
    void shouldAllowRestartsUpToTheLimitInARowOrWithoutLimitOrNone()
    {
        final SourceRestartPolicy limited = policy(1, 1, 0, 3);
        assertTrue(limited.allowsRestart(1));
        assertTrue(limited.allowsRestart(3));
        assertFalse(limited.allowsRestart(4));
        assertTrue(policy(1, 1, 0, 0).allowsRestart(Integer.MAX_VALUE));
        assertFalse(SourceRestartPolicy.disabled().allowsRestart(1));
        assertFalse(SourceRestartPolicy.disabled().enabled());
    }

    @Test
    void shouldDefaultToTheDocumentedSettings()
    {
        final SourceRestartPolicy defaults = SourceRestartPolicy.defaults();
        assertTrue(defaults.enabled());
        assertEquals(500, defaults.initialBackoffMs());
        assertEquals(30_000, defaults.maxBackoffMs());
        assertEquals(0.2, defaults.jitter());
        assertEquals(0, defaults.maxAttempts());
        assertEquals("restart after 500 ms doubling to 30000 ms, jitter 0.2, no limit", defaults.toString());
    }

    @Test
    void shouldKeepEverySettingAsBuiltAndDescribeALimitedPolicy()
    {
        final SourceRestartPolicy policy = SourceRestartPolicy.builder()
            .enabled(true).initialBackoffMs(100).maxBackoffMs(800).jitter(0.5).maxAttempts(3).build();
        assertTrue(policy.enabled());
        assertEquals(3, policy.maxAttempts());
        assertEquals("restart after 100 ms doubling to 800 ms, jitter 0.5, at most 3 in a row", policy.toString());
        assertEquals("no restart", SourceRestartPolicy.disabled().toString());
    }

    @Test
    void shouldNameTheKeyTheValueAndTheAllowedRangeWhenASettingIsOutOfRange()
    {
        assertEquals("source.restart.initialBackoffMs: 0 is out of range; allowed: 1..3600000",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.builder().initialBackoffMs(0).build()).getMessage());
        assertEquals("source.restart.maxBackoffMs: 100 is out of range; allowed: 500..3600000",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.builder().maxBackoffMs(100).build()).getMessage());
        assertEquals("source.restart.maxBackoffMs: 3600001 is out of range; allowed: 500..3600000",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.builder().maxBackoffMs(3_600_001).build()).getMessage());
        assertEquals("source.restart.jitter: 1.5 is out of range; allowed: 0..1",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.builder().jitter(1.5).build()).getMessage());
        assertEquals("source.restart.jitter: NaN is out of range; allowed: 0..1",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.builder().jitter(Double.NaN).build()).getMessage());
        assertEquals("source.restart.maxAttempts: -1 is out of range; allowed: 0..1000000",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.builder().maxAttempts(-1).build()).getMessage());
        assertEquals("failuresInARow: 0 is out of range; allowed: 1 or more",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.defaults().backoffMs(0, 0)).getMessage());
        assertEquals("draw: 1.0 is out of range; allowed: [0, 1)",
            assertThrows(IllegalArgumentException.class, () -> SourceRestartPolicy.defaults().backoffMs(1, 1.0)).getMessage());
    }
}
