package io.tickstock.channels;

import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.MarketPipeline.FMV;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tick channel's dedup memory is bounded by event time (docs/semantics.md §2, "Duplicates":
 * keys expire once more than two dedup windows older than the symbol's latest trade): 8,000 symbols
 * at 2 trades per second each over 5 minutes of event time (4.8 million trades, built directly as
 * records, no decoding) never make it remember more than 8,000 x (2 x 60 s x 2 trades/s) keys, plus
 * one per symbol for the trade exactly two windows back. Event time is independent of wall time:
 * the feed runs as fast as the pipeline takes it.
 *
 * <p>The count is read at checkpoints, every 10 s of event time, from the source thread once the
 * consumer has seen the trade event of every trade published so far, so the tick channel is idle.
 */
class DedupMemoryBoundTest
{
    private static final int SYMBOLS = 8_000;
    private static final int TRADES_PER_SECOND = 2;
    private static final long STEP_MS = 1_000 / TRADES_PER_SECOND;
    private static final int STEPS = 5 * 60 * TRADES_PER_SECOND;
    private static final int STEPS_PER_CHECKPOINT = 10 * TRADES_PER_SECOND;
    private static final long DEDUP_WINDOW_MS = 60_000;
    /** Trades per symbol within two windows of its latest, the latest included: 1,200 + 1. */
    private static final long KEYS_PER_SYMBOL = 2 * DEDUP_WINDOW_MS / STEP_MS + 1;
    private static final long BOUND = SYMBOLS * (2 * 60L * TRADES_PER_SECOND) + SYMBOLS;
    /** How far the feed moves on after the 5 minutes. */
    private static final long MOVE_ON_MS = 3 * 60_000;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRememberAtMostTwoWindowsOfTradesPerSymbolAndForgetOldKeysByEventTime() throws InterruptedException
    {
        final Semaphore steps = new Semaphore(0);
        final AtomicReference<MarketPipeline> pipeline = new AtomicReference<>();
        final GeneratedTrades source = new GeneratedTrades(pipeline, steps);
        // the fastest settings measured for 24 million records on 2 cores; the semantics do not depend on them
        final MarketConfig config = PipelineRun.basicRules().tickDedupWindowMs(DEDUP_WINDOW_MS)
            .layout(ThreadLayout.THREADED).waitStrategy(WaitStrategyKind.SLEEPING).build();
        final long[] tradeEvents = new long[1];

        final PipelineRun run = PipelineRun.run(config, List.of(source), created ->
        {
            pipeline.set(created);
            // a permit per step whose trades have all come out of the tick channel
            created.addConsumer("steps", (event, sequence, endOfBatch) ->
            {
                if (event.type == EventType.TRADE && ++tradeEvents[0] % SYMBOLS == 0)
                {
                    steps.release();
                }
            });
        }, false, 240);

        assertNull(source.failure, "the source's checkpoints");
        final List<long[]> seen = source.observations;
        final int checkpoints = STEPS / STEPS_PER_CHECKPOINT;
        assertEquals(checkpoints + 1, seen.size(), "checkpoints");
        long max = 0;
        for (int i = 0; i < checkpoints; i++)
        {
            final long tradesPerSymbol = (long)(i + 1) * STEPS_PER_CHECKPOINT;
            final long keys = seen.get(i)[1];
            max = Math.max(max, keys);
            assertTrue(keys <= BOUND, "at " + seen.get(i)[0] + " ms of event time: " + keys + " keys > " + BOUND);
            // exactly each symbol's trades of the last two windows: older ones are gone
            assertEquals(SYMBOLS * Math.min(tradesPerSymbol, KEYS_PER_SYMBOL), keys, "keys at " + seen.get(i)[0] + " ms");
            assertSlotsWithinTheBound(seen.get(i), max / SYMBOLS);
        }
        assertEquals(BOUND, max, "the bound is reached once two windows have passed");
        assertEquals(SYMBOLS, seen.get(checkpoints)[1], "3 minutes on, each symbol remembers only its newest trade");
        assertSlotsWithinTheBound(seen.get(checkpoints), max / SYMBOLS);
        assertEquals(SYMBOLS, pipeline.get().tickDedupKeys(), "duplicates add no key");

        final long total = (long)SYMBOLS * STEPS + 2L * SYMBOLS;
        assertEquals("received=" + total + " accepted=" + (total - SYMBOLS) + " duplicates=" + SYMBOLS + " rejected=0",
            run.outcomes(TICK));
        assertEquals(total - SYMBOLS, run.counters(TICK).events("trade"));
        assertEquals(0, run.counters(TICK).events("high") + run.counters(TICK).events("low"));
        assertEquals("received=0 accepted=0 duplicates=0 rejected=0", run.outcomes(FMV), "trades only feed fmv's table");
        assertEquals(total, run.sourceCounters().routedRecords());
    }

