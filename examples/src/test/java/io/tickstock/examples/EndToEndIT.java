package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.testkit.MetricsScrape;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays a small feed file through the real server on 127.0.0.1 and checks, through the JDK's
 * WebSocket client, the exact events each subscription gets, the snapshot, the errors, the
 * {@code /metrics} counts and the 1001 close on shutdown.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndToEndIT
{
    /** 2023-11-14T15:00:00Z, 10:00 in New York; on a minute. */
    private static final long T0 = 1_699_974_000_000L;
    private static final long M0 = T0 - 60_000L;
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path dir;

    private TickStockApp app;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void stop() throws InterruptedException
    {
        if (app != null)
        {
            app.close();
        }
    }

    private Path feed() throws Exception
    {
        final List<String> lines = List.of(
            trade("AAPL", "100.00", 100, T0, "1"),
            trade("AAPL", "101.5", 50, T0 + 1000, "2"),
            trade("AAPL", "101.5", 50, T0 + 1000, "2"),
            trade("MSFT", "300", 10, T0 + 1500, "9"),
            "this is not json",
            "",
            "{\"ev\":\"Q\",\"sym\":\"AAPL\"}",
            trade("AAPL", "99.25", 200, T0 + 2000, "3"),
            "{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":100,\"h\":101.5,\"l\":99.25,\"c\":99.25,\"v\":350,\"vw\":100.1,\"s\":" + M0 +
                ",\"e\":" + (M0 + 60_000) + "}",
            "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":99.5,\"t\":" + (T0 + 2500) * 1_000_000L + "}",
            "[{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":-1,\"s\":1,\"t\":" + (T0 + 3000) + "}," +
                "{\"ev\":\"T\",\"sym\":\"MSFT\",\"p\":301,\"s\":5,\"t\":" + (T0 + 3000) + ",\"q\":77}]");
        final Path file = dir.resolve("feed.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String trade(final String symbol, final String price, final int size, final long t, final String id)
    {
        return "{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"p\":" + price + ",\"s\":" + size + ",\"t\":" + t +
            ",\"i\":\"" + id + "\",\"x\":4}";
    }

    @Test
    void shouldDeliverExactEventsSnapshotsMetricsAndCloseWith1001() throws Exception
    {
        app = TickStockApp.start(ServerConfig.of(Map.of(
            "server.port", "0",
            "replay.file", feed().toString(),
            "replay.speed", "0",
            "source.name", "e2e",
            "server.waitForSubscribers", "2",
            "server.summaryIntervalS", "0",
            "ohlcv.clockTickMs", "0")), new PrintStream(output, true, StandardCharsets.UTF_8));
        final int port = app.port();

        final WebSocketTestClient watchlist = WebSocketTestClient.connect(port);
        final JsonNode welcome = watchlist.next(WAIT_MS);
        assertEquals("welcome", welcome.get("type").asText());
        assertEquals(1, welcome.get("protocol").asInt());
        assertEquals(app.edge().epoch(), welcome.get("epoch").asText());
        assertEquals(5000, welcome.get("heartbeatMs").asInt());
        assertEquals("{\"maxSymbols\":5000,\"maxFrameBytes\":65536,\"maxOpsPerSecond\":50}", welcome.get("limits").toString());

        watchlist.send("{\"id\":\"a1\",\"op\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
        assertEquals("{\"type\":\"ack\",\"id\":\"a1\",\"op\":\"subscribe\",\"symbols\":1,\"all\":false," +
            "\"events\":[\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]}", watchlist.nextNonHeartbeat(WAIT_MS).toString());

        final WebSocketTestClient firehose = WebSocketTestClient.connect(port);
        assertEquals("welcome", firehose.next(WAIT_MS).get("type").asText());
        firehose.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"trade\",\"high\",\"low\"]}");
        assertEquals("{\"type\":\"ack\",\"op\":\"subscribe\",\"symbols\":0,\"all\":true,\"events\":[\"trade\",\"high\",\"low\"]}",
            firehose.nextNonHeartbeat(WAIT_MS).toString());

        assertTrue(app.pipeline().awaitSources(WAIT_MS, TimeUnit.MILLISECONDS), "replay finished");

        final List<JsonNode> tickEvents = firehose.collect(m -> "event".equals(m.path("type").asText()), 8, WAIT_MS);
        assertEquals(List.of(
            "trade AAPL 100 size=100 seq=1",
            "trade AAPL 101.5 size=50 seq=2",
            "high AAPL 101.5 prev=100 count=1 seq=2",
            "trade MSFT 300 size=10 seq=4",
            "trade AAPL 99.25 size=200 seq=7",
            "low AAPL 99.25 prev=100 count=1 seq=7",
            "trade MSFT 301 size=5 seq=77",
            "high MSFT 301 prev=300 count=1 seq=77"), describe(tickEvents));
        assertIdsIncrease(tickEvents);
        final JsonNode firstHigh = tickEvents.get(2);
        assertEquals(1, firstHigh.get("priority").asInt());
        assertEquals("tick", firstHigh.get("channel").asText());
        assertEquals(T0 + 1000, firstHigh.get("ts").asLong());
        assertEquals("e2e", firstHigh.get("src").get("name").asText());
        assertTrue(firstHigh.get("src").get("recvUs").asLong() > T0 * 1000, "recvUs is a receive stamp");

        final List<JsonNode> aaplEvents = watchlist.collect(m -> "event".equals(m.path("type").asText()), 5, WAIT_MS);
        final List<String> described = describe(aaplEvents);
        // tick, ohlcv and fmv run in parallel: only the order within a channel is fixed
        assertEquals(List.of("high AAPL 101.5 prev=100 count=1 seq=2",
                "surge AAPL up trigger=price volRatio=null pct=1.5 windowS=10 priority=1 seq=2",
                "low AAPL 99.25 prev=100 count=1 seq=7"),
            described.stream().filter(e -> e.startsWith("high") || e.startsWith("low") || e.startsWith("surge")).toList());
        assertTrue(described.contains("bar AAPL 1m o=100 h=101.5 l=99.25 c=99.25 v=350 vw=100.1 start=" + M0 + " end=" +
            (M0 + 60_000) + " pct=-0.75 relVol=null revised=false ts=" + (M0 + 60_000) + " seq=8"), described.toString());
        assertTrue(described.contains("fmv AAPL 99.5 last=99.25 pct=0.251889 signal=fair ts=" + (T0 + 2500) + " seq=9"),
            described.toString());
        assertIdsIncrease(aaplEvents);

        final WebSocketTestClient late = WebSocketTestClient.connect(port);
        assertEquals("welcome", late.next(WAIT_MS).get("type").asText());
        late.send("{\"id\":\"s\",\"op\":\"subscribe\",\"symbols\":[\"AAPL\",\"IBM\"],\"events\":[\"bar\"]}");
        assertEquals("ack", late.nextNonHeartbeat(WAIT_MS).get("type").asText());
        assertEquals("{\"type\":\"snapshot\",\"symbol\":\"AAPL\",\"state\":{\"last\":99.25,\"high\":101.5,\"low\":99.25," +
            "\"volume\":350,\"bar\":{\"tf\":\"1m\",\"o\":100,\"h\":101.5,\"l\":99.25,\"c\":99.25,\"v\":350,\"vw\":100.1," +
            "\"start\":" + M0 + ",\"end\":" + (M0 + 60_000) + "},\"fmv\":99.5}}", late.nextNonHeartbeat(WAIT_MS).toString());

        // the errors exactly as the transcript in protocol.md shows them
        late.send("{not json");
        assertEquals("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"not JSON: Unexpected character ('n' (code 110)): " +
            "was expecting double-quote to start field name\"}", late.nextNonHeartbeat(WAIT_MS).toString());
        late.send("{\"id\":\"u\",\"op\":\"dance\"}");
        assertEquals("{\"type\":\"error\",\"id\":\"u\",\"code\":\"unknown_op\",\"message\":\"unknown op 'dance'; ops: subscribe, unsubscribe, ping\"}",
            late.nextNonHeartbeat(WAIT_MS).toString());
        late.send("{\"id\":\"v\",\"op\":\"subscribe\",\"symbols\":[\"aapl\"]}");
        assertEquals("{\"type\":\"error\",\"id\":\"v\",\"code\":\"invalid_symbol\"," +
            "\"message\":\"'aapl' is not a valid symbol: [A-Z][A-Z0-9.-]{0,15}, or \\\"*\\\"\"}", late.nextNonHeartbeat(WAIT_MS).toString());
        late.send("{\"id\":\"w\",\"op\":\"subscribe\",\"symbols\":[]}");
        assertEquals("{\"type\":\"error\",\"id\":\"w\",\"code\":\"bad_request\",\"message\":\"symbols must be a non-empty array\"}",
            late.nextNonHeartbeat(WAIT_MS).toString());
        late.send("{\"id\":\"x\",\"op\":\"subscribe\",\"symbols\":[\"MSFT\"],\"events\":[\"quote\"]}");
        assertEquals("{\"type\":\"error\",\"id\":\"x\",\"code\":\"bad_request\"," +
            "\"message\":\"unknown event \\\"quote\\\"; events: trade, high, low, trend, surge, bar, fmv\"}", late.nextNonHeartbeat(WAIT_MS).toString());
        late.send("{\"op\":\"unsubscribe\",\"id\":\"y\",\"symbols\":[\"AAPL\"]}");
        assertEquals("{\"type\":\"ack\",\"id\":\"y\",\"op\":\"unsubscribe\",\"symbols\":1,\"all\":false,\"events\":[\"bar\"]}",
            late.nextNonHeartbeat(WAIT_MS).toString());
        late.send("{\"op\":\"ping\",\"id\":\"p\"}");
        final JsonNode pong = late.nextNonHeartbeat(WAIT_MS);
        assertEquals("pong", pong.get("type").asText());
        assertEquals("p", pong.get("id").asText());

        final Map<String, Long> metrics = metrics(port);
        assertEquals(5L, metrics.get("tickstock_records_total{channel=\"tick\",outcome=\"accepted\"}"));
        assertEquals(1L, metrics.get("tickstock_records_total{channel=\"tick\",outcome=\"duplicate\"}"));
        assertEquals(1L, metrics.get("tickstock_records_total{channel=\"tick\",outcome=\"rejected\"}"));
        assertEquals(1L, metrics.get("tickstock_rejects_total{channel=\"tick\",reason=\"bad_price\"}"));
        assertEquals(1L, metrics.get("tickstock_records_total{channel=\"ohlcv\",outcome=\"accepted\"}"));
        assertEquals(1L, metrics.get("tickstock_records_total{channel=\"fmv\",outcome=\"accepted\"}"));
        assertEquals(0L, metrics.get("tickstock_records_total{channel=\"fmv\",outcome=\"rejected\"}"));
        assertEquals(1L, metrics.get("tickstock_rejects_total{channel=\"source\",reason=\"malformed\"}"));
        assertEquals(1L, metrics.get("tickstock_rejects_total{channel=\"source\",reason=\"unknown_type\"}"));
        assertEquals(5L, metrics.get("tickstock_events_total{channel=\"tick\",event=\"trade\"}"));
        assertEquals(2L, metrics.get("tickstock_events_total{channel=\"tick\",event=\"high\"}"));
        assertEquals(1L, metrics.get("tickstock_events_total{channel=\"tick\",event=\"low\"}"));
        assertEquals(1L, metrics.get("tickstock_events_total{channel=\"ohlcv\",event=\"bar\"}"));
        assertEquals(1L, metrics.get("tickstock_events_total{channel=\"fmv\",event=\"fmv\"}"));
        assertEquals(1L, metrics.get("tickstock_events_total{channel=\"tick\",event=\"surge\"}"));
        assertEquals(0L, metrics.get("tickstock_events_total{channel=\"tick\",event=\"trend\"}"));
        assertEquals(13L, metrics.get("tickstock_client_events_total{outcome=\"sent\"}"));
        assertEquals(0L, metrics.get("tickstock_client_events_total{outcome=\"dropped\"}"));
        assertEquals(3L, metrics.get("tickstock_clients"));

        app.close();
        assertEquals(1001, watchlist.awaitClose(WAIT_MS).code());
        assertEquals(1001, firehose.awaitClose(WAIT_MS).code());
        assertEquals(1001, late.awaitClose(WAIT_MS).code());
        for (final WebSocketTestClient client : List.of(watchlist, firehose, late))
        {
            assertEquals(List.of(), client.drainReceived().stream().filter(m -> !"heartbeat".equals(m.path("type").asText())).toList(),
                "nothing beyond the expected messages");
            assertEquals(List.of(), client.protocolErrors());
        }
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("TickStock listening on ws://127.0.0.1:" + port + "/ws"));
    }

    private static void assertIdsIncrease(final List<JsonNode> events)
    {
        long previous = 0;
        for (final JsonNode event : events)
        {
            final long id = event.get("id").asLong();
            assertTrue(id > previous, "ids strictly increase: " + events);
            previous = id;
        }
    }

    private static List<String> describe(final List<JsonNode> events)
    {
        final List<String> out = new ArrayList<>();
        for (final JsonNode e : events)
        {
            final String head = e.get("event").asText() + " " + e.get("symbol").asText();
            final String seq = " seq=" + e.get("src").get("seq").asLong();
            switch (e.get("event").asText())
            {
                case "trade":
                    out.add(head + " " + e.get("price").asText() + " size=" + e.get("size").asLong() + seq);
                    break;
                case "high":
                case "low":
                    out.add(head + " " + e.get("price").asText() + " prev=" + e.get("prev").asText() + " count=" +
                        e.get("count").asLong() + seq);
                    break;
                case "bar":
                    out.add(head + " " + e.get("tf").asText() + " o=" + e.get("o").asText() + " h=" + e.get("h").asText() +
                        " l=" + e.get("l").asText() + " c=" + e.get("c").asText() + " v=" + e.get("v").asLong() +
                        " vw=" + e.get("vw").asText() + " start=" + e.get("start").asLong() + " end=" + e.get("end").asLong() +
                        " pct=" + e.get("pct").asText() + " relVol=" + e.get("relVol").asText() + " revised=" +
                        e.get("revised").asBoolean() + " ts=" + e.get("ts").asLong() + seq);
                    break;
                case "fmv":
                    out.add(head + " " + e.get("fmv").asText() + " last=" + e.get("last").asText() + " pct=" +
                        e.get("pct").asText() + " signal=" + e.get("signal").asText() + " ts=" + e.get("ts").asLong() + seq);
                    break;
                case "surge":
                    out.add(head + " " + e.get("direction").asText() + " trigger=" + e.get("trigger").asText() + " volRatio=" +
                        e.get("volRatio").asText() + " pct=" + e.get("pct").asText() + " windowS=" + e.get("windowS").asInt() +
                        " priority=" + e.get("priority").asInt() + seq);
                    break;
                default:
                    out.add(head + " " + e);
                    break;
            }
        }
        return out;
    }

    private static Map<String, Long> metrics(final int port) throws Exception
    {
        return MetricsScrape.scrape(port);
    }
}
