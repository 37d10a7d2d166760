package io.tickstock.channels.ohlcv;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.ChannelEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ohlcv channel's rollup memory is bounded per symbol by the formulas of docs/semantics.md §3
 * ("Memory"): with the defaults, the bar, window and waiting-window slots are allocated with a
 * symbol's first bar and never grow while 8,000 symbols send a minute bar each for an hour, with
 * duplicates and revisions; and seeded random feeds (bars out of order, gaps, second bars, any
 * retention, rollup sizes and lateness) never take a symbol past its bound. The stages run on the
 * test thread, as a channel's fused chain runs them.
 */
class RollupMemoryBoundTest
{
    /** 2023-11-14T15:00:00Z: on the 5m and 15m grids. */
    private static final long T0 = 1_699_974_000_000L;
    private static final long MINUTE = 60_000L;
    private static final int SYMBOLS = 8_000;
    private static final int MINUTES = 60;
    /** Defaults: 16 retained bars, 5m and 15m rollups, 5 s lateness. */
    private static final int BAR_SLOTS = 16 + 15;
    private static final int WINDOW_SLOTS = 16 + 1;
    private static final int PENDING_SLOTS = 1 + 1;

    @Test
    void shouldKeepEightThousandSymbolsAnHourLongInTheSlotsAllocatedForTheirFirstBar()
    {
        final MarketConfig config = MarketConfig.defaults();
        final Chain chain = new Chain(config);
        final RollupBook book = chain.processor.rollups();
        final String[] symbols = new String[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++)
        {
            symbols[i] = String.format("S%04d", SYMBOLS - 1 - i);  // arriving in reverse name order
        }
        long rollups = 0;
        long revisedRollups = 0;
        long expectedRevised = 0;
        for (int minute = 0; minute < MINUTES; minute++)
        {
            for (int i = 0; i < SYMBOLS; i++)
            {
                assertEquals(ChannelEntry.OUTCOME_ACCEPTED, chain.run(bar(symbols[i], minute, 100 + i, 100)));
                rollups += chain.rollups(false);
                if (i % 50 == minute % 50)
                {
                    assertEquals(ChannelEntry.OUTCOME_DUPLICATE, chain.run(bar(symbols[i], minute, 100 + i, 100)));
                }
            }
            // a revision of a bar three minutes back, for one symbol in 50: re-emits its emitted windows
            for (int i = minute % 50; i < SYMBOLS && minute >= 3; i += 50)
            {
                assertEquals(ChannelEntry.OUTCOME_ACCEPTED, chain.run(bar(symbols[i], minute - 3, 100 + i, 200)));
                revisedRollups += chain.rollups(true);
                // the clock is at the end of this minute: windows that ended 5 s before it were emitted
                expectedRevised += (minute - 3) / 5 * 5 + 5 <= minute ? 1 : 0;
                expectedRevised += (minute - 3) / 15 * 15 + 15 <= minute ? 1 : 0;
            }
            assertEquals((long)SYMBOLS * BAR_SLOTS, book.barSlots(), "bar slots after minute " + minute);
            assertEquals((long)SYMBOLS * 2 * WINDOW_SLOTS, book.windowSlots(), "window slots after minute " + minute);
            assertEquals(roundUp(SYMBOLS * PENDING_SLOTS + 2), book.pendingSlots(), "pending slots after minute " + minute);
            assertEquals((long)SYMBOLS * remembered(minute), book.rememberedBars(), "bars after minute " + minute);
            assertEquals(SYMBOLS * 2, book.pendingWindows(), "each symbol's 5m and 15m window of this minute waits");
        }
        // windows ending at 5, 10, ... 55 and 15, 30, 45 minutes; the clock stands at 60 minutes
        assertEquals((long)SYMBOLS * (11 + 3), rollups);
        assertEquals(expectedRevised, revisedRollups);
    }

