package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.RecordKind;
import io.tickstock.core.monitor.RingWatch;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The other monitoring views over a real edge: {@code /debug/stats} samples, the admin
 * restriction of the debug views and the dashboard, {@code /debug/quarantine}, and the
 * dashboard's files.
 */
class EdgeDebugViewsIT extends EdgeMonitoringHarness
{
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
        assertEquals(RingWatch.DEFAULT_STALL_MS, stats.get("stallMs").asLong());
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
            "/dashboard/dashboard-chart.js", "text/javascript; charset=utf-8",
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
