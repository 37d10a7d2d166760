package io.tickstock.benchmarks;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.Stage;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.Router;
import io.tickstock.core.source.SourceCounters;
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
 * The router on the source thread, per record: {@link Router#publish} of a trade (into the tick
 * and fmv rings) and of a minute bar (into the ohlcv ring), the route and the copy into each ring
 * of {@code MarketPipeline}. The rings are real {@link Channel}s of the default size, layout
 * ({@code fused}) and wait strategy whose stages do nothing but accept, so the figure is the
 * producer's side: route, claim, copy, publish and the wait strategy's signal. With the consumers
 * running on the machine's other core, a ring that fills makes the producer wait, so the
 * throughput is also bounded by how fast a consumer thread drains a ring.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class RouterBenchmark
{
    private static final int TICK_BIT = 1;
    private static final int OHLCV_BIT = 1 << 1;
    private static final int FMV_BIT = 1 << 2;
    private static final EventTranslatorOneArg<FeedRecord, FeedRecord> COPY = (entry, sequence, record) -> entry.copyFrom(record);
    private static final Stage<FeedRecord> ACCEPT = (entry, endOfBatch) -> entry.accept();
    private static final Stage<FeedRecord> NOTHING = (entry, endOfBatch) ->
    {
    };

    /** The channels' wait strategy, by its configuration name. */
    @Param({"blocking"})
    public String waitStrategy;

    private List<Channel<FeedRecord>> channels;
    private Router<FeedRecord> router;
    private final FeedRecord trade = new FeedRecord();
    private final FeedRecord bar = new FeedRecord();

    @Setup(Level.Trial)
    public void setUp()
    {
        final MarketConfig config = MarketConfig.defaults();
        final WaitStrategyKind wait = WaitStrategyKind.fromConfig("waitStrategy", waitStrategy);
        channels = List.of(
            channel(MarketPipeline.TICK, config.tickRingSize(), wait),
            channel(MarketPipeline.OHLCV, config.ohlcvRingSize(), wait),
            channel(MarketPipeline.FMV, config.fmvRingSize(), wait));
        router = new Router<>(channels, RouterBenchmark::route, COPY, new SourceCounters(MarketPipeline.SOURCE_REJECT_REASONS));
        channels.forEach(Channel::start);
        final MarketFeed feed = new MarketFeed(8000, 20_000, 42);
        feed.nextTrade(trade);
        feed.nextBar(bar, Integer.MAX_VALUE);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        channels.forEach(channel -> channel.drainAndStop(5, TimeUnit.SECONDS));
    }

    private static Channel<FeedRecord> channel(final String name, final int ringSize, final WaitStrategyKind wait)
    {
        return Channel.builder(name, FeedRecord::new)
            .ringSize(ringSize)
            .waitStrategy(wait)
            .layout(ThreadLayout.FUSED)
            .validate(ACCEPT)
            .process(NOTHING)
            .prioritize(NOTHING)
            .build();
    }

    /** {@code MarketPipeline}'s route (private there). */
    private static int route(final FeedRecord record)
    {
        switch (record.kind)
        {
            case TRADE:
                return TICK_BIT | FMV_BIT;
            case BAR_MINUTE:
            case BAR_SECOND:
                return OHLCV_BIT;
            case FMV:
                return FMV_BIT;
            default:
                return 0;
        }
    }

    /** A trade: copied into the tick and the fmv ring. */
    @Benchmark
    public long publishTrade()
    {
        trade.srcSeq++;
        router.publish(trade);
        return trade.srcSeq;
    }

    /** A minute bar: copied into the ohlcv ring. */
    @Benchmark
    public long publishBar()
    {
        bar.srcSeq++;
        router.publish(bar);
        return bar.srcSeq;
    }
}
