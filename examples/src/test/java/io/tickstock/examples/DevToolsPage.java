package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.testkit.Await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page open in headless Chromium, read in real time through the DevTools protocol: for pages that
 * wait on a WebSocket, which {@code --dump-dom} with virtual time would read before any message
 * came. Chromium runs with {@code --remote-debugging-port=0}; the port is read from its
 * {@code DevToolsActivePort} file, the page's target from {@code /json/list}, and
 * {@link #evaluate} runs an expression in the page with {@code Runtime.evaluate}.
 */
final class DevToolsPage implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORT = Pattern.compile("^(\\d+)");

    private final Process chromium;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final Replies replies = new Replies();
    private int nextId;

    private DevToolsPage(final Process chromium, final String debuggerUrl) throws Exception
    {
        this.chromium = chromium;
        this.socket = http.newWebSocketBuilder().buildAsync(URI.create(debuggerUrl), replies).get(10, TimeUnit.SECONDS);
    }

    /** Opens {@code url} in headless Chromium with a fresh profile under {@code dir}. */
    static DevToolsPage open(final Path chromium, final Path dir, final String url) throws Exception
    {
        final Path profile = Files.createDirectories(dir.resolve("devtools-profile"));
        final Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--allow-file-access-from-files", "--user-data-dir=" + profile, "--remote-debugging-port=0", url)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("devtools-chromium.log").toFile())
            .start();
        final Path portFile = profile.resolve("DevToolsActivePort");
        try
        {
            Await.until("chromium's DevTools port", 30_000, () -> !process.isAlive() || written(portFile));
        }
        finally
        {
            if (!process.isAlive() || !written(portFile))
            {
                process.destroyForcibly();
            }
        }
        if (!written(portFile))
        {
            throw new AssertionError("chromium did not open its DevTools port: " + Files.readString(dir.resolve("devtools-chromium.log")));
        }
        final Matcher port = PORT.matcher(Files.readString(portFile));
        if (!port.find())
        {
            throw new AssertionError("unreadable DevToolsActivePort: " + Files.readString(portFile));
        }
        final HttpResponse<String> targets = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
        for (final JsonNode target : JSON.readTree(targets.body()))
        {
            if ("page".equals(target.get("type").asText()))
            {
                return new DevToolsPage(process, target.get("webSocketDebuggerUrl").asText());
            }
        }
        process.destroyForcibly();
        throw new AssertionError("no page among chromium's targets: " + targets.body());
    }

    private static boolean written(final Path file)
    {
        try
        {
            return Files.exists(file) && !Files.readString(file).isBlank();
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    /** The value of a JavaScript expression in the page (returned by value: a string, number, boolean or JSON-able object). */
    synchronized JsonNode evaluate(final String expression) throws Exception
    {
        final int id = ++nextId;
        final CompletableFuture<JsonNode> reply = replies.expect(id);
        socket.sendText(JSON.createObjectNode().put("id", id).put("method", "Runtime.evaluate")
            .set("params", JSON.createObjectNode().put("expression", expression).put("returnByValue", true)).toString(), true)
            .get(10, TimeUnit.SECONDS);
        final JsonNode result = reply.get(10, TimeUnit.SECONDS);
        return result.path("result").path("result").path("value");
    }

    @Override
    public void close()
    {
        socket.abort();
        // Chromium's renderer and zygote processes are its children: none may outlive the test
        chromium.descendants().forEach(ProcessHandle::destroyForcibly);
        chromium.destroyForcibly();
    }

    /** The DevTools replies, each handed to whoever waits for its id. */
    private static final class Replies implements WebSocket.Listener
    {
        private final java.util.Map<Integer, CompletableFuture<JsonNode>> waiting = new java.util.concurrent.ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        CompletableFuture<JsonNode> expect(final int id)
        {
            final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            waiting.put(id, reply);
            return reply;
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                try
                {
                    final JsonNode message = JSON.readTree(partial.toString());
                    final CompletableFuture<JsonNode> reply = message.has("id") ? waiting.remove(message.get("id").asInt()) : null;
                    if (reply != null)
                    {
                        reply.complete(message);
                    }
                }
                catch (final Exception ex)
                {
                    waiting.values().forEach(reply -> reply.completeExceptionally(ex));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
