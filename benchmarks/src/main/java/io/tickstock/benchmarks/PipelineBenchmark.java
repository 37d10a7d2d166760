package io.tickstock.benchmarks;

import io.tickstock.benchmarks.PipelineChains.FloorState;
import io.tickstock.benchmarks.PipelineChains.PeerState;
import io.tickstock.benchmarks.PipelineChains.PipelineState;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.source.RecordSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

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
 * The chains, their input and their parameters are {@link PipelineChains}'s states.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class PipelineBenchmark
{
    /** Trades per invocation of the burst benchmarks. */
    static final int BURST = 1000;

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
}
