package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.core.EpochClock;
import io.tickstock.testkit.Await;
import io.tickstock.testkit.RawWebSocketClient;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liveness in both directions: the edge pings an idle client and closes it with 1001 when a
 * second idle period passes without an answer ({@code pingIntervalMs}); it sends a heartbeat to a
 * client that got nothing else for {@code heartbeatMs} (docs/protocol.md §2.2).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EdgeLivenessIT
{
    private static final long WAIT_MS = 5_000;
    private static final int PING_INTERVAL_MS = 1_000;

    private TestEdge server;

    @AfterEach
    void stop() throws InterruptedException
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldPingThenCloseWith1001ClientThatNeverAnswers() throws Exception
    {
        server = TestEdge.start(b -> b.pingIntervalMs(PING_INTERVAL_MS));
        try (RawWebSocketClient mute = RawWebSocketClient.connect(server.port()))
        {
            assertTrue(mute.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            final RawWebSocketClient.Frame ping = mute.readFrame(WAIT_MS);
            assertEquals(RawWebSocketClient.PING, ping.opcode(), ping.toString());
            final RawWebSocketClient.Frame close = mute.readFrame(WAIT_MS);
            assertEquals(RawWebSocketClient.CLOSE, close.opcode(), close.toString());
            assertEquals(1001, close.closeCode());
            assertEquals("no answer to ping", close.closeReason());
            assertTrue(mute.awaitEndOfStream(WAIT_MS), "server closes the connection");
        }
        Await.until("client unregistered", WAIT_MS, () -> server.edge.clients() == 0);
    }

    @Test
    void shouldKeepClientThatAnswersPingsOpenAcrossIntervals() throws Exception
    {
        // an interval a collector pause on a loaded machine cannot outlast: the JDK client answers well within it
        server = TestEdge.start(b -> b.pingIntervalMs(PING_INTERVAL_MS));
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws());
        // the edge pings only when the previous ping was answered within an interval (it closes otherwise),
        // so a third ping shows the first two answered
        Await.until("three pings", 3 * PING_INTERVAL_MS + WAIT_MS, () -> client.pings() >= 3);
        client.send("{\"op\":\"ping\",\"id\":\"alive\"}");
        final JsonNode pong = client.nextNonHeartbeat(WAIT_MS);
        assertEquals("pong", pong.get("type").asText());
        assertEquals("alive", pong.get("id").asText());
        assertFalse(client.isClosed(), "a client that answers pings stays open");
    }

    @Test
    void shouldSendHeartbeatToIdleSubscribedClient() throws Exception
    {
        server = TestEdge.start(b -> b.heartbeatMs(1_000));
        final WebSocketTestClient client = WebSocketTestClient.connect(server.ws());
        final JsonNode welcome = client.next(WAIT_MS);
        assertEquals(1_000, welcome.get("heartbeatMs").asInt());
        final long before = EpochClock.millis();
        client.send("{\"id\":\"s\",\"op\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
        JsonNode ack;
        do
        {
            ack = client.next(WAIT_MS);
        }
        while ("heartbeat".equals(ack.get("type").asText()));
        assertEquals("ack", ack.get("type").asText(), ack.toString());

        final List<JsonNode> heartbeats = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            heartbeats.add(client.next(WAIT_MS));
        }
        final long after = EpochClock.millis();
        long previousTs = 0;
        for (final JsonNode heartbeat : heartbeats)
        {
            assertEquals(List.of("type", "ts", "lastId"), fieldNames(heartbeat), heartbeat.toString());
            assertEquals("heartbeat", heartbeat.get("type").asText());
            assertEquals(0, heartbeat.get("lastId").asLong(), "no event was published");
            final long ts = heartbeat.get("ts").asLong();
            assertTrue(ts >= before && ts <= after, heartbeat + " between " + before + " and " + after);
            assertTrue(ts >= previousTs, "heartbeats in order: " + heartbeats);
            previousTs = ts;
        }
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
