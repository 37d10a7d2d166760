package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the edge built on the JDK's own WebSocket implementation ({@code java.net.http}),
 * so the tests speak to the server through code we did not write. It checks that every server
 * frame is a JSON array and queues its messages one by one; it answers pings (the JDK does) and
 * counts them. Adapted from the examples module's client of the same name.
 *
 * <p>Every client is tracked from the moment it connects: {@link WebSocketClientCheck}, registered for
 * every test class of this module, fails a test when a client it made saw a protocol error (a
 * server frame that is not a non-empty JSON array, or a binary frame), so no test can forget to look.
 */
final class WebSocketTestClient implements WebSocket.Listener
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong MADE = new AtomicLong();
    private static final ConcurrentLinkedQueue<WebSocketTestClient> TRACKED = new ConcurrentLinkedQueue<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How the server closed: the close frame's code and reason. */
    record Close(int code, String reason)
    {
    }

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<String> protocolErrors = new ArrayList<>();
    private final CompletableFuture<Close> close = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private final long number;

    private WebSocketTestClient(final HttpClient http, final URI uri, final Map<String, String> headers) throws Exception
    {
        final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try
        {
            socket = builder.buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof Exception)
            {
                throw (Exception)ex.getCause();
            }
            throw ex;
        }
        number = MADE.incrementAndGet();
        TRACKED.add(this);
    }

    static WebSocketTestClient connect(final URI uri) throws Exception
    {
        return new WebSocketTestClient(HTTP, uri, Map.of());
    }

    static WebSocketTestClient connect(final URI uri, final Map<String, String> headers) throws Exception
    {
        return new WebSocketTestClient(HTTP, uri, headers);
    }

    static WebSocketTestClient connect(final HttpClient http, final URI uri) throws Exception
    {
        return new WebSocketTestClient(http, uri, Map.of());
    }

    /** Connects and takes the welcome, which must be the first message. */
    static WebSocketTestClient welcomed(final URI uri, final Map<String, String> headers) throws Exception
    {
        final WebSocketTestClient client = connect(uri, headers);
        final JsonNode welcome = client.next(5_000);
        if (!"welcome".equals(welcome.path("type").asText()))
        {
            throw new AssertionError("first message is not a welcome: " + welcome);
        }
        return client;
    }

    static WebSocketTestClient welcomed(final URI uri) throws Exception
    {
        return welcomed(uri, Map.of());
    }

    /** The HTTP status of a refused upgrade; fails if the upgrade succeeds. */
    static int refusedStatus(final URI uri, final Map<String, String> headers) throws Exception
    {
        final WebSocketTestClient client;
        try
        {
            client = connect(uri, headers);
        }
        catch (final WebSocketHandshakeException ex)
        {
            return ex.getResponse().statusCode();
        }
        client.abort();
        throw new AssertionError("upgrade of " + uri + " with " + headers + " was not refused");
    }

    @Override
    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            final String frame = partial.toString();
            partial.setLength(0);
            try
            {
                final JsonNode root = JSON.readTree(frame);
                if (!root.isArray() || root.isEmpty())
                {
                    protocolError("server frame is not a non-empty JSON array: " + frame);
                }
                root.forEach(messages::add);
            }
            catch (final Exception ex)
            {
                protocolError("server frame is not JSON: " + frame);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        protocolError("server sent a binary frame");
        return null;
    }

    @Override
    public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
    {
        pings.incrementAndGet();
        return WebSocket.Listener.super.onPing(webSocket, message);
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        close.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        close.completeExceptionally(error);
    }

    private void protocolError(final String what)
    {
        synchronized (protocolErrors)
        {
            protocolErrors.add(what);
        }
    }

    void send(final String text) throws Exception
    {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    void sendBinary(final byte[] data) throws Exception
    {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
    }

    void sendClose(final int code, final String reason) throws Exception
    {
        socket.sendClose(code, reason).get(5, TimeUnit.SECONDS);
    }

    /** The next message, or fails after the timeout. */
    JsonNode next(final long timeoutMs) throws InterruptedException
    {
        final JsonNode message = messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (message == null)
        {
            throw new AssertionError("no message within " + timeoutMs + " ms");
        }
        return message;
    }

    /** The next message that is not a heartbeat. */
    JsonNode nextNonHeartbeat(final long timeoutMs) throws InterruptedException
    {
        JsonNode message;
        do
        {
            message = next(timeoutMs);
        }
        while ("heartbeat".equals(message.path("type").asText()));
        return message;
    }

    /** Messages already received and not yet taken. */
    List<JsonNode> drainReceived()
    {
        final List<JsonNode> all = new ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    /** The server's close frame, or fails after the timeout. */
    Close awaitClose(final long timeoutMs) throws Exception
    {
        return close.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    boolean isClosed()
    {
        return close.isDone();
    }

    /** Pings received from the server (each answered with a pong by the JDK). */
    int pings()
    {
        return pings.get();
    }

    /** How many clients this JVM has made so far: a mark for {@link #checkTracked}. */
    static long made()
    {
        return MADE.get();
    }

    /**
     * Fails naming every protocol error seen by any client still tracked, then stops tracking
     * the clients made after {@code mark} (those made before it belong to an enclosing scope,
     * such as a {@code @BeforeAll}, and are checked again when it ends).
     */
    static void checkTracked(final long mark)
    {
        final List<String> errors = new ArrayList<>();
        for (final WebSocketTestClient client : TRACKED)
        {
            client.protocolErrors().forEach(error -> errors.add("client " + client.number + ": " + error));
        }
        TRACKED.removeIf(client -> client.number > mark);
        if (!errors.isEmpty())
        {
            throw new AssertionError("WebSocket protocol errors: " + errors);
        }
    }

    List<String> protocolErrors()
    {
        synchronized (protocolErrors)
        {
            return List.copyOf(protocolErrors);
        }
    }

    void abort()
    {
        socket.abort();
    }
}
