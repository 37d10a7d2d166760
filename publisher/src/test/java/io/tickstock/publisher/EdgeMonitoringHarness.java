package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lmax.disruptor.EventHandler;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.core.ring.Channel;
import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the monitoring ITs share: a real edge over a replayed feed with one more publish-ring
 * consumer, HTTP requests to its endpoints, and the clean-up after each test.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
abstract class EdgeMonitoringHarness
{
    /** 2023-11-14T15:00:00Z, 10:00 in New York; on a minute. */
    static final long T0 = 1_699_974_000_000L;
    static final long M0 = T0 - 60_000L;
    static final long WAIT_MS = 10_000;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    MarketPipeline pipeline;
    WebSocketEdge edge;
    final List<WebSocketTestClient> clients = new ArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop()
    {
        release.countDown();
        clients.forEach(WebSocketTestClient::abort);
        if (pipeline != null)
        {
            pipeline.stop(5, TimeUnit.SECONDS);
        }
        if (edge != null)
        {
            edge.close();
        }
    }

    Path feed(final List<String> lines) throws Exception
    {
        final Path file = dir.resolve("feed.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    static String trade(final String symbol, final String price, final long t, final String id)
    {
        return "{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"p\":" + price + ",\"s\":10,\"t\":" + t + ",\"i\":\"" + id + "\",\"x\":4}";
    }

    /** Builds the pipeline over the feed with one more publish-ring consumer after the edge, and starts the edge. */
    void start(final Path feed, final EventHandler<MarketEvent> extra, final EdgeConfig config) throws Exception
    {
        pipeline = MarketPipeline.create(MarketConfig.builder().ohlcvClockTickMs(0).build(),
            List.of(ReplaySource.builder(feed).name("it").speed(0).build()));
        edge = new WebSocketEdge(config, pipeline);
        pipeline.addConsumer("extra", extra);
        pipeline.start();
        edge.start();
    }

    void startSources()
    {
        pipeline.startSources();
        edge.ready(true);
    }

    HttpResponse<String> get(final String path) throws Exception
    {
        return get(path, null);
    }

    HttpResponse<String> get(final String path, final String authorization) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path));
        if (authorization != null)
        {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode json(final String path) throws Exception
    {
        final HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        return JSON.readTree(response.body());
    }

    WebSocketTestClient subscribed(final String subscribe) throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.welcomed(
            URI.create("ws://127.0.0.1:" + edge.port() + UpgradeGuard.WEBSOCKET_PATH));
        clients.add(client);
        client.send(subscribe);
        assertEquals("ack", client.nextNonHeartbeat(WAIT_MS).path("type").asText());
        return client;
    }

    static void assertFields(final JsonNode node, final String... names)
    {
        final List<String> actual = new ArrayList<>();
        final Iterator<String> fields = node.fieldNames();
        fields.forEachRemaining(actual::add);
        assertEquals(List.of(names), actual, node.toString());
    }

    /** Every ring's handlers have processed everything published. */
    boolean drained()
    {
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            for (final long sequence : channel.handlerSequences())
            {
                if (sequence != channel.ring().getCursor())
                {
                    return false;
                }
            }
        }
        for (final long sequence : pipeline.publishRing().handlerSequences())
        {
            if (sequence != pipeline.publishRing().ring().getCursor())
            {
                return false;
            }
        }
        return edge.clientCounts().stream().allMatch(c -> c.queued() == 0);
    }
}
