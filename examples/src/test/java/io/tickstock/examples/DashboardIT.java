package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.testkit.Await;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens {@code /dashboard} in a real headless browser (Debian's {@code chromium}) against the
 * server on a simulated market with two clients connected, and checks from the page's DOM that
 * each chart drew samples, that the clients panel counts both clients and the alerts panel the
 * one alert the test makes fire. Without
 * {@code /usr/bin/chromium} the test is skipped, unless {@code TICKSTOCK_REQUIRE_CHROMIUM} is set
 * (as CI sets it), where it fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardIT
{
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long WAIT_MS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TickStockApp app;
    private final List<WebSocketTestClient> clients = new ArrayList<>();

    @AfterEach
    void stop()
    {
        clients.forEach(WebSocketTestClient::abort);
        if (app != null)
        {
            app.close();
        }
    }

    @Test
    void shouldDrawThroughputLatencyAndRingChartsAndCountTheClients() throws Exception
    {
        requireChromium();
        app = TickStockApp.start(ServerConfig.of(Map.ofEntries(
            Map.entry("server.port", "0"),
            Map.entry("simulator.symbols", "200"),
            Map.entry("simulator.rate", "2000"),
            Map.entry("monitor.intervalMs", "1000"),
            Map.entry("server.summaryIntervalS", "0"),
            // exactly one alert active: heap over a 1-byte budget fires at the first evaluation and never
            // resolves (a latency rule could, in an interval without deliveries); no other rule can fire
            Map.entry("monitor.heapBudgetBytes", "1"),
            Map.entry("alert.heap.forS", "0"),
            Map.entry("alert.e2eP99.enabled", "false"),
            Map.entry("alert.ringWarn.enabled", "false"),
            Map.entry("alert.ringError.enabled", "false"),
            Map.entry("alert.stalled.enabled", "false"),
            Map.entry("alert.ringFullWaits.enabled", "false"),
            Map.entry("alert.rejects.enabled", "false"),
            Map.entry("alert.sourceFailures.enabled", "false"))), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        subscribe("{\"op\":\"subscribe\",\"symbols\":[\"SPY\",\"QQQ\",\"AAPL\"],\"events\":[\"trade\",\"high\",\"low\"]}");
        subscribe("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\",\"low\"]}");
        awaitStatsWithLatency();
        awaitOneActiveAlert();

        final String dom = dumpDom("http://127.0.0.1:" + app.port() + "/dashboard");

        for (final String chart : List.of("chart-throughput", "chart-latency", "chart-rings", "chart-clients"))
        {
            final int samples = Integer.parseInt(attribute(dom, chart, "data-samples"));
            assertTrue(samples > 0, chart + " drew no samples: " + tag(dom, chart));
        }
        assertEquals("2", attribute(dom, "clients", "data-count"), "the clients panel counts both clients");
        assertEquals("1", attribute(dom, "alerts", "data-active"), "the alerts panel counts the firing heap alert: " + tag(dom, "alerts"));
        assertEquals("1", attribute(dom, "sources", "data-count"), "the sources panel lists the simulator");
        assertEquals("standalone", attribute(dom, "cluster", "data-role"), "a standalone server has no cluster panel: " + tag(dom, "cluster"));
        assertTrue(dom.contains("<td>sim</td><td>simulator</td><td class=\"status-running\">running</td>"), "the sources table shows the simulator running");
        assertTrue(dom.contains("127.0.0.1:"), "the clients table lists their addresses");
        assertTrue(dom.contains("SPY") || dom.contains("3 symbols"), "the clients table shows the subscriptions");
    }

    private void subscribe(final String op) throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.connect(app.port());
        clients.add(client);
        assertEquals("welcome", client.next(WAIT_MS).get("type").asText());
        client.send(op);
        assertEquals("ack", client.nextNonHeartbeat(WAIT_MS).get("type").asText());
    }

    /** Waits until the server has sampled traffic and a latency interval with end-to-end values. */
    private void awaitStatsWithLatency() throws Exception
    {
        poll("/debug/stats", "a sample with traffic and end-to-end latency", stats ->
        {
            final JsonNode samples = stats.get("samples");
            final JsonNode last = samples.size() > 0 ? samples.get(samples.size() - 1) : null;
            return last != null && last.get("recordsIn").asDouble() > 0 &&
                last.get("latency").get("end_to_end").get("count").asLong() > 0;
        });
    }

    /** Waits until {@code /debug/alerts} lists exactly the heap alert as active. */
    private void awaitOneActiveAlert() throws Exception
    {
        poll("/debug/alerts", "the heap alert active", alerts ->
        {
            final JsonNode active = alerts.get("active");
            if (active.size() == 1)
            {
                assertEquals("heap", active.get(0).get("rule").asText(), active.toString());
                return true;
            }
            assertEquals(0, active.size(), active.toString());
            return false;
        });
    }

    /** Polls a JSON endpoint until {@code done} holds for its answer; fails naming {@code what} and the last answer. */
    private void poll(final String path, final String what, final Predicate<JsonNode> done)
    {
        final HttpClient http = HttpClient.newHttpClient();
        final AtomicReference<JsonNode> last = new AtomicReference<>();
        Await.until(what, WAIT_MS, 200, () -> done.test(last.updateAndGet(previous -> read(http, path))),
            () -> "last " + path + ": " + last.get());
    }

    private JsonNode read(final HttpClient http, final String path)
    {
        try
        {
            final HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return JSON.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading " + path, ex);
        }
    }

    /** Loads the page in headless chromium for 8 s of virtual time and returns the DOM it ended with. */
    private String dumpDom(final String url) throws Exception
    {
        return dumpDom(dir, url);
    }

    /** The page's DOM after 8 s of its virtual time in headless Chromium, with a fresh profile under {@code dir}. */
    static String dumpDom(final Path dir, final String url) throws Exception
    {
        final Path profile = Files.createDirectory(dir.resolve("profile"));
        final Path out = dir.resolve("dom.html");
        final Path err = dir.resolve("chromium.log");
        final Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--virtual-time-budget=8000", "--window-size=1280,900", "--dump-dom", url)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS))
        {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + Files.readString(err));
        }
        assertEquals(0, chromium.exitValue(), "chromium failed: " + Files.readString(err));
        final String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(dom.contains("id=\"chart-throughput\""), "chromium returned the page: " + dom);
        return dom;
    }

    /** The opening tag of the element with this id. */
    static String tag(final String dom, final String id)
    {
        final Matcher matcher = Pattern.compile("<[a-z]+[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(dom);
        if (!matcher.find())
        {
            throw new AssertionError("no element #" + id + " in " + dom);
        }
        return matcher.group();
    }

    static String attribute(final String dom, final String id, final String name)
    {
        final String tag = tag(dom, id);
        final Matcher matcher = Pattern.compile("\\b" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
        if (!matcher.find())
        {
            throw new AssertionError("#" + id + " has no " + name + ": " + tag);
        }
        return matcher.group(1);
    }

    /** Skips the test without Debian's chromium, or fails it when TICKSTOCK_REQUIRE_CHROMIUM is set. */
    static void requireChromium()
    {
        final boolean available = Files.isExecutable(CHROMIUM);
        if (System.getenv("TICKSTOCK_REQUIRE_CHROMIUM") != null)
        {
            assertTrue(available, "TICKSTOCK_REQUIRE_CHROMIUM is set but " + CHROMIUM + " is missing (apt-get install chromium)");
        }
        assumeTrue(available, CHROMIUM + " is needed for the dashboard test (apt-get install chromium)");
    }
}
