package io.tickstock.channels.feed;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.Symbols;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.source.RecordSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeded simulator: reproducible, and every record it makes is valid. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatorSourceTest
{
    private static final int SYMBOLS = 50;
    private static final int RATE = 1_000_000;
    private static final long RECORDS = 2_000;

    /** Collects (kind, symbol, price, size) of every record; bars separately (their timing follows the wall clock). */
    static final class Collecting implements RecordSink<FeedRecord>
    {
        final List<String> tradesAndFmvs = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        final List<String> sourceNames = new ArrayList<>();
        long bars;
        long trades;
        long fmvs;

        @Override
        public void publish(final FeedRecord r)
        {
            sequences.add(r.srcSeq);
            sourceNames.add(r.srcName);
            assertTrue(Symbols.isValid(r.symbol), r.symbol);
            switch (r.kind)
            {
                case TRADE -> {
                    trades++;
                    tradesAndFmvs.add("T " + r.symbol + " " + Fixed.toString(r.price) + " " + r.size);
                }
                case FMV -> {
                    fmvs++;
                    tradesAndFmvs.add("FMV " + r.symbol + " " + Fixed.toString(r.fmv));
                }
                default -> bars++;
            }
        }

        @Override
        public void reject(final String reason)
        {
            throw new AssertionError("the simulator rejected a record: " + reason);
        }
    }

    private static Collecting runToEnd(final long seed)
    {
        final Collecting sink = new Collecting();
        final SimulatorSource source = SimulatorSource.builder().symbols(SYMBOLS).rate(RATE).seed(seed).maxRecords(RECORDS).build();
        source.run(sink);
        assertEquals(RECORDS, source.produced());
        return sink;
    }

    @Test
    void shouldProduceTheSameRecordsForTheSameSeed()
    {
        final Collecting first = runToEnd(42);
        final Collecting second = runToEnd(42);

        // bars are made when the wall clock closes a minute and take some of maxRecords: compare the common prefix
        final int common = Math.min(first.tradesAndFmvs.size(), second.tradesAndFmvs.size());
        assertTrue(common >= RECORDS - SYMBOLS, "at most one bar per symbol in a run this short: " + common);
        assertEquals(first.tradesAndFmvs.subList(0, common), second.tradesAndFmvs.subList(0, common));
    }

    @Test
    void shouldProduceADifferentSequenceForAnotherSeed()
    {
        final Collecting first = runToEnd(42);
        final Collecting other = runToEnd(43);

        assertNotEquals(first.tradesAndFmvs.subList(0, 100), other.tradesAndFmvs.subList(0, 100));
    }

    @Test
    void shouldProduceTradesAndFmvsNumberedFromOneUnderItsName()
    {
        final Collecting sink = runToEnd(7);

        assertTrue(sink.trades > 0, "trades");
        assertTrue(sink.fmvs > 0, "fmvs");
        assertTrue(sink.fmvs < sink.trades, "an FMV for about one record in twenty");
        assertEquals(RECORDS, sink.trades + sink.fmvs + sink.bars);
        for (int i = 0; i < sink.sequences.size(); i++)
        {
            assertEquals(i + 1, sink.sequences.get(i));
            assertEquals("sim", sink.sourceNames.get(i));
        }
    }

    @Test
    void shouldProduceOnlyRecordsThePipelineAccepts() throws InterruptedException
    {
        final long records = 5_000;
        final SimulatorSource source = SimulatorSource.builder().symbols(100).rate(RATE).maxRecords(records).build();
        final MarketPipeline pipeline = MarketPipeline.create(MarketConfig.defaults(), List.of(source));
        final AtomicLong trades = new AtomicLong();
        final AtomicLong srcMismatches = new AtomicLong();
        pipeline.addConsumer("count", (MarketEvent event, long sequence, boolean endOfBatch) ->
        {
            if (event.type == EventType.TRADE)
            {
                trades.incrementAndGet();
            }
            if (!"sim".equals(event.srcName) || event.srcSeq < 1 || event.srcSeq > records)
            {
                srcMismatches.incrementAndGet();
            }
        });

        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(20, TimeUnit.SECONDS));
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));

        assertEquals(0, pipeline.sourceCounters().rejected());
        assertEquals(records, pipeline.sourceCounters().routedRecords());
        long received = 0;
        for (final String channel : List.of(MarketPipeline.TICK, MarketPipeline.OHLCV, MarketPipeline.FMV))
        {
            final ChannelCounters counters = pipeline.counters(channel);
            assertEquals(0, counters.rejected(), channel + " rejected");
            assertEquals(0, counters.duplicates(), channel + " duplicates");
            assertEquals(counters.received(), counters.accepted(), channel);
            received += counters.received();
        }
        assertEquals(records, received, "every record reaches exactly one channel as a record of it");
        assertTrue(pipeline.counters(MarketPipeline.TICK).received() > 0);
        assertTrue(pipeline.counters(MarketPipeline.FMV).received() > 0);
        assertEquals(pipeline.counters(MarketPipeline.TICK).accepted(), trades.get());
        assertEquals(0, srcMismatches.get());
    }

    @Test
    void shouldStopWhenAskedWithoutARecordLimit() throws InterruptedException
    {
        final SimulatorSource source = SimulatorSource.builder().symbols(SYMBOLS).rate(100_000).build();
        final CountDownLatch hundred = new CountDownLatch(100);
        final AtomicLong published = new AtomicLong();
        final Thread thread = new Thread(() -> source.run(new RecordSink<>()
        {
            @Override
            public void publish(final FeedRecord record)
            {
                published.incrementAndGet();
                hundred.countDown();
            }

            @Override
            public void reject(final String reason)
            {
            }
        }), "simulator");
        thread.start();
        assertTrue(hundred.await(10, TimeUnit.SECONDS));

        source.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));

        assertFalse(thread.isAlive());
        assertEquals(published.get(), source.produced());
    }

    @Test
    void shouldNameItsSymbolsLeadersFirstThenFourLetterNames()
    {
        assertEquals("SPY", SimulatorSource.symbol(0));
        assertEquals("AMD", SimulatorSource.symbol(9));
        assertEquals("XAAAK", SimulatorSource.symbol(10));
        assertEquals("XZZZZ", SimulatorSource.symbol(26 * 26 * 26 * 26 - 1));
    }

    @Test
    void shouldRejectSettingsOutOfRangeNamingTheKey()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorSource.builder().symbols(0).build())
            .getMessage().startsWith("simulator.symbols"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorSource.builder().rate(0).build())
            .getMessage().startsWith("simulator.rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorSource.builder().maxRecords(-1).build())
            .getMessage().startsWith("simulator.maxRecords"));
        assertEquals("sim", SimulatorSource.builder().build().name(), "the default name");
        assertEquals("feed", SimulatorSource.builder().name("feed").build().name());
    }

    @Test
    void shouldCloseEveryMinuteOfItsSimulatedClockWithTheBarsOfThatMinutesTrades()
    {
        final long startMs = 978_445_800_000L; // 2001-01-02T14:30:00Z
        final long records = 200_000;
        final CopiedRecords sink = new CopiedRecords();
        final List<FeedRecord> published = sink.records;
        final SimulatorSource source = SimulatorSource.builder().symbols(SYMBOLS).seed(3).maxRecords(records).simulatedFrom(startMs).build();
        source.run(sink);
        assertEquals(records, source.produced());
        assertEquals(records, published.size());
        // the bars each closed minute must have: one per symbol that traded, from its trades
        final Map<String, long[]> open = new TreeMap<>();
        long minute = startMs;
        long nextTime = startMs;
        int closedMinutes = 0;
        long seq = 0;
        int i = 0;
        while (i < published.size())
        {
            final FeedRecord r = published.get(i);
            assertEquals(++seq, r.srcSeq);
            if (r.kind == RecordKind.BAR_MINUTE)
            {
                // the minute's bars, all together, in the order the symbols first traded in it
                assertEquals(minute + 60_000L, nextTime, "bars come when the clock reaches the minute's end");
                final Map<String, long[]> bars = new TreeMap<>();
                while (i < published.size() && published.get(i).kind == RecordKind.BAR_MINUTE)
                {
                    final FeedRecord bar = published.get(i);
                    assertEquals(minute, bar.start, bar.toString());
                    assertEquals(minute + 60_000L, bar.end, bar.toString());
                    bars.put(bar.symbol, new long[] {bar.open, bar.high, bar.low, bar.close, bar.volume});
                    if (i > 0 && published.get(i - 1).kind == RecordKind.BAR_MINUTE)
                    {
                        seq++;
                        assertEquals(seq, bar.srcSeq);
                    }
                    i++;
                }
                assertEquals(open.keySet(), bars.keySet(), "one bar per symbol that traded in the minute");
                open.forEach((symbol, expected) -> assertArrayEquals(expected, bars.get(symbol), symbol));
                open.clear();
                minute += 60_000L;
                closedMinutes++;
                continue;
            }
            assertEquals(nextTime, r.kind == RecordKind.FMV ? r.time / 1_000_000L : r.time,
                "one simulated millisecond per trade or FMV");
            nextTime++;
            if (r.kind == RecordKind.TRADE)
            {
                final long[] bar = open.get(r.symbol);
                if (bar == null)
                {
                    open.put(r.symbol, new long[] {r.price, r.price, r.price, r.price, r.size});
                }
                else
                {
                    bar[1] = Math.max(bar[1], r.price);
                    bar[2] = Math.min(bar[2], r.price);
                    bar[3] = r.price;
                    bar[4] += r.size;
                }
            }
            i++;
        }
        assertEquals(3, closedMinutes, "200,000 records, bars included, span three closed minutes and part of a fourth");
    }
}
