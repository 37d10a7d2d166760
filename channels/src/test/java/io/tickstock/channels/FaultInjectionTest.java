package io.tickstock.channels;

import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.ChannelStageId;
import io.tickstock.core.ring.Quarantine;
import io.tickstock.core.ring.Stage;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.core.source.SourceState;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static io.tickstock.channels.Feed.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults injected into the real {@link MarketPipeline} (issue 7): a source that throws mid-stream
 * and is restarted, a stage that throws on every Nth record, a full ring. Afterwards the
 * accounting identities hold exactly ({@link PipelineRun} checks them), every count of the fault
 * is exact, and everything the fault did not touch is delivered exactly as without it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest
{
    private static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
    private static final int TRADES = 1_000;
    private static final int EVERY = 7;

    /** One generated trade: its feed line and the record text the quarantine should show for it. */
    private record Trade(long seq, String symbol, String line, String described)
    {
    }

    /**
     * {@code count} distinct trades of five symbols, a seeded random walk, each with a trade id,
     * an exchange and its sequence {@code q} = 1..count (so a trade's events carry the same
     * sequence whatever else is in the feed).
     */
    private static List<Trade> trades(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] prices = new long[SYMBOLS.size()];
        java.util.Arrays.fill(prices, 100 * Fixed.ONE);
        final List<Trade> trades = new ArrayList<>(count);
        for (int n = 1; n <= count; n++)
        {
            final int s = random.nextInt(SYMBOLS.size());
            prices[s] = Math.max(Fixed.ONE, prices[s] + (random.nextInt(101) - 50) * 10_000L);
            final String symbol = SYMBOLS.get(s);
            final String price = Fixed.toString(prices[s]);
            final long size = 100 + random.nextInt(900);
            final long time = T0 + n * 250L;
            final String line = Feed.trade(symbol, price, size, time, "\"i\":\"t" + n + "\",\"x\":4,\"q\":" + n);
            trades.add(new Trade(n, symbol, line, "T " + symbol + " p=" + price + " s=" + size + " t=" + time + " i=t" + n + " x=4"));
        }
        return trades;
    }

    /** The trades' lines with a one-minute bar of {@code BAR} after every 100th trade. */
    private static List<String> withBars(final List<Trade> trades)
    {
        final List<String> lines = new ArrayList<>();
        int bars = 0;
        for (final Trade trade : trades)
        {
            lines.add(trade.line());
            if (trade.seq() % 100 == 0)
            {
                final long start = T0 + bars++ * 60_000L;
                lines.add(Feed.minuteBar("BAR", "10", "11", "9.5", "10.5", 1_000 + bars, start, start + 60_000));
            }
        }
        return lines;
    }

    /** Each event as text with its source sequence. */
    private static List<String> described(final List<MarketEvent> events)
    {
        return events.stream().map(event -> event + " #" + event.srcSeq).toList();
    }

    private static List<String> text(final List<MarketEvent> events)
    {
        return events.stream().map(MarketEvent::toString).toList();
    }

    // ---- a source that throws mid-stream ----

    /**
     * A feed client over fixed lines that loses its connection: run {@code k} throws after
     * {@code failAfter[k]} lines of its own; each run resumes at the next line, numbering records
     * on from where the last run stopped, as a client that reconnects and resumes from its last
     * sequence does.
     */
    static final class DisconnectingSource implements Source<FeedRecord>
    {
        private final List<String> lines;
        private final int[] failAfter;
        private int next;
        private long position;
        private int runs;
        private volatile boolean stopped;

        DisconnectingSource(final List<String> lines, final int... failAfter)
        {
            this.lines = List.copyOf(lines);
            this.failAfter = failAfter.clone();
        }

        @Override
        public String name()
        {
            return "feed";
        }

        @Override
        public void run(final RecordSink<FeedRecord> sink) throws IOException
        {
            final int run = runs++;
            final int limit = run < failAfter.length ? failAfter[run] : -1;
            final FeedDecoder decoder = new FeedDecoder(name(), position);
            int read = 0;
            while (next < lines.size() && !stopped)
            {
                if (read == limit)
                {
                    throw new IOException("connection reset by peer (run " + run + ")");
                }
                decoder.decode(lines.get(next), ListSource.recvUs(next), sink);
                next++;
                position = decoder.position();
                read++;
            }
        }

        @Override
        public void stop()
        {
            stopped = true;
        }
    }

    @Test
    void shouldRestartASourceThatThrowsMidStreamAndKeepEveryCountExact() throws InterruptedException
    {
        final List<String> lines = new ArrayList<>(withBars(trades(TRADES, 11)));
        lines.add(400, "not json at all");
        lines.add(700, Feed.fmv("AAA", "101", (T0 + 200_000L) * 1_000_000L));
        lines.add(Feed.fmv("BBB", "99.5", (T0 + 260_000L) * 1_000_000L));
        final int failAt = 523;
        final MarketConfig config = PipelineRun.basicRules()
            .sourceRestart(SourceRestartPolicy.builder().initialBackoffMs(1).maxBackoffMs(1).jitter(0).build())
            .build();

        final PipelineRun clean = PipelineRun.run(config, List.of(new ListSource("feed", lines)));
        final PipelineRun faulty = PipelineRun.faulty(config, List.of(new DisconnectingSource(lines, failAt, 0)),
            (channel, stage, inner) -> inner);

        final SourceSupervisor<FeedRecord> supervisor = faulty.pipeline().supervisors().get(0);
        assertEquals(SourceState.FINISHED, supervisor.state(), "a stream that ended is not a failure");
        assertEquals(2, supervisor.failures(), "the disconnect after " + failAt + " lines and the one at once after it");
        assertEquals(2, supervisor.restarts());
        assertEquals(2, faulty.sourceCounters().sourceFailures());
        assertEquals("java.io.IOException: connection reset by peer (run 1)", supervisor.lastError());

        long recordsIn = faulty.sourceCounters().rejected();
        for (final String channel : List.of(MarketPipeline.TICK, MarketPipeline.OHLCV, MarketPipeline.FMV))
        {
            recordsIn += faulty.counters(channel).received();
            assertEquals(clean.outcomes(channel), faulty.outcomes(channel), channel);
            assertEquals(described(clean.events(channel)), described(faulty.events(channel)), channel + ": the same events");
        }
        assertEquals(lines.size(), recordsIn, "every line read once: one record each");
        assertEquals(1, faulty.sourceCounters().rejected("malformed"));
        assertEquals(TRADES, faulty.counters(MarketPipeline.TICK).accepted());
        assertEquals(2, faulty.counters(MarketPipeline.FMV).received());
    }

    // ---- a stage that throws on every Nth record ----

    static Stream<Arguments> stagesAndLayouts()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ChannelStageId stage : ChannelStageId.values())
        {
            for (final ThreadLayout layout : ThreadLayout.values())
            {
                cases.add(Arguments.of(stage, layout));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stagesAndLayouts")
    void shouldQuarantineEveryNthRecordATickStageThrowsOnAndDeliverEverythingElseExactly(
        final ChannelStageId failing, final ThreadLayout layout) throws InterruptedException
    {
        final List<Trade> trades = trades(TRADES, 5);
        final MarketConfig config = PipelineRun.basicRules().layout(layout).build();
        final AtomicLong seen = new AtomicLong();
        final MarketPipeline.StageWrapper everyNth = (channel, stage, inner) ->
            !channel.equals(MarketPipeline.TICK) || stage != failing ? inner : throwingEveryNth(seen, inner);

        final PipelineRun faulty = PipelineRun.faulty(config, List.of(new ListSource("feed", withBars(trades))), everyNth);

        final long quarantined = TRADES / EVERY;
        final Set<Long> failed = new HashSet<>();
        final List<Trade> kept = new ArrayList<>();
        for (final Trade trade : trades)
        {
            if (trade.seq() % EVERY == 0)
            {
                failed.add(trade.seq());
            }
            else
            {
                kept.add(trade);
            }
        }
        assertEquals(quarantined, failed.size());
        final ChannelCounters tick = faulty.counters(MarketPipeline.TICK);
        for (final ChannelStageId stage : ChannelStageId.values())
        {
            assertEquals(stage == failing ? quarantined : 0, tick.handlerErrors(stage), stage.label());
        }
        assertEquals(quarantined, tick.quarantined());
        assertEquals(TRADES, tick.received());
        assertEquals(failing == ChannelStageId.VALIDATE ? quarantined : 0, tick.rejected(ChannelCounters.HANDLER_ERROR));
        assertEquals(failing == ChannelStageId.VALIDATE ? TRADES - quarantined : TRADES, tick.accepted());
        assertEquals(0, faulty.counters(MarketPipeline.OHLCV).quarantined());
        assertEquals(0, faulty.counters(MarketPipeline.FMV).quarantined());

        final Quarantine quarantine = faulty.pipeline().quarantine();
        assertEquals(quarantined, quarantine.total());
        assertEquals(Math.max(0, quarantined - Quarantine.DEFAULT_CAPACITY), quarantine.evicted());
        final List<Quarantine.Entry> entries = quarantine.snapshot();
        assertEquals(Math.min(quarantined, Quarantine.DEFAULT_CAPACITY), entries.size());
        final List<String> expectedNewest = new ArrayList<>();
        for (int i = trades.size() - 1; i >= 0 && expectedNewest.size() < entries.size(); i--)
        {
            final Trade trade = trades.get(i);
            if (failed.contains(trade.seq()))
            {
                expectedNewest.add("tick " + failing.label() + " java.lang.IllegalStateException injected fault on " +
                    trade.symbol() + " #" + trade.seq() + " | " + trade.described() + " | feed#" + trade.seq());
            }
        }
        assertEquals(expectedNewest, entries.stream().map(e -> e.channel() + " " + e.stage() + " " + e.exception() + " " +
            e.message() + " | " + e.record() + " | " + e.source() + "#" + e.sourceSeq()).toList());

        // what the fault did not touch is delivered exactly as by a run that never had those records
        // (validate, process: the tick processor never saw them) or had them without their events (prioritize)
        final PipelineRun clean = PipelineRun.run(config, List.of(new ListSource("feed", withBars(trades))));
        final List<String> expectedTick;
        if (failing == ChannelStageId.PRIORITIZE)
        {
            expectedTick = described(clean.events(MarketPipeline.TICK).stream().filter(e -> !failed.contains(e.srcSeq)).toList());
        }
        else
        {
            final PipelineRun without = PipelineRun.run(config, List.of(new ListSource("feed", withBars(kept))));
            expectedTick = described(without.events(MarketPipeline.TICK));
        }
        assertEquals(expectedTick, described(faulty.events(MarketPipeline.TICK)));
        assertEquals(TRADES - quarantined, faulty.counters(MarketPipeline.TICK).events("trade"));
        assertEquals(text(clean.events(MarketPipeline.OHLCV)), text(faulty.events(MarketPipeline.OHLCV)), "the other channels flow");
        assertEquals(clean.outcomes(MarketPipeline.OHLCV), faulty.outcomes(MarketPipeline.OHLCV));
    }

    private static Stage<FeedRecord> throwingEveryNth(final AtomicLong seen, final Stage<FeedRecord> inner)
    {
        return (entry, endOfBatch) ->
        {
            if (seen.incrementAndGet() % EVERY == 0)
            {
                throw new IllegalStateException("injected fault on " + entry.symbol + " #" + entry.srcSeq);
            }
            inner.onEntry(entry, endOfBatch);
        };
    }

    // ---- a full ring ----

    @Test
    void shouldCountProducersWaitingOnFullRingsAndLoseNothing() throws InterruptedException
    {
        final List<Trade> trades = trades(TRADES, 3);
        final List<String> lines = new ArrayList<>();
        trades.forEach(trade -> lines.add(trade.line()));
        final MarketConfig config = PipelineRun.basicRules().tickRingSize(64).fmvRingSize(64).publishRingSize(64).build();
        final MarketPipeline pipeline = MarketPipeline.create(config, List.of(new ListSource("feed", lines)));
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong consumed = new AtomicLong();
        pipeline.addConsumer("held", (event, sequence, endOfBatch) ->
        {
            release.await();
            consumed.incrementAndGet();
        });
        pipeline.start();
        pipeline.startSources();

        // the held consumer fills the publish ring; the tick stage waits on it; the source then fills the tick ring
        Await.until("producers waiting on the publish and tick rings", 20_000,
            () -> pipeline.publishRing().fullWaits() > 0 && pipeline.channels().get(0).fullWaits() > 0);
        assertEquals(0, consumed.get());
        release.countDown();
        assertTrue(pipeline.awaitSources(20, TimeUnit.SECONDS));
        assertTrue(pipeline.stop(20, TimeUnit.SECONDS));

        final ChannelCounters tick = pipeline.counters(MarketPipeline.TICK);
        assertEquals(TRADES, tick.received());
        assertEquals(TRADES, tick.accepted());
        assertEquals(TRADES, tick.events("trade"));
        long emitted = 0;
        for (final String type : tick.eventTypes())
        {
            emitted += tick.events(type);
        }
        assertEquals(emitted, consumed.get(), "every event emitted reached the consumer");
        assertEquals(emitted, pipeline.publishRing().ring().getCursor() + 1);
        assertTrue(pipeline.publishRing().fullWaits() > 0);
        assertTrue(pipeline.channels().get(0).fullWaits() > 0);
    }
}
