package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.publisher.testkit.FakeFeedServer;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged server on a live feed, as a user runs it: {@code java -jar tickstock-server.jar
 * --feed ws://127.0.0.1:PORT/stocks} with the key in {@code TICKSTOCK_FEED_KEY}, against a fake
 * feed on 127.0.0.1 (docs/feeds.md). The feed drops the first connection after five trades and
 * sends six again on the next, three of them already sent: the client gets each of the eight
 * trades once; {@code /health}, {@code /metrics} and {@code /debug/sources} tell the story and
 * never the key. A wrong key keeps the server from being ready.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FeedServerIT
{
    private static final String KEY = "it-key-5ecret-771";
    /** 2023-11-14T15:00:00Z, 10:00 in New York. */
    private static final long T0 = 1_699_974_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private FakeFeedServer feed;
    private Process process;

    @AfterEach
    void stop()
    {
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
        }
        if (feed != null)
        {
            feed.close();
        }
    }

    private static String trades(final int first, final int last)
    {
        final StringBuilder frame = new StringBuilder("[");
        for (int n = first; n <= last; n++)
        {
            frame.append(n == first ? "" : ",").append("{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187.").append(n)
                .append(",\"s\":100,\"t\":").append(T0 + n).append(",\"i\":\"").append(n).append("\",\"x\":4}");
        }
        return frame.append(']').toString();
    }

    private ServerOutput start(final String key, final List<String> seen) throws Exception
    {
        final Path config = dir.resolve("feed.properties");
        Files.writeString(config, "feed.backoff.initialMs=20\nfeed.backoff.maxMs=200\n");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", Path.of("target", "tickstock-server.jar").toString(),
            "--port", "0", "--config", config.toString(), "--feed", feed.url(), "--wait-for-subscribers", "1")
            .redirectErrorStream(true);
        builder.environment().put("TICKSTOCK_FEED_KEY", key);
        process = builder.start();
        final ServerOutput output = ServerOutput.of(process);
        output.awaitPort(seen);
        return output;
    }

    private static HttpResponse<String> get(final int port, final String path) throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port(final List<String> seen)
    {
        final String line = seen.get(seen.size() - 1);
        return Integer.parseInt(line.replaceAll(".*ws://127\\.0\\.0\\.1:(\\d+)/ws.*", "$1"));
    }

    @Test
    void shouldServeEachTradeOfAFeedThatReconnectsAndResendsOnce() throws Exception
    {
        feed = new FakeFeedServer(KEY);
        feed.onSubscribed(connection ->
        {
            if (connection.index() == 0)
            {
                connection.send(trades(1, 5));
                connection.close();
            }
            else
            {
                connection.send(trades(3, 8));
            }
        });
        final List<String> seen = new ArrayList<>();
        final ServerOutput output = start(KEY, seen);
        final int port = port(seen);

        final WebSocketTestClient client = WebSocketTestClient.connect(port);
        assertEquals("welcome", client.next(10_000).get("type").asText());
        client.send("{\"op\":\"subscribe\",\"symbols\":[\"AAPL\"],\"events\":[\"trade\"],\"snapshot\":false}");
        assertEquals("ack", client.nextNonHeartbeat(10_000).get("type").asText());
        final List<JsonNode> trades = client.collect(m -> "event".equals(m.path("type").asText()), 8, 30_000);

        final List<String> prices = new ArrayList<>();
        for (final JsonNode trade : trades)
        {
            prices.add(trade.get("price").decimalValue().toPlainString());
            assertEquals("feed", trade.get("src").get("name").asText());
        }
        assertEquals(List.of("187.1", "187.2", "187.3", "187.4", "187.5", "187.6", "187.7", "187.8"), prices);
        Await.until("the tick channel's duplicates counted", 10_000, () ->
            MetricsScrape.sample(scrape(port), "tickstock_records_total{channel=\"tick\",outcome=\"duplicate\"}") == 3);
        final Map<String, Long> metrics = scrape(port);
        assertEquals(8, MetricsScrape.sample(metrics, "tickstock_records_total{channel=\"tick\",outcome=\"accepted\"}"));
        assertEquals(2, MetricsScrape.sample(metrics, "tickstock_feed_connects_total{feed=\"feed\"}"));
        assertEquals(1, MetricsScrape.sample(metrics, "tickstock_feed_disconnects_total{feed=\"feed\",cause=\"closed\"}"));
        assertEquals(11, MetricsScrape.sample(metrics, "tickstock_feed_records_total{feed=\"feed\"}"));
        assertEquals(1, MetricsScrape.sample(metrics, "tickstock_feed_state{feed=\"feed\",state=\"streaming\"}"));

        final HttpResponse<String> health = get(port, "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("[{\"name\":\"feed\",\"state\":\"streaming\",\"keyRefused\":false}]", JSON.readTree(health.body()).get("feeds").toString());
        final HttpResponse<String> sources = get(port, "/debug/sources");
        final JsonNode source = JSON.readTree(sources.body()).get("sources").get(0);
        assertEquals("feed", source.get("kind").asText());
        assertEquals(feed.url(), source.get("feed").get("url").asText());
        assertEquals("environment variable TICKSTOCK_FEED_KEY", source.get("feed").get("keyFrom").asText());
        assertEquals(2, source.get("feed").get("connects").asLong());
        for (final HttpResponse<String> page : List.of(health, sources, get(port, "/metrics"), get(port, "/debug/channels")))
        {
            assertFalse(page.body().contains(KEY), page.uri() + " shows the key");
        }

        assertTrue(process.toHandle().destroy(), "SIGTERM sent");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server exits after SIGTERM");
        output.drainAfterExit(seen);
        final String log = String.join("\n", seen);
        assertFalse(log.contains(KEY), "the server's output shows the key");
        assertTrue(log.contains("feed feed: authenticated; subscribed to T.*,AM.*,A.*,FMV.*"), log);
    }

    @Test
    void shouldNotBeReadyWhileTheFeedRefusesTheKey() throws Exception
    {
        feed = new FakeFeedServer(KEY);
        final List<String> seen = new ArrayList<>();
        final ServerOutput output = start("not-the-key-" + KEY.hashCode(), seen);
        final int port = port(seen);
        final WebSocketTestClient client = WebSocketTestClient.connect(port);
        assertEquals("welcome", client.next(10_000).get("type").asText());
        client.send("{\"op\":\"subscribe\",\"symbols\":[\"AAPL\"]}");

        Await.until("two keys refused", 20_000, () -> MetricsScrape.sample(scrape(port), "tickstock_feed_auth_failures_total{feed=\"feed\"}") >= 2);
        final HttpResponse<String> health = get(port, "/health");

        assertEquals(503, health.statusCode(), health.body());
        final JsonNode body = JSON.readTree(health.body());
        assertFalse(body.get("ready").asBoolean());
        assertTrue(body.get("feeds").get(0).get("keyRefused").asBoolean(), health.body());
        assertTrue(feed.connections().size() >= 2, "the feed was tried again after its backoff");
        process.toHandle().destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        output.drainAfterExit(seen);
        final String log = String.join("\n", seen);
        assertTrue(log.contains("auth_failed: the feed refused the key from environment variable TICKSTOCK_FEED_KEY"), log);
        assertFalse(log.contains("not-the-key-"), "the server's output shows the key");
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
}
