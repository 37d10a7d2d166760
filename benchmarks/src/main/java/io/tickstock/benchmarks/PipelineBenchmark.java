package io.tickstock.benchmarks;

import com.lmax.disruptor.EventHandler;
import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.EpochClock;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelStageId;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The in-process pipeline end to end, per trade, from the source's publish to the publish ring's
 * consumer, beside its two baselines with the same threads, in the same run:
 *
 * <ul>
 *   <li>{@code pipeline}: the real {@link MarketPipeline} (default configuration but for the
 *       layout and wait strategy parameters): the benchmark thread is the source thread and calls
 *       the router ({@code RecordSink.publish}), which copies the trade into the tick and fmv
 *       rings; the channels' stages run on their threads (tick: validate + dedup, session state,
 *       trend and surge, prioritize into the publish ring; fmv: the last-trade table), and one
 *       consumer added to the publish ring reports each {@code trade} event. The ohlcv channel
 *       and its clock thread, the latency monitor and all counters run as in production.</li>
 *   <li>{@code disruptorFloor}: {@link DisruptorFloor}, the same rings and threads with no-op
 *       handlers: what the Disruptor hand-offs alone cost.</li>
 *   <li>{@code queuePeer}: {@link QueuePeer}, the same stages on the same threads, handed off
 *       through {@link java.util.concurrent.ArrayBlockingQueue}s.</li>
 * </ul>
 *
 * <p>Each comes in two shapes. The plain one publishes one trade and waits until the consumer has
 * seen it ({@link Completion}; parked, for the blocking wait strategy): one op is one trade's
 * round trip through an idle pipeline, three thread wake-ups included (channel thread, publish
 * consumer, and back to the benchmark thread), so SampleTime gives its latency distribution. The
 * {@code Burst} shape publishes {@value #BURST} trades back to back, then waits for the last: one
 * op is one trade of the burst ({@code @OperationsPerInvocation}), so Throughput gives records per
 * second through the loaded pipeline and the time per op is its inverse; the wait for the last
 * record is in it, amortised over the burst. Neither shape is a paced rate: latency at a given
 * rate under load is the load harness's to measure.
 *
 * <p>Input: fresh trades only (no duplicates, so every trade yields a {@code trade} event to wait
 * for) of the {@link MarketFeed} market (8,000 symbols, 20,000 records/s of event time), each
 * stamped with the receive time. Each trial of {@code pipeline} and {@code queuePeer} first brings
 * its channels to steady state with 130 s of event time (2.6 million trades). All three generate
 * the same records, at the same cost.
 *
 * <p>Modes: the round trips run in SampleTime (their percentiles are the point), the bursts in
 * Throughput (records per second); {@code -bm} on the command line overrides both.
 *
 * <p>Parameters: {@code layout} ({@code fused}, {@code threaded}) and {@code waitStrategy} (the
 * configuration names; {@code blocking} by default, as no core should spin on a 2-core machine).
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class PipelineBenchmark
{
    /** Trades per invocation of the burst benchmarks. */
    static final int BURST = 1000;
    private static final int SYMBOLS = 8000;
    private static final int RECORDS_PER_SEC = 20_000;
    private static final int PREFILL_BATCH = 4096;
    /** The most trades a trial's prefill publishes: 130 s of a 100,000 records/s market. */
    private static final long PREFILL_LIMIT = 13_000_000L;

    /** The parameters and the input shared by the three chains. */
    @State(Scope.Thread)
    public abstract static class ChainState
    {
        @Param({"fused"})
        public String layout;

        @Param({"blocking"})
        public String waitStrategy;

        final FeedRecord trade = new FeedRecord();
        /** The market's rate in event time (and so the size of the state the channels keep). */
        int recordsPerSec = RECORDS_PER_SEC;
        MarketFeed feed;
        Completion completion;

        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            final ThreadLayout threads = ThreadLayout.fromConfig("layout", layout);
            final WaitStrategyKind wait = WaitStrategyKind.fromConfig("waitStrategy", waitStrategy);
            feed = new MarketFeed(SYMBOLS, recordsPerSec, 42);
            completion = new Completion(wait);
            final MarketConfig config = MarketConfig.builder().layout(threads).waitStrategy(wait).build();
            build(config);
        }

        abstract void build(MarketConfig config) throws Exception;

        /** Trades that bring the channels to steady state at {@link #recordsPerSec}, at most {@link #PREFILL_LIMIT}. */
        final long prefillRecords()
        {
            return Math.min(MarketFeed.steadyStateRecords(recordsPerSec), PREFILL_LIMIT);
        }

        abstract void publish(FeedRecord record) throws Exception;

        /** Publishes one fresh trade; returns its source sequence. */
        final long publishNext() throws Exception
        {
            final long seq = nextTrade();
            publishTrade();
            return seq;
        }

        /** Writes the next fresh trade into the reused record without publishing it; returns its source sequence. */
        final long nextTrade()
        {
            feed.nextTrade(trade);
            trade.recvUs = EpochClock.micros();
            return trade.srcSeq;
        }

        /** Publishes the trade {@link #nextTrade} wrote. */
        final void publishTrade() throws Exception
        {
            publish(trade);
        }

        /** Stops the chain's threads; reports stage errors, which make the figures invalid. */
        abstract void close();

        @TearDown(Level.Trial)
        public void tearDown()
        {
            close();
        }

        /** Publishes one trade and waits for the consumer to see it. */
        final long roundTrip() throws Exception
        {
            final long seq = publishNext();
            completion.await(seq);
            return seq;
        }

        /** Publishes {@link #BURST} trades, then waits for the consumer to see the last. */
        final long burst() throws Exception
        {
            long seq = 0;
            for (int i = 0; i < BURST; i++)
            {
                seq = publishNext();
            }
            completion.await(seq);
            return seq;
        }
    }

    @State(Scope.Thread)
    public static class PipelineState extends ChainState
    {
        private MarketPipeline pipeline;
        private RecordSink<FeedRecord> sink;

        @Override
        void build(final MarketConfig config) throws Exception
        {
            final HeldSource source = new HeldSource();
            pipeline = MarketPipeline.create(config, List.of(source));
            pipeline.addConsumer("bench", new ReportTrades(completion));
            pipeline.start();
            pipeline.startSources();
            sink = source.awaitSink();
            final long prefill = prefillRecords();
            long seq = 0;
            for (long i = 1; i <= prefill; i++)
            {
                seq = publishNext();
                if (i % PREFILL_BATCH == 0)
                {
                    completion.await(seq);
                }
            }
            completion.await(seq);
        }

        @Override
        void publish(final FeedRecord record)
        {
            sink.publish(record);
        }

        @Override
        void close()
        {
            stopAndCheck(pipeline);
        }
    }

    @State(Scope.Thread)
    public static class FloorState extends ChainState
    {
        private DisruptorFloor floor;

        @Override
        void build(final MarketConfig config)
        {
            floor = new DisruptorFloor(
                config.layout(), config.waitStrategy(), config.tickRingSize(), config.publishRingSize(), completion);
        }

        @Override
        void publish(final FeedRecord record)
        {
            floor.publish(record);
        }

        @Override
        void close()
        {
            floor.close();
        }
    }

    @State(Scope.Thread)
    public static class PeerState extends ChainState
    {
        private QueuePeer peer;

        @Override
        void build(final MarketConfig config) throws Exception
        {
            peer = new QueuePeer(config, config.layout(), completion);
            final long prefill = prefillRecords();
            for (long i = 0; i < prefill; i++)
            {
                feed.nextTrade(trade);
                QueuePeer.prefill(peer.tickStages(), trade);
                QueuePeer.prefill(peer.fmvStages(), trade);
            }
        }

        @Override
        void publish(final FeedRecord record) throws InterruptedException
        {
            peer.publish(record);
        }

        @Override
        void close()
        {
            peer.close();
            if (peer.stageErrors() > 0)
            {
                throw new IllegalStateException(
                    peer.stageErrors() + " stage errors in the queue peer: the figures are not valid");
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long pipeline(final PipelineState state) throws Exception
    {
        return state.roundTrip();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long disruptorFloor(final FloorState state) throws Exception
    {
        return state.roundTrip();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long queuePeer(final PeerState state) throws Exception
    {
        return state.roundTrip();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BURST)
    public long pipelineBurst(final PipelineState state) throws Exception
    {
        return state.burst();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BURST)
    public long disruptorFloorBurst(final FloorState state) throws Exception
    {
        return state.burst();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BURST)
    public long queuePeerBurst(final PeerState state) throws Exception
    {
        return state.burst();
    }

    /** Stops the pipeline; throws if any stage or consumer threw, as the figures are then not valid. */
    static void stopAndCheck(final MarketPipeline pipeline)
    {
        pipeline.stop(5, TimeUnit.SECONDS);
        long errors = pipeline.publishRing().consumerErrors();
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            for (final ChannelStageId stage : ChannelStageId.values())
            {
                errors += channel.counters().handlerErrors(stage);
            }
        }
        if (errors > 0)
        {
            throw new IllegalStateException(errors + " handler errors in the pipeline: the figures are not valid");
        }
    }

    /** The publish ring's consumer of the pipeline: reports each {@code trade} event's source sequence. */
    private static final class ReportTrades implements EventHandler<MarketEvent>
    {
        private final Completion completion;

        ReportTrades(final Completion completion)
        {
            this.completion = completion;
        }

        @Override
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.type == EventType.TRADE)
            {
                completion.arrived(event.srcSeq);
            }
        }
    }

    /**
     * A source whose thread hands its sink (the router) to the benchmark thread and parks until
     * stopped: the benchmark thread then publishes as the one source thread. Thread-safe.
     */
    static final class HeldSource implements Source<FeedRecord>
    {
        private final CountDownLatch ready = new CountDownLatch(1);
        private volatile RecordSink<FeedRecord> sink;
        private volatile boolean stopped;
        private volatile Thread thread;

        @Override
        public String name()
        {
            return "bench";
        }

        @Override
        public void run(final RecordSink<FeedRecord> recordSink)
        {
            thread = Thread.currentThread();
            sink = recordSink;
            ready.countDown();
            while (!stopped)
            {
                LockSupport.park(this);
            }
        }

        @Override
        public void stop()
        {
            stopped = true;
            final Thread parked = thread;
            if (parked != null)
            {
                LockSupport.unpark(parked);
            }
        }

        RecordSink<FeedRecord> awaitSink() throws InterruptedException
        {
            if (!ready.await(10, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the source thread did not start");
            }
            return sink;
        }
    }
}
