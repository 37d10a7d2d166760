package io.tickstock.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-run table and {@code summary.json}: the same figures, for people and for scripts.
 * Built once the run is over, on the harness's thread; not thread-safe.
 */
final class Report
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private final LoadHarness options;
    private final LoadHarness.RunResult result;
    private final ClientStats stats;
    private final LatencyProbes probes;

    Report(final LoadHarness options, final LoadHarness.RunResult result, final ClientStats stats, final LatencyProbes probes)
    {
        this.options = options;
        this.result = result;
        this.stats = stats;
        this.probes = probes;
    }

    /** Each complete minute's burst of 1m bars: minute start → {deliveries, span ms}. */
    private Map<Long, long[]> bursts()
    {
        final Map<Long, long[]> bursts = new TreeMap<>();
        stats.bursts.forEach((start, burst) -> bursts.put(start, new long[] {burst.deliveries(), burst.spanUs()}));
        return bursts;
    }

    void print(final PrintStream out)
    {
        out.println();
        out.printf("TickStock load run: %d clients (%d watchlist x %d symbols, %d firehose on * for %s), %d symbols, %,d rec/s%s, %.0f s%s%n",
            options.clients, options.clients - options.firehoseCount(), options.watchlist, options.firehoseCount(),
            String.join(",", options.firehoseEventList()), options.symbols,
            options.rate, options.surgeOn() ? String.format(" (x%d for %d s from %d s)", options.surge, options.surgeFor, options.surgeAt) : "",
            result.seconds(), options.subscribeDuringFeed ? String.format("; clients connected %d s into the feed", options.feedLead) : "");
        if (result.serverDied())
        {
            out.println("THE SERVER DIED OR STOPPED ANSWERING: the figures cover the run up to then (see server.log)");
        }
        out.println("end-to-end latency, ms (receive stamp to client receipt; due-time stamps, so coordinated omission is counted)");
        out.printf("  %-8s %10s %8s %8s %8s %8s %8s %8s%n", "phase", "events", "p50", "p90", "p99", "p99.9", "p99.99", "max");
        row(out, "all", result.all());
        if (options.surgeOn())
        {
            row(out, "steady", result.steady());
            row(out, "surge", result.surge());
        }
        printProbes(out);
        out.printf("records in      %,d (%,.0f/s mean, %,d/s peak second)%n", result.recordsIn(), result.recordsIn() / result.seconds(), result.peakRecordsPerSecond());
        out.printf("events received %,d (%,.0f/s); server sent %,d, conflated or dropped %,d%n", result.eventsReceived(),
            result.eventsReceived() / result.seconds(), result.serverEventsSent(), result.serverConflatedOrDropped());
        out.printf("gaps            %d (%d events); out of order %d; errors %d; unreadable frames %d; closes %s%n", stats.gaps.sum(),
            stats.gapEvents.sum(), stats.outOfOrder.sum(), stats.errors.sum(), stats.unreadable.sum(), closes());
        new TreeMap<>(stats.errorKinds).forEach((kind, count) -> out.printf("  error x%d: %s%n", count.sum(), kind));
        out.printf("server          RSS max %d MB, heap used max %d MB, GC %d collections %.3f s (longest pause %.1f ms), CPU %.2f cores%n",
            result.maxRssBytes() >> 20, result.maxHeapBytes() >> 20, result.gcCount(), result.gcSeconds(), result.longestPauseSeconds() * 1e3,
            result.serverCpuSeconds() / result.seconds());
        out.printf("client process  CPU %.2f cores (shares the machine with the server)%n", result.clientCpuSeconds() / result.seconds());
        if (stats.rollupAfterEnd.getTotalCount() > 0)
        {
            out.printf("rollup bars     %,d, not in the latency above (each window is held for ohlcv.allowedLatenessMs): "
                + "after the window's end p50 %.1f ms, max %.1f ms%n", stats.rollupAfterEnd.getTotalCount(),
                stats.rollupAfterEnd.getValueAtPercentile(50) / 1e3, stats.rollupAfterEnd.getMaxValue() / 1e3);
        }
        for (final Map.Entry<Long, long[]> burst : bursts().entrySet())
        {
            out.printf("1m bar burst    minute %s: %,d bars delivered over %.1f ms (first receive stamp to last delivery)%n",
                java.time.Instant.ofEpochMilli(burst.getKey()), burst.getValue()[0], burst.getValue()[1] / 1e3);
        }
    }

    private void printProbes(final PrintStream out)
    {
        out.println("probes, ms (whole run, warmup included; a timed-out request counts as " + LatencyProbes.HTTP_TIMEOUT.toSeconds() + " s)");
        out.printf("  %-22s %8s %9s %9s %9s%n", "", "count", "p50", "p99", "max");
        probe(out, "subscribe -> ack", probes.ackUs, String.format("last of %d acked %.2f s after the first connect%s", options.clients, probes.lastAckSeconds(),
            options.subscribeDuringFeed ? ", while the feed ran" : options.target == null ? ", before the feed started" : ""));
        if (options.pingEveryMs > 0)
        {
            probe(out, "ping -> pong", probes.pongUs, String.format("every %d ms; sent %d, missing at the end %d", options.pingEveryMs,
                probes.pingsSent.sum(), probes.pingsSent.sum() - probes.pongs.sum()));
        }
        probe(out, "GET /metrics", probes.metricsUs, String.format("timeouts %d, failed %d", probes.metricsTimeouts.sum(), probes.metricsFailed.sum()));
        probe(out, "GET /health", probes.healthUs, String.format("timeouts %d, failed %d, not 200 %d",
            probes.healthTimeouts.sum(), probes.healthFailed.sum(), probes.healthNot200.sum()));
        if (options.joinerEveryMs > 0)
        {
            probe(out, "joiner connect -> ack", probes.joinAckUs, String.format("every %d ms; started %d, skipped %d, errors %d",
                options.joinerEveryMs, probes.joinersStarted.sum(), probes.joinersSkipped.sum(), probes.joinerErrors.sum()));
            final long measured = probes.joinersMeasured.sum();
            probe(out, "joiner ack -> snapshots", probes.joinSnapshotsUs, String.format("measured %d; snapshots each: min %d, mean %.0f, max %d",
                measured, measured == 0 ? 0 : probes.joinSnapshotsMin.get(), measured == 0 ? 0.0 : (double)probes.joinSnapshots.sum() / measured,
                probes.joinSnapshotsMax.get()));
        }
        if (options.warmup > 0 && options.target == null)
        {
            out.println("probes begun after the warmup (the first " + options.warmup + " s left out, as above)");
            if (options.pingEveryMs > 0)
            {
                probe(out, "ping -> pong", probes.pongSteadyUs, "");
            }
            probe(out, "GET /metrics", probes.metricsSteadyUs, "");
            probe(out, "GET /health", probes.healthSteadyUs, "");
        }
    }

    private static void probe(final PrintStream out, final String name, final Histogram h, final String note)
    {
        out.printf("  %-22s %,8d %9.3f %9.3f %9.3f   %s%n", name, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3, note);
    }

    private static void row(final PrintStream out, final String phase, final Histogram h)
    {
        out.printf("  %-8s %,10d", phase, h.getTotalCount());
        for (final double p : PERCENTILES)
        {
            out.printf(" %8.2f", h.getValueAtPercentile(p) / 1e3);
        }
        out.printf(" %8.2f%n", h.getMaxValue() / 1e3);
    }

    private String closes()
    {
        final List<String> codes = new ArrayList<>();
        new TreeMap<>(stats.closes).forEach((code, count) -> codes.add(code + " x" + count.sum()));
        return codes.isEmpty() ? "none" : String.join(", ", codes);
    }

    void writeJson(final Path file) throws IOException
    {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = new JsonFactory().createGenerator(writer).useDefaultPrettyPrinter())
        {
            json.writeStartObject();
            json.writeObjectFieldStart("settings");
            json.writeNumberField("clients", options.clients);
            json.writeNumberField("watchlistClients", options.clients - options.firehoseCount());
            json.writeNumberField("firehoseClients", options.firehoseCount());
            json.writeNumberField("watchlistSymbols", options.watchlist);
            json.writeNumberField("symbols", options.symbols);
            json.writeNumberField("rate", options.rate);
            json.writeNumberField("surgeMultiplier", options.surgeOn() ? options.surge : 1);
            json.writeNumberField("surgeAtS", options.surgeAt);
            json.writeNumberField("surgeForS", options.surgeOn() ? options.surgeFor : 0);
            json.writeNumberField("warmupS", options.warmup);
            json.writeStringField("firehoseEvents", String.join(",", options.firehoseEventList()));
            json.writeBooleanField("subscribeDuringFeed", options.subscribeDuringFeed);
            json.writeNumberField("feedLeadS", options.subscribeDuringFeed ? options.feedLead : 0);
            json.writeNumberField("pingEveryMs", options.pingEveryMs);
            json.writeNumberField("joinerEveryMs", options.joinerEveryMs);
            json.writeStringField("target", options.target == null ? "started" : options.target.toString());
            json.writeStringField("serverJvm", options.target == null ? options.serverJvm : "");
            json.writeNumberField("cores", Runtime.getRuntime().availableProcessors());
            json.writeStringField("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            json.writeEndObject();
            json.writeNumberField("seconds", result.seconds());
            json.writeObjectFieldStart("latencyMs");
            histogram(json, "all", result.all());
            histogram(json, "steady", result.steady());
            histogram(json, "surge", result.surge());
            json.writeEndObject();
            writeProbes(json);
            json.writeNumberField("recordsIn", result.recordsIn());
            json.writeNumberField("recordsPerSecond", result.recordsIn() / result.seconds());
            json.writeNumberField("peakRecordsPerSecond", result.peakRecordsPerSecond());
            json.writeNumberField("eventsReceived", result.eventsReceived());
            json.writeNumberField("eventsPerSecond", result.eventsReceived() / result.seconds());
            json.writeNumberField("serverEventsSent", result.serverEventsSent());
            json.writeNumberField("serverConflatedOrDropped", result.serverConflatedOrDropped());
            json.writeNumberField("gaps", stats.gaps.sum());
            json.writeNumberField("gapEvents", stats.gapEvents.sum());
            json.writeNumberField("outOfOrder", stats.outOfOrder.sum());
            json.writeNumberField("errors", stats.errors.sum());
            json.writeNumberField("unreadableFrames", stats.unreadable.sum());
            json.writeNumberField("snapshots", stats.snapshots.sum());
            json.writeObjectFieldStart("closes");
            for (final Map.Entry<Integer, java.util.concurrent.atomic.LongAdder> close : new TreeMap<>(stats.closes).entrySet())
            {
                json.writeNumberField(Integer.toString(close.getKey()), close.getValue().sum());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("server");
            json.writeNumberField("maxRssBytes", result.maxRssBytes());
            json.writeNumberField("maxHeapUsedBytes", result.maxHeapBytes());
            json.writeNumberField("gcCount", result.gcCount());
            json.writeNumberField("gcSeconds", result.gcSeconds());
            json.writeNumberField("longestGcPauseMs", result.longestPauseSeconds() * 1e3);
            json.writeNumberField("cpuCores", result.serverCpuSeconds() / result.seconds());
            json.writeEndObject();
            json.writeNumberField("clientCpuCores", result.clientCpuSeconds() / result.seconds());
            json.writeObjectFieldStart("rollupBars");
            json.writeNumberField("count", stats.rollupAfterEnd.getTotalCount());
            json.writeNumberField("afterEndP50Ms", stats.rollupAfterEnd.getValueAtPercentile(50) / 1e3);
            json.writeNumberField("afterEndMaxMs", stats.rollupAfterEnd.getMaxValue() / 1e3);
            json.writeEndObject();
            json.writeArrayFieldStart("minuteBarBursts");
            for (final Map.Entry<Long, long[]> burst : bursts().entrySet())
            {
                json.writeStartObject();
                json.writeNumberField("minuteStartMs", burst.getKey());
                json.writeNumberField("bars", burst.getValue()[0]);
                json.writeNumberField("spanMs", burst.getValue()[1] / 1e3);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("serverDied", result.serverDied());
            json.writeEndObject();
        }
    }

    /** {@code probesMs}: each probe's count, p50, p99 and max in ms, and its own counts. */
    private void writeProbes(final JsonGenerator json) throws IOException
    {
        json.writeObjectFieldStart("probesMs");
        probe(json, "ack", probes.ackUs);
        json.writeNumberField("lastAckS", probes.lastAckSeconds());
        json.writeEndObject();
        probe(json, "pong", probes.pongUs);
        json.writeNumberField("pingsSent", probes.pingsSent.sum());
        json.writeNumberField("pongsMissing", probes.pingsSent.sum() - probes.pongs.sum());
        json.writeEndObject();
        probe(json, "metrics", probes.metricsUs);
        json.writeNumberField("timeouts", probes.metricsTimeouts.sum());
        json.writeNumberField("failed", probes.metricsFailed.sum());
        json.writeEndObject();
        probe(json, "health", probes.healthUs);
        json.writeNumberField("timeouts", probes.healthTimeouts.sum());
        json.writeNumberField("failed", probes.healthFailed.sum());
        json.writeNumberField("not200", probes.healthNot200.sum());
        json.writeEndObject();
        probe(json, "joinerAck", probes.joinAckUs);
        json.writeNumberField("started", probes.joinersStarted.sum());
        json.writeNumberField("skipped", probes.joinersSkipped.sum());
        json.writeNumberField("errors", probes.joinerErrors.sum());
        json.writeEndObject();
        probe(json, "joinerSnapshots", probes.joinSnapshotsUs);
        json.writeNumberField("measured", probes.joinersMeasured.sum());
        json.writeNumberField("snapshotsMin", probes.joinersMeasured.sum() == 0 ? 0 : probes.joinSnapshotsMin.get());
        json.writeNumberField("snapshotsMax", probes.joinSnapshotsMax.get());
        json.writeNumberField("snapshots", probes.joinSnapshots.sum());
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("probesSteadyMs");
        probe(json, "pong", probes.pongSteadyUs);
        json.writeEndObject();
        probe(json, "metrics", probes.metricsSteadyUs);
        json.writeEndObject();
        probe(json, "health", probes.healthSteadyUs);
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Opens the probe's object with its figures; the caller adds its counts and closes it. */
    private static void probe(final JsonGenerator json, final String name, final Histogram h) throws IOException
    {
        json.writeObjectFieldStart(name);
        json.writeNumberField("count", h.getTotalCount());
        json.writeNumberField("p50", h.getValueAtPercentile(50) / 1e3);
        json.writeNumberField("p99", h.getValueAtPercentile(99) / 1e3);
        json.writeNumberField("max", h.getMaxValue() / 1e3);
    }

    private static void histogram(final JsonGenerator json, final String name, final Histogram h) throws IOException
    {
        json.writeObjectFieldStart(name);
        json.writeNumberField("count", h.getTotalCount());
        json.writeNumberField("p50", h.getValueAtPercentile(50) / 1e3);
        json.writeNumberField("p90", h.getValueAtPercentile(90) / 1e3);
        json.writeNumberField("p99", h.getValueAtPercentile(99) / 1e3);
        json.writeNumberField("p999", h.getValueAtPercentile(99.9) / 1e3);
        json.writeNumberField("p9999", h.getValueAtPercentile(99.99) / 1e3);
        json.writeNumberField("max", h.getMaxValue() / 1e3);
        json.writeEndObject();
    }
}
