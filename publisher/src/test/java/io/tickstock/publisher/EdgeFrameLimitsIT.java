package io.tickstock.publisher;

import io.tickstock.testkit.Await;
import io.tickstock.testkit.RawWebSocketClient;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frame-level limits of the client protocol (docs/protocol.md §2, close codes): what the edge does
 * with binary frames, messages over {@code maxFrameBytes} (whole or fragmented), invalid UTF-8,
 * protocol errors and a client's own close.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EdgeFrameLimitsIT
{
    private static final int MAX_FRAME_BYTES = 256;
    private static final long WAIT_MS = 5_000;

    private TestEdge server;

    @BeforeEach
    void start() throws InterruptedException
    {
        server = TestEdge.start(b -> b.maxFrameBytes(MAX_FRAME_BYTES));
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        server.close();
    }

    /** A ping op whose JSON text is exactly {@code bytes} long. */
    private static String pingOfSize(final int bytes)
    {
        final String head = "{\"op\":\"ping\",\"id\":\"";
        final String tail = "\"}";
        final char[] id = new char[bytes - head.length() - tail.length()];
        Arrays.fill(id, 'x');
        return head + new String(id) + tail;
    }

    @Test
    void shouldCloseWith1003OnBinaryFrame() throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws());
        client.sendBinary(new byte[] {1, 2, 3});
        assertEquals(new WebSocketTestClient.Close(1003, "binary frames are not accepted"), client.awaitClose(WAIT_MS));
    }

    @Test
    void shouldAnswerTextFrameOfExactlyMaxFrameBytes() throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws());
        final String op = pingOfSize(MAX_FRAME_BYTES);
        client.send(op);
        final String pong = client.nextNonHeartbeat(WAIT_MS).toString();
        assertTrue(pong.startsWith("{\"type\":\"pong\",\"id\":\"xxx"), pong);
    }

    @Test
    void shouldCloseWith1009OnTextFrameLargerThanMaxFrameBytes() throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws());
        client.send(pingOfSize(MAX_FRAME_BYTES + 1));
        final WebSocketTestClient.Close close = client.awaitClose(WAIT_MS);
        assertEquals(1009, close.code(), close.toString());
        // a single frame is refused by Netty's decoder, with its own wording
        assertEquals("Max frame length of 256 has been exceeded.", close.reason());
    }

    @Test
    void shouldCloseWith1009OnFragmentedMessageLargerThanMaxFrameBytes() throws Exception
    {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port()))
        {
            assertTrue(client.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            final byte[] op = pingOfSize(MAX_FRAME_BYTES + 1).getBytes(StandardCharsets.UTF_8);
            final int half = op.length / 2;
            client.sendFrame(false, RawWebSocketClient.TEXT, Arrays.copyOfRange(op, 0, half));
            client.sendFrame(true, RawWebSocketClient.CONTINUATION, Arrays.copyOfRange(op, half, op.length));
            final RawWebSocketClient.Frame close = client.readFrame(RawWebSocketClient.CLOSE, WAIT_MS);
            assertEquals(1009, close.closeCode(), close.toString());
            assertEquals("message larger than 256 bytes", close.closeReason());
            assertTrue(client.awaitEndOfStream(WAIT_MS), "server closes the connection");
        }
    }

    @Test
    void shouldAnswerFragmentedMessageWithinMaxFrameBytes() throws Exception
    {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port()))
        {
            assertTrue(client.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            final byte[] op = "{\"op\":\"ping\",\"id\":\"in-three-parts\"}".getBytes(StandardCharsets.UTF_8);
            client.sendFrame(false, RawWebSocketClient.TEXT, Arrays.copyOfRange(op, 0, 5));
            client.sendFrame(false, RawWebSocketClient.CONTINUATION, Arrays.copyOfRange(op, 5, 20));
            client.sendFrame(true, RawWebSocketClient.CONTINUATION, Arrays.copyOfRange(op, 20, op.length));
            final String pong = client.readFrame(RawWebSocketClient.TEXT, WAIT_MS).text();
            assertTrue(pong.startsWith("[{\"type\":\"pong\",\"id\":\"in-three-parts\",\"ts\":"), pong);
        }
    }

    @Test
    void shouldCloseWith1007OnInvalidUtf8() throws Exception
    {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port()))
        {
            assertTrue(client.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            final byte[] op = "{\"op\":\"ping\",\"id\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
            op[op.length - 4] = (byte)0xFF; // 0xFF never occurs in UTF-8
            client.sendFrame(true, RawWebSocketClient.TEXT, op);
            final RawWebSocketClient.Frame close = client.readFrame(RawWebSocketClient.CLOSE, WAIT_MS);
            assertEquals(1007, close.closeCode(), close.toString());
            assertEquals("bytes are not UTF-8", close.closeReason());
            assertTrue(client.awaitEndOfStream(WAIT_MS), "server closes the connection");
            // written by Netty's frame decoder, below every handler of ours, and counted all the same
            assertEquals(Map.of(1007, 1L), server.edge.closeFramesSent());
        }
    }

    @Test
    void shouldCloseWith1002OnUnknownOpcode() throws Exception
    {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port()))
        {
            assertTrue(client.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            client.sendFrame(true, 0x3, new byte[] {1});
            final RawWebSocketClient.Frame close = client.readFrame(RawWebSocketClient.CLOSE, WAIT_MS);
            assertEquals(1002, close.closeCode(), close.toString());
            assertEquals("data frame using reserved opcode 3", close.closeReason());
            assertTrue(client.awaitEndOfStream(WAIT_MS), "server closes the connection");
            assertEquals(Map.of(1002, 1L), server.edge.closeFramesSent());
        }
    }

    @Test
    void shouldAnswerClientClose1000AndEndTheConnection() throws Exception
    {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port()))
        {
            assertTrue(client.readFrame(WAIT_MS).text().contains("\"type\":\"welcome\""));
            client.sendClose(1000, "bye");
            final RawWebSocketClient.Frame close = client.readFrame(RawWebSocketClient.CLOSE, WAIT_MS);
            assertEquals(1000, close.closeCode(), close.toString());
            assertTrue(client.awaitEndOfStream(WAIT_MS), "server closes the connection");
        }
        Await.until("client unregistered", WAIT_MS, () -> server.edge.clients() == 0);
    }

    @Test
    void shouldAnswerJdkClientClose1000() throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.welcomed(server.ws());
        client.sendClose(1000, "done");
        assertEquals(1000, client.awaitClose(WAIT_MS).code());
        Await.until("client unregistered", WAIT_MS, () -> server.edge.clients() == 0);
    }
}
