package io.tickstock.publisher.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.monitor.AlertConfig;
import io.tickstock.channels.monitor.PipelineMonitor;
import io.tickstock.core.EpochClock;
import io.tickstock.core.monitor.RecoveryMetrics;
import io.tickstock.core.ring.Quarantine;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.IdleSource;
import io.tickstock.publisher.internal.fanout.EventFanOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recovery views read from a pipeline's counters: the series on {@code /metrics}, the
 * {@code /debug/quarantine} JSON, and a source given up on {@code /health} and {@code /debug/channels}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecoveryViewsTest
{
    private static FeedRecord trade(final String symbol, final long seq)
    {
        final FeedRecord record = new FeedRecord();
        record.clear();
        record.kind = RecordKind.TRADE;
        record.symbol = symbol;
        record.price = 187_250_000L;
        record.size = 100;
        record.time = 1_700_000_000_000L;
        record.srcName = "feed";
        record.srcSeq = seq;
        return record;
    }

    @Test
    void shouldExportQuarantinedRecordsRingFullWaitsAndSourceRestartsByLabel()
    {
        final MarketPipeline pipeline = MarketPipeline.create(MarketConfig.defaults(), List.of(new IdleSource()));
        final StringBuilder out = new StringBuilder();

        RecoveryMetrics.render(out, pipeline.channels(), pipeline.publishRing(), pipeline.supervisors());

        assertEquals(String.join("\n",
            "# HELP tickstock_quarantined_total Records a channel stage threw on, quarantined (the newest are on /debug/quarantine).",
            "# TYPE tickstock_quarantined_total counter",
            "tickstock_quarantined_total{channel=\"tick\"} 0",
            "tickstock_quarantined_total{channel=\"ohlcv\"} 0",
            "tickstock_quarantined_total{channel=\"fmv\"} 0",
            "# HELP tickstock_ring_full_waits_total Publishes that found the ring full and waited for room (never dropped), by ring.",
            "# TYPE tickstock_ring_full_waits_total counter",
            "tickstock_ring_full_waits_total{ring=\"tick\"} 0",
            "tickstock_ring_full_waits_total{ring=\"ohlcv\"} 0",
            "tickstock_ring_full_waits_total{ring=\"fmv\"} 0",
            "tickstock_ring_full_waits_total{ring=\"publish\"} 0",
            "# HELP tickstock_source_failures_total Times a source's run threw (a failure or a lost connection).",
            "# TYPE tickstock_source_failures_total counter",
            "tickstock_source_failures_total{source=\"idle\"} 0",
            "# HELP tickstock_source_restarts_total Times a source was run again after a failure, after its backoff.",
            "# TYPE tickstock_source_restarts_total counter",
            "tickstock_source_restarts_total{source=\"idle\"} 0",
            ""), out.toString());
    }

    @Test
    void shouldShowASourceGivenUpOnHealthAndDebugChannels() throws Exception
    {
        final Source<FeedRecord> broken = new Source<>()
        {
            @Override
            public String name()
            {
                return "broken";
            }

            @Override
            public void run(final RecordSink<FeedRecord> sink) throws IOException
            {
                throw new IOException("connection refused");
            }

            @Override
            public void stop()
            {
            }
        };
        final MarketPipeline pipeline = MarketPipeline.create(
            MarketConfig.builder().ohlcvClockTickMs(0).sourceRestart(SourceRestartPolicy.disabled()).build(), List.of(broken));
        final AdminJson json = new AdminJson(PipelineMonitor.of(pipeline, AlertConfig.defaults()),
            new EventFanOut(EdgeConfig.builder().build(), "epoch", UnpooledByteBufAllocator.DEFAULT, pipeline.latency(),
                new io.tickstock.core.ring.WakeableWaitStrategy(io.tickstock.core.ring.WaitStrategyKind.BLOCKING)),
            () -> true);
        final long before = EpochClock.millis();
        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS));
        final long after = EpochClock.millis();

        final AdminJson.Health health = json.health();
        assertFalse(health.ready(), "a source given up: not ready (503)");
        final JsonNode body = AdminJson.JSON.readTree(health.body());
        assertEquals("degraded", body.get("status").asText());
        assertEquals("failed", body.get("sources").asText());
        assertEquals("[{\"name\":\"broken\",\"reason\":\"1 failure (java.io.IOException); source.restart.enabled = false\"}]",
            body.get("failedSources").toString(), "the message (connection refused) only on the admin view");
        final JsonNode source = AdminJson.JSON.readTree(json.channels()).get("source");
        assertEquals(1, source.get("failures").asLong());
        final JsonNode entry = source.get("sources").get(0);
        assertEquals("broken", entry.get("name").asText());
        assertEquals("failed", entry.get("state").asText());
        assertEquals(1, entry.get("failures").asLong());
        assertEquals(0, entry.get("restarts").asLong());
        assertEquals("java.io.IOException: connection refused", entry.get("lastError").asText());
        final long lastFailureMs = entry.get("lastFailureMs").asLong();
        assertTrue(lastFailureMs >= before && lastFailureMs <= after, lastFailureMs + " between " + before + " and " + after);
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldRenderTheQuarantineNewestFirstWithItsCounts() throws Exception
    {
        final MarketPipeline pipeline = MarketPipeline.create(MarketConfig.builder().quarantineSize(2).build(), List.of(new IdleSource()));
        final Quarantine quarantine = pipeline.quarantine();
        quarantine.record("tick", "process", trade("AAPL", 11), new IllegalStateException("first"));
        quarantine.record("tick", "validate", trade("MSFT", 12), new ArithmeticException("long overflow"));
        quarantine.record("fmv", "prioritize", trade("SPY", 13), new NullPointerException());
        final AdminJson json = new AdminJson(PipelineMonitor.of(pipeline, AlertConfig.defaults()), null, () -> true);

        final JsonNode root = AdminJson.JSON.readTree(json.quarantine());

        assertEquals(2, root.get("capacity").asInt());
        assertEquals(3, root.get("total").asLong());
        assertEquals(2, root.get("kept").asInt());
        assertEquals(1, root.get("evicted").asLong());
        assertEquals("{\"tick\":0,\"ohlcv\":0,\"fmv\":0}", root.get("byChannel").toString(), "the channels' own handler-error counts");
        final JsonNode newest = root.get("records").get(0);
        assertEquals("fmv", newest.get("channel").asText());
        assertEquals("prioritize", newest.get("stage").asText());
        assertEquals("java.lang.NullPointerException", newest.get("exception").asText());
        assertTrue(newest.get("message").isNull());
        assertEquals("T SPY p=187.25 s=100 t=1700000000000 i=null x=null", newest.get("record").asText());
        assertEquals("feed", newest.get("source").asText());
        assertEquals(13, newest.get("sourceSeq").asLong());
        assertEquals(java.time.Instant.ofEpochMilli(newest.get("timeMs").asLong()).toString(), newest.get("time").asText());
        final JsonNode older = root.get("records").get(1);
        assertEquals("validate", older.get("stage").asText());
        assertEquals("java.lang.ArithmeticException", older.get("exception").asText());
        assertEquals("long overflow", older.get("message").asText());
        assertEquals("T MSFT p=187.25 s=100 t=1700000000000 i=null x=null", older.get("record").asText());
        assertEquals(12, older.get("sourceSeq").asLong());
        assertEquals(2, root.get("records").size(), "the first was evicted");
    }
}
