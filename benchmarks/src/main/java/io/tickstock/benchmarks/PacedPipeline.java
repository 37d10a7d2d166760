package io.tickstock.benchmarks;

import io.tickstock.core.ConfigChecks;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The in-process pipeline at a paced rate: the latency of each trade from the moment it was due
 * to the moment the publish ring's consumer saw it, for one of {@code PipelineBenchmark}'s three
 * chains (the real pipeline, the Disruptor floor, the queue peer), with the same threads, input
 * and steady-state prefill as there.
 *
 * <p>JMH's round trips and bursts do not answer "what latency at 100,000 records/s", so this runs
 * the chain as a feed does: this thread is the source thread and publishes each trade at its due
 * time ({@code start + i / rate}). It parks between due times; when it wakes late (a park is 50 µs
 * or more on Linux, and a full ring blocks it) it publishes every trade that has come due, each
 * stamped with its own due time. A chain that falls behind is charged for every trade it delayed,
 * so the histogram is corrected for coordinated omission by construction. Trades of the warm-up
 * seconds are published but not recorded.
 *
 * <p>Run one chain per JVM, as JMH forks do:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tickstock.benchmarks.PacedPipeline --chain pipeline --rate 100000
 * </pre>
 * It prints a progress line per second and one summary line; {@code -h} lists the options.
 */
