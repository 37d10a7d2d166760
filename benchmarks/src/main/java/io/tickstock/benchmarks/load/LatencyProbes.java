package io.tickstock.benchmarks.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The latencies besides the feed's: each client's subscribe op to its {@code ack}, {@code ping}
 * op to {@code pong}, every {@code /metrics} scrape and {@code /health} probe the harness makes
 * (a request that times out counts as {@link #HTTP_TIMEOUT} and is counted), and the joiners'
 * connect to {@code ack} and {@code ack} to last snapshot. All in microseconds, 1 µs to 1 hour,
 * three significant digits, for the whole run (warmup included); pongs, scrapes and probes also
 * once more for those begun after the warmup ({@code *SteadyUs}), as the feed's latency is. Thread-safe: the client event
 * loops, the HTTP client's threads and the measuring thread record; the report reads at the end.
 */
final class LatencyProbes
{
    /** The timeout of every probe request; a timed-out request is recorded as this long. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final long MAX_US = 3_600_000_000L;

    /** Milliseconds between one client's pings; 0 = none. */
    final int pingEveryMs;
    final Histogram ackUs = histogram();
    final LongAccumulator lastAckNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    /** When the first client began to connect (System.nanoTime()). */
    volatile long connectStartNanos;
    final Histogram pongUs = histogram();
    final Histogram pongSteadyUs = histogram();
    /** When the warmup ends (System.nanoTime()): what begins from then on is also in the {@code *SteadyUs} histograms. */
    private volatile long steadyFromNanos = Long.MAX_VALUE;
    final LongAdder pingsSent = new LongAdder();
    final LongAdder pongs = new LongAdder();
    private volatile boolean pinging = true;
    final Histogram metricsUs = histogram();
    final Histogram metricsSteadyUs = histogram();
    final LongAdder metricsTimeouts = new LongAdder();
    final LongAdder metricsFailed = new LongAdder();
    final Histogram healthUs = histogram();
    final Histogram healthSteadyUs = histogram();
    final LongAdder healthTimeouts = new LongAdder();
    final LongAdder healthFailed = new LongAdder();
    final LongAdder healthNot200 = new LongAdder();
    private final ConcurrentLinkedQueue<CompletableFuture<?>> healthInFlight = new ConcurrentLinkedQueue<>();
    final Histogram joinAckUs = histogram();
    final Histogram joinSnapshotsUs = histogram();
    /** Snapshot messages the measured joiners read before their first event: fewest, most, all. */
    final LongAccumulator joinSnapshotsMin = new LongAccumulator(Math::min, Long.MAX_VALUE);
    final LongAccumulator joinSnapshotsMax = new LongAccumulator(Math::max, 0);
    final LongAdder joinSnapshots = new LongAdder();
    final LongAdder joinersStarted = new LongAdder();
    final LongAdder joinersMeasured = new LongAdder();
    final LongAdder joinersSkipped = new LongAdder();
    final LongAdder joinerErrors = new LongAdder();

    LatencyProbes(final int pingEveryMs)
    {
        this.pingEveryMs = pingEveryMs;
    }

    private static Histogram histogram()
    {
        return new ConcurrentHistogram(MAX_US, 3);
    }

    static void record(final Histogram h, final long nanos)
    {
        h.recordValue(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), MAX_US)));
    }

    /** From {@code nanos} (System.nanoTime()) on, pongs, scrapes and probes begun count as after the warmup too. */
    void steadyFrom(final long nanos)
    {
        steadyFromNanos = nanos;
    }

    /** Records into {@code whole}, and into {@code steady} when it began after the warmup. */
    private void record(final Histogram whole, final Histogram steady, final long startNanos, final long nanos)
    {
        record(whole, nanos);
        if (startNanos >= steadyFromNanos)
        {
            record(steady, nanos);
        }
    }

    void recordPong(final long pingNanos, final long pongNanos)
    {
        record(pongUs, pongSteadyUs, pingNanos, pongNanos - pingNanos);
    }

    void recordAck(final long sentNanos, final long ackNanos)
    {
        record(ackUs, ackNanos - sentNanos);
        lastAckNanos.accumulate(ackNanos);
    }

    /** Seconds from the first client's connect to the last ack, or NaN before any ack. */
    double lastAckSeconds()
    {
        final long last = lastAckNanos.get();
        return last == Long.MIN_VALUE ? Double.NaN : (last - connectStartNanos) / 1e9;
    }

    /** One measured joiner: ack to its last snapshot, and how many it read. */
    void recordJoin(final long snapshotsNanos, final long snapshots)
    {
        record(joinSnapshotsUs, snapshotsNanos);
        joinSnapshotsMin.accumulate(snapshots);
        joinSnapshotsMax.accumulate(snapshots);
        joinSnapshots.add(snapshots);
        joinersMeasured.increment();
    }

    boolean pinging()
    {
        return pinging;
    }

    /** Stops every client's pings, then waits up to {@code timeout} for the pongs still owed. */
    void stopPinging(final Duration timeout)
    {
        pinging = false;
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (pongs.sum() < pingsSent.sum() && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** One timed {@code /metrics} scrape; a timeout is recorded and rethrown. */
    ServerMetrics scrapeMetrics(final HttpClient http, final URI metrics, final String token) throws IOException, InterruptedException
    {
        final long start = System.nanoTime();
        try
        {
            final ServerMetrics scraped = ServerMetrics.scrape(http, metrics, token);
            record(metricsUs, metricsSteadyUs, start, System.nanoTime() - start);
            return scraped;
        }
        catch (final HttpTimeoutException ex)
        {
            record(metricsUs, metricsSteadyUs, start, HTTP_TIMEOUT.toNanos());
            metricsTimeouts.increment();
            throw ex;
        }
        catch (final IOException ex)
        {
            metricsFailed.increment();
            throw ex;
        }
    }

    /** Sends one {@code GET /health} without waiting for it; the answer records itself. */
    void probeHealth(final HttpClient http, final URI health)
    {
        final long start = System.nanoTime();
        final CompletableFuture<?> probe = http.sendAsync(HttpRequest.newBuilder(health).timeout(HTTP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding())
            .whenComplete((response, failure) ->
            {
                final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof HttpTimeoutException)
                {
                    record(healthUs, healthSteadyUs, start, HTTP_TIMEOUT.toNanos());
                    healthTimeouts.increment();
                }
                else if (cause != null)
                {
                    healthFailed.increment();
                }
                else
                {
                    record(healthUs, healthSteadyUs, start, System.nanoTime() - start);
                    if (response.statusCode() != 200)
                    {
                        healthNot200.increment();
                    }
                }
            });
        healthInFlight.add(probe);
        healthInFlight.removeIf(CompletableFuture::isDone);
    }

    /** Waits for the {@code /health} probes still out; each has its own timeout. */
    void awaitHealthProbes() throws InterruptedException
    {
        for (CompletableFuture<?> probe = healthInFlight.poll(); probe != null; probe = healthInFlight.poll())
        {
            try
            {
                probe.get(HTTP_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                // recorded by the probe itself, or counted as neither answered nor timed out
            }
        }
    }
}
