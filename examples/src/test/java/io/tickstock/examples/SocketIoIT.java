package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.testkit.Await;
import io.tickstock.testkit.MetricsScrape;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original dashboard's client, socket.io-client 3.1.0 in Node (src/test/node/socketio.js), on
 * the compatibility endpoint (docs/compat.md): it connects over the WebSocket transport, gets
 * {@code status_update} with {@code connected: true} and {@code stock_data} whose highs and lows
 * are, by id, ticker and price, the {@code high} and {@code low} events a native client received
 * in the same run; a connection with {@code symbols} gets only those; long polling and
 * {@code EIO=3} get Engine.IO's error answer.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SocketIoIT
{
    private static final Path CLIENT_DIR = Path.of("src", "test", "node");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TickStockApp app;

    @AfterEach
    void stop()
    {
        if (app != null)
        {
            app.close();
        }
    }

    @TempDir
    Path dir;

    /** Starts the client; what it prints goes to a file (a pipe that nobody reads while it runs would fill and stop it). */
    /** A client that reads until it has {@code stockData} stock_data and {@code statusUpdates} status_update, 30 s at most. */
    private Process socketIoClient(final int port, final String symbols, final int stockData, final int statusUpdates) throws Exception
    {
        return socketIoClient(port, symbols, "read", "30", Integer.toString(stockData), Integer.toString(statusUpdates));
    }

    private Process socketIoClient(final int port, final String symbols, final String mode, final String... more) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("node", "socketio.js", "http://127.0.0.1:" + port, symbols));
        command.add(more.length > 0 && mode.equals("read") ? more[0] : "40");
        command.add(mode);
        if (mode.equals("read"))
        {
            command.addAll(List.of(more).subList(1, more.length));
        }
        return new ProcessBuilder(command)
            .directory(CLIENT_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output(symbols, mode).toFile())
            .start();
    }

    private Path output(final String symbols, final String mode)
    {
        return dir.resolve(symbols.replace(',', '_') + "." + mode + ".out");
    }

    /** Everything the reading client printed, one JSON record per line, once it has exited. */
    private List<JsonNode> records(final Process client, final String symbols) throws Exception
    {
        return records(client, symbols, "read");
    }

    private List<JsonNode> records(final Process client, final String symbols, final String mode) throws Exception
    {
        assertTrue(client.waitFor(60, TimeUnit.SECONDS), "the socket.io client finished");
        final String output = Files.readString(output(symbols, mode), StandardCharsets.UTF_8);
        assertEquals(0, client.exitValue(), output);
        final List<JsonNode> records = new ArrayList<>();
        for (final String line : output.split("\n"))
        {
            if (!line.isBlank())
            {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    private static List<JsonNode> of(final List<JsonNode> records, final String event)
    {
        return records.stream().filter(r -> event.equals(r.get("event").asText())).map(r -> r.get("data")).toList();
    }

    @Test
    void shouldServeTheOriginalDashboardsClientTheHighsAndLowsANativeClientGets() throws Exception
    {
        NodeClientIT.requireNode();
        app = TickStockApp.start(ServerConfig.of(Map.of(
            "server.port", "0",
            "simulator.symbols", "200",
            "simulator.rate", "4000",
            "simulator.seed", "11",
            "server.summaryIntervalS", "0")), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        final int port = app.port();
        final WebSocketTestClient nativeClient = WebSocketTestClient.connect(port);
        assertEquals("welcome", nativeClient.next(10_000).get("type").asText());
        nativeClient.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\",\"low\"],\"snapshot\":false}");
        assertEquals("ack", nativeClient.nextNonHeartbeat(10_000).get("type").asText());

        final Process everything = socketIoClient(port, "-", 4, 2);
        final Process twoSymbols = socketIoClient(port, "SPY,QQQ", 1, 0);
        final List<JsonNode> all = records(everything, "-");
        final List<JsonNode> filtered = records(twoSymbols, "SPY,QQQ");

        assertEquals("connect", all.get(0).get("event").asText(), all.toString());
        final List<JsonNode> statuses = of(all, "status_update");
        assertTrue(statuses.size() >= 2, "a status_update every 2 s: " + statuses);
        for (final JsonNode status : statuses)
        {
            assertTrue(status.get("connected").asBoolean(), status.toString());
            assertEquals("healthy", status.get("status").asText());
            assertEquals("simulated", status.get("provider").asText());
            assertTrue(Set.of("PRE", "REGULAR", "AFTER", "CLOSED").contains(status.get("market_status").asText()), status.toString());
        }
        final List<JsonNode> batches = of(all, "stock_data");
        assertTrue(batches.size() >= 3, "stock_data each second something happened: " + batches.size());
        final Map<Long, JsonNode> items = new HashMap<>();
        for (final JsonNode batch : batches)
        {
            assertEquals(batch.get("highs").size(), batch.get("frequencies").get("per_second").get("highs").asInt());
            assertEquals(batch.get("lows").size(), batch.get("frequencies").get("per_second").get("lows").asInt());
            for (final String list : List.of("highs", "lows"))
            {
                for (final JsonNode item : batch.get(list))
                {
                    items.put(Long.parseLong(item.get("event_id").asText()), item);
                    assertEquals(list.equals("highs") ? "high" : "low", item.get("type").asText());
                    assertTrue(item.get("percent_change").isNumber() && item.get("vwap_divergence").isNumber(), item.toString());
                    assertTrue(item.get("time").asText().matches("\\d\\d:\\d\\d:\\d\\d"), item.toString());
                }
            }
            assertTrue(batch.get("activity").get("ticks_10sec").asLong() >= 0);
        }
        assertTrue(items.size() > 10, "highs and lows from a 4,000 records/s market in 6 s: " + items.size());
        final long lastItem = items.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        final Map<Long, JsonNode> natives = new HashMap<>();
        Await.until("the native client has every event up to the last item", 20_000, () ->
        {
            for (final JsonNode message : nativeClient.drainReceived())
            {
                if ("event".equals(message.path("type").asText()))
                {
                    natives.put(message.get("id").asLong(), message);
                }
            }
            return natives.keySet().stream().anyMatch(id -> id >= lastItem);
        });
        // the dashboard's batches follow the market from the server's start; the native client from
        // its subscription, so the events before its first one (published before the subscribe
        // took effect) may be in a batch and not at the native client
        final long firstNative = natives.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(items.keySet().stream().filter(id -> id >= firstNative).count() > 10,
            "highs and lows since the native client subscribed: " + items.keySet() + ", the native client's first " + firstNative);
        for (final Map.Entry<Long, JsonNode> entry : items.entrySet())
        {
            if (entry.getKey() < firstNative)
            {
                continue;
            }
            final JsonNode nativeEvent = natives.get(entry.getKey());
            final JsonNode item = entry.getValue();
            assertTrue(nativeEvent != null, "no native event with the id of " + item);
            assertEquals(nativeEvent.get("event").asText(), item.get("type").asText());
            assertEquals(nativeEvent.get("symbol").asText(), item.get("ticker").asText());
            assertEquals(0, nativeEvent.get("price").decimalValue().compareTo(item.get("price").decimalValue()), item + " vs " + nativeEvent);
        }

        final List<JsonNode> filteredBatches = of(filtered, "stock_data");
        assertTrue(!filteredBatches.isEmpty(), "the filtered client got a stock_data: " + filtered);
        for (final JsonNode batch : filteredBatches)
        {
            for (final String list : List.of("highs", "lows"))
            {
                for (final JsonNode item : batch.get(list))
                {
                    assertTrue(Set.of("SPY", "QQQ").contains(item.get("ticker").asText()), item.toString());
                }
            }
        }
        final Map<String, Long> metrics = MetricsScrape.scrape(port);
        assertEquals(2, MetricsScrape.sample(metrics, "tickstock_socketio_sessions_total"));
        // each client may have closed with one message on its way to it, counted as sent, never read
        final long sent = MetricsScrape.sample(metrics, "tickstock_socketio_messages_total{event=\"stock_data\"}");
        final long received = batches.size() + filteredBatches.size();
        assertTrue(sent >= received && sent <= received + 2, "sent " + sent + ", received " + received);
    }

    /** The dashboard's client reconnects by itself when the server comes back on the same port, and is served again. */
    @Test
    void shouldServeTheClientAgainAfterAServerRestart() throws Exception
    {
        NodeClientIT.requireNode();
        final int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }
        final Map<String, String> config = Map.of("server.port", Integer.toString(port), "simulator.symbols", "100",
            "simulator.rate", "2000", "server.summaryIntervalS", "0");
        app = TickStockApp.start(ServerConfig.of(config), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        final Process client = socketIoClient(port, "-", "reconnect");
        final Path out = output("-", "reconnect");
        Await.until("the client's first stock_data", 20_000, () -> read(out).contains("\"event\":\"stock_data\""));
        app.close();
        Await.until("the client saw the server go", 20_000, () -> read(out).contains("\"event\":\"disconnect\""));
        app = TickStockApp.start(ServerConfig.of(config), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));

        final List<JsonNode> records = records(client, "-", "reconnect");

        final List<String> events = records.stream().map(r -> r.get("event").asText()).filter(e -> !e.equals("connect_error")).toList();
        final int disconnect = events.indexOf("disconnect");
        assertEquals("connect", events.get(0), events.toString());
        assertEquals("connect", events.get(disconnect + 1), "connected again after the restart: " + events);
        assertTrue(events.subList(disconnect + 1, events.size()).contains("stock_data"), "served again after the restart: " + events);
    }

    /**
     * A dashboard that stops reading its socket: once the socket is over its high-water mark its
     * seconds are dropped and counted, while a native client and a reading dashboard go on.
     */
    @Test
    void shouldDropTheSecondsOfADashboardThatStopsReadingAndHoldUpNobody() throws Exception
    {
        NodeClientIT.requireNode();
        app = TickStockApp.start(ServerConfig.of(Map.of("server.port", "0", "simulator.symbols", "2000", "simulator.rate", "20000",
            "edge.writeBufferHighBytes", "8192", "server.summaryIntervalS", "0")), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        final int port = app.port();
        final WebSocketTestClient nativeClient = WebSocketTestClient.connect(port);
        assertEquals("welcome", nativeClient.next(10_000).get("type").asText());
        nativeClient.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":false}");
        assertEquals("ack", nativeClient.nextNonHeartbeat(10_000).get("type").asText());
        final Process stalled = socketIoClient(port, "-", "stall");

        Await.until("a stalled dashboard's second dropped", 40_000, 200, () ->
            MetricsScrape.sample(scrape(port), "tickstock_socketio_dropped_total{what=\"messages\"}") > 0, () -> "no drop yet");
        final Process reading = socketIoClient(port, "-", 2, 0);
        final List<JsonNode> records = records(reading, "-");
        nativeClient.drainReceived();
        final List<JsonNode> after = nativeClient.collect(m -> "event".equals(m.path("type").asText()), 20, 10_000);

        assertTrue(of(records, "stock_data").size() >= 2, "the reading dashboard is served while the other one stalls: " + records.size());
        assertEquals(20, after.size(), "the native client is served while a dashboard stalls");
        stalled.destroyForcibly();
    }

    private static Map<String, Long> scrape(final int port)
    {
        try
        {
            return MetricsScrape.scrape(port);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("GET /metrics", ex);
        }
    }

    /** Once in a browser: a small page on the npm package's own client clears its overlay and counts stock_data. */
    @Test
    void shouldClearTheOverlayAndCountTheDataInHeadlessChromium() throws Exception
    {
        NodeClientIT.requireNode();
        DashboardIT.requireChromium();
        app = TickStockApp.start(ServerConfig.of(Map.of("server.port", "0", "simulator.symbols", "200", "simulator.rate", "4000",
            "server.summaryIntervalS", "0")), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        final String page = CLIENT_DIR.resolve("dashboard.html").toAbsolutePath().toUri() + "#http://127.0.0.1:" + app.port();
        try (DevToolsPage browser = DevToolsPage.open(DashboardIT.CHROMIUM, dir, page))
        {
            final String state = "(function () { const c = document.getElementById('counts'); return c === null ? '' : " +
                "JSON.stringify({overlay: !!document.getElementById('overlay'), stockData: Number(c.dataset.stockData), " +
                "highs: Number(c.dataset.highs), status: c.dataset.status}); })()";
            final JsonNode[] last = new JsonNode[1];
            Await.until("the page's overlay cleared and three stock_data counted", 30_000, 100, () ->
            {
                try
                {
                    final String text = browser.evaluate(state).asText();
                    if (text.isEmpty())
                    {
                        return false; // the page has not loaded yet
                    }
                    last[0] = JSON.readTree(text);
                }
                catch (final Exception ex)
                {
                    throw new AssertionError(ex);
                }
                return !last[0].get("overlay").asBoolean() && last[0].get("stockData").asInt() >= 3;
            }, () -> String.valueOf(last[0]));

            assertEquals("healthy", last[0].get("status").asText());
            assertTrue(last[0].get("highs").asInt() > 0, last[0].toString());
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** Long polling and Engine.IO v3 get Engine.IO's 400 error, on server.port and on socketio.port alike. */
    @Test
    void shouldAnswerLongPollingAndOlderClientsWithEngineIosErrorOnBothPorts() throws Exception
    {
        final int second;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            second = probe.getLocalPort();
        }
        app = TickStockApp.start(ServerConfig.of(Map.of("server.port", "0", "socketio.port", Integer.toString(second),
            "simulator.symbols", "10", "simulator.rate", "10", "server.summaryIntervalS", "0")),
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));

        for (final int port : List.of(app.port(), second))
        {
            final HttpResponse<String> polling = get(port, "/socket.io/?EIO=4&transport=polling");
            final HttpResponse<String> older = get(port, "/socket.io/?EIO=3&transport=websocket");

            assertEquals(400, polling.statusCode());
            assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", polling.body());
            assertEquals(400, older.statusCode());
            assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", older.body());
            assertEquals(400, WebSocketTestClient.refusedStatus(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=3&transport=websocket"),
                Map.of()), "an Engine.IO v3 WebSocket upgrade is refused too");
        }
    }

    /** The same doors as /ws: a token when edge.tokens is set, an allowed Origin, and edge.maxConnections. */
    @Test
    void shouldKeepTheEdgesTokenOriginAndConnectionLimit() throws Exception
    {
        app = TickStockApp.start(ServerConfig.of(Map.of("server.port", "0", "simulator.symbols", "10", "simulator.rate", "10",
            "server.summaryIntervalS", "0", "edge.tokens", "s3cret", "edge.allowedOrigins", "http://dash.example",
            "edge.maxConnections", "1")), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        final String endpoint = "ws://127.0.0.1:" + app.port() + "/socket.io/?EIO=4&transport=websocket";

        assertEquals(401, WebSocketTestClient.refusedStatus(URI.create(endpoint), Map.of()));
        assertEquals(403, WebSocketTestClient.refusedStatus(URI.create(endpoint + "&token=s3cret"), Map.of("Origin", "http://evil.example")));
        // a plain JDK WebSocket: the test kit's client checks frames against /ws's protocol, not Engine.IO's
        final java.net.http.WebSocket admitted = HTTP.newWebSocketBuilder().header("Origin", "http://dash.example")
            .buildAsync(URI.create(endpoint + "&token=s3cret"), new java.net.http.WebSocket.Listener()
            {
            }).get(10, TimeUnit.SECONDS);
        try
        {
            assertEquals(503, WebSocketTestClient.refusedStatus(URI.create(endpoint + "&token=s3cret"), Map.of()));
        }
        finally
        {
            admitted.abort();
        }
    }

    private static HttpResponse<String> get(final int port, final String path) throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