    @Test
    void shouldNeverTakeASymbolPastItsBoundsOnARandomFeedThroughTheValidateAndProcessStages()
    {
        final List<List<String>> rollups = List.of(List.of("5m", "15m"), List.of("2m"), List.of("3m", "8m", "60m"), List.of("1440m"));
        for (int seed = 0; seed < 60; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int retained = 1 + random.nextInt(random.nextBoolean() ? 3 : 24);
            final long lateness = random.nextBoolean() ? random.nextLong(0, 120_000) : random.nextLong(0, 3_600_001);
            final List<String> sizes = rollups.get(random.nextInt(rollups.size()));
            final MarketConfig config = MarketConfig.builder().ohlcvRetainedBars(retained).ohlcvRelVolBars(1)
                .ohlcvAllowedLatenessMs(lateness).ohlcvRollups(sizes).build();
            final Chain chain = new Chain(config);
            final RollupBook book = chain.processor.rollups();
            final List<Integer> minutes = RollupBook.minutesOf(sizes);
            final long[] sizesMs = minutes.stream().mapToLong(m -> m * MINUTE).toArray();
            final int barSlots = RollupBook.barSlotsPerSymbol(retained, minutes.get(minutes.size() - 1), lateness);
            final int windowSlots = RollupBook.windowSlotsPerSize(retained, lateness);
            final int pendingSlots = RollupBook.pendingSlotsPerSymbol(sizesMs, lateness);
            final String context = "seed " + seed + ": retained " + retained + ", lateness " + lateness + " ms, " + sizes;
            long minute = 0;
            for (int step = 0; step < 4_000; step++)
            {
                minute += random.nextInt(8) == 0 ? 1 + random.nextInt(random.nextInt(20) == 0 ? 200 : 3) : 0;
                final long start = minute - (random.nextInt(3) == 0 ? random.nextInt(40) : 0);
                final FeedRecord bar = bar("S" + random.nextInt(12), start, 10 + random.nextInt(5), 1 + random.nextInt(3));
                if (random.nextInt(10) == 0)
                {
                    bar.kind = RecordKind.BAR_SECOND;
                    bar.start += random.nextInt(60) * 1_000L;
                    bar.end = bar.start + 1_000L;
                }
                chain.run(bar);
                final int symbols = book.symbols();
                // up to a chunk at first, then chunks up to the bound, never past it
                assertTrue(book.barSlots() >= symbols * Math.min(barSlots, SymbolBars.CHUNK), context);
                assertTrue(book.barSlots() <= symbols * barSlots, context);
                assertTrue(book.windowSlots() >= symbols * sizesMs.length * Math.min(windowSlots, Windows.CHUNK), context);
                assertTrue(book.windowSlots() <= symbols * sizesMs.length * windowSlots, context);
                assertEquals(symbols == 0 ? 0 : roundUp(symbols * pendingSlots + sizesMs.length), book.pendingSlots(), context);
                assertTrue(book.pendingWindows() <= symbols * pendingSlots, context);
            }
        }
    }

    /** Bars a symbol keeps after its bar of this minute: all up to 16, then from the 15m window of the oldest of 16 on. */
    private static int remembered(final int minute)
    {
        if (minute < 16)
        {
            return minute + 1;
        }
        final int oldest = minute - 15;
        return minute - oldest / 15 * 15 + 1;
    }

    private static int roundUp(final int slots)
    {
        return (slots + PendingWindows.CHUNK - 1) / PendingWindows.CHUNK * PendingWindows.CHUNK;
    }

    private static FeedRecord bar(final String symbol, final long minute, final long price, final long volume)
    {
        final FeedRecord bar = new FeedRecord();
        bar.clear();
        bar.kind = RecordKind.BAR_MINUTE;
        bar.symbol = symbol;
        bar.start = T0 + minute * MINUTE;
        bar.end = bar.start + MINUTE;
        bar.open = price * Fixed.ONE;
        bar.high = price * Fixed.ONE;
        bar.low = price * Fixed.ONE;
        bar.close = price * Fixed.ONE;
        bar.volume = volume;
        bar.vwap = price * Fixed.ONE;
        bar.srcName = "test";
        return bar;
    }

    /** The channel's validate and process stages, run on one record as the fused chain runs them. */
    private static final class Chain
    {
        final BarValidator validator;
        final BarProcessor processor;
        private FeedRecord last;

        Chain(final MarketConfig config)
        {
            final SymbolTable symbols = new SymbolTable();
            validator = new BarValidator(symbols, config.ohlcvRetainedBars(), config.ohlcvRelVolBars());
            processor = new BarProcessor(config, symbols);
        }

        int run(final FeedRecord record)
        {
            record.clearEvents();
            validator.onEntry(record, true);
            if (record.outcome() == ChannelEntry.OUTCOME_ACCEPTED)
            {
                processor.onEntry(record, true);
            }
            last = record;
            return record.outcome();
        }

        /** Rollup events of the last record, revised or not. */
        int rollups(final boolean revised)
        {
            int count = 0;
            for (int i = 0; i < last.eventCount(); i++)
            {
                final MarketEvent event = last.event(i);
                if (event.type == EventType.BAR && !"1m".equals(event.tf) && !"1s".equals(event.tf) && event.revised == revised)
                {
                    count++;
                }
            }
            return count;
        }
    }
}
