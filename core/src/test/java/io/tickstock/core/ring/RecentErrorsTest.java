package io.tickstock.core.ring;

import io.tickstock.core.EpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecentErrorsTest
{
    @Test
    void shouldKeepTheNewestErrorsNewestFirstAndCountAll()
    {
        final RecentErrors errors = new RecentErrors(3);
        assertEquals(3, errors.capacity());
        assertEquals(List.of(), errors.snapshot());
        final long before = EpochClock.millis();
        for (int i = 1; i <= 5; i++)
        {
            errors.record(i % 2 == 0 ? "process" : "validate", new IllegalStateException("boom " + i));
        }
        final List<RecentErrors.Entry> kept = errors.snapshot();
        assertEquals(5, errors.total());
        assertEquals(List.of("IllegalStateException: boom 5", "IllegalStateException: boom 4", "IllegalStateException: boom 3"),
            kept.stream().map(RecentErrors.Entry::message).toList());
        assertEquals(List.of("validate", "process", "validate"), kept.stream().map(RecentErrors.Entry::stage).toList());
        for (final RecentErrors.Entry entry : kept)
        {
            assertTrue(entry.timeMs() >= before && entry.timeMs() <= EpochClock.millis(), entry.toString());
        }
    }

    @Test
    void shouldNameTheExceptionClassWhenItHasNoMessage()
    {
        final RecentErrors errors = new RecentErrors(2);
        errors.record("consumer", new NullPointerException());
        assertEquals("NullPointerException", errors.snapshot().get(0).message());
    }

    @Test
    void shouldRefuseACapacityOutOfRange()
    {
        assertEquals("recentErrors.capacity: 0 is out of range; allowed: 1..1024",
            assertThrows(IllegalArgumentException.class, () -> new RecentErrors(0)).getMessage());
    }

    @Test
    void shouldKeepOnlyWholeEntriesWhenManyThreadsRecord() throws InterruptedException
    {
        final RecentErrors errors = new RecentErrors(8);
        final int threads = 4;
        final int each = 10_000;
        final List<Thread> writers = new ArrayList<>();
        final IllegalStateException shared = new IllegalStateException("x");
        for (int t = 0; t < threads; t++)
        {
            final String stage = "stage" + t;
            final Thread writer = new Thread(() ->
            {
                for (int i = 0; i < each; i++)
                {
                    errors.record(stage, shared);
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (final Thread writer : writers)
        {
            writer.join();
        }
        assertEquals((long)threads * each, errors.total());
        final List<RecentErrors.Entry> kept = errors.snapshot();
        assertEquals(8, kept.size());
        final Set<String> stages = new HashSet<>();
        for (final RecentErrors.Entry entry : kept)
        {
            assertEquals("IllegalStateException: x", entry.message());
            stages.add(entry.stage());
        }
        assertTrue(stages.stream().allMatch(s -> s.startsWith("stage")), stages.toString());
    }
}
