package io.tickstock.publisher;

import io.tickstock.testkit.Await;
import io.tickstock.testkit.RawWebSocketClient;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection-level limits: {@code maxConnections} refuses the upgrade with 503 until a client
 * leaves, and {@code handshakeTimeoutMs} closes connections that never complete an upgrade.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EdgeConnectionLimitsIT
{
    private static final long WAIT_MS = 5_000;

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
    void shouldRefuseUpgradeBeyondMaxConnectionsWith503UntilOneCloses() throws Exception
    {
        server = TestEdge.start(b -> b.maxConnections(2));
        server.edge.ready(true);
        final WebSocketTestClient first = WebSocketTestClient.welcomed(server.ws());
        final WebSocketTestClient second = WebSocketTestClient.welcomed(server.ws());

        assertEquals(503, WebSocketTestClient.refusedStatus(server.ws(), Map.of()));
        try (RawWebSocketClient third = RawWebSocketClient.open(server.port()))
        {
            final RawWebSocketClient.HttpAnswer answer = third.upgrade("/ws", Map.of());
            assertEquals(503, answer.status());
            assertEquals("503 Service Unavailable\n", answer.body());
            assertEquals("close", answer.headers().get("connection"));
            assertTrue(third.awaitEndOfStream(WAIT_MS), "refused connection is closed");
        }

        // plain HTTP is not a WebSocket connection and is not counted
        final HttpResponse<String> health = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(server.http("/health")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"clients\":2"), health.body());

        first.sendClose(1000, "");
        assertEquals(1000, first.awaitClose(WAIT_MS).code());
        Await.until("first client gone", WAIT_MS, () -> server.edge.clients() == 1);

        final WebSocketTestClient replacement = WebSocketTestClient.welcomed(server.ws());
        replacement.send("{\"op\":\"ping\",\"id\":\"r\"}");
        assertEquals("pong", replacement.nextNonHeartbeat(WAIT_MS).get("type").asText());
        assertFalse(second.isClosed(), "the second client is untouched");
        assertEquals(503, WebSocketTestClient.refusedStatus(server.ws(), Map.of()));
    }

    @Test
    void shouldCloseConnectionThatSendsNothingAfterHandshakeTimeout() throws Exception
    {
        server = TestEdge.start(b -> b.handshakeTimeoutMs(1_000));
        try (RawWebSocketClient silent = RawWebSocketClient.open(server.port()))
        {
            assertTrue(silent.awaitEndOfStream(WAIT_MS), "server closed the silent connection");
        }
    }

    @Test
    void shouldCloseConnectionWhoseUpgradeRequestNeverEnds() throws Exception
    {
        server = TestEdge.start(b -> b.handshakeTimeoutMs(1_000));
        try (RawWebSocketClient slow = RawWebSocketClient.open(server.port()))
        {
            slow.sendRaw("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
            assertTrue(slow.awaitEndOfStream(WAIT_MS), "server closed the unfinished upgrade");
        }
    }

    @Test
    void shouldKeepUpgradedConnectionOpenPastHandshakeTimeout() throws Exception
    {
        // long enough that a collector pause between connecting and upgrading cannot outlast it
        final int handshakeTimeoutMs = 2_000;
        server = TestEdge.start(b -> b.handshakeTimeoutMs(handshakeTimeoutMs).heartbeatMs(500));
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port()))
        {
            // the edge started its timer when it accepted the connection, before it answered the upgrade
            final long upgradedAt = System.nanoTime();
            assertTrue(client.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            // keep reading heartbeats until the handshake timeout has certainly passed on the edge's side
            int heartbeats = 0;
            while (System.nanoTime() - upgradedAt <= TimeUnit.MILLISECONDS.toNanos(handshakeTimeoutMs) || heartbeats == 0)
            {
                final String heartbeat = client.readFrame(RawWebSocketClient.TEXT, WAIT_MS).text();
                assertTrue(heartbeat.startsWith("[{\"type\":\"heartbeat\""), heartbeat);
                heartbeats++;
            }
            client.sendText("{\"op\":\"ping\",\"id\":\"still-here\"}");
            String answer;
            do
            {
                answer = client.readFrame(RawWebSocketClient.TEXT, WAIT_MS).text();
            }
            while (answer.startsWith("[{\"type\":\"heartbeat\""));
            assertTrue(answer.startsWith("[{\"type\":\"pong\",\"id\":\"still-here\""), answer);
        }
    }
}
