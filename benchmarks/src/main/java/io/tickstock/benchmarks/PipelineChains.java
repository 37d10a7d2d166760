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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three chains {@link PipelineBenchmark} times and {@link PacedPipeline} paces, as JMH states:
 * the real {@link MarketPipeline} ({@link PipelineState}), its {@link DisruptorFloor}
 * ({@link FloorState}) and its {@link QueuePeer} ({@link PeerState}), each fed the same fresh
 * trades of the {@link MarketFeed} market and ended by the same {@link Completion}.
 */
public final class PipelineChains
{
    private static final int SYMBOLS = 8000;
    private static final int RECORDS_PER_SEC = 20_000;
    private static final int PREFILL_BATCH = 4096;
    /** The most trades a trial's prefill publishes: 130 s of a 100,000 records/s market. */
    private static final long PREFILL_LIMIT = 13_000_000L;

    private PipelineChains()
    {
    }

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

        /** Publishes {@link PipelineBenchmark#BURST} trades, then waits for the consumer to see the last. */
        final long burst() throws Exception
        {
            long seq = 0;
            for (int i = 0; i < PipelineBenchmark.BURST; i++)
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
}
