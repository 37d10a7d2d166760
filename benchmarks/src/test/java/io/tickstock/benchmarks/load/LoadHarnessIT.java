package io.tickstock.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness as a user runs it: it starts the packaged server with {@code java -jar}, connects
 * its clients, and reports. With a fixed number of records the run ends once everything is
 * delivered, so its figures must agree exactly with the server's own counts.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LoadHarnessIT
{
    private static final String SERVER_JAR = "../examples/target/tickstock-server.jar";

    @Test
    void aFixedFeedIsDeliveredWholeAndTheReportAgreesWithTheServer(@TempDir final Path out) throws Exception
    {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = LoadHarness.run(new String[] {
            "--server-jar", SERVER_JAR, "--server-jvm", "-Xmx256m", "--clients", "50", "--firehose-per-1000", "100",
            "--rate", "20000", "--records", "40000", "--surge", "3", "--surge-at", "0", "--surge-for", "1",
            "--out", out.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8), System.err);
        final String text = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        final Map<String, String> summary = flatten(out.resolve("summary.json"));
        assertEquals("40000", summary.get("recordsIn"), text);
        assertEquals(summary.get("serverEventsSent"), summary.get("eventsReceived"), text);
        assertEquals("0", summary.get("serverConflatedOrDropped"), text);
        assertEquals("0", summary.get("gaps"), text);
        assertEquals("0", summary.get("outOfOrder"), text);
        assertEquals("0", summary.get("errors"), text);
        assertEquals("0", summary.get("unreadableFrames"), text);
        // SIGTERM: the server flushes every client, then closes each with 1001
        assertEquals("50", summary.get("closes.1001"), text);
        assertEquals("5", summary.get("settings.firehoseClients"), text);
        assertEquals("45", summary.get("settings.watchlistClients"), text);
        // every event is timed: rollup bars (a run across a five-minute boundary) apart from the rest
        assertEquals(Long.parseLong(summary.get("eventsReceived")),
            Long.parseLong(summary.get("latencyMs.all.count")) + Long.parseLong(summary.get("rollupBars.count")), text);
        assertTrue(Long.parseLong(summary.get("eventsReceived")) > 0, text);
        assertTrue(Long.parseLong(summary.get("server.maxRssBytes")) > 0, text);
        assertTrue(Files.readString(out.resolve("latency.hlog")).contains("#[StartTime: "), "an HdrHistogram log");
        assertTrue(Files.readString(out.resolve("server.log")).contains("shutting down"), "the server's own output is kept");
        assertTrue(text.contains("end-to-end latency, ms"), text);
    }

    @Test
    void badOptionsNameTheOptionAndTheAllowedRange(@TempDir final Path out)
    {
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
        assertEquals(2, LoadHarness.run(new String[] {"--clients", "0", "--out", out.toString()}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--rate", "1000000", "--surge", "11", "--out", out.toString()}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--server-jar", out.resolve("none.jar").toString(), "--out", out.toString()}, System.out, err));
        assertEquals("tickstock-load: --clients: 0 is out of range; allowed: 1..100000\n"
                + "tickstock-load: --surge: 11 x --rate 1000000 is over 10000000 records/s; allowed: 1..10\n"
                + "tickstock-load: --server-jar: cannot read '" + out.resolve("none.jar") + "'; build it first with "
                + "'./mvnw -pl examples -am package -DskipTests', or give --target ws://HOST:PORT/ws for a running server\n",
            errors.toString(StandardCharsets.UTF_8));
    }

    @Test
    void probesTimeAcksPongsJoinersAndTheServersEndpointsWhileTheFeedRuns(@TempDir final Path out) throws Exception
    {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final int exit = LoadHarness.run(new String[] {
            "--server-jar", SERVER_JAR, "--server-jvm", "-Xmx256m", "--clients", "20", "--symbols", "1000", "--rate", "5000",
            "--surge", "1", "--duration", "5", "--warmup", "0", "--subscribe-during-feed", "--feed-lead", "1",
            "--ping-every", "200", "--joiner-every", "1000", "--out", out.toString()},
            new PrintStream(console, true, StandardCharsets.UTF_8), System.err);
        final String text = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        final Map<String, String> summary = flatten(out.resolve("summary.json"));
        assertEquals("true", summary.get("settings.subscribeDuringFeed"), text);
        assertEquals("20", summary.get("probesMs.ack.count"), text);
        assertTrue(Long.parseLong(summary.get("probesMs.pong.count")) > 0, text);
        // pings stop before the server does, and every one still out is waited for
        assertEquals("0", summary.get("probesMs.pong.pongsMissing"), text);
        assertEquals(summary.get("probesMs.pong.pingsSent"), summary.get("probesMs.pong.count"), text);
        assertTrue(Long.parseLong(summary.get("probesMs.metrics.count")) >= 5, text);
        assertTrue(Long.parseLong(summary.get("probesMs.health.count")) >= 5, text);
        assertEquals("0", summary.get("probesMs.health.not200"), text);
        // with no warmup every scrape of the run counts as after it; pings sent while clients still subscribed do not
        assertTrue(Long.parseLong(summary.get("probesSteadyMs.metrics.count")) >= 5, text);
        final long steadyPongs = Long.parseLong(summary.get("probesSteadyMs.pong.count"));
        assertTrue(steadyPongs > 0 && steadyPongs <= Long.parseLong(summary.get("probesMs.pong.count")), text);
        assertTrue(Long.parseLong(summary.get("probesMs.joinerAck.count")) > 0, text);
        assertTrue(Long.parseLong(summary.get("probesMs.joinerSnapshots.measured")) > 0, text);
        assertTrue(Long.parseLong(summary.get("probesMs.joinerSnapshots.snapshotsMax")) > 0, "the feed ran before the joiners: " + text);
        assertTrue(text.contains("subscribe -> ack"), text);
        assertTrue(text.contains("joiner ack -> snapshots"), text);
    }

    @Test
    void badProbeOptionsNameTheOptionAndWhatIsAllowed(@TempDir final Path out)
    {
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
        final String dir = out.toString();
        assertEquals(2, LoadHarness.run(new String[] {"--firehose-events", "high,highs", "--out", dir}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--firehose-events", "", "--out", dir}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--ping-every", "20", "--out", dir}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--joiner-every", "5", "--out", dir}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--feed-lead", "-1", "--out", dir}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--subscribe-during-feed", "--target", "ws://127.0.0.1:9/ws", "--out", dir}, System.out, err));
        assertEquals(2, LoadHarness.run(new String[] {"--subscribe-during-feed", "--records", "100", "--out", dir}, System.out, err));
        assertEquals("tickstock-load: --firehose-events: 'highs' is not allowed; allowed: a comma-separated list of trade, high, low, trend, surge, bar, fmv\n"
                + "tickstock-load: --firehose-events: '' is not allowed; allowed: a comma-separated list of trade, high, low, trend, surge, bar, fmv\n"
                + "tickstock-load: --ping-every: 20 is out of range; allowed: 0 (off) or 50..3600000\n"
                + "tickstock-load: --joiner-every: 5 is out of range; allowed: 0 (off) or 10..3600000\n"
                + "tickstock-load: --feed-lead: -1 is out of range; allowed: 0..3600\n"
                + "tickstock-load: --subscribe-during-feed needs the harness to start the server: leave out --target\n"
                + "tickstock-load: --subscribe-during-feed and --records: the feed could end before the clients subscribe; use --duration\n",
            errors.toString(StandardCharsets.UTF_8));
    }

    /** summary.json as dotted paths to scalar text. */
    private static Map<String, String> flatten(final Path file) throws Exception
    {
        final Map<String, String> values = new HashMap<>();
        try (JsonParser json = new JsonFactory().createParser(file.toFile()))
        {
            final StringBuilder path = new StringBuilder();
            final java.util.ArrayDeque<Integer> lengths = new java.util.ArrayDeque<>();
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken())
            {
                switch (token)
                {
                    case FIELD_NAME ->
                    {
                        path.setLength(lengths.isEmpty() ? 0 : lengths.peek());
                        path.append(path.length() == 0 ? "" : ".").append(json.currentName());
                    }
                    case START_OBJECT -> lengths.push(path.length());
                    case END_OBJECT -> path.setLength(lengths.pop());
                    case START_ARRAY -> json.skipChildren();
                    default -> values.put(path.toString(), json.getText());
                }
            }
        }
        return values;
    }
}
