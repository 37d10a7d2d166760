package io.tickstock.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The measuring loop: once a second it takes the clients' interval histogram (written to the log
 * and added to the run's summaries), scrapes the server's {@code /metrics} (records in, RSS,
 * heap, GC, CPU) and sends a {@code /health} probe, both timed into {@link LatencyProbes}; every
 * few seconds it prints a progress line. A scrape that times out is counted and the run goes on;
 * three in a row end it as a server that stopped answering. One thread.
 */
final class Run
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int TIMEOUTS_TO_GIVE_UP = 3;

    private final ClientStats stats;
    private final HttpClient http;
    private final URI metrics;
    private final URI health;
    private final String token;
    private final LatencyProbes probes;
    private final LoadHarness.Phases phases;
    private final Histogram all = new Histogram(3_600_000_000L, 3);
    private final Histogram steady = new Histogram(3_600_000_000L, 3);
    private final Histogram surge = new Histogram(3_600_000_000L, 3);
    private Histogram interval;
    private ServerMetrics first;
    private ServerMetrics last;
    private long peakRecordsPerSecond;
    private long maxRss;
    private long maxHeap;

    /** @param phases when the surge is (seconds of the run), or null when the server is not ours to know. */
    Run(final ClientStats stats, final LatencyProbes probes, final HttpClient http, final URI metrics, final String token,
        final LoadHarness.Phases phases)
    {
        this.stats = stats;
        this.probes = probes;
        this.http = http;
        this.metrics = metrics;
        this.health = metrics.resolve("/health");
        this.token = token;
        this.phases = phases;
    }

    /** Runs for {@code seconds}, printing progress; writes the interval histograms to {@code out/latency.hlog}. */
    LoadHarness.RunResult forSeconds(final int seconds, final ServerLauncher server, final int progressS, final PrintStream console, final Path out)
        throws IOException, InterruptedException
    {
        final int warmupS = phases == null ? 0 : phases.warmupS();
        try (PrintStream hlog = new PrintStream(out.resolve("latency.hlog").toFile(), java.nio.charset.StandardCharsets.US_ASCII))
        {
            final long startMs = System.currentTimeMillis();
            final HistogramLogWriter log = openLog(hlog, startMs);
            final Histogram progress = new Histogram(3_600_000_000L, 3);
            final double clientCpu0 = LoadHarness.ownCpuSeconds();
            first = scrape();
            last = first;
            final long t0 = System.nanoTime();
            probes.steadyFrom(t0 + warmupS * SECOND_NS);
            long events0 = stats.events.sum();
            long gaps0 = stats.gaps.sum();
            ServerMetrics progressFrom = first;
            int timeoutsInARow = 0;
            for (int second = 1; second <= seconds; second++)
            {
                LockSupport.parkNanos(t0 + second * SECOND_NS - System.nanoTime());
                final ServerMetrics previous = last;
                interval = stats.latency.getIntervalHistogram(interval);
                interval.setStartTimeStamp(startMs + (second - 1) * 1_000L);
                interval.setEndTimeStamp(startMs + second * 1_000L);
                log.outputIntervalHistogram(interval);
                progress.add(interval);
                if (second > warmupS)
                {
                    all.add(interval);
                    (phases != null && phases.inSurge(second - 1) ? surge : steady).add(interval);
                }
                if (server != null && !server.isAlive())
                {
                    console.printf("the server exited with %d at %d s; its output:%n%s%n", server.exitCode(), second, server.tail());
                    return result(t0, clientCpu0, true);
                }
                probes.probeHealth(http, health);
                try
                {
                    last = scrape();
                    timeoutsInARow = 0;
                }
                catch (final HttpTimeoutException ex)
                {
                    last = previous;
                    if (++timeoutsInARow == TIMEOUTS_TO_GIVE_UP)
                    {
                        console.printf("/metrics timed out %d times in a row at %d s; ending the run%n", timeoutsInARow, second);
                        return result(t0, clientCpu0, true);
                    }
                    console.printf("/metrics timed out at %d s (after %d s); the run goes on%n", second, LatencyProbes.HTTP_TIMEOUT.toSeconds());
                }
                catch (final IOException ex)
                {
                    console.printf("the server stopped answering /metrics at %d s (%s); ending the run%n", second, ex);
                    last = previous;
                    return result(t0, clientCpu0, true);
                }
                peakRecordsPerSecond = Math.max(peakRecordsPerSecond, perSecond(last.recordsIn() - previous.recordsIn(), last.atNanos - previous.atNanos));
                if (second % progressS == 0 || second == seconds)
                {
                    final long events = stats.events.sum();
                    final long gaps = stats.gaps.sum();
                    final double s = Math.max(1e-3, (last.atNanos - progressFrom.atNanos) / 1e9);
                    console.printf("[%3d s]%s in %,8d rec/s  out %,8d ev/s  p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  gaps %d  server RSS %d MB heap %d MB cpu %.2f  clients cpu %.2f%n",
                        second, phases != null && phases.inSurge(second - 1) ? " surge" : "      ",
                        (long)((last.recordsIn() - progressFrom.recordsIn()) / s), (long)((events - events0) / s),
                        progress.getValueAtPercentile(50) / 1e3, progress.getValueAtPercentile(99) / 1e3, progress.getMaxValue() / 1e3,
                        gaps - gaps0, last.residentBytes() >> 20, last.heapUsedBytes() >> 20,
                        (last.cpuSeconds() - progressFrom.cpuSeconds()) / s, (LoadHarness.ownCpuSeconds() - clientCpu0) / ((System.nanoTime() - t0) / 1e9));
                    progressFrom = last;
                    progress.reset();
                    events0 = events;
                    gaps0 = gaps;
                }
            }
            return result(t0, clientCpu0, false);
        }
    }

    /**
     * Runs until the server's feed of {@code records} has gone through and every event the
     * server sent has reached a client (the counts stop changing and agree), or 10 minutes.
     */
    LoadHarness.RunResult untilDelivered(final long records, final ServerLauncher server, final Path out) throws IOException, InterruptedException
    {
        final long startMs = System.currentTimeMillis();
        final double clientCpu0 = LoadHarness.ownCpuSeconds();
        // the feed starts with the last subscribe, before any scrape: count from the server's start
        first = ServerMetrics.parse("", System.nanoTime());
        last = scrape();
        final long t0 = System.nanoTime();
        final long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
        long nextHealth = t0;
        long settledSince = 0;
        while (System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            if (System.nanoTime() - nextHealth >= 0)
            {
                nextHealth += SECOND_NS;
                probes.probeHealth(http, health);
            }
            if (!server.isAlive())
            {
                return result(t0, clientCpu0, true);
            }
            final ServerMetrics previous = last;
            last = scrape();
            // delivered when every record is in and every event the server sent has arrived, and
            // nothing moved for a second: a collector pause or a slow round can stop the flow for
            // a moment with the two counts equal while the pipeline still holds events
            if (last.recordsIn() >= records && last.eventsSent() == stats.events.sum() &&
                last.eventsSent() == previous.eventsSent() && last.recordsIn() == previous.recordsIn())
            {
                if (settledSince == 0)
                {
                    settledSince = System.nanoTime();
                }
                else if (System.nanoTime() - settledSince >= SECOND_NS)
                {
                    break;
                }
            }
            else
            {
                settledSince = 0;
            }
        }
        interval = stats.latency.getIntervalHistogram(interval);
        interval.setStartTimeStamp(startMs);
        interval.setEndTimeStamp(System.currentTimeMillis());
        try (PrintStream hlog = new PrintStream(out.resolve("latency.hlog").toFile(), java.nio.charset.StandardCharsets.US_ASCII))
        {
            openLog(hlog, startMs).outputIntervalHistogram(interval);
        }
        all.add(interval);
        steady.add(interval);
        return result(t0, clientCpu0, false);
    }

    private static HistogramLogWriter openLog(final PrintStream hlog, final long startMs)
    {
        final HistogramLogWriter log = new HistogramLogWriter(hlog);
        log.outputLogFormatVersion();
        log.outputStartTime(startMs);
        log.setBaseTime(startMs);
        log.outputComment("TickStock end-to-end latency, microseconds, receive stamp to client receipt; one interval per second");
        log.outputLegend();
        return log;
    }

    private ServerMetrics scrape() throws IOException, InterruptedException
    {
        final ServerMetrics scraped = probes.scrapeMetrics(http, metrics, token);
        maxRss = Math.max(maxRss, scraped.residentBytes());
        maxHeap = Math.max(maxHeap, scraped.heapUsedBytes());
        return scraped;
    }

    private static long perSecond(final long count, final long nanos)
    {
        return nanos <= 0 ? 0 : count * SECOND_NS / nanos;
    }

    private LoadHarness.RunResult result(final long t0, final double clientCpu0, final boolean serverDied)
    {
        return new LoadHarness.RunResult(
            (System.nanoTime() - t0) / 1e9,
            last.recordsIn() - first.recordsIn(),
            peakRecordsPerSecond,
            stats.events.sum(),
            last.eventsSent(),
            last.eventsConflatedOrDropped(),
            maxRss,
            maxHeap,
            last.gcCount() - first.gcCount(),
            last.gcSeconds() - first.gcSeconds(),
            last.longestPauseSeconds(),
            last.cpuSeconds() - first.cpuSeconds(),
            LoadHarness.ownCpuSeconds() - clientCpu0,
            all, steady, surge, serverDied);
    }
}
