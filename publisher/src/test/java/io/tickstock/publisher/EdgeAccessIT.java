package io.tickstock.publisher;

import io.tickstock.testkit.Await;
import io.tickstock.testkit.RawWebSocketClient;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may open {@code /ws}: with {@code tokens} configured a missing or wrong token gets 401
 * before the upgrade (docs/protocol.md §2.0), and with {@code allowedOrigins} a foreign Origin
 * gets 403.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EdgeAccessIT
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
    void shouldRefuseUpgradeWithoutTokenWith401() throws Exception
    {
        server = TestEdge.start(b -> b.tokens(List.of("s3cret")));
        assertEquals(401, WebSocketTestClient.refusedStatus(server.ws(), Map.of()));
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port()))
        {
            final RawWebSocketClient.HttpAnswer answer = client.upgrade("/ws", Map.of());
            assertEquals(401, answer.status());
            assertEquals("Bearer", answer.headers().get("www-authenticate"));
            assertEquals("401 Unauthorized\n", answer.body());
            assertTrue(client.awaitEndOfStream(WAIT_MS), "refused connection is closed");
        }
        assertEquals(0, server.edge.clients());
    }

    @Test
    void shouldRefuseUpgradeWithWrongTokenWith401() throws Exception
    {
        server = TestEdge.start(b -> b.tokens(List.of("s3cret")));
        assertEquals(401, WebSocketTestClient.refusedStatus(server.ws("?token=s3cre"), Map.of()));
        assertEquals(401, WebSocketTestClient.refusedStatus(server.ws("?token=s3cret2"), Map.of()));
        assertEquals(401, WebSocketTestClient.refusedStatus(server.ws(), Map.of("Authorization", "Bearer nope")));
        assertEquals(401, WebSocketTestClient.refusedStatus(server.ws(), Map.of("Authorization", "Basic czNjcmV0")));
        assertEquals(0, server.edge.clients());
    }

    @Test
    void shouldWelcomeClientWithTokenInQuery() throws Exception
    {
        server = TestEdge.start(b -> b.tokens(List.of("other", "s3cret")));
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws("?token=s3cret"));
        client.send("{\"op\":\"ping\",\"id\":\"q\"}");
        assertEquals("pong", client.nextNonHeartbeat(WAIT_MS).get("type").asText());
    }

    @Test
    void shouldWelcomeClientWithBearerToken() throws Exception
    {
        server = TestEdge.start(b -> b.tokens(List.of("s3cret")));
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws(), Map.of("Authorization", "Bearer s3cret"));
        client.send("{\"op\":\"ping\",\"id\":\"h\"}");
        assertEquals("pong", client.nextNonHeartbeat(WAIT_MS).get("type").asText());
    }

    @Test
    void shouldRefuseUpgradeFromForeignOriginWith403() throws Exception
    {
        server = TestEdge.start(b -> b.allowedOrigins(List.of("https://app.example")));
        assertEquals(403, WebSocketTestClient.refusedStatus(server.ws(), Map.of("Origin", "https://evil.example")));
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port()))
        {
            final RawWebSocketClient.HttpAnswer answer = client.upgrade("/ws", Map.of("Origin", "https://evil.example"));
            assertEquals(403, answer.status());
            assertEquals("403 Forbidden\n", answer.body());
            assertTrue(client.awaitEndOfStream(WAIT_MS), "refused connection is closed");
        }
        assertEquals(0, server.edge.clients());
    }

    @Test
    void shouldWelcomeAllowedOriginAndRequestWithoutOrigin() throws Exception
    {
        server = TestEdge.start(b -> b.allowedOrigins(List.of("https://app.example")));
        WebSocketTestClient.welcomed(server.ws(), Map.of("Origin", "https://app.example"));
        WebSocketTestClient.welcomed(server.ws());
        Await.until("both registered", WAIT_MS, () -> server.edge.clients() == 2);
    }
}
