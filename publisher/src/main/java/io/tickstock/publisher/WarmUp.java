package io.tickstock.publisher;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.source.Source;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the hot paths before the real pipeline starts: a simulated market on a simulated clock
 * runs through a throwaway pipeline and a throwaway edge (never listening, no clients) built from
 * the same configuration, then both are dropped. Nothing of it reaches the real pipeline, its
 * edge or their counters.
 *
 * <p>Why (docs/performance.md, "A cold server's first minutes"): the channels' minute-bar code runs
 * once a minute, 8,000 times, so the JIT compiles it only during the first bursts; a fresh
 * server's first minute's bars reached their one client over 350-500 ms, the third minute's over
 * 80-110 ms. A warm-up of a few simulated minutes gets the compiles, the first-time allocation
 * code and the heap's first touch done before the port opens.
 *
 * <p>Thread-safe (stateless); {@link #run} blocks until the throwaway pipeline stopped.
 */
public final class WarmUp
{
    /** Where the simulated clock starts (2001-01-02T14:30:00Z): any instant would do, none the real feed uses. */
    static final long SIMULATED_FROM_MS = 978_445_800_000L;
    private static final long STOP_TIMEOUT_S = 30;

    /** What a warm-up did: records through the pipeline, events published (bars among them), how long it took. */
    public record Result(long records, long events, long bars, long elapsedMs)
    {
    }

    private WarmUp()
    {
    }

    /**
     * Runs {@code records} simulated records (trades and FMVs, one simulated millisecond each, and
     * every minute's bars) over {@code symbols} symbols through a throwaway pipeline and edge made
     * from these configurations. The throwaway edge never opens a port.
     *
     * @throws IllegalStateException if the throwaway pipeline did not finish within 30 s.
     */
    public static Result run(final MarketConfig market, final EdgeConfig edge, final int symbols, final long records)
        throws InterruptedException
    {
        final long startNs = System.nanoTime();
        final Source<FeedRecord> source = SimulatorSource.builder().name("warm-up").symbols(symbols).seed(1).maxRecords(records)
            .simulatedFrom(SIMULATED_FROM_MS).build();
        final MarketPipeline pipeline = MarketPipeline.create(market, List.of(source));
        final WebSocketEdge throwaway = new WebSocketEdge(edge, pipeline);
        pipeline.start();
        try
        {
            pipeline.startSources();
            if (!pipeline.awaitSources(STOP_TIMEOUT_S, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("warm-up: " + records + " records did not go through in " + STOP_TIMEOUT_S + " s");
            }
        }
        finally
        {
            pipeline.stop(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            throwaway.discard();
        }
        // the channels count what they publish (docs/semantics.md §7): no consumer of our own to count it again
        long events = 0;
        long bars = 0;
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final ChannelCounters counters = channel.counters();
            for (final String type : counters.eventTypes())
            {
                events += counters.events(type);
            }
            bars += counters.events(EventType.BAR.wireName());
        }
        return new Result(records, events, bars, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
    }
}
