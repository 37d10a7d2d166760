package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-connection op limits (docs/protocol.md §2.1, §2.2): {@code maxSymbols} refuses a subscribe
 * whole, {@code maxOpsPerSecond} refuses ops with {@code rate_limited} and closes with 1008 when
 * as many again are refused within the same second.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EdgeOpLimitsIT
{
    private static final long WAIT_MS = 5_000;
    private static final String ALL_BUT_TRADE = "[\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]";

    /** The op rate window's clock: it moves only when a test moves it, so no pause can open a new window. */
    private final AtomicLong opClock = new AtomicLong();
    private TestEdge server;

    @AfterEach
    void stop() throws InterruptedException
    {
        if (server != null)
        {
            server.close();
        }
    }

    private static String ack(final String id, final int symbols, final boolean all)
    {
        return "{\"type\":\"ack\",\"id\":\"" + id + "\",\"op\":\"subscribe\",\"symbols\":" + symbols + ",\"all\":" + all +
            ",\"events\":" + ALL_BUT_TRADE + "}";
    }

    @Test
    void shouldRefuseSubscribeBeyondMaxSymbolsWhole() throws Exception
    {
        server = TestEdge.start(b -> b.maxSymbols(3).maxOpsPerSecond(100), opClock::get);
        final WebSocketTestClient client = WebSocketTestClient.connect(server.ws());
        assertEquals("{\"maxSymbols\":3,\"maxFrameBytes\":65536,\"maxOpsPerSecond\":100}",
            client.next(WAIT_MS).get("limits").toString(), "welcome announces the limits");

        client.send("{\"id\":\"s1\",\"op\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
        assertEquals(ack("s1", 2, false), client.nextNonHeartbeat(WAIT_MS).toString());

        client.send("{\"id\":\"s2\",\"op\":\"subscribe\",\"symbols\":[\"IBM\",\"GOOG\"]}");
        assertEquals("{\"type\":\"error\",\"id\":\"s2\",\"code\":\"too_many_symbols\",\"message\":\"more than 3 symbols on one connection\"}",
            client.nextNonHeartbeat(WAIT_MS).toString());

        // nothing of s2 applied: re-subscribing a held symbol still counts 2
        client.send("{\"id\":\"s3\",\"op\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
        assertEquals(ack("s3", 2, false), client.nextNonHeartbeat(WAIT_MS).toString());

        // up to the limit exactly, and * does not count as a symbol
        client.send("{\"id\":\"s4\",\"op\":\"subscribe\",\"symbols\":[\"IBM\",\"*\",\"MSFT\"]}");
        assertEquals(ack("s4", 3, true), client.nextNonHeartbeat(WAIT_MS).toString());

        client.send("{\"id\":\"s5\",\"op\":\"subscribe\",\"symbols\":[\"GOOG\"]}");
        assertEquals("{\"type\":\"error\",\"id\":\"s5\",\"code\":\"too_many_symbols\",\"message\":\"more than 3 symbols on one connection\"}",
            client.nextNonHeartbeat(WAIT_MS).toString());
        assertFalse(client.isClosed(), "too_many_symbols leaves the connection open");
    }

    @Test
    void shouldRefuseOpsBeyondMaxOpsPerSecondWithRateLimited() throws Exception
    {
        server = TestEdge.start(b -> b.maxOpsPerSecond(3), opClock::get);
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws());

        // one frame, so every op falls in the same second
        client.send("[{\"op\":\"ping\",\"id\":\"p1\"},{\"op\":\"ping\",\"id\":\"p2\"},{\"op\":\"ping\",\"id\":\"p3\"}," +
            "{\"op\":\"subscribe\",\"id\":\"s4\",\"symbols\":[\"AAPL\"]},{\"op\":\"ping\",\"id\":\"p5\"}]");
        final List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            final JsonNode message = client.nextNonHeartbeat(WAIT_MS);
            answers.add(message.path("type").asText() + " " + message.path("id").asText());
            if ("error".equals(message.path("type").asText()))
            {
                assertEquals("{\"type\":\"error\",\"id\":\"" + message.path("id").asText() + "\",\"code\":\"rate_limited\"," +
                    "\"message\":\"more than 3 ops in one second; op refused\"}", message.toString());
            }
        }
        assertEquals(List.of("pong p1", "pong p2", "pong p3", "error s4", "error p5"), answers);
        assertFalse(server.edge.awaitSubscribedClients(1, 0, TimeUnit.MILLISECONDS), "the refused subscribe did not apply");
        assertFalse(client.isClosed(), "rate_limited alone leaves the connection open");

        opClock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        client.send("{\"op\":\"ping\",\"id\":\"p6\"}");
        final JsonNode pong = client.nextNonHeartbeat(WAIT_MS);
        assertEquals("pong p6", pong.path("type").asText() + " " + pong.path("id").asText(), "a second later the window is new");
    }

    @Test
    void shouldCloseWith1008WhenAsManyAgainAreRefusedWithinTheSecond() throws Exception
    {
        server = TestEdge.start(b -> b.maxOpsPerSecond(3), opClock::get);
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws());

        final StringBuilder ops = new StringBuilder("[");
        for (int i = 1; i <= 8; i++)
        {
            ops.append(i > 1 ? "," : "").append("{\"op\":\"ping\",\"id\":\"p").append(i).append("\"}");
        }
        client.send(ops.append(']').toString());

        final List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            final JsonNode message = client.nextNonHeartbeat(WAIT_MS);
            answers.add(message.path("type").asText() + " " + message.path("id").asText() + " " + message.path("code").asText());
        }
        assertEquals(List.of("pong p1 ", "pong p2 ", "pong p3 ",
            "error p4 rate_limited", "error p5 rate_limited", "error p6 rate_limited"), answers);
        assertEquals(new WebSocketTestClient.Close(1008, "rate limit exceeded repeatedly"), client.awaitClose(WAIT_MS));
        assertTrue(client.drainReceived().isEmpty(), "nothing after the close");
    }
}
