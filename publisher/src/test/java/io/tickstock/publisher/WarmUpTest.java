package io.tickstock.publisher;

import io.netty.buffer.PooledByteBufAllocator;
import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.core.source.Source;
import io.tickstock.publisher.internal.fanout.store.EventHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up runs every record of its simulated market through the throwaway pipeline and edge,
 * exactly the events a pipeline of the same configuration makes of that market, a minute's bars
 * every 60,000 records, and gives the throwaway edge's history back to the pool.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WarmUpTest
{
    private static final int SYMBOLS = 300;
    private static final long RECORDS = 190_000;
    /** Rollups by event time only, so that the count of bars does not depend on a wall-clock tick. */
    private static final MarketConfig MARKET = MarketConfig.builder().ohlcvClockTickMs(0).build();
    private static final EdgeConfig EDGE = EdgeConfig.builder().host("127.0.0.1").port(0).build();

    @Test
    void runsTheSimulatedMarketThroughAndGivesTheHistoryBack() throws InterruptedException
    {
        // the first run leaves the pool's small-buffer chunks and caches in place; the second is measured
        WarmUp.run(MARKET, EDGE, SYMBOLS, RECORDS);
        final long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        final WarmUp.Result result = WarmUp.run(MARKET, EDGE, SYMBOLS, RECORDS);
        final long directAfter = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();

        final long[] expected = eventsAndBarsOfTheSameMarket();
        assertEquals(RECORDS, result.records());
        assertEquals(expected[0], result.events(), "events");
        assertEquals(expected[1], result.bars(), "bars");
        // 190,000 records close three simulated minutes: three minutes of 1m bars at the least
        assertTrue(result.bars() >= 3 * SYMBOLS * 9 / 10, () -> "bars " + result.bars());
        assertTrue(directAfter - directBefore < EventHistory.ringBytes(EDGE.historySize()),
            () -> "the history's " + EventHistory.ringBytes(EDGE.historySize()) + " bytes went back: " + directBefore + " -> " + directAfter);
    }

    /** The same simulated market through a plain pipeline of the same configuration: {events, bars}. */
    private static long[] eventsAndBarsOfTheSameMarket() throws InterruptedException
    {
        final Source<FeedRecord> source = SimulatorSource.builder().name("warm-up").symbols(SYMBOLS).seed(1).maxRecords(RECORDS)
            .simulatedFrom(WarmUp.SIMULATED_FROM_MS).build();
        final MarketPipeline pipeline = MarketPipeline.create(MARKET, List.of(source));
        final AtomicLong events = new AtomicLong();
        final AtomicLong bars = new AtomicLong();
        pipeline.addConsumer("count", (event, sequence, endOfBatch) ->
        {
            events.incrementAndGet();
            if (event.type == EventType.BAR)
            {
                bars.incrementAndGet();
            }
        });
        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(30, TimeUnit.SECONDS));
        assertTrue(pipeline.stop(30, TimeUnit.SECONDS));
        return new long[] {events.get(), bars.get()};
    }
}
