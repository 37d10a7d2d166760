package io.tickstock.benchmarks;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.SymbolTable;
import io.tickstock.channels.tick.TickValidator;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The tick channel's validate + dedup stage ({@link TickValidator}) alone, per trade, with its
 * default 60 s window filled to steady state (130 s of event time of a 20,000 records/s market of
 * 8,000 symbols, as in {@link ChainBenchmark}): {@link #freshTrade} on trades it has not seen (the
 * field checks, the lookup, remembering the key and expiring old ones), {@link #repeatedTrade} on
 * trades it accepted moments ago (the lookup that finds them). {@code -prof gc} shows what each
 * allocates per trade.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class DedupBenchmark
{
    /** Accepted trades replayed by {@link #repeatedTrade}. */
    private static final int REPEATS = 4096;

    @Param({"8000"})
    public int symbols;

    @Param({"20000"})
    public int recordsPerSec;

    private TickValidator validator;
    private MarketFeed feed;
    private final FeedRecord fresh = new FeedRecord();
    private final FeedRecord[] accepted = new FeedRecord[REPEATS];
    private int next;

    @Setup(Level.Trial)
    public void setUp()
    {
        validator = new TickValidator(new SymbolTable(), MarketConfig.defaults().tickDedupWindowMs());
        feed = new MarketFeed(symbols, recordsPerSec, 42);
        final long prefill = MarketFeed.steadyStateRecords(recordsPerSec);
        for (long i = 0; i < prefill; i++)
        {
            feed.nextTrade(fresh);
            validator.onEntry(fresh, true);
        }
        for (int i = 0; i < REPEATS; i++)
        {
            accepted[i] = new FeedRecord();
            feed.nextTrade(accepted[i]);
            validator.onEntry(accepted[i], true);
        }
    }

    /** A trade not seen before; generating it costs what {@code ChainBenchmark.tickInput} measures. */
    @Benchmark
    public int freshTrade()
    {
        feed.nextTrade(fresh);
        validator.onEntry(fresh, true);
        return fresh.outcome();
    }

    /** A trade accepted within the window, seen again: a duplicate. */
    @Benchmark
    public int repeatedTrade()
    {
        final FeedRecord trade = accepted[next++ & (REPEATS - 1)];
        validator.onEntry(trade, true);
        return trade.outcome();
    }
}