    /**
     * docs/semantics.md: a symbol's table of packed keys has fewer than max(16, 2 / 0.525 x the most
     * keys it has held at once) slots of 12 bytes, and never shrinks; the pages they come from hold
     * at most twice that and one page more.
     */
    private static void assertSlotsWithinTheBound(final long[] observation, final long peakKeysPerSymbol)
    {
        final long slotsPerSymbol = Math.max(16, (long)Math.ceil(2 * peakKeysPerSymbol / 0.525));
        assertTrue(observation[2] <= SYMBOLS * slotsPerSymbol,
            "at " + observation[0] + " ms: " + observation[2] + " slots > " + SYMBOLS + " x " + slotsPerSymbol);
        // the pages they are carved from: what the tables hold, free blocks, and the newest page's unused part
        assertTrue(observation[3] <= 2 * observation[2] + (1 << 19),
            "at " + observation[0] + " ms: " + observation[3] + " page slots for " + observation[2] + " table slots");
    }

    /**
     * 8,000 symbols, a trade each every 100 ms of event time for 5 minutes (all symbols at the same t
     * in a step), then one trade each 3 minutes later, then those again (duplicates). At each
     * checkpoint it waits, with a deadline, until the consumer has seen every step so far, then
     * records (event time, remembered keys).
     */
    private static final class GeneratedTrades implements Source<FeedRecord>
    {
        final List<long[]> observations = new ArrayList<>();
        volatile String failure;

        private final AtomicReference<MarketPipeline> pipeline;
        private final Semaphore steps;
        private final String[] symbols = new String[SYMBOLS];
        private volatile boolean stopped;
        private long position;

        GeneratedTrades(final AtomicReference<MarketPipeline> pipeline, final Semaphore steps)
        {
            this.pipeline = pipeline;
            this.steps = steps;
            for (int i = 0; i < SYMBOLS; i++)
            {
                symbols[i] = String.format("S%04d", i);
            }
        }

        @Override
        public String name()
        {
            return "generated";
        }

        @Override
        public void run(final RecordSink<FeedRecord> sink) throws InterruptedException
        {
            final FeedRecord record = new FeedRecord();
            long time = T0;
            for (int step = 0; step < STEPS && !stopped; step++)
            {
                time = T0 + step * STEP_MS;
                publishStep(sink, record, time);
                if ((step + 1) % STEPS_PER_CHECKPOINT == 0 && !checkpoint(time, STEPS_PER_CHECKPOINT))
                {
                    return;
                }
            }
            final long later = time + MOVE_ON_MS;
            publishStep(sink, record, later);
            if (checkpoint(later, 1))
            {
                publishStep(sink, record, later);  // the same trades again: duplicates, no events
            }
        }

        private void publishStep(final RecordSink<FeedRecord> sink, final FeedRecord record, final long time)
        {
            for (int s = 0; s < SYMBOLS; s++)
            {
                record.clear();
                record.kind = RecordKind.TRADE;
                record.symbol = symbols[s];
                record.price = 100 * Fixed.ONE;
                record.size = 100;
                record.time = time;
                record.exchange = 4;
                record.srcName = "generated";
                record.srcSeq = ++position;
                record.recvUs = position;
                sink.publish(record);
            }
        }

        /** Waits for the trade events of the steps published since the last checkpoint, then counts the keys. */
        private boolean checkpoint(final long time, final int stepsSinceLast) throws InterruptedException
        {
            if (!steps.tryAcquire(stepsSinceLast, 60, TimeUnit.SECONDS))
            {
                failure = "the steps up to " + time + " ms did not come out within 60 s";
                return false;
            }
            observations.add(new long[] {time, pipeline.get().tickDedupKeys(), pipeline.get().tickDedupSlots(), pipeline.get().tickDedupPageSlots()});
            return true;
        }

        @Override
        public void stop()
        {
            stopped = true;
        }
    }
}
