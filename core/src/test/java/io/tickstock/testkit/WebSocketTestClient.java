package io.tickstock.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.core.EpochClock;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A client of the edge built on the JDK's own WebSocket implementation ({@code java.net.http}),
 * so the tests speak to the server through code we did not write. It checks that every server
 * frame is a JSON array and queues its messages one by one, or hands each to an {@link Observer};
 * it answers pings (the JDK does) and counts them. Each client has an {@link HttpClient} of its own
 * unless the test gives it one, so its own reader thread: one client's frames never hold up another's.
 *
 * <p>The JDK client reads from its socket only while it has demand, so a client made with
 * {@link #connectPausable} asks for one receive at a time and can stop reading ({@link #pause()})
 * until {@link #resume()}: the server then sees a consumer whose socket stops draining.
 *
 * <p>Every client is tracked from the moment it connects: {@link WebSocketClientCheck}, registered
 * for every test class of the modules that use the kit, fails a test when a client it made saw a
 * protocol error (a server frame that is not a non-empty JSON array, or a binary frame), so no test
 * can forget to look.
 *
 * <p>Thread-safe: one test thread sends and takes messages while the JDK's threads deliver them.
 */
public final class WebSocketTestClient implements WebSocket.Listener
{
    /** The path of the client stream (docs/protocol.md). */
    public static final String PATH = "/ws";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sees every server message in order, on the client's receive thread, with its receive time. */
    @FunctionalInterface
    public interface Observer
    {
        /** @param receivedUs when the frame holding the message was complete, {@link EpochClock} micros. */
        void onMessage(JsonNode message, long receivedUs);
    }

    /** How the server closed: the close frame's code and reason. */
    public record Close(int code, String reason)
    {
    }

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<String> protocolErrors = new ArrayList<>();
    private final CompletableFuture<Close> close = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final Observer observer;
    private final boolean oneAtATime;
    private final WebSocket socket;
    private boolean paused;
    private boolean requestOwed;

    private WebSocketTestClient(final HttpClient http, final URI uri, final Map<String, String> headers, final Observer observer,
        final boolean oneAtATime) throws Exception
    {
        this.observer = observer;
        this.oneAtATime = oneAtATime;
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
        WebSocketClientCheck.track(this);
    }

    /** A client of {@code ws://127.0.0.1:port/ws} that reads all the time and queues every message. */
    public static WebSocketTestClient connect(final int port) throws Exception
    {
        return connect(uri(port));
    }

    /**
     * A client of {@code ws://127.0.0.1:port/ws} that reads all the time and hands every message to
     * {@code observer} instead of queueing it.
     */
    public static WebSocketTestClient connect(final int port, final Observer observer) throws Exception
    {
        return new WebSocketTestClient(HttpClient.newHttpClient(), uri(port), Map.of(), observer, false);
    }

    /**
     * A client of {@code ws://127.0.0.1:port/ws} that reads one receive at a time and can stop
     * reading; messages go to {@code observer}.
     */
    public static WebSocketTestClient connectPausable(final int port, final Observer observer) throws Exception
    {
        return new WebSocketTestClient(HttpClient.newHttpClient(), uri(port), Map.of(), observer, true);
    }

    /** A client of any WebSocket endpoint of the server (such as {@code /admin/ws}) that reads all the time. */
    public static WebSocketTestClient connect(final URI uri) throws Exception
    {
        return connect(uri, Map.of());
    }

    /** As {@link #connect(URI)}, with extra headers on the upgrade request. */
    public static WebSocketTestClient connect(final URI uri, final Map<String, String> headers) throws Exception
    {
        return new WebSocketTestClient(HttpClient.newHttpClient(), uri, headers, null, false);
    }

    /** As {@link #connect(URI)}, through {@code http} (with its own TLS context, say). */
    public static WebSocketTestClient connect(final HttpClient http, final URI uri) throws Exception
    {
        return new WebSocketTestClient(http, uri, Map.of(), null, false);
    }

    /** Connects and takes the welcome, which must be the first message. */
    public static WebSocketTestClient welcomed(final URI uri, final Map<String, String> headers) throws Exception
    {
        return welcome(connect(uri, headers));
    }

    public static WebSocketTestClient welcomed(final URI uri) throws Exception
    {
        return welcomed(uri, Map.of());
    }

    /** As {@link #welcomed(URI)}, through {@code http}: clients given the same one share its reader thread. */
    public static WebSocketTestClient welcomed(final HttpClient http, final URI uri) throws Exception
    {
        return welcome(connect(http, uri));
    }

    private static WebSocketTestClient welcome(final WebSocketTestClient client) throws InterruptedException
    {
        final JsonNode welcome = client.next(5_000);
        if (!"welcome".equals(welcome.path("type").asText()))
        {
            throw new AssertionError("first message is not a welcome: " + welcome);
        }
        return client;
    }

    /** The HTTP status of a refused upgrade; fails if the upgrade succeeds. */
    public static int refusedStatus(final URI uri, final Map<String, String> headers) throws Exception
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

    private static URI uri(final int port)
    {
        return URI.create("ws://127.0.0.1:" + port + PATH);
    }

    @Override
    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(oneAtATime ? 1 : Long.MAX_VALUE);
    }

    /** Stops reading from the socket after at most one more receive (the one already asked for). Pausable clients only. */
    public void pause()
    {
        synchronized (this)
        {
            paused = true;
        }
    }

    /** Reads again. Pausable clients only. */
    public void resume()
    {
        synchronized (this)
        {
            paused = false;
            if (!requestOwed)
            {
                return;
            }
            requestOwed = false;
        }
        socket.request(1);
    }

    private void requestNext(final WebSocket webSocket)
    {
        if (!oneAtATime)
        {
            return;
        }
        synchronized (this)
        {
            if (paused)
            {
                requestOwed = true;
                return;
            }
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
    {
        pings.incrementAndGet();
        requestNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message)
    {
        requestNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            final long receivedUs = EpochClock.micros();
            final String frame = partial.toString();
            partial.setLength(0);
            try
            {
                final JsonNode root = JSON.readTree(frame);
                if (!root.isArray() || root.isEmpty())
                {
                    protocolError("server frame is not a non-empty JSON array: " + frame);
                }
                for (final JsonNode message : root)
                {
                    if (observer == null)
                    {
                        messages.add(message);
                    }
                    else
                    {
                        observer.onMessage(message, receivedUs);
                    }
                }
            }
            catch (final Exception ex)
            {
                protocolError("server frame is not JSON: " + frame);
            }
        }
        requestNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        protocolError("server sent a binary frame");
        requestNext(webSocket);
        return null;
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

    public void send(final String text) throws Exception
    {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    public void sendBinary(final byte[] data) throws Exception
    {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
    }

    public void sendClose(final int code, final String reason) throws Exception
    {
        socket.sendClose(code, reason).get(5, TimeUnit.SECONDS);
    }

    /** Starts the closing handshake with 1000. */
    public void close() throws Exception
    {
        sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    /** The next message, or fails after the timeout. */
    public JsonNode next(final long timeoutMs) throws InterruptedException
    {
        final JsonNode message = messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (message == null)
        {
            throw new AssertionError("no message within " + timeoutMs + " ms");
        }
        return message;
    }

    /** The next message that is not a heartbeat. */
    public JsonNode nextNonHeartbeat(final long timeoutMs) throws InterruptedException
    {
        JsonNode message;
        do
        {
            message = next(timeoutMs);
        }
        while ("heartbeat".equals(message.path("type").asText()));
        return message;
    }

    /** Collects messages matching the filter until {@code count} have arrived, skipping the rest. */
    public List<JsonNode> collect(final Predicate<JsonNode> filter, final int count, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final List<JsonNode> found = new ArrayList<>();
        while (found.size() < count)
        {
            final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            final JsonNode message = messages.poll(Math.max(0, left), TimeUnit.MILLISECONDS);
            if (message == null)
            {
                throw new AssertionError("only " + found.size() + " of " + count + " messages within " + timeoutMs + " ms: " + found);
            }
            if (filter.test(message))
            {
                found.add(message);
            }
        }
        return found;
    }

    /** Messages already received and not yet taken. */
    public List<JsonNode> drainReceived()
    {
        final List<JsonNode> all = new ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    /** The server's close frame, or fails after the timeout. */
    public Close awaitClose(final long timeoutMs) throws Exception
    {
        return close.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Whether the close frame has arrived (or the connection failed). */
    public boolean isClosed()
    {
        return close.isDone();
    }

    /** Pings received from the server (each answered with a pong by the JDK). */
    public int pings()
    {
        return pings.get();
    }

    public List<String> protocolErrors()
    {
        synchronized (protocolErrors)
        {
            return List.copyOf(protocolErrors);
        }
    }

    /** Drops the connection without a closing handshake. */
    public void abort()
    {
        socket.abort();
    }
}
