package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lmax.disruptor.EventHandler;
import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.core.Channel;
import io.tickstock.core.ChannelCounters;
import io.tickstock.core.ChannelStageId;
import io.tickstock.core.SourceCounters;
import io.tickstock.publisher.internal.http.RingWatch;
import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.testkit.Await;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitoring endpoints over a real edge and a replayed feed: {@code /health} with each ring's
 * status (503 before the sources start, after the rings stop and while a consumer is stuck),
 * {@code /debug/channels} and {@code /debug/clients} field by field against the counters,
 * {@code /debug/stats}, and the dashboard's files.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class EdgeMonitoringIT
{
    /** 2023-11-14T15:00:00Z, 10:00 in New York; on a minute. */
    private static final long T0 = 1_699_974_000_000L;
    private static final long M0 = T0 - 60_000L;
    private static final long WAIT_MS = 10_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private MarketPipeline pipeline;
    private WebSocketEdge edge;
    private final List<WebSocketTestClient> clients = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

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

    private Path feed(final List<String> lines) throws Exception
    {
        final Path file = dir.resolve("feed.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String trade(final String symbol, final String price, final long t, final String id)
    {
        return "{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"p\":" + price + ",\"s\":10,\"t\":" + t + ",\"i\":\"" + id + "\",\"x\":4}";
    }

    /** Builds the pipeline over the feed with one more publish-ring consumer after the edge, and starts the edge. */
    private void start(final Path feed, final EventHandler<MarketEvent> extra, final EdgeConfig config) throws Exception
    {
        pipeline = MarketPipeline.create(MarketConfig.builder().ohlcvClockTickMs(0).build(),
            List.of(ReplaySource.builder(feed).name("it").speed(0).build()));
        edge = new WebSocketEdge(config, pipeline);
        pipeline.addConsumer("extra", extra);
        pipeline.start();
        edge.start();
    }

    private void startSources()
    {
        pipeline.startSources();
        edge.ready(true);
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return get(path, null);
    }

    private HttpResponse<String> get(final String path, final String authorization) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path));
        if (authorization != null)
        {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode json(final String path) throws Exception
    {
        final HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        return JSON.readTree(response.body());
    }

    private WebSocketTestClient subscribed(final String subscribe) throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.welcomed(
            URI.create("ws://127.0.0.1:" + edge.port() + UpgradeGuard.WEBSOCKET_PATH));
        clients.add(client);
        client.send(subscribe);
        assertEquals("ack", client.nextNonHeartbeat(WAIT_MS).path("type").asText());
        return client;
    }

    private static void assertFields(final JsonNode node, final String... names)
    {
        final List<String> actual = new ArrayList<>();
        final Iterator<String> fields = node.fieldNames();
        fields.forEachRemaining(actual::add);
        assertEquals(List.of(names), actual, node.toString());
    }

    /** Every ring's handlers have processed everything published. */
    private boolean drained()
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
        for (final long sequence : pipeline.publishRing().consumerSequences())
        {
            if (sequence != pipeline.publishRing().ring().getCursor())
            {
                return false;
            }
        }
        return edge.clientCounts().stream().allMatch(c -> c.queued() == 0);
    }

    @Test
    void shouldReportEveryRingHandlerErrorsAndAccountingExactly() throws Exception
    {
        final Path feed = feed(List.of(
            trade("AAPL", "100.00", T0, "1"),
            trade("AAPL", "101.5", T0 + 1000, "2"),
            trade("AAPL", "101.5", T0 + 1000, "2"),
            trade("MSFT", "300", T0 + 1500, "9"),
            "this is not json",
            trade("AAPL", "-1", T0 + 2000, "3"),
            "{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":100,\"h\":101.5,\"l\":99.25,\"c\":99.25,\"v\":350,\"vw\":100.1,\"s\":" + M0 +
                ",\"e\":" + (M0 + 60_000) + "}",
            "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":99.5,\"t\":" + (T0 + 2500) * 1_000_000L + "}"));
        start(feed, (event, sequence, endOfBatch) ->
        {
            if (event.type == EventType.HIGH)
            {
                throw new IllegalStateException("extra consumer refuses high " + event.symbol);
            }
        }, EdgeConfig.builder().port(0).build());
        subscribed("{\"op\":\"subscribe\",\"symbols\":[\"AAPL\"],\"events\":[\"trade\",\"high\"]}");
        subscribed("{\"op\":\"subscribe\",\"symbols\":[\"*\"]}");
        startSources();
        assertTrue(pipeline.awaitSources(WAIT_MS, TimeUnit.MILLISECONDS));
        Await.until("every ring drained", WAIT_MS, this::drained);

        final JsonNode debug = json("/debug/channels");
        assertFields(debug, "rings", "source");
        assertFields(debug.get("rings"), "tick", "ohlcv", "fmv", "publish");
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final JsonNode ring = debug.get("rings").get(channel.name());
            assertFields(ring, "kind", "layout", "status", "running", "capacity", "fill", "fillRatio", "cursor", "handlers", "fullWaits",
                "errors", "accounting");
            assertEquals(channel.fullWaits(), ring.get("fullWaits").asLong());
            assertEquals("channel", ring.get("kind").asText());
            assertEquals("fused", ring.get("layout").asText());
            assertEquals("ok", ring.get("status").asText());
            assertTrue(ring.get("running").asBoolean());
            assertEquals(channel.ring().getBufferSize(), ring.get("capacity").asInt());
            assertEquals(0, ring.get("fill").asLong());
            assertEquals(0.0, ring.get("fillRatio").asDouble());
            assertEquals(channel.ring().getCursor(), ring.get("cursor").asLong());
            assertEquals(1, ring.get("handlers").size());
            final JsonNode handler = ring.get("handlers").get(0);
            assertFields(handler, "name", "sequence", "lag");
            assertEquals("chain", handler.get("name").asText());
            assertEquals(channel.handlerSequences()[0], handler.get("sequence").asLong());
            assertEquals(0, handler.get("lag").asLong());

            final ChannelCounters c = channel.counters();
            final JsonNode errors = ring.get("errors");
            assertFields(errors, "total", "byStage", "uncaught", "recent");
            assertEquals(0, errors.get("total").asLong());
            assertFields(errors.get("byStage"), "validate", "process", "prioritize");
            for (final ChannelStageId stage : ChannelStageId.values())
            {
                assertEquals(c.handlerErrors(stage), errors.get("byStage").get(stage.label()).asLong());
            }
            assertEquals(0, errors.get("uncaught").asLong());
            assertEquals(0, errors.get("recent").size());

            final JsonNode accounting = ring.get("accounting");
            assertFields(accounting, "received", "accepted", "duplicates", "rejected", "rejectedByReason", "events");
            assertEquals(c.received(), accounting.get("received").asLong());
            assertEquals(c.accepted(), accounting.get("accepted").asLong());
            assertEquals(c.duplicates(), accounting.get("duplicates").asLong());
            assertEquals(c.rejected(), accounting.get("rejected").asLong());
            assertEquals(c.received(), c.accepted() + c.duplicates() + c.rejected());
            assertFields(accounting.get("rejectedByReason"), c.rejectReasons().toArray(new String[0]));
            for (final String reason : c.rejectReasons())
            {
                assertEquals(c.rejected(reason), accounting.get("rejectedByReason").get(reason).asLong(), reason);
            }
            assertFields(accounting.get("events"), c.eventTypes().toArray(new String[0]));
            for (final String type : c.eventTypes())
            {
                assertEquals(c.events(type), accounting.get("events").get(type).asLong(), type);
            }
        }
        final JsonNode tick = debug.get("rings").get("tick").get("accounting");
        assertEquals(5, tick.get("received").asLong());
        assertEquals(3, tick.get("accepted").asLong());
        assertEquals(1, tick.get("duplicates").asLong());
        assertEquals(1, tick.get("rejectedByReason").get("bad_price").asLong());
        assertEquals(3, tick.get("events").get("trade").asLong());
        assertEquals(1, tick.get("events").get("high").asLong());
        assertEquals(4, debug.get("rings").get("tick").get("cursor").asLong(), "five trades entered the tick ring");
        assertEquals(1, debug.get("rings").get("ohlcv").get("accounting").get("accepted").asLong());
        assertEquals(1, debug.get("rings").get("fmv").get("accounting").get("accepted").asLong());

        final JsonNode publish = debug.get("rings").get("publish");
        assertFields(publish, "kind", "status", "running", "capacity", "fill", "fillRatio", "cursor", "handlers", "fullWaits", "errors",
            "accounting");
        assertEquals(pipeline.publishRing().fullWaits(), publish.get("fullWaits").asLong());
        assertEquals("publish", publish.get("kind").asText());
        assertEquals("ok", publish.get("status").asText());
        assertEquals(pipeline.publishRing().ring().getBufferSize(), publish.get("capacity").asInt());
        long emitted = 0;
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            for (final String type : channel.counters().eventTypes())
            {
                emitted += channel.counters().events(type);
            }
        }
        assertEquals(emitted - 1, publish.get("cursor").asLong(), "every emitted event went through the publish ring");
        final List<String> handlerNames = new java.util.ArrayList<>();
        publish.get("handlers").forEach(handler -> handlerNames.add(handler.get("name").asText()));
        assertEquals(List.of("edge", "socketio", "extra"), handlerNames, "the edge, its Socket.IO endpoint (docs/compat.md), the embedding consumer");
        for (final JsonNode handler : publish.get("handlers"))
        {
            assertEquals(emitted - 1, handler.get("sequence").asLong());
            assertEquals(0, handler.get("lag").asLong());
        }
        final JsonNode publishErrors = publish.get("errors");
        assertFields(publishErrors, "total", "recent");
        assertEquals(1, publishErrors.get("total").asLong(), "the extra consumer threw on the one high");
        assertEquals(pipeline.publishRing().consumerErrors(), publishErrors.get("total").asLong());
        final JsonNode error = publishErrors.get("recent").get(0);
        assertFields(error, "timeMs", "time", "stage", "message");
        assertEquals("consumer", error.get("stage").asText());
        assertEquals("IllegalStateException: extra consumer refuses high AAPL", error.get("message").asText());
        assertEquals(java.time.Instant.ofEpochMilli(error.get("timeMs").asLong()).toString(), error.get("time").asText());
        assertFields(publish.get("accounting"), "published", "lastEventId");
        assertEquals(emitted, publish.get("accounting").get("published").asLong());
        assertEquals(edge.lastEventId(), publish.get("accounting").get("lastEventId").asLong());

        final SourceCounters source = pipeline.sourceCounters();
        final JsonNode sourceNode = debug.get("source");
        assertFields(sourceNode, "routed", "rejected", "rejectedByReason", "failures", "finished", "sources");
        assertEquals(1, sourceNode.get("sources").size());
        final JsonNode replay = sourceNode.get("sources").get(0);
        assertFields(replay, "name", "state", "failures", "restarts", "lastFailureMs", "lastError");
        assertEquals(pipeline.supervisors().get(0).name(), replay.get("name").asText());
        assertEquals("finished", replay.get("state").asText());
        assertEquals(0, replay.get("failures").asLong());
        assertEquals(0, replay.get("restarts").asLong());
        assertTrue(replay.get("lastError").isNull());
        assertEquals(7, sourceNode.get("routed").asLong());
        assertEquals(source.routedRecords(), sourceNode.get("routed").asLong());
        assertEquals(1, sourceNode.get("rejected").asLong());
        assertEquals(1, sourceNode.get("rejectedByReason").get("malformed").asLong());
        assertEquals(0, sourceNode.get("rejectedByReason").get("unknown_type").asLong());
        assertEquals(0, sourceNode.get("failures").asLong());
        assertTrue(sourceNode.get("finished").asBoolean());

        final JsonNode list = json("/debug/clients");
        assertFields(list, "count", "clients", "socketio");
        assertEquals("[]", list.get("socketio").toString(), "no Socket.IO dashboard connected (docs/compat.md)");
        assertEquals(2, list.get("count").asInt());
        final List<ClientCounts> counts = edge.clientCounts();
        for (int i = 0; i < 2; i++)
        {
            final JsonNode client = list.get("clients").get(i);
            assertFields(client, "id", "remote", "connectedMs", "subscription", "queued", "matched", "sent", "conflated", "dropped",
                "closing");
            assertTrue(client.get("remote").asText().startsWith("127.0.0.1:"), client.toString());
            assertEquals(8, client.get("id").asText().length(), client.toString());
            assertTrue(client.get("connectedMs").asLong() > T0, client.toString());
            assertFields(client.get("subscription"), "symbols", "all", "events");
            final ClientCounts c = counts.get(i);
            assertEquals(c.queued(), client.get("queued").asLong());
            assertEquals(c.matched(), client.get("matched").asLong());
            assertEquals(c.sent(), client.get("sent").asLong());
            assertEquals(c.conflated(), client.get("conflated").asLong());
            assertEquals(c.dropped(), client.get("dropped").asLong());
            assertEquals(c.matched(), c.sent() + c.conflated() + c.dropped() + c.queued());
            assertFalse(client.get("closing").asBoolean());
        }
        final JsonNode watchlist = list.get("clients").get(0);
        assertEquals("{\"symbols\":1,\"all\":false,\"events\":[\"trade\",\"high\"]}", watchlist.get("subscription").toString());
        assertEquals(3, watchlist.get("matched").asLong(), "two AAPL trades and one high");
        assertEquals(3, watchlist.get("sent").asLong());
        final JsonNode firehose = list.get("clients").get(1);
        assertEquals("{\"symbols\":0,\"all\":true,\"events\":[\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]}",
            firehose.get("subscription").toString());
        assertEquals(4, firehose.get("matched").asLong(), "one high, one surge, one bar and one fmv: " + firehose);
        assertEquals(4, firehose.get("sent").asLong(), firehose.toString());
    }

    @Test
    void shouldAnswerHealth503BeforeTheSourcesStartAndAfterTheRingsStop() throws Exception
    {
        start(feed(List.of(trade("AAPL", "100", T0, "1"))), (event, sequence, endOfBatch) -> { },
            EdgeConfig.builder().port(0).build());

        final HttpResponse<String> starting = get("/health");
        assertEquals(503, starting.statusCode());
        final JsonNode body = JSON.readTree(starting.body());
        assertFields(body, "status", "live", "ready", "clients", "sources", "failedSources", "channels", "publish");
        assertEquals("starting", body.get("status").asText());
        assertTrue(body.get("live").asBoolean());
        assertFalse(body.get("ready").asBoolean());
        assertEquals("waiting", body.get("sources").asText());
        assertEquals("[]", body.get("failedSources").toString());
        assertFields(body.get("channels"), "tick", "ohlcv", "fmv");
        for (final JsonNode channel : body.get("channels"))
        {
            assertFields(channel, "status", "received", "accepted", "duplicates", "rejected", "ringCapacity", "ringRemaining", "lag");
            assertEquals("ok", channel.get("status").asText());
            assertEquals(channel.get("ringCapacity").asLong(), channel.get("ringRemaining").asLong());
        }
        assertFields(body.get("publish"), "status", "ringCapacity", "ringRemaining", "lag");

        startSources();
        assertTrue(pipeline.awaitSources(WAIT_MS, TimeUnit.MILLISECONDS));
        Await.until("every ring drained", WAIT_MS, this::drained);
        final HttpResponse<String> up = get("/health");
        assertEquals(200, up.statusCode(), up.body());
        final JsonNode upBody = JSON.readTree(up.body());
        assertEquals("up", upBody.get("status").asText());
        assertEquals("finished", upBody.get("sources").asText());
        assertEquals(1, upBody.get("channels").get("tick").get("accepted").asLong());

        pipeline.stop(5, TimeUnit.SECONDS);
        final HttpResponse<String> stopped = get("/health");
        assertEquals(503, stopped.statusCode());
        final JsonNode stoppedBody = JSON.readTree(stopped.body());
        assertEquals("degraded", stoppedBody.get("status").asText());
        assertFalse(stoppedBody.get("ready").asBoolean());
        for (final JsonNode channel : stoppedBody.get("channels"))
        {
            assertEquals("stopped", channel.get("status").asText());
        }
        assertEquals("stopped", stoppedBody.get("publish").get("status").asText());
    }

    @Test
    void shouldReportAStuckConsumerAsAStalledRingAndRecoverWhenItMovesOn() throws Exception
    {
        start(feed(List.of(trade("AAPL", "100", T0, "1"), trade("AAPL", "101", T0 + 10, "2"))), (event, sequence, endOfBatch) ->
        {
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, EdgeConfig.builder().port(0).build());
        startSources();
        assertTrue(pipeline.awaitSources(WAIT_MS, TimeUnit.MILLISECONDS));
        assertEquals(200, get("/health").statusCode(), "a ring just filled is not stalled yet");

        Await.until("publish ring stalled", RingWatch.STALL_MS + WAIT_MS, () -> healthOf("publish").equals(RingWatch.STALLED));
        final HttpResponse<String> stalled = get("/health");
        assertEquals(503, stalled.statusCode());
        final JsonNode body = JSON.readTree(stalled.body());
        assertEquals("degraded", body.get("status").asText());
        assertEquals(4, body.get("publish").get("lag").asLong(), "two trades, a high and a surge, all behind the stuck consumer: " + body);
        assertEquals("stalled", json("/debug/channels").get("rings").get("publish").get("status").asText());

        release.countDown();
        Await.until("publish ring ok again", WAIT_MS, () -> healthOf("publish").equals(RingWatch.OK));
        assertEquals(200, get("/health").statusCode());
    }

    private String healthOf(final String ring)
    {
        try
        {
            return JSON.readTree(get("/health").body()).get(ring).get("status").asText();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldSampleStatsOnceASecondAndServeOnlyNewerSamples() throws Exception
    {
        start(feed(List.of(trade("AAPL", "100", T0, "1"))), (event, sequence, endOfBatch) -> { },
            EdgeConfig.builder().port(0).build());
        startSources();
        Await.until("two samples", WAIT_MS, () -> samples(0).size() >= 2);
        final JsonNode stats = json("/debug/stats");
        assertFields(stats, "startedMs", "intervalMs", "latencyIntervalMs", "stallMs", "samples");
        assertEquals(1000, stats.get("intervalMs").asLong());
        assertEquals(MarketConfig.defaults().monitorIntervalMs(), stats.get("latencyIntervalMs").asLong());
        assertEquals(RingWatch.STALL_MS, stats.get("stallMs").asLong());
        final JsonNode first = stats.get("samples").get(0);
        assertFields(first, "seq", "timeMs", "recordsIn", "eventsOut", "sent", "conflated", "dropped", "clients", "queued", "rings",
            "latency");
        assertEquals(1, first.get("seq").asLong());
        assertFields(first.get("rings"), "tick", "ohlcv", "fmv", "publish");
        assertFields(first.get("rings").get("tick"), "fill", "fillRatio", "status");
        assertFields(first.get("latency"), "source_to_channel", "channel:tick", "channel:ohlcv", "channel:fmv", "publish_to_write",
            "end_to_end", "client_op");
        assertFields(first.get("latency").get("end_to_end"), "p50", "p99", "max", "count");

        final long last = stats.get("samples").get(stats.get("samples").size() - 1).get("seq").asLong();
        for (final JsonNode sample : samples(last - 1))
        {
            assertTrue(sample.get("seq").asLong() >= last, sample.toString());
        }
        assertEquals(400, get("/debug/stats?since=soon").statusCode());
    }

    private List<JsonNode> samples(final long since)
    {
        try
        {
            final List<JsonNode> out = new ArrayList<>();
            json("/debug/stats?since=" + since).get("samples").forEach(out::add);
            return out;
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldRestrictTheDebugViewsAndThePageButNotItsScriptAndStyle() throws Exception
    {
        start(feed(List.of(trade("AAPL", "100", T0, "1"))), (event, sequence, endOfBatch) -> { },
            EdgeConfig.builder().port(0).adminAccess(EdgeConfig.AdminAccess.TOKEN).adminToken("adm").build());
        for (final String path : List.of("/debug/channels", "/debug/clients", "/debug/stats", "/debug/quarantine", "/dashboard"))
        {
            final HttpResponse<String> refused = get(path);
            assertEquals(401, refused.statusCode(), path);
            assertEquals("401 Unauthorized: " + path + " is restricted (edge.adminAccess = token)\n", refused.body());
            assertEquals(401, get(path, "Bearer wrong").statusCode(), path);
            assertEquals(200, get(path, "Bearer adm").statusCode(), path);
            assertEquals(200, get(path + (path.contains("?") ? "&" : "?") + "token=adm").statusCode(), path);
        }
        assertEquals(200, get("/dashboard/dashboard.js").statusCode());
        assertEquals(200, get("/dashboard/dashboard.css").statusCode());
        assertEquals(503, get("/health").statusCode(), "/health is open to anyone (503: the sources have not started)");
    }

    @Test
    void shouldServeTheQuarantineNewestFirstWithItsCounts() throws Exception
    {
        start(feed(List.of(trade("AAPL", "100", T0, "1"))), (event, sequence, endOfBatch) -> { }, EdgeConfig.builder().port(0).build());
        final JsonNode empty = json("/debug/quarantine");
        assertFields(empty, "capacity", "total", "kept", "evicted", "byChannel", "records");
        assertEquals(100, empty.get("capacity").asInt());
        assertEquals(0, empty.get("total").asLong());
        assertFields(empty.get("byChannel"), "tick", "ohlcv", "fmv");
        assertEquals(0, empty.get("records").size());

        final FeedRecord record = new FeedRecord();
        record.clear();
        record.kind = RecordKind.FMV;
        record.symbol = "AAPL";
        record.fmv = 99_500_000L;
        record.time = T0 * 1_000_000L;
        record.srcName = "it";
        record.srcSeq = 3;
        pipeline.quarantine().record("fmv", "process", record, new ArithmeticException("long overflow"));

        final JsonNode one = json("/debug/quarantine");
        assertEquals(1, one.get("total").asLong());
        assertEquals(1, one.get("kept").asInt());
        final JsonNode entry = one.get("records").get(0);
        assertFields(entry, "timeMs", "time", "channel", "stage", "exception", "message", "record", "source", "sourceSeq");
        assertEquals("fmv", entry.get("channel").asText());
        assertEquals("process", entry.get("stage").asText());
        assertEquals("java.lang.ArithmeticException", entry.get("exception").asText());
        assertEquals("long overflow", entry.get("message").asText());
        assertEquals("FMV AAPL fmv=99.5 t=" + T0 * 1_000_000L, entry.get("record").asText());
        assertEquals("it", entry.get("source").asText());
        assertEquals(3, entry.get("sourceSeq").asLong());
    }

    @Test
    void shouldServeTheDashboardFromTheClasspathWithNothingFromOtherHosts() throws Exception
    {
        start(feed(List.of(trade("AAPL", "100", T0, "1"))), (event, sequence, endOfBatch) -> { },
            EdgeConfig.builder().port(0).build());
        final Map<String, String> types = Map.of(
            "/dashboard", "text/html; charset=utf-8",
            "/dashboard/", "text/html; charset=utf-8",
            "/dashboard/dashboard.js", "text/javascript; charset=utf-8",
            "/dashboard/dashboard.css", "text/css; charset=utf-8");
        for (final Map.Entry<String, String> file : types.entrySet())
        {
            final HttpResponse<String> response = get(file.getKey());
            assertEquals(200, response.statusCode(), file.getKey());
            assertEquals(file.getValue(), response.headers().firstValue("content-type").orElse(""));
            assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'", response.headers().firstValue("content-security-policy").orElse(""), file.getKey());
            assertFalse(response.body().contains("http://") || response.body().contains("https://"),
                file.getKey() + " refers to another host");
        }
        final String page = get("/dashboard").body();
        for (final String id : List.of("chart-throughput", "chart-latency", "chart-rings", "chart-clients", "alerts", "clients"))
        {
            assertTrue(page.contains("id=\"" + id + "\""), id);
        }
        assertTrue(page.contains("<script src=\"/dashboard/dashboard.js\" defer></script>"));
        assertEquals(404, get("/dashboard/index.html").statusCode());
        assertEquals(404, get("/dashboard/../pom.xml").statusCode());
    }
}