@Command(name = "paced-pipeline", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The in-process pipeline, its floor or its queue peer at a paced rate: due-time-to-consumer latency.")
public final class PacedPipeline implements Callable<Integer>
{
    /** Due times kept per source sequence; more than any chain's rings can hold in flight. */
    private static final int DUE_SLOTS = 1 << 22;

    @Option(names = "--chain", description = "pipeline, floor or peer (default ${DEFAULT-VALUE}).")
    String chain = "pipeline";
    @Option(names = "--rate", description = "Trades per second, paced (default ${DEFAULT-VALUE}).")
    int rate = 100_000;
    @Option(names = "--seconds", description = "Seconds recorded (default ${DEFAULT-VALUE}).")
    int seconds = 20;
    @Option(names = "--warmup", paramLabel = "S", description = "Seconds published first and not recorded (default ${DEFAULT-VALUE}).")
    int warmup = 10;
    @Option(names = "--layout", description = "fused or threaded (default ${DEFAULT-VALUE}).")
    String layout = "fused";
    @Option(names = "--wait-strategy", paramLabel = "NAME", description = "blocking, lite-blocking, sleeping, yielding or busy-spin (default ${DEFAULT-VALUE}).")
    String waitStrategy = "blocking";

    private final PrintStream out;

    PacedPipeline(final PrintStream out)
    {
        this.out = out;
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new PacedPipeline(System.out))
            .setExecutionExceptionHandler((ex, commandLine, parsed) ->
            {
                if (ex instanceof IllegalArgumentException)
                {
                    System.err.println("paced-pipeline: " + ex.getMessage());
                    return 2;
                }
                throw ex;
            })
            .execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        ConfigChecks.range("--rate", rate, 1, 10_000_000);
        ConfigChecks.range("--seconds", seconds, 1, 3_600);
        ConfigChecks.range("--warmup", warmup, 0, 3_600);
        ThreadLayout.fromConfig("--layout", layout);
        WaitStrategyKind.fromConfig("--wait-strategy", waitStrategy);
        final PipelineChains.ChainState state = chainState(chain);
        state.layout = layout;
        state.waitStrategy = waitStrategy;
        state.recordsPerSec = rate;
        out.printf(Locale.ROOT, "%s %s/%s: prefilling %,d trades to steady state%n", chain, layout, waitStrategy, state.prefillRecords());
        state.setUp();
        try
        {
            run(state);
        }
        finally
        {
            state.close();
        }
        return 0;
    }

    private static PipelineChains.ChainState chainState(final String name)
    {
        switch (name)
        {
            case "pipeline":
                return new PipelineChains.PipelineState();
            case "floor":
                return new PipelineChains.FloorState();
            case "peer":
                return new PipelineChains.PeerState();
            default:
                throw new IllegalArgumentException("--chain must be one of pipeline, floor, peer, was: " + name);
        }
    }

    private void run(final PipelineChains.ChainState state) throws Exception
    {
        // the prefill went through the feed too (not always through the consumer): count from the feed's sequence
        final Recorder recorder = new Recorder(state.feed.seq() + 1 + (long)warmup * rate);
        state.completion.observe(recorder);
        final long total = (long)(warmup + seconds) * rate;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        long nextProgress = start + TimeUnit.SECONDS.toNanos(1);
        long lastSeq = 0;
        long published = 0;
        while (published < total)
        {
            final long due = start + published * 1_000_000_000L / rate;
            final long now = System.nanoTime();
            if (now < due)
            {
                LockSupport.parkNanos(due - now);
                continue;
            }
            lastSeq = state.nextTrade();
            recorder.due[(int)(lastSeq & (DUE_SLOTS - 1))] = due;
            state.publishTrade();
            published++;
            if (now >= nextProgress)
            {
                nextProgress += TimeUnit.SECONDS.toNanos(1);
                out.printf(Locale.ROOT, "  %3d s: %,d published, %,d behind schedule, %,d in flight%n",
                    TimeUnit.NANOSECONDS.toSeconds(now - start), published,
                    Math.max(0, (now - start) * rate / 1_000_000_000L - published), lastSeq - state.completion.seen());
            }
        }
        state.completion.await(lastSeq);
        out.println(recorder.summary(chain + " " + layout + "/" + waitStrategy, rate));
        final long missing = (long)seconds * rate - recorder.recorded();
        if (missing != 0)
        {
            out.printf(Locale.ROOT, "  %,d recorded trades short: duplicates that produced no trade event; the figures are not valid%n", missing);
        }
    }

    /**
     * The consumer's side: records each measured trade's latency from its due time. Written by the
     * consumer thread only; read by the source thread after {@link Completion#await} has seen the
     * last sequence (a volatile read after the consumer's last volatile write).
     */
    private static final class Recorder implements Completion.Observer
    {
        final long[] due = new long[DUE_SLOTS];
        private final long firstMeasured;
        private final Histogram latency = new Histogram(TimeUnit.HOURS.toNanos(1), 3);
        private long firstDue;
        private long lastArrival;

        Recorder(final long firstMeasured)
        {
            this.firstMeasured = firstMeasured;
        }

        @Override
        public void arrived(final long sequence)
        {
            if (sequence < firstMeasured)
            {
                return;
            }
            final long now = System.nanoTime();
            final long dueAt = due[(int)(sequence & (DUE_SLOTS - 1))];
            if (latency.getTotalCount() == 0)
            {
                firstDue = dueAt;
            }
            lastArrival = now;
            latency.recordValue(Math.min(Math.max(0, now - dueAt), latency.getHighestTrackableValue()));
        }

        long recorded()
        {
            return latency.getTotalCount();
        }

        String summary(final String name, final int rate)
        {
            final long records = latency.getTotalCount();
            final double spanS = (lastArrival - firstDue) / 1e9;
            return String.format(Locale.ROOT,
                "%s: offered %,d/s, delivered %,.0f/s, %,d trades recorded; latency p50 %s, p90 %s, p99 %s, p99.9 %s, max %s",
                name, rate, records / spanS, records, micros(latency.getValueAtPercentile(50)),
                micros(latency.getValueAtPercentile(90)), micros(latency.getValueAtPercentile(99)),
                micros(latency.getValueAtPercentile(99.9)), micros(latency.getMaxValue()));
        }

        private static String micros(final long nanos)
        {
            return nanos >= 10_000_000L ? String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6) :
                String.format(Locale.ROOT, "%,.1f µs", nanos / 1e3);
        }
    }
}
