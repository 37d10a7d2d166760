package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.core.EpochClock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A client of the edge built on the JDK's own WebSocket implementation ({@code java.net.http}),
 * so the tests speak to the server through code we did not write. It checks that every server
 * frame is a JSON array and queues its messages one by one, or hands each to an {@link Observer}.
 *
 * <p>The JDK client reads from its socket only while it has demand, so a client made with
 * {@link #connectPausable} asks for one receive at a time and can stop reading ({@link #pause()})
 * until {@link #resume()}: the server then sees a consumer whose socket stops draining.
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

    /** Sees every server message in order, on the client's receive thread, with its receive time. */
    @FunctionalInterface
    interface Observer
    {
        /** @param receivedUs when the frame holding the message was complete, {@link EpochClock} micros. */
        void onMessage(JsonNode message, long receivedUs);
    }

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<String> protocolErrors = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private final Observer observer;
    private final boolean oneAtATime;
    private final WebSocket socket;
    private final long number;
    private boolean paused;
    private boolean requestOwed;

    private WebSocketTestClient(final URI uri, final Observer observer, final boolean oneAtATime) throws Exception
    {
        this.observer = observer;
        this.oneAtATime = oneAtATime;
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, this)
            .get(10, TimeUnit.SECONDS);
        number = MADE.incrementAndGet();
        TRACKED.add(this);
    }

    static WebSocketTestClient connect(final int port) throws Exception
    {
        return new WebSocketTestClient(uri(port), null, false);
    }

    /** A client that reads all the time and hands every message to {@code observer} instead of queueing it. */
    static WebSocketTestClient connect(final int port, final Observer observer) throws Exception
    {
        return new WebSocketTestClient(uri(port), observer, false);
    }

    /** A client that reads one receive at a time and can stop reading; messages go to {@code observer}. */
    static WebSocketTestClient connectPausable(final int port, final Observer observer) throws Exception
    {
        return new WebSocketTestClient(uri(port), observer, true);
    }

    /** A client of another WebSocket endpoint of the server ({@code /admin/ws}) that reads all the time. */
    static WebSocketTestClient connect(final URI uri) throws Exception
    {
        return new WebSocketTestClient(uri, null, false);
    }

    private static URI uri(final int port)
    {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    @Override
    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(oneAtATime ? 1 : Long.MAX_VALUE);
    }

    /** Stops reading from the socket after at most one more receive (the one already asked for). Pausable clients only. */
    void pause()
    {
        synchronized (this)
        {
            paused = true;
        }
    }

    /** Reads again. Pausable clients only. */
    void resume()
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
    public CompletionStage<?> onPing(final WebSocket webSocket, final java.nio.ByteBuffer message)
    {
        requestNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(final WebSocket webSocket, final java.nio.ByteBuffer message)
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
                    synchronized (protocolErrors)
                    {
                        protocolErrors.add("server frame is not a non-empty JSON array: " + frame);
                    }
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
                synchronized (protocolErrors)
                {
                    protocolErrors.add("server frame is not JSON: " + frame);
                }
            }
        }
        requestNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final java.nio.ByteBuffer data, final boolean last)
    {
        synchronized (protocolErrors)
        {
            protocolErrors.add("server sent a binary frame");
        }
        requestNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closeCode.completeExceptionally(error);
    }

    void send(final String text) throws Exception
    {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
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

    /** Collects messages matching the filter until {@code count} have arrived, skipping the rest. */
    List<JsonNode> collect(final Predicate<JsonNode> filter, final int count, final long timeoutMs) throws InterruptedException
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
    List<JsonNode> drainReceived()
    {
        final List<JsonNode> all = new ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    int awaitClose(final long timeoutMs) throws Exception
    {
        return closeCode.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The reason of the server's close frame, once {@link #awaitClose} returned its code. */
    String closeReason()
    {
        return closeReason;
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

    /** Starts the closing handshake with 1000. */
    void close() throws Exception
    {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    /** Whether the close code has arrived (or the connection failed). */
    boolean isClosed()
    {
        return closeCode.isDone();
    }

    void abort()
    {
        socket.abort();
    }
}
