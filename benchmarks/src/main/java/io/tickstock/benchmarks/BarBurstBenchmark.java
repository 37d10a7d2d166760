package io.tickstock.benchmarks;

import com.lmax.disruptor.EventHandler;
import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.EpochClock;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.RecordSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The minute's bar burst through the in-process pipeline: at each minute a feed sends one
 * {@code AM} bar per symbol at once. One op publishes the 8,000 bars of the next minute back to
 * back from the source thread (router → ohlcv ring → validate, dedup, relative volume, rollups →
 * publish ring) and waits, parked, until the publish ring's consumer has seen the last one's
 * {@code bar} event: the time to process and publish a whole burst. Every fifth op also closes
 * 8,000 five-minute rollups, every fifteenth 8,000 fifteen-minute ones, as the market's would.
 * Delivery to WebSocket clients is the load harness's to measure.
 *
 * <p>Each trial first runs 16 minutes of bars, so each (symbol, tf) keeps its full history.
 * Parameters as in {@link PipelineBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class BarBurstBenchmark
{
    static final int SYMBOLS = 8000;

    @State(Scope.Thread)
    public static class Market
    {
        @Param({"fused"})
        public String layout;

        @Param({"blocking"})
        public String waitStrategy;

        private final FeedRecord bar = new FeedRecord();
        private MarketFeed feed;
        private Completion completion;
        private MarketPipeline pipeline;
        private RecordSink<FeedRecord> sink;

        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            final WaitStrategyKind wait = WaitStrategyKind.fromConfig("waitStrategy", waitStrategy);
            final MarketConfig config = MarketConfig.builder()
                .layout(ThreadLayout.fromConfig("layout", layout))
                .waitStrategy(wait)
                .build();
            feed = new MarketFeed(SYMBOLS, 20_000, 42);
            completion = new Completion(wait);
            final HeldSource source = new HeldSource();
            pipeline = MarketPipeline.create(config, List.of(source));
            pipeline.addConsumer("bench", new ReportBars(completion));
            pipeline.start();
            pipeline.startSources();
            sink = source.awaitSink();
            for (int minute = 0; minute < 16; minute++)
            {
                minute();
            }
        }

        /** Publishes the next minute's bars and waits for the last one's event. */
        long minute()
        {
            long seq = 0;
            for (int i = 0; i < SYMBOLS; i++)
            {
                feed.nextBar(bar, 0);
                bar.recvUs = EpochClock.micros();
                sink.publish(bar);
                seq = bar.srcSeq;
            }
            completion.await(seq);
            return seq;
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            PipelineChains.stopAndCheck(pipeline);
        }
    }

    @Benchmark
    public long minuteBarBurst(final Market market)
    {
        return market.minute();
    }

    /**
     * The publish ring's consumer: reports the highest source sequence of a {@code bar} event seen
     * (rollups carry the sequence of the bar that closed them, which may be lower).
     */
    private static final class ReportBars implements EventHandler<MarketEvent>
    {
        private final Completion completion;
        private long highest;

        ReportBars(final Completion completion)
        {
            this.completion = completion;
        }

        @Override
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.type == EventType.BAR && event.srcSeq > highest)
            {
                highest = event.srcSeq;
                completion.arrived(highest);
            }
        }
    }
}
