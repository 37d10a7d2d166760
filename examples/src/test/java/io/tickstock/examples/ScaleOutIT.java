package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.testkit.Await;
import io.tickstock.testkit.MetricsScrape;
import io.tickstock.testkit.UdpPorts;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out as a user runs it (docs/scale-out.md): an ingest node and edge nodes, each a packaged
 * server in a JVM of its own, with its own directories, on 127.0.0.1, and JDK WebSocket clients.
 *
 * <ul>
 *   <li>clients on the ingest node and on every edge receive the same events (every {@code high},
 *       {@code low} and {@code surge} of every symbol, from the first): the same ids and the same
 *       JSON; every edge served every event of the stream (its accounting);</li>
 *   <li>one edge runs behind Aeron's loss generator (5% of the UDP data it receives dropped) and
 *       still delivers every event, its NAKs counted;</li>
 *   <li>an edge killed with SIGKILL: its client resumes on another edge with {@code resumeFrom} and
 *       gets exactly the events it missed; the edge restarted rebuilds from the recording;</li>
 *   <li>that edge stopped (SIGSTOP) until the stream has moved on past what Aeron can repair (64 KiB
 *       terms), then continued: it catches up from the recording and its client misses nothing;</li>
 *   <li>an edge that joins 30 s late serves the whole history from the recording;</li>
 *   <li>the ingest node stopped mid-stream (SIGTERM): every client, on every node, is closed with 1001
 *       after it received every event the ingest node published, and every edge exits with 0;</li>
 *   <li>the ingest node killed (SIGKILL): its edge notices it is gone, closes its clients with 1001
 *       and exits with 3.</li>
 * </ul>
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ScaleOutIT
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * The event types that are never conflated (docs/protocol.md §2.4): a client that falls behind
     * for a moment (a resume replays tens of thousands of events at once) still gets every one, so
     * every client's sequence can be compared exactly. That every event of every type reached every
     * edge is each edge's accounting line.
     */
    private static final String EVENTS = "[\"high\",\"low\",\"surge\"]";
    private static final long LATE_JOIN_MS = 30_000;

    @TempDir
    Path dir;

    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopAll()
    {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldServeTheSameEventsOnEveryNodeThroughKillsPausesLossAndALateJoin() throws Exception
    {
        final int clusterPort = UdpPorts.freePair();
        final Node ingest = start("ingest", List.of(), "--role", "ingest", "--cluster-endpoint", "127.0.0.1:" + clusterPort);
        final long ingestStartedNs = System.nanoTime();
        final String epoch = JSON.readTree(get(ingest.port, "/debug/cluster")).get("epoch").asText();
        final Node first = start("edge1", List.of(), "--role", "edge", "--upstream", "127.0.0.1:" + clusterPort);
        final Node lossy = start("edge2", List.of("-Daeron.ReceiveChannelEndpoint.supplier=io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier",
            "-Daeron.debug.receive.data.loss.rate=0.05", "-Daeron.debug.receive.data.loss.seed=7"),
            "--role", "edge", "--upstream", "127.0.0.1:" + clusterPort);
        assertEquals(epoch, JSON.readTree(get(first.port, "/debug/upstream")).get("epoch").asText());

        final EventLog onIngest = EventLog.connect(ingest.port, epoch, 0);
        final EventLog onFirst = EventLog.connect(first.port, epoch, 0);
        final EventLog onLossy = EventLog.connect(lossy.port, epoch, 0);

        // an edge killed: its client moves to another edge and resumes after the last id it had
        Await.until("10,000 events on the first edge", 60_000, () -> onFirst.lastId() >= 10_000);
        first.process.destroyForcibly();
        assertTrue(first.process.waitFor(20, TimeUnit.SECONDS));
        Await.until("the killed edge's client saw its connection end", 20_000, onFirst.client::isClosed);
        final long killedAt = onFirst.lastId();
        final EventLog moved = EventLog.connect(lossy.port, epoch, killedAt);
        final Node restarted = start("edge1-restarted", List.of(), "--role", "edge", "--upstream", "127.0.0.1:" + clusterPort);
        final EventLog onRestarted = EventLog.connect(restarted.port, epoch, 0);

        // an edge stopped (SIGSTOP) while the stream moves on by more than its 64 KiB terms hold falls
        // behind what Aeron can repair: it catches up from the recording and merges again
        final long beforePause = JSON.readTree(get(restarted.port, "/debug/upstream")).get("lastId").asLong();
        signal("STOP", restarted.process);
        Await.until("the ingest node published 4,000 events past the stopped edge", 60_000, 100,
            () -> lastId(ingest.port, "/debug/cluster") >= beforePause + 4_000, () -> "");
        signal("CONT", restarted.process);
        Await.until("the stopped edge joined again from the recording and is live", 60_000, 100, () ->
        {
            final JsonNode upstream = view(restarted.port, "/debug/upstream");
            return upstream.get("joins").asLong() >= 2 && "live".equals(upstream.get("state").asText());
        }, () -> "");

        // an edge that joins 30 s after the ingest node started serves everything from the recording
        Await.until("30 s of the stream", LATE_JOIN_MS + 60_000, 100,
            () -> System.nanoTime() - ingestStartedNs >= TimeUnit.MILLISECONDS.toNanos(LATE_JOIN_MS), () -> "");
        final Node late = start("edge3", List.of(), "--role", "edge", "--upstream", "127.0.0.1:" + clusterPort);
        final EventLog onLate = EventLog.connect(late.port, epoch, 0);
        final long lateJoinedAt = JSON.readTree(get(late.port, "/debug/upstream")).get("lastId").asLong();
        assertTrue(lateJoinedAt > 10_000, "the late edge replayed " + lateJoinedAt + " events before it listened");
        Await.until("the late edge's client caught up", 60_000, () -> onLate.lastId() >= lateJoinedAt + 1_000);

        if (Files.isExecutable(DashboardIT.CHROMIUM))
        {
            // the dashboard's cluster panel, in a real browser, on an edge
            final String dom = DashboardIT.dumpDom(Files.createDirectories(dir.resolve("browser")),
                "http://127.0.0.1:" + lossy.port + "/dashboard");
            assertEquals("edge", DashboardIT.attribute(dom, "cluster", "data-role"), DashboardIT.tag(dom, "cluster"));
            // live, or catching up from the recording at that moment (5% loss, 64 KiB terms)
            assertTrue(java.util.regex.Pattern.compile("<td>edge</td><td>127\\.0\\.0\\.1:" + clusterPort +
                "</td><td class=\"status-(live|replaying|joining)\">(live|replaying|joining)</td><td>" + epoch + "</td>").matcher(dom).find(),
                "the cluster panel shows the edge on its upstream: " + DashboardIT.tag(dom, "cluster"));
        }
        Await.until("the lossy edge is live", 60_000, 100, () -> "live".equals(view(lossy.port, "/debug/upstream").get("state").asText()),
            () -> "");
        final JsonNode lossyUpstream = JSON.readTree(get(lossy.port, "/debug/upstream"));
        final long naks = MetricsScrape.sample(MetricsScrape.scrape(lossy.port), "tickstock_aeron_driver_total{counter=\"naksSent\"}");
        assertTrue(naks > 0, "the lossy edge asked for what it lost: " + lossyUpstream);

        // the ingest node stopped mid-stream: everything it published reaches every client, then 1001
        assertTrue(ingest.process.toHandle().destroy(), "SIGTERM sent");
        assertTrue(ingest.process.waitFor(60, TimeUnit.SECONDS), "the ingest node exits after SIGTERM");
        assertEquals(143, ingest.process.exitValue(), "the ingest node's exit status (SIGTERM): " + ingest.output());
        for (final Node node : List.of(lossy, restarted, late))
        {
            assertTrue(node.process.waitFor(60, TimeUnit.SECONDS), node.name + " exits once the stream ended");
            assertEquals(0, node.process.exitValue(), node.name + "'s exit status: " + node.output());
        }
        final String ingestLog = ingest.output();
        final long lastId = Long.parseLong(ingestLog.replaceAll("(?s).*accounting: events (\\d+) = published \\1 = last id \\1.*", "$1"));
        assertTrue(lastId > lateJoinedAt, ingestLog);
        final List<String> expected = onIngest.awaitEnd().events;
        assertEquals(1001, onIngest.close.code());
        assertIncreasingIds(expected, lastId, 1_000, "the ingest node's client");
        final List<String> movedAcross = new ArrayList<>(onFirst.events);
        movedAcross.addAll(moved.awaitEnd().events);
        for (final EventLog log : List.of(onLossy, moved, onRestarted, onLate))
        {
            assertEquals(1001, log.awaitEnd().close.code(), log.name);
        }
        assertEquals(expected, onLossy.events, "the lossy edge's client");
        assertEquals(expected, movedAcross, "the killed edge's client, resumed on another edge");
        assertEquals(expected, onRestarted.events, "the restarted edge's client");
        assertEquals(expected, onLate.events, "the late edge's client");
        for (final Node node : List.of(lossy, restarted, late))
        {
            final String log = node.output();
            assertTrue(log.contains("edge node: upstream ended: the ingest node stopped after event " + lastId), node.name + ": " + log);
            assertTrue(log.contains("accounting: upstream events " + lastId + " + states 0 = published " + lastId + "; ids 1.." + lastId),
                node.name + ": " + log);
            assertTrue(log.contains("accounting: exact, every ring drained"), node.name + ": " + log);
        }
    }

    @Test
    void shouldCloseAnEdgesClientsWith1001AndExitWith3WhenItsIngestNodeIsKilled() throws Exception
    {
        final int clusterPort = UdpPorts.freePair();
        final Node ingest = start("ingest", List.of(), "--role", "ingest", "--cluster-endpoint", "127.0.0.1:" + clusterPort);
        final String epoch = view(ingest.port, "/debug/cluster").get("epoch").asText();
        final Node edge = start("edge", List.of(), "--role", "edge", "--upstream", "127.0.0.1:" + clusterPort);
        final EventLog client = EventLog.connect(edge.port, epoch, 0);
        Await.until("the edge's client gets events", 60_000, () -> client.lastId() >= 1_000);

        ingest.process.destroyForcibly();
        assertTrue(ingest.process.waitFor(20, TimeUnit.SECONDS));

        // the live image times out and the Archive no longer answers: lost, not ended
        assertTrue(edge.process.waitFor(90, TimeUnit.SECONDS), "the edge exits once its ingest node is gone: " + edge.output());
        assertEquals(ClusterNode.EXIT_UPSTREAM_LOST, edge.process.exitValue(), edge.output());
        assertEquals(1001, client.awaitEnd().close.code());
        final String log = edge.output();
        assertTrue(log.contains("edge node: upstream lost: "), log);
        assertTrue(log.contains("accounting: exact, every ring drained"), log);
        assertIncreasingIds(client.events, client.lastId(), 1, "the edge's client");
    }

    @Test
    void shouldGiveTheSameSnapshotsOnAnEdgeThatStartedAtACheckpointAfterThePurge() throws Exception
    {
        // a checkpoint every 256 KiB of stream (64 KiB terms, 128 KiB segments): the recording is
        // purged many times over while the simulator's 30,000 records go out
        final List<String> small = List.of("cluster.termLengthBytes=65536", "cluster.segmentLengthBytes=131072",
            "cluster.checkpointBytes=262144", "cluster.checkpointHistory=1000", "simulator.symbols=500", "simulator.rate=2000",
            "simulator.maxRecords=30000");
        final int clusterPort = UdpPorts.freePair();
        final Node ingest = start("ingest", List.of(), small, "--role", "ingest", "--cluster-endpoint", "127.0.0.1:" + clusterPort);
        Await.until("the simulator finished", 90_000, 100,
            () -> "finished".equals(view(ingest.port, "/debug/sources").get("sources").get(0).get("state").asText()), () -> "");
        final JsonNode stream = view(ingest.port, "/debug/cluster");
        assertTrue(stream.get("recordingStartBytes").asLong() > 0, "the recording was purged: " + stream);
        final Node edge = start("edge", List.of(), small, "--role", "edge", "--upstream", "127.0.0.1:" + clusterPort);
        Await.until("the edge has every event", 60_000, 100,
            () -> lastId(edge.port, "/debug/upstream") == lastId(ingest.port, "/debug/cluster"), () -> "");
        final JsonNode upstream = view(edge.port, "/debug/upstream");
        assertTrue(upstream.get("firstId").asLong() > 1 && upstream.get("checkpointStates").asLong() > 0,
            "the edge started at a checkpoint: " + upstream);

        // the stream is quiet: every symbol's snapshot is the same on both nodes
        final List<String> onIngest = snapshots(ingest.port);
        final List<String> onEdge = snapshots(edge.port);
        assertTrue(onIngest.size() > 400, onIngest.size() + " snapshots");
        assertEquals(onIngest, onEdge);

        // its accounting counts the checkpoint's states apart from the events it served
        assertTrue(ingest.process.toHandle().destroy(), "SIGTERM sent");
        assertTrue(edge.process.waitFor(60, TimeUnit.SECONDS), "the edge exits once the stream ended");
        assertEquals(0, edge.process.exitValue(), edge.output());
        final long firstId = upstream.get("firstId").asLong();
        final long states = upstream.get("checkpointStates").asLong();
        final long last = upstream.get("lastId").asLong();
        final long served = last - firstId + 1;
        final String log = edge.output();
        assertTrue(log.contains("accounting: upstream events " + served + " + states " + states + " = published " + (served + states) +
            "; ids " + firstId + ".." + last), log);
        assertTrue(log.contains("accounting: exact, every ring drained"), log);
    }

    /** Every snapshot a `*` subscription gets, sorted; the pong of a ping sent after it ends them. */
    private static List<String> snapshots(final int port) throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.connect(port);
        assertEquals("welcome", client.next(20_000).get("type").asText());
        client.send("{\"op\":\"subscribe\",\"id\":\"s\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":true}");
        client.send("{\"op\":\"ping\",\"id\":\"end\"}");
        final List<String> snapshots = new ArrayList<>();
        while (true)
        {
            final JsonNode message = client.nextNonHeartbeat(20_000);
            assertTrue(message != null, "the pong after the snapshots");
            final String type = message.get("type").asText();
            if ("pong".equals(type))
            {
                break;
            }
            if ("snapshot".equals(type))
            {
                snapshots.add(message.toString());
            }
        }
        client.close();
        Collections.sort(snapshots);
        return snapshots;
    }

    private static void assertIncreasingIds(final List<String> events, final long lastId, final int atLeast, final String who)
        throws IOException
    {
        assertTrue(events.size() >= atLeast, who + ": " + events.size() + " events");
        long previous = 0;
        for (final String event : events)
        {
            final long id = JSON.readTree(event).get("id").asLong();
            assertTrue(id > previous && id <= lastId, who + ": id " + id + " after " + previous);
            previous = id;
        }
    }

    private Node start(final String name, final List<String> jvmFlags, final String... args) throws Exception
    {
        return start(name, jvmFlags, List.of(), args);
    }

    private Node start(final String name, final List<String> jvmFlags, final List<String> moreConfig, final String... args) throws Exception
    {
        final Path home = Files.createDirectories(dir.resolve(name));
        final Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
            "simulator.rate=500",
            "edge.historySize=262144",
            // terms of 64 KiB hold about a second of this stream: a stopped edge falls behind them
            "cluster.termLengthBytes=65536",
            "cluster.segmentLengthBytes=1048576",
            "edge.maxQueuedEvents=262144",
            "server.summaryIntervalS=0",
            "cluster.archiveDir=" + home.resolve("archive"),
            String.join("\n", moreConfig),
            ""));
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", Path.of("target", "tickstock-server.jar").toAbsolutePath().toString(),
            "--port", "0", "--config", config.toString(), "--aeron-dir", home.resolve("aeron").toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        processes.add(process);
        final ServerOutput output = ServerOutput.of(process);
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final int port = output.awaitPort(seen);
        return new Node(name, process, output, seen, port);
    }

    private static void signal(final String signal, final Process process) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
    }

    private static JsonNode view(final int port, final String path)
    {
        try
        {
            return JSON.readTree(get(port, path));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(path + " on " + port + ": " + ex.getMessage(), ex);
        }
    }

    private static long lastId(final int port, final String path)
    {
        return view(port, path).get("lastId").asLong();
    }

    private static String get(final int port, final String path) throws Exception
    {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** A started node: its process, its output and its WebSocket port. */
    private record Node(String name, Process process, ServerOutput reader, List<String> seen, int port)
    {
        /** Every line the node printed; once it has exited, all of them. */
        String output() throws InterruptedException
        {
            if (!process.isAlive())
            {
                reader.drainAfterExit(seen);
            }
            return String.join("\n", seen);
        }
    }

    /** One client subscribed to every event of every symbol, keeping each event's JSON in order. */
    private static final class EventLog
    {
        final String name;
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final LinkedBlockingQueue<JsonNode> others = new LinkedBlockingQueue<>();
        private volatile long lastId;
        private WebSocketTestClient client;
        WebSocketTestClient.Close close;

        private EventLog(final String name)
        {
            this.name = name;
        }

        /** Connects to {@code port} and subscribes to everything, resuming after {@code resumeAfter} of {@code epoch}. */
        static EventLog connect(final int port, final String epoch, final long resumeAfter) throws Exception
        {
            final EventLog log = new EventLog("client on " + port + " after " + resumeAfter);
            log.client = WebSocketTestClient.connect(port, (message, receivedUs) ->
            {
                if ("event".equals(message.path("type").asText()))
                {
                    log.events.add(message.toString());
                    log.lastId = message.get("id").asLong();
                }
                else if (!"heartbeat".equals(message.path("type").asText()))
                {
                    log.others.add(message);
                }
            });
            assertEquals("welcome", log.next().get("type").asText());
            log.client.send("{\"op\":\"subscribe\",\"id\":\"all\",\"symbols\":[\"*\"],\"events\":" + EVENTS +
                ",\"snapshot\":false,\"resumeFrom\":{\"epoch\":\"" + epoch + "\",\"id\":" + resumeAfter + "}}");
            final JsonNode ack = log.next();
            assertEquals("ack", ack.get("type").asText(), ack.toString());
            return log;
        }

        private JsonNode next() throws InterruptedException
        {
            final JsonNode message = others.poll(20, TimeUnit.SECONDS);
            assertNotNull(message, name + ": no message");
            return message;
        }

        long lastId()
        {
            return lastId;
        }

        /** Waits for the server's close (or the connection's end) and returns this log. */
        EventLog awaitEnd() throws Exception
        {
            close = client.awaitClose(60_000);
            assertTrue(others.stream().noneMatch(m -> "gap".equals(m.path("type").asText())), name + " got a gap: " + others);
            return this;
        }
    }
}
