package io.tickstock.benchmarks;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.ring.WaitStrategyKind;
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

import java.util.concurrent.TimeUnit;

/**
 * Each channel's chain in isolation, per record: the real validate, process and prioritize stages
 * of the tick, ohlcv and fmv channels ({@link ChannelStages}) run in chain order on the benchmark
 * thread, on one reused entry as a ring slot is reused. The prioritize stage is the real {@code
 * Prioritizer} publishing into a real {@link PublishRing} (blocking wait strategy) that has no
 * consumer, so publishing never waits: the figure is the chain's own work including the publish
 * (claim, copy, signal), without any hand-off between threads. {@code PipelineBenchmark} measures
 * the hand-offs.
 *
 * <p>Inputs ({@link MarketFeed}): 8,000 symbols with the simulator's skew, prices walking, a market
 * of 20,000 records/s in event time; the tick chain gets fresh trades with one in 50 sent twice
 * (a duplicate), the fmv chain what the router gives it (every trade, one FMV in 20), the ohlcv
 * chain one-minute bars for every symbol in turn, minute after minute, with one in 50 repeated and
 * one in 50 revised, so that at every fifth minute one bar closes 8,000 5m rollups (and at every
 * fifteenth as many 15m ones): rare, very slow operations that SampleTime shows in its tail. Each
 * trial first runs the chain over 130 s of event time (16 minutes of bars) so that dedup keys,
 * trade history and retained bars are at their steady-state size. Generating a record costs what
 * {@link #tickInput} measures; it is included in every chain's figure.
 *
 * <p>Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the chain's allocation per record.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class ChainBenchmark
{
    /** Duplicates (and for bars, revisions) are one record in this many. */
    static final int REPEAT_EVERY = 50;

    /** A channel's chain and its input, filled to steady state. */
    @State(Scope.Thread)
    public abstract static class ChainState
    {
        @Param({"8000"})
        public int symbols;

        @Param({"20000"})
        public int recordsPerSec;

        MarketFeed feed;
        ChannelStages chain;
        final FeedRecord entry = new FeedRecord();
        private PublishRing<MarketEvent> ring;

        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            final MarketConfig config = MarketConfig.defaults();
            ring = new PublishRing<>(MarketEvent::new, config.publishRingSize(), WaitStrategyKind.BLOCKING);
            ring.start();
            feed = new MarketFeed(symbols, recordsPerSec, 42);
            chain = build(config, ring);
            final long prefill = prefillRecords();
            for (long i = 0; i < prefill; i++)
            {
                next();
                chain.run(entry);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            ring.drainAndStop(1, TimeUnit.SECONDS);
        }

        abstract ChannelStages build(MarketConfig config, PublishRing<MarketEvent> ring);

        abstract void next();

        long prefillRecords()
        {
            return MarketFeed.steadyStateRecords(recordsPerSec);
        }
    }

    @State(Scope.Thread)
    public static class TickChain extends ChainState
    {
        @Override
        ChannelStages build(final MarketConfig config, final PublishRing<MarketEvent> ring)
        {
            return ChannelStages.tick(config, new SymbolTable(), ChannelStages.prioritizer(config, ring, "tick"));
        }

        @Override
        void next()
        {
            feed.nextTradeOrRepeat(entry, REPEAT_EVERY);
        }
    }

    /** The tick chain's input alone: nothing to fill. */
    @State(Scope.Thread)
    public static class TickInput extends TickChain
    {
        @Override
        long prefillRecords()
        {
            return 0;
        }
    }

    @State(Scope.Thread)
    public static class OhlcvChain extends ChainState
    {
        @Override
        ChannelStages build(final MarketConfig config, final PublishRing<MarketEvent> ring)
        {
            return ChannelStages.ohlcv(config, new SymbolTable(), ChannelStages.prioritizer(config, ring, "ohlcv"));
        }

        @Override
        void next()
        {
            feed.nextBar(entry, REPEAT_EVERY);
        }

        @Override
        long prefillRecords()
        {
            return 16L * symbols;
        }
    }

    @State(Scope.Thread)
    public static class FmvChain extends ChainState
    {
        @Override
        ChannelStages build(final MarketConfig config, final PublishRing<MarketEvent> ring)
        {
            return ChannelStages.fmv(config, new SymbolTable(), ChannelStages.prioritizer(config, ring, "fmv"));
        }

        @Override
        void next()
        {
            feed.nextMixed(entry);
        }
    }

    /** The tick channel's chain: validate + dedup, the session state and trend/surge, publish. */
    @Benchmark
    public int tickChain(final TickChain state) throws Exception
    {
        state.next();
        return state.chain.run(state.entry);
    }

    /** The ohlcv channel's chain: validate + dedup + revision, the bar event and rollups, publish. */
    @Benchmark
    public int ohlcvChain(final OhlcvChain state) throws Exception
    {
        state.next();
        return state.chain.run(state.entry);
    }

    /** The fmv channel's chain: the last-trade table (trades pass), FMV validation and signal, publish. */
    @Benchmark
    public int fmvChain(final FmvChain state) throws Exception
    {
        state.next();
        return state.chain.run(state.entry);
    }

    /** The input alone: what generating one tick-chain record adds to {@link #tickChain}. */
    @Benchmark
    public long tickInput(final TickInput state)
    {
        state.next();
        return state.entry.srcSeq;
    }
}
