package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.publisher.model.FeedGenerator;
import io.tickstock.publisher.model.MessageComparison;
import io.tickstock.publisher.model.ModelCheck;
import io.tickstock.publisher.model.ReferenceModel;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference model end to end: a seed's feed runs through the pipeline and a real
 * {@link WebSocketEdge} on 127.0.0.1, and what reaches the JDK's WebSocket client over the socket
 * must equal {@link ReferenceModel} field by field (docs/testing.md). One client subscribes to
 * {@code *} and every event type, without snapshots, before the source starts (as
 * {@code server.waitForSubscribers} gates it): it must get every event, ids 1, 2, 3, ... and no
 * {@code gap}. Once everything is delivered a second client subscribes to {@code *} with
 * snapshots: it must get the model's snapshot of every symbol, and neither client anything more
 * before the pong of a final ping. The edge's queue and write buffer
 * are large so that nothing is conflated: this checks content, not back-pressure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReferenceModelEdgeIT
{
    private static final String EVERY_EVENT = "[\"trade\",\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 20, 117})
    void shouldDeliverOverTheSocketExactlyWhatTheModelExpects(final long seed) throws Exception
    {
        final List<FeedGenerator.Line> feed = FeedGenerator.generate(seed);
        final ReferenceModel model = ModelCheck.model(feed);
        final MarketPipeline pipeline = MarketPipeline.create(ModelCheck.config(), List.of(ModelCheck.source(feed)));
        final WebSocketEdge edge = new WebSocketEdge(EdgeConfig.builder().host("127.0.0.1").port(0)
            .maxQueuedEvents(1_000_000).writeBufferHighBytes(1 << 28).build(), pipeline);
        final List<String> problems = new ArrayList<>();
        final List<JsonNode> events = new ArrayList<>();
        try
        {
            pipeline.start();
            edge.start();
            final URI uri = URI.create("ws://127.0.0.1:" + edge.port() + UpgradeGuard.WEBSOCKET_PATH);
            final WebSocketTestClient live = WebSocketTestClient.welcomed(uri);
            live.send("{\"id\":\"all\",\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + EVERY_EVENT + ",\"snapshot\":false}");
            assertEquals("ack", live.next(5_000).path("type").asText(), "seed " + seed + ": the subscribe is acked");

            pipeline.startSources();
            assertTrue(pipeline.awaitSources(20, TimeUnit.SECONDS), "seed " + seed + ": the source finished");
            assertTrue(pipeline.stop(10, TimeUnit.SECONDS), "seed " + seed + ": every ring drained");

            final int expected = model.events().size();
            while (events.size() < expected)
            {
                final JsonNode message = live.nextNonHeartbeat(10_000);
                if ("event".equals(message.path("type").asText()))
                {
                    if (message.path("id").asLong() != events.size() + 1)
                    {
                        problems.add("event id " + message.path("id") + " where " + (events.size() + 1) + " was next: " + message);
                    }
                    events.add(message);
                }
                else
                {
                    problems.add("a " + message.path("type").asText() + " among the events: " + message);
                }
            }
            nothingMoreBeforePong(live, "live", problems);
            MessageComparison.compareEvents(model, feed, events, problems);

            final WebSocketTestClient late = WebSocketTestClient.welcomed(uri);
            late.send("{\"id\":\"late\",\"op\":\"subscribe\",\"symbols\":[\"*\"]}");
            assertEquals("ack", late.next(5_000).path("type").asText(), "seed " + seed + ": the late subscribe is acked");
            final Map<String, JsonNode> snapshots = new TreeMap<>();
            for (int i = 0; i < model.snapshotSymbols().size(); i++)
            {
                final JsonNode snapshot = late.nextNonHeartbeat(5_000);
                if (!"snapshot".equals(snapshot.path("type").asText()))
                {
                    problems.add("late client: a " + snapshot.path("type").asText() + " where a snapshot was due: " + snapshot);
                    break;
                }
                snapshots.put(snapshot.path("symbol").asText(), snapshot);
            }
            nothingMoreBeforePong(late, "late", problems);
            MessageComparison.compareSnapshots(model, snapshots, problems);
            live.abort();
            late.abort();
        }
        finally
        {
            pipeline.stop(5, TimeUnit.SECONDS);
            edge.close();
        }
        ModelCheck.failOnProblems("seed " + seed + " over the socket", "edge-seed-" + seed, feed, model, events, problems);
    }

    /**
     * Pings and takes messages up to the pong: control messages queue behind what the client is
     * owed (docs/protocol.md §2.4), so anything but a heartbeat before the pong is one too many.
     */
    private static void nothingMoreBeforePong(final WebSocketTestClient client, final String name, final List<String> problems)
        throws Exception
    {
        client.send("{\"id\":\"end\",\"op\":\"ping\"}");
        JsonNode message;
        while (!"pong".equals((message = client.nextNonHeartbeat(5_000)).path("type").asText()))
        {
            problems.add(name + " client: more than the model expects: " + message);
        }
    }
}
