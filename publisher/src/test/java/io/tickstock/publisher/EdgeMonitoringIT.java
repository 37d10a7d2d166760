package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.ChannelStageId;
import io.tickstock.core.source.SourceCounters;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /debug/channels} and {@code /debug/clients} over a real edge and a replayed feed, field
 * by field against the counters: every ring, its handlers, errors and accounting.
 */
class EdgeMonitoringIT extends EdgeMonitoringHarness
{
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
        assertEquals(List.of("edge", "extra"), handlerNames, "the edge (the Socket.IO endpoint taps the edge's thread, docs/compat.md) and the embedding consumer");
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
}
