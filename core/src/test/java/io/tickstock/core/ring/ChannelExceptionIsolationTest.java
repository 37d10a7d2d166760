package io.tickstock.core.ring;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stage that throws must not kill its channel (docs/semantics.md §5; docs/architecture.md,
 * "Channels"): the failing record is counted, the chain goes on, producers never stall, and the
 * accounting identity of docs/semantics.md §7 holds exactly.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChannelExceptionIsolationTest
{
    private static final int RING_SIZE = 64;
    private static final int RECORDS = 1000;
    private static final String ODD = "odd";

    /** A minimal ring entry: one value. */
    static final class TestEntry extends ChannelEntry
    {
        long value;
    }

    private static void publishValues(final Channel<TestEntry> channel, final long from, final long to)
    {
        for (long v = from; v <= to; v++)
        {
            channel.publish((entry, sequence, value) -> entry.value = value, v);
        }
    }

    private static Channel.Builder<TestEntry> builder(final ThreadLayout layout)
    {
        return Channel.builder("test", TestEntry::new)
            .ringSize(RING_SIZE)
            .layout(layout)
            .rejectReasons(List.of(ODD))
            .eventTypes(List.of("out"));
    }

    private static void assertIdentity(final ChannelCounters counters)
    {
        assertEquals(counters.received(), counters.accepted() + counters.duplicates() + counters.rejected(),
            "received = accepted + duplicates + rejected");
        long byReason = 0;
        for (final String reason : counters.rejectReasons())
        {
            byReason += counters.rejected(reason);
        }
        assertEquals(counters.rejected(), byReason, "rejected = sum of rejected by reason");
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldKeepProcessingAndCountHandlerErrorsWhenValidateAndProcessStagesThrow(final ThreadLayout layout)
    {
        final Queue<Long> processed = new ConcurrentLinkedQueue<>();
        final Queue<Long> prioritized = new ConcurrentLinkedQueue<>();
        final Channel<TestEntry> channel = builder(layout)
            .validate((entry, endOfBatch) ->
            {
                if (entry.value % 3 == 0)
                {
                    throw new IllegalStateException("validate fails on " + entry.value);
                }
                entry.accept();
            })
            .process((entry, endOfBatch) ->
            {
                processed.add(entry.value);
                if (entry.value % 5 == 0)
                {
                    throw new IllegalStateException("process fails on " + entry.value);
                }
            })
            .prioritize((entry, endOfBatch) -> prioritized.add(entry.value))
            .build();
        channel.start();

        publishValues(channel, 1, RECORDS);

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS), "drained");
        final List<Long> expectProcessed = new ArrayList<>();
        final List<Long> expectPrioritized = new ArrayList<>();
        long validateThrows = 0;
        long processThrows = 0;
        for (long v = 1; v <= RECORDS; v++)
        {
            if (v % 3 == 0)
            {
                validateThrows++;
                continue;
            }
            expectProcessed.add(v);
            if (v % 5 == 0)
            {
                processThrows++;
                continue;
            }
            expectPrioritized.add(v);
        }
        assertEquals(333, validateThrows);
        assertEquals(134, processThrows);
        assertEquals(expectProcessed, new ArrayList<>(processed), "every entry after a failure is still processed, in order");
        assertEquals(expectPrioritized, new ArrayList<>(prioritized), "an entry whose process stage threw skips prioritize");

        final ChannelCounters counters = channel.counters();
        assertEquals(RECORDS, counters.received());
        assertEquals(RECORDS - validateThrows, counters.accepted());
        assertEquals(validateThrows, counters.rejected());
        assertEquals(validateThrows, counters.rejected(ChannelCounters.HANDLER_ERROR));
        assertEquals(0, counters.rejected(ODD));
        assertEquals(0, counters.duplicates());
        assertEquals(validateThrows, counters.handlerErrors(ChannelStageId.VALIDATE));
        assertEquals(processThrows, counters.handlerErrors(ChannelStageId.PROCESS));
        assertEquals(0, counters.handlerErrors(ChannelStageId.PRIORITIZE));
        assertEquals(0, channel.uncaughtErrors(), "the stages caught their own exceptions");
        assertIdentity(counters);
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldCountValidateThrowAsHandlerErrorRejectEvenAfterTheStageAcceptedTheEntry(final ThreadLayout layout)
    {
        final Queue<Long> processed = new ConcurrentLinkedQueue<>();
        final Channel<TestEntry> channel = builder(layout)
            .validate((entry, endOfBatch) ->
            {
                entry.accept();
                if (entry.value % 2 == 0)
                {
                    throw new IllegalArgumentException("after accept");
                }
            })
            .process((entry, endOfBatch) -> processed.add(entry.value))
            .prioritize((entry, endOfBatch) -> { })
            .build();
        channel.start();

        publishValues(channel, 1, 10);

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L), new ArrayList<>(processed));
        final ChannelCounters counters = channel.counters();
        assertEquals(10, counters.received());
        assertEquals(5, counters.accepted());
        assertEquals(5, counters.rejected(ChannelCounters.HANDLER_ERROR));
        assertIdentity(counters);
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldCountARecordTheValidateStageGaveNoOutcomeAsHandlerError(final ThreadLayout layout)
    {
        final Queue<Long> processed = new ConcurrentLinkedQueue<>();
        final Channel<TestEntry> channel = builder(layout)
            .validate((entry, endOfBatch) ->
            {
                if (entry.value % 5 != 0)
                {
                    entry.accept();
                }
            })
            .process((entry, endOfBatch) -> processed.add(entry.value))
            .prioritize((entry, endOfBatch) -> { })
            .build();
        channel.start();

        publishValues(channel, 1, 10);

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L), new ArrayList<>(processed));
        final ChannelCounters counters = channel.counters();
        assertEquals(10, counters.received());
        assertEquals(8, counters.accepted());
        assertEquals(2, counters.rejected(ChannelCounters.HANDLER_ERROR));
        assertEquals(2, counters.handlerErrors(ChannelStageId.VALIDATE));
        assertIdentity(counters);
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldCountEachOutcomeByReasonAndSkipRejectedAndDuplicateEntriesInLaterStages(final ThreadLayout layout)
    {
        final Queue<Long> processed = new ConcurrentLinkedQueue<>();
        final Queue<Long> prioritized = new ConcurrentLinkedQueue<>();
        final Channel<TestEntry> channel = builder(layout)
            .validate((entry, endOfBatch) ->
            {
                switch ((int)(entry.value % 4))
                {
                    case 0 -> entry.reject(0);
                    case 1 -> entry.duplicate();
                    case 2 -> entry.pass();
                    default -> entry.accept();
                }
            })
            .process((entry, endOfBatch) -> processed.add(entry.value))
            .prioritize((entry, endOfBatch) ->
            {
                prioritized.add(entry.value);
                if (entry.value == 7)
                {
                    throw new IllegalStateException("prioritize fails on 7");
                }
            })
            .build();
        channel.start();

        publishValues(channel, 1, 12);

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        // 2, 6, 10 pass (uncounted, still processed); 3, 7, 11 accepted; 1, 5, 9 duplicates; 4, 8, 12 rejected
        assertEquals(List.of(2L, 3L, 6L, 7L, 10L, 11L), new ArrayList<>(processed));
        assertEquals(List.of(2L, 3L, 6L, 7L, 10L, 11L), new ArrayList<>(prioritized));
        final ChannelCounters counters = channel.counters();
        assertEquals(9, counters.received(), "pass-through entries are not records of the channel");
        assertEquals(3, counters.accepted());
        assertEquals(3, counters.duplicates());
        assertEquals(3, counters.rejected());
        assertEquals(3, counters.rejected(ODD));
        assertEquals(0, counters.rejected(ChannelCounters.HANDLER_ERROR));
        assertEquals(1, counters.handlerErrors(ChannelStageId.PRIORITIZE));
        assertIdentity(counters);
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldNeverStallProducersWhenEveryStageThrowsOnEveryEntry(final ThreadLayout layout) throws InterruptedException
    {
        final Channel<TestEntry> channel = builder(layout)
            .validate((entry, endOfBatch) ->
            {
                if (entry.value % 2 == 0)
                {
                    throw new IllegalStateException("validate");
                }
                entry.accept();
            })
            .process((entry, endOfBatch) ->
            {
                throw new IllegalStateException("process");
            })
            .prioritize((entry, endOfBatch) ->
            {
                throw new IllegalStateException("prioritize");
            })
            .build();
        channel.start();

        final int producers = 4;
        final int perProducer = 2_500;
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final long from = (long)p * perProducer + 1;
            final Thread thread = new Thread(() -> publishValues(channel, from, from + perProducer - 1), "producer-" + p);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertTrue(!thread.isAlive(), thread.getName() + " finished publishing into a ring of " + RING_SIZE);
        }

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        final long total = (long)producers * perProducer;
        final ChannelCounters counters = channel.counters();
        assertEquals(total, counters.received());
        assertEquals(total / 2, counters.accepted());
        assertEquals(total / 2, counters.rejected(ChannelCounters.HANDLER_ERROR));
        assertEquals(total / 2, counters.handlerErrors(ChannelStageId.VALIDATE));
        assertEquals(total / 2, counters.handlerErrors(ChannelStageId.PROCESS));
        assertEquals(0, counters.handlerErrors(ChannelStageId.PRIORITIZE), "a failed entry skips the later stages");
        assertEquals(0, channel.uncaughtErrors());
        assertIdentity(counters);
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldKeepTheLastHandlerErrorsWithStageAndMessage(final ThreadLayout layout)
    {
        final Channel<TestEntry> channel = builder(layout)
            .validate((entry, endOfBatch) ->
            {
                if (entry.value == 2)
                {
                    throw new IllegalArgumentException("validate fails on 2");
                }
                entry.accept();
            })
            .process((entry, endOfBatch) ->
            {
                if (entry.value % 10 == 0)
                {
                    throw new IllegalStateException("process fails on " + entry.value);
                }
            })
            .prioritize((entry, endOfBatch) -> { })
            .build();
        assertEquals(List.of(), channel.recentErrors().snapshot());
        channel.start();
        assertTrue(channel.isRunning());

        publishValues(channel, 1, 100);

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        assertTrue(!channel.isRunning());
        final RecentErrors errors = channel.recentErrors();
        assertEquals(11, errors.total(), "one validate and ten process errors");
        final List<RecentErrors.Entry> kept = errors.snapshot();
        assertEquals(RecentErrors.DEFAULT_CAPACITY, kept.size());
        assertEquals("IllegalStateException: process fails on 100", kept.get(0).message());
        assertEquals("IllegalStateException: process fails on 30", kept.get(kept.size() - 1).message());
        assertTrue(kept.stream().allMatch(e -> e.stage().equals("process")), kept.toString());
        assertEquals(errors.total(), channel.counters().handlerErrors(ChannelStageId.VALIDATE) +
            channel.counters().handlerErrors(ChannelStageId.PROCESS), "kept errors are the counted ones");
        assertEquals(layout == ThreadLayout.FUSED ? List.of("chain") : List.of("validate", "process", "prioritize"),
            channel.handlerNames());
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldReportEveryHandlerAtTheLastSequenceAfterDrain(final ThreadLayout layout)
    {
        final Channel<TestEntry> channel = builder(layout)
            .validate((entry, endOfBatch) -> entry.accept())
            .process((entry, endOfBatch) -> { })
            .prioritize((entry, endOfBatch) -> { })
            .build();
        channel.start();

        publishValues(channel, 1, RECORDS);

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        final long[] sequences = channel.handlerSequences();
        assertEquals(layout == ThreadLayout.FUSED ? 1 : 3, sequences.length);
        for (final long sequence : sequences)
        {
            assertEquals(RECORDS - 1, sequence);
        }
        assertEquals(RECORDS, channel.counters().accepted());
    }
}
