package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.core.monitor.RingWatch;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /health} over a real edge and a replayed feed: 503 before the sources start, after the
 * rings stop and while a consumer is stuck (the ring {@code stalled} after the stall time), 200
 * again once it moves on.
 */
class EdgeHealthIT extends EdgeMonitoringHarness
{
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

        Await.until("publish ring stalled", RingWatch.DEFAULT_STALL_MS + WAIT_MS, () -> healthOf("publish").equals(RingWatch.STALLED));
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
}
