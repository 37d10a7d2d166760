package io.tickstock.core.ring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quarantine keeps the newest records that made a stage throw, with their context, and counts
 * every one; a channel quarantines exactly the records it counts as handler errors and goes on.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QuarantineTest
{
    /** An entry that carries a value and its source context, and renders both. */
    static final class Item extends ChannelEntry
    {
        long value;

        @Override
        public String describe()
        {
            return "item " + value;
        }

        @Override
        public String sourceName()
        {
            return "src";
        }

        @Override
        public long sourceSeq()
        {
            return value * 10;
        }
    }

    private static Item item(final long value)
    {
        final Item item = new Item();
        item.value = value;
        return item;
    }

    @Test
    void shouldKeepTheNewestRecordsFirstAndCountTheEvictedOnes()
    {
        final Quarantine quarantine = new Quarantine(3);
        assertEquals(3, quarantine.capacity());
        assertEquals(List.of(), quarantine.snapshot());
        for (long v = 1; v <= 5; v++)
        {
            quarantine.record("tick", "process", item(v), new IllegalStateException("bad " + v));
        }

        assertEquals(5, quarantine.total());
        assertEquals(2, quarantine.evicted());
        final List<Quarantine.Entry> kept = quarantine.snapshot();
        assertEquals(List.of("item 5", "item 4", "item 3"), kept.stream().map(Quarantine.Entry::record).toList());
        final Quarantine.Entry newest = kept.get(0);
        assertEquals("tick", newest.channel());
        assertEquals("process", newest.stage());
        assertEquals("java.lang.IllegalStateException", newest.exception());
        assertEquals("bad 5", newest.message());
        assertEquals("src", newest.source());
        assertEquals(50, newest.sourceSeq());
        assertTrue(newest.timeMs() > 0);
    }

    @Test
    void shouldOnlyCountWithCapacityZeroAndKeepAMessagelessException()
    {
        final Quarantine none = new Quarantine(0);
        none.record("fmv", "validate", item(1), new NullPointerException());
        assertEquals(1, none.total());
        assertEquals(1, none.evicted());
        assertEquals(List.of(), none.snapshot());

        final Quarantine one = new Quarantine(1);
        one.record("fmv", "validate", item(1), new NullPointerException());
        assertNull(one.snapshot().get(0).message());
        assertEquals(0, one.evicted());
    }

    @Test
    void shouldKeepTheRecordWhenItCannotBeDescribed()
    {
        final Quarantine quarantine = new Quarantine(2);
        final ChannelEntry broken = new ChannelEntry()
        {
            @Override
            public String describe()
            {
                throw new IllegalStateException("no text");
            }
        };
        quarantine.record("ohlcv", "prioritize", broken, new ArithmeticException("overflow"));
        final Quarantine.Entry entry = quarantine.snapshot().get(0);
        assertEquals("(the record could not be described: java.lang.IllegalStateException: no text)", entry.record());
        assertNull(entry.source());
        assertEquals(0, entry.sourceSeq());
    }

    @Test
    void shouldNameTheKeyWhenTheCapacityIsOutOfRange()
    {
        assertEquals("pipeline.quarantineSize: 100001 is out of range; allowed: 0..100000",
            assertThrows(IllegalArgumentException.class, () -> new Quarantine(100_001)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(ThreadLayout.class)
    void shouldQuarantineExactlyTheRecordsEachStageThrewOnAndGoOnWithTheOthers(final ThreadLayout layout)
    {
        final int records = 200;
        final Quarantine quarantine = new Quarantine(Quarantine.DEFAULT_CAPACITY);
        final Queue<Long> prioritized = new ConcurrentLinkedQueue<>();
        final Channel<Item> channel = Channel.builder("test", Item::new)
            .ringSize(64)
            .layout(layout)
            .quarantine(quarantine)
            .validate((entry, endOfBatch) ->
            {
                if (entry.value % 7 == 0)
                {
                    throw new IllegalArgumentException("validate refuses " + entry.value);
                }
                entry.accept();
            })
            .process((entry, endOfBatch) ->
            {
                if (entry.value % 11 == 0)
                {
                    throw new IllegalStateException("process refuses " + entry.value);
                }
            })
            .prioritize((entry, endOfBatch) ->
            {
                if (entry.value % 13 == 0)
                {
                    throw new UnsupportedOperationException("prioritize refuses " + entry.value);
                }
                prioritized.add(entry.value);
            })
            .build();
        assertTrue(channel.quarantine() == quarantine);
        channel.start();
        for (long v = 1; v <= records; v++)
        {
            channel.publish((entry, sequence, value) -> entry.value = value, v);
        }
        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));

        final List<String> expected = new ArrayList<>();
        final List<Long> expectPrioritized = new ArrayList<>();
        long validate = 0;
        long process = 0;
        long prioritize = 0;
        for (long v = 1; v <= records; v++)
        {
            if (v % 7 == 0)
            {
                validate++;
                expected.add(0, "validate " + v + " java.lang.IllegalArgumentException validate refuses " + v);
            }
            else if (v % 11 == 0)
            {
                process++;
                expected.add(0, "process " + v + " java.lang.IllegalStateException process refuses " + v);
            }
            else if (v % 13 == 0)
            {
                prioritize++;
                expected.add(0, "prioritize " + v + " java.lang.UnsupportedOperationException prioritize refuses " + v);
            }
            else
            {
                expectPrioritized.add(v);
            }
        }
        final ChannelCounters counters = channel.counters();
        assertEquals(validate, counters.handlerErrors(ChannelStageId.VALIDATE));
        assertEquals(process, counters.handlerErrors(ChannelStageId.PROCESS));
        assertEquals(prioritize, counters.handlerErrors(ChannelStageId.PRIORITIZE));
        assertEquals(validate + process + prioritize, counters.quarantined());
        assertEquals(counters.quarantined(), quarantine.total());
        assertEquals(validate, counters.rejected(ChannelCounters.HANDLER_ERROR));
        assertEquals(records - validate, counters.accepted());
        assertEquals(counters.received(), counters.accepted() + counters.duplicates() + counters.rejected());
        assertEquals(expectPrioritized, new ArrayList<>(prioritized), "every other record went through, in order");
        final List<String> kept = quarantine.snapshot().stream()
            .map(e -> e.stage() + " " + e.sourceSeq() / 10 + " " + e.exception() + " " + e.message())
            .toList();
        if (layout == ThreadLayout.FUSED)
        {
            assertEquals(expected, kept, "newest first, one per failure, with stage and exception");
        }
        for (final ChannelStageId stage : ChannelStageId.values())
        {
            // threaded, the stages run at once: each stage's own records are newest first
            assertEquals(expected.stream().filter(e -> e.startsWith(stage.label() + " ")).toList(),
                kept.stream().filter(e -> e.startsWith(stage.label() + " ")).toList(), stage.label());
        }
        assertTrue(quarantine.snapshot().stream().allMatch(e -> e.channel().equals("test") && e.record().equals("item " + e.sourceSeq() / 10)));
    }

    @Test
    void shouldQuarantineARecordTheValidateStageGaveNoOutcome()
    {
        final Channel<Item> channel = Channel.builder("test", Item::new)
            .ringSize(64)
            .validate((entry, endOfBatch) ->
            {
                if (entry.value != 2)
                {
                    entry.accept();
                }
            })
            .process((entry, endOfBatch) -> { })
            .prioritize((entry, endOfBatch) -> { })
            .build();
        channel.start();
        for (long v = 1; v <= 3; v++)
        {
            channel.publish((entry, sequence, value) -> entry.value = value, v);
        }
        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));

        assertEquals(1, channel.quarantine().total());
        final Quarantine.Entry entry = channel.quarantine().snapshot().get(0);
        assertEquals("item 2", entry.record());
        assertEquals("validate stage gave the record no outcome", entry.message());
        assertEquals(1, channel.counters().rejected(ChannelCounters.HANDLER_ERROR));
    }
}
