package io.tickstock.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client written by hand over a plain socket (RFC 6455), for what the JDK's client
 * will not do: send invalid UTF-8, fragment a message, never answer a ping, or send nothing at
 * all. It masks its frames with keys from a seeded generator, so every run sends the same bytes.
 *
 * <p>Not thread-safe: one test thread.
 */
public final class RawWebSocketClient implements AutoCloseable
{
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** One frame as received; control frames are never fragmented. */
    public record Frame(boolean fin, int opcode, byte[] payload)
    {
        public String text()
        {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 when it has none. */
        public int closeCode()
        {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason()
        {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString()
        {
            return "Frame[fin=" + fin + ", opcode=" + opcode + ", " +
                (opcode == CLOSE ? "close " + closeCode() + " '" + closeReason() + "'" : payload.length + " bytes: " + text()) + "]";
        }
    }

    /** The answer to an HTTP request: status, headers (names lower-cased) and body. */
    public record HttpAnswer(int status, Map<String, String> headers, String body)
    {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Random masks = new Random(42);

    private RawWebSocketClient(final int port) throws IOException
    {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A TCP connection and nothing more. */
    public static RawWebSocketClient open(final int port) throws IOException
    {
        return new RawWebSocketClient(port);
    }

    /** Connects and completes the upgrade of {@code /ws}; fails unless the server answers 101. */
    public static RawWebSocketClient connect(final int port) throws IOException
    {
        final RawWebSocketClient client = new RawWebSocketClient(port);
        final HttpAnswer answer = client.upgrade(WebSocketTestClient.PATH, Map.of());
        if (answer.status() != 101)
        {
            client.close();
            throw new AssertionError("upgrade refused: " + answer);
        }
        return client;
    }

    /**
     * Sends an upgrade request for {@code target} (path and query) with the extra headers and
     * reads the answer; on 101 checks {@code Sec-WebSocket-Accept}, otherwise reads the body.
     */
    public HttpAnswer upgrade(final String target, final Map<String, String> headers) throws IOException
    {
        final byte[] nonce = new byte[16];
        masks.nextBytes(nonce);
        final String key = Base64.getEncoder().encodeToString(nonce);
        final StringBuilder request = new StringBuilder(256)
            .append("GET ").append(target).append(" HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
            .append("Upgrade: websocket\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
            .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final HttpAnswer answer = readHttpAnswer(5_000);
        if (answer.status() == 101 && !accept(key).equals(answer.headers().get("sec-websocket-accept")))
        {
            throw new AssertionError("wrong Sec-WebSocket-Accept: " + answer);
        }
        return answer;
    }

    private static String accept(final String key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private HttpAnswer readHttpAnswer(final long timeoutMs) throws IOException
    {
        socket.setSoTimeout((int)timeoutMs);
        final String statusLine = readLine();
        final String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1."))
        {
            throw new AssertionError("not an HTTP status line: " + statusLine);
        }
        final int status = Integer.parseInt(parts[1]);
        final Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine())
        {
            final int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String body = "";
        if (status != 101 && headers.containsKey("content-length"))
        {
            body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        return new HttpAnswer(status, headers, body);
    }

    private String readLine() throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n')
        {
            if (b < 0)
            {
                throw new EOFException("connection closed in an HTTP header");
            }
            if (b != '\r')
            {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one masked frame. */
    public void sendFrame(final boolean fin, final int opcode, final byte[] payload) throws IOException
    {
        final ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126)
        {
            frame.write(0x80 | payload.length);
        }
        else if (payload.length <= 0xFFFF)
        {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        }
        else
        {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                frame.write((int)((long)payload.length >>> shift));
            }
        }
        final byte[] mask = new byte[4];
        masks.nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++)
        {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Sends bytes as they are (an HTTP fragment, say). */
    public void sendRaw(final String text) throws IOException
    {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void sendText(final String text) throws IOException
    {
        sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendClose(final int code, final String reason) throws IOException
    {
        final byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        final byte[] payload = new byte[2 + text.length];
        payload[0] = (byte)(code >>> 8);
        payload[1] = (byte)code;
        System.arraycopy(text, 0, payload, 2, text.length);
        sendFrame(true, CLOSE, payload);
    }

    /** The next frame; fails if none arrives within the timeout or the connection ends. */
    public Frame readFrame(final long timeoutMs) throws IOException
    {
        socket.setSoTimeout((int)timeoutMs);
        try
        {
            final int first = readByte();
            final int second = readByte();
            if ((second & 0x80) != 0)
            {
                throw new AssertionError("the server masked a frame");
            }
            long length = second & 0x7F;
            if (length == 126)
            {
                length = (readByte() << 8) | readByte();
            }
            else if (length == 127)
            {
                length = 0;
                for (int i = 0; i < 8; i++)
                {
                    length = (length << 8) | readByte();
                }
            }
            final byte[] payload = in.readNBytes((int)length);
            if (payload.length != length)
            {
                throw new EOFException("connection closed in a frame");
            }
            return new Frame((first & 0x80) != 0, first & 0x0F, payload);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("no frame within " + timeoutMs + " ms");
        }
    }

    /** The next frame with the given opcode, skipping others (such as heartbeats) on the way. */
    public Frame readFrame(final int opcode, final long timeoutMs) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0)
            {
                throw new AssertionError("no frame with opcode " + opcode + " within " + timeoutMs + " ms");
            }
            final Frame frame = readFrame(left);
            if (frame.opcode() == opcode)
            {
                return frame;
            }
        }
    }

    private int readByte() throws IOException
    {
        final int b = in.read();
        if (b < 0)
        {
            throw new EOFException("connection closed");
        }
        return b;
    }

    /**
     * Waits for the server to close the connection, discarding anything it sends first.
     *
     * @return whether the connection ended (read returned -1, or reset) within the timeout.
     */
    public boolean awaitEndOfStream(final long timeoutMs) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try
        {
            while (true)
            {
                final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0)
                {
                    return false;
                }
                socket.setSoTimeout((int)left);
                if (in.read() < 0)
                {
                    return true;
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final java.net.SocketException ex)
        {
            return true;
        }
    }

    /** Resets the connection (RST, no close frame, no FIN), as a peer that crashed or lost its network does. */
    public void abort() throws IOException
    {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
