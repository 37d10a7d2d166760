package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tickstock.testkit.Await;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert rules wired into the running server: with the end-to-end p99 rule configured to fire
 * on any latency at all, an admin client on {@code /admin/ws} is sent the firing alert, a local
 * webhook receiver gets it POSTed as JSON, and {@code /debug/alerts} lists it as active.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertsIT
{
    private static final long WAIT_MS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<String> posted = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private TickStockApp app;

    @AfterEach
    void stop()
    {
        if (app != null)
        {
            app.close();
        }
        if (receiver != null)
        {
            receiver.stop(0);
        }
    }

    private String startReceiver() throws Exception
    {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange ->
        {
            posted.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " +
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
    }

    private static boolean listsEndToEndFiring(final int port)
    {
        try
        {
            final HttpResponse<String> debug = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/debug/alerts")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, debug.statusCode());
            for (final JsonNode alert : JSON.readTree(debug.body()).get("active"))
            {
                if (isEndToEndFiring(alert))
                {
                    return true;
                }
            }
            return false;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading /debug/alerts", ex);
        }
    }

    private static boolean isEndToEndFiring(final JsonNode alert)
    {
        return "alert".equals(alert.path("type").asText()) && "e2eP99".equals(alert.path("rule").asText()) &&
            "firing".equals(alert.path("state").asText());
    }

    @Test
    void shouldSendAFiringAlertToTheAdminStreamTheWebhookAndDebugAlerts() throws Exception
    {
        final String webhook = startReceiver();
        app = TickStockApp.start(ServerConfig.of(Map.ofEntries(
            Map.entry("server.port", "0"),
            Map.entry("server.summaryIntervalS", "0"),
            Map.entry("simulator.symbols", "20"),
            Map.entry("simulator.rate", "2000"),
            Map.entry("monitor.intervalMs", "100"),
            Map.entry("alert.evaluateMs", "50"),
            Map.entry("alert.e2eP99.thresholdMs", "0"),
            Map.entry("alert.e2eP99.forS", "0"),
            Map.entry("alert.e2eP99.severity", "critical"),
            // an interval without a delivery (a loaded machine) resolves the alert: let it fire again at once
            Map.entry("alert.e2eP99.cooldownS", "0"),
            Map.entry("alert.webhookUrl", webhook))), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        final int port = app.port();

        final WebSocketTestClient admin = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/admin/ws"));
        // end-to-end latency is measured on the way to a client: one takes everything
        final WebSocketTestClient firehose = WebSocketTestClient.connect(port);
        assertEquals("welcome", firehose.next(WAIT_MS).get("type").asText());
        firehose.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"]}");

        final JsonNode streamed = admin.collect(AlertsIT::isEndToEndFiring, 1, WAIT_MS).get(0);
        assertEquals("critical", streamed.get("severity").asText());
        assertEquals(0, streamed.get("threshold").asInt());
        assertTrue(streamed.get("value").asDouble() > 0, streamed.toString());
        assertTrue(streamed.get("resolvedAt").isNull(), streamed.toString());
        assertTrue(streamed.get("message").asText().startsWith("e2eP99: end-to-end p99 (ms) "), streamed.toString());
        final long id = streamed.get("id").asLong();

        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        JsonNode hooked = null;
        while (hooked == null && System.nanoTime() - deadline < 0)
        {
            final String post = posted.poll(100, TimeUnit.MILLISECONDS);
            if (post != null)
            {
                assertTrue(post.startsWith("POST application/json {"), post);
                final JsonNode alert = JSON.readTree(post.substring(post.indexOf('{')));
                hooked = alert.path("id").asLong() == id ? alert : null;
            }
        }
        assertEquals(streamed, hooked, "the webhook got the same alert");

        Await.until("e2eP99 listed as active on /debug/alerts", WAIT_MS, 100, () -> listsEndToEndFiring(port), () -> "");
        assertEquals(List.of(), admin.protocolErrors());

        app.close();
        assertEquals(1001, admin.awaitClose(WAIT_MS).code());
    }
}
