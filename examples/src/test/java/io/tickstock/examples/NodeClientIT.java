package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.testkit.MetricsScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A foreign client, Node's {@code ws} package (src/test/node, installed with {@code npm ci}), speaks
 * to the real server: welcome, subscribe and ack, events in id order for the subscribed symbols
 * only, ping and pong, with and without permessage-deflate. Without Node or its modules the test
 * is skipped, unless {@code TICKSTOCK_REQUIRE_NODE} is set (as CI sets it), where it fails. And
 * a stalled Node client: everything it was sent, then 1013.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeClientIT
{
    private static final Path CLIENT_DIR = Path.of("src", "test", "node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TickStockApp app;

    @AfterEach
    void stop() throws InterruptedException
    {
        if (app != null)
        {
            app.close();
        }
    }

    @Test
    void shouldServeNodesWsClient() throws Exception
    {
        final JsonNode summary = runAgainstServer(false);
        assertEquals("", summary.get("extensions").asText());
    }

    @Test
    void shouldServeNodesWsClientWithPermessageDeflateWhenEnabled() throws Exception
    {
        final JsonNode summary = runAgainstServer(true);
        assertTrue(summary.get("extensions").asText().startsWith("permessage-deflate"), summary.toString());
    }

    /**
     * A slow consumer in Node's {@code ws} stops reading for 15 s (past Netty's own 10 s force-close
     * of a connection whose close frame waits) at 30,000 records/s, then reads again: it must get
     * every event the edge counted as sent to it, in id order, and then the 1013 close frame with its
     * reason, never a connection that just ends (docs/protocol.md §2.4).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldGiveAStalledNodeClientEverythingItWasSentAndThen1013() throws Exception
    {
        requireNode();
        app = TickStockApp.start(ServerConfig.of(Map.of(
            "server.port", "0",
            "simulator.symbols", "500",
            "simulator.rate", "30000",
            "server.summaryIntervalS", "0",
            "edge.slowConsumerCloseMs", "60000")), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        final Process node = new ProcessBuilder("node", "stall.js", "ws://127.0.0.1:" + app.port() + "/ws", "15000")
            .directory(CLIENT_DIR.toFile())
            .redirectErrorStream(true)
            .start();
        assertTrue(node.waitFor(100, TimeUnit.SECONDS), "node client finished");
        final String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, node.exitValue(), output);
        final String[] lines = output.split("\n");
        final JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        assertEquals(1013, summary.get("code").asInt(), output);
        assertEquals("slow consumer: must-deliver events overflowed", summary.get("reason").asText(), output);
        assertTrue(summary.get("stalledMs").asLong() >= 15_000, output);
        assertEquals(List.of(), JSON.convertValue(summary.get("errors"), List.class));
        // the only client: everything the edge counted as sent to it arrived before the close frame
        final Map<String, Long> metrics = MetricsScrape.scrape(app.port());
        assertEquals(metrics.get("tickstock_client_events_total{outcome=\"sent\"}").longValue(), summary.get("events").asLong(), output);
        assertEquals(1L, metrics.get("tickstock_client_closes_total{code=\"1013\"}"), metrics.toString());
    }

    private JsonNode runAgainstServer(final boolean compression) throws Exception
    {
        requireNode();
        app = TickStockApp.start(ServerConfig.of(Map.of(
            "server.port", "0",
            "simulator.symbols", "20",
            "simulator.rate", "2000",
            "server.summaryIntervalS", "0",
            "edge.compression", Boolean.toString(compression))), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        final Process node = new ProcessBuilder("node", "client.js", "ws://127.0.0.1:" + app.port() + "/ws", "SPY,QQQ", "20",
            compression ? "deflate" : "plain")
            .directory(CLIENT_DIR.toFile())
            .redirectErrorStream(true)
            .start();
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node client finished");
        final String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, node.exitValue(), output);
        final String[] lines = output.split("\n");
        final JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        assertEquals("done", summary.get("reason").asText(), output);
        assertEquals(1, summary.get("protocol").asInt());
        assertEquals(2, summary.get("ackSymbols").asInt());
        assertEquals("[\"trade\",\"high\",\"low\",\"bar\",\"fmv\"]", summary.get("ackEvents").toString());
        assertEquals(20, summary.get("events").asInt());
        assertTrue(summary.get("eventTypes").toString().contains("trade"), summary.toString());
        assertEquals("p1", summary.get("pongId").asText());
        assertEquals(List.of(), JSON.convertValue(summary.get("errors"), List.class));
        return summary;
    }

    /** Skips the test without node and the clients of src/test/node (npm ci), or fails it when TICKSTOCK_REQUIRE_NODE is set. */
    static void requireNode() throws IOException, InterruptedException
    {
        final boolean required = System.getenv("TICKSTOCK_REQUIRE_NODE") != null;
        boolean available = Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve("ws")) &&
            Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve("socket.io-client"));
        if (available)
        {
            try
            {
                available = new ProcessBuilder("node", "--version").start().waitFor() == 0;
            }
            catch (final IOException ex)
            {
                available = false;
            }
        }
        if (required)
        {
            assertTrue(available, "TICKSTOCK_REQUIRE_NODE is set but node or " + CLIENT_DIR + "/node_modules is missing (npm ci)");
        }
        assumeTrue(available, "node and 'npm ci' in " + CLIENT_DIR + " are needed for the foreign-client test");
    }
}
