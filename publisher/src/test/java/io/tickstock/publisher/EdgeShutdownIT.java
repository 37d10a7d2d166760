package io.tickstock.publisher;

import io.tickstock.testkit.Await;
import io.tickstock.testkit.RawWebSocketClient;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shutdown: after the pipeline stops, {@link WebSocketEdge#close()} closes every open client with 1001. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EdgeShutdownIT
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
    void shouldCloseOpenClientsWith1001OnClose() throws Exception
    {
        server = TestEdge.start(b -> b.shutdownFlushMs(2_000));
        final int port = server.port();
        final WebSocketTestClient subscribed = WebSocketTestClient.welcomed(server.ws());
        subscribed.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"]}");
        assertEquals("ack", subscribed.nextNonHeartbeat(WAIT_MS).get("type").asText());
        final WebSocketTestClient idle = WebSocketTestClient.welcomed(server.ws());
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port))
        {
            assertTrue(raw.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            Await.until("three clients", WAIT_MS, () -> server.edge.clients() == 3);

            server.close();

            final WebSocketTestClient.Close expected = new WebSocketTestClient.Close(1001, "server shutting down");
            assertEquals(expected, subscribed.awaitClose(WAIT_MS));
            assertEquals(expected, idle.awaitClose(WAIT_MS));
            final RawWebSocketClient.Frame close = raw.readFrame(RawWebSocketClient.CLOSE, WAIT_MS);
            assertEquals(1001, close.closeCode(), close.toString());
            assertEquals("server shutting down", close.closeReason());
            assertTrue(raw.awaitEndOfStream(WAIT_MS), "server closes the connection");
        }
        assertEquals(0, server.edge.clients());
        assertThrows(IOException.class, () -> RawWebSocketClient.open(port).close(), "no longer listening");
    }
}
