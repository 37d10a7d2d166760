package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the edge built on the JDK's own WebSocket implementation ({@code java.net.http}),
 * so the tests speak to the server through code we did not write. It checks that every server
 * frame is a JSON array and queues its messages one by one.
 */
final class WebSocketTestClient implements WebSocket.Listener
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<String> protocolErrors = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private WebSocketTestClient(final URI uri) throws Exception
    {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, this)
            .get(10, TimeUnit.SECONDS);
    }

    static WebSocketTestClient connect(final int port) throws Exception
    {
        return new WebSocketTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"));
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
                    synchronized (protocolErrors)
                    {
                        protocolErrors.add("server frame is not a non-empty JSON array: " + frame);
                    }
                }
                root.forEach(messages::add);
            }
            catch (final Exception ex)
            {
                synchronized (protocolErrors)
                {
                    protocolErrors.add("server frame is not JSON: " + frame);
                }
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final java.nio.ByteBuffer data, final boolean last)
    {
        synchronized (protocolErrors)
        {
            protocolErrors.add("server sent a binary frame");
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
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
