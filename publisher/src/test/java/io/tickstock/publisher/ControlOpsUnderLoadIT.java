package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.testkit.MetricsScrape;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client operations racing a live stream (docs/protocol.md §2.4): a snapshot lands exactly between
 * the events it reflects and the ones after it; a resume replays exactly the events missed and
 * goes on into the live stream with none lost and none twice; {@code /metrics} and
 * {@code /debug/clients} answer, with exact accounting, while every client receives every event.
 * A reference client on {@code *} for every event type sees the whole stream; the others are
 * checked against it, id by id.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ControlOpsUnderLoadIT
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVERY_EVENT = "[\"trade\",\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]";
    private static final long WAIT_MS = 20_000;
    private static final int SYMBOLS = 200;
    private static final int RATE = 10_000;

    private MarketPipeline pipeline;
    private WebSocketEdge edge;
    private WebSocketTestClient reference;
    /** The reference client's events by id, as read so far. */
    private final TreeMap<Long, JsonNode> stream = new TreeMap<>();

    @BeforeEach
    void startLiveStream() throws Exception
    {
        pipeline = MarketPipeline.create(MarketConfig.builder().build(), List.of(SimulatorSource.builder().symbols(SYMBOLS).rate(RATE).seed(7).build()));
        edge = new WebSocketEdge(EdgeConfig.builder().host("127.0.0.1").port(0).maxQueuedEvents(1_000_000)
            .writeBufferHighBytes(1 << 26).build(), pipeline);
        pipeline.start();
        edge.start();
        // its own HttpClient, so its own reader thread: the other clients' frames never hold it up
        reference = WebSocketTestClient.connect(HttpClient.newHttpClient(), ws());
        assertEquals("welcome", reference.next(WAIT_MS).path("type").asText());
        reference.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + EVERY_EVENT + ",\"snapshot\":false}");
        assertEquals("ack", reference.nextNonHeartbeat(WAIT_MS).path("type").asText());
        pipeline.startSources();
        edge.ready(true);
        readReferenceUpTo(2_000);
    }

    @AfterEach
    void stop()
    {
        pipeline.stop(5, TimeUnit.SECONDS);
        edge.close();
    }

    @Test
    void shouldPlaceEachSnapshotExactlyBetweenTheEventsItReflectsAndTheOnesAfter() throws Exception
    {
        for (int round = 0; round < 5; round++)
        {
            final WebSocketTestClient late = WebSocketTestClient.welcomed(ws());
            late.send("{\"op\":\"subscribe\",\"id\":\"late\",\"symbols\":[\"*\"],\"events\":" + EVERY_EVENT + "}");
            assertEquals("ack", late.nextNonHeartbeat(WAIT_MS).path("type").asText());
            final Map<String, JsonNode> snapshots = new HashMap<>();
            JsonNode message = late.nextNonHeartbeat(WAIT_MS);
            while ("snapshot".equals(message.path("type").asText()))
            {
                snapshots.put(message.path("symbol").asText(), message.path("state"));
                message = late.nextNonHeartbeat(WAIT_MS);
            }
            assertEquals("event", message.path("type").asText(), "after the snapshots, events: " + message);
            final long firstId = message.path("id").asLong();
            readReferenceUpTo(firstId + 1_000);

            // the state the reference stream gives just before firstId, as the snapshot table keeps it
            final Map<String, BigDecimal> fmvBefore = new HashMap<>();
            final TreeSet<String> withState = new TreeSet<>();
            for (final JsonNode event : stream.headMap(firstId).values())
            {
                final String kind = event.path("event").asText();
                final String symbol = event.path("symbol").asText();
                if ("fmv".equals(kind))
                {
                    fmvBefore.put(symbol, event.path("fmv").decimalValue());
                }
                if ("trade".equals(kind) || "fmv".equals(kind) || ("bar".equals(kind) && (event.path("tf").asText().equals("1m") ||
                    event.path("tf").asText().equals("1s"))))
                {
                    withState.add(symbol);
                }
            }
            assertEquals(withState, new TreeSet<>(snapshots.keySet()), "round " + round + ": the symbols with state before id " + firstId);
            for (final Map.Entry<String, JsonNode> snapshot : snapshots.entrySet())
            {
                final JsonNode fmv = snapshot.getValue().path("fmv");
                final BigDecimal expected = fmvBefore.get(snapshot.getKey());
                assertEquals(expected == null, fmv.isNull(), "round " + round + ": " + snapshot.getKey() + " fmv " + fmv);
                if (expected != null)
                {
                    assertEquals(0, expected.compareTo(fmv.decimalValue()),
                        "round " + round + ": " + snapshot.getKey() + " fmv in the snapshot " + fmv + ", last fmv before id " + firstId + " " + expected);
                }
            }
            // and then every event from firstId on, the same bytes as the reference got
            assertSameEvents("round " + round, late, message, firstId, firstId + 1_000);
            late.abort();
        }
        assertEquals(List.of(), reference.protocolErrors());
    }

    @Test
    void shouldReplayExactlyWhatAResumingClientMissedThenGoOnLive() throws Exception
    {
        for (int round = 0; round < 3; round++)
        {
            final WebSocketTestClient first = WebSocketTestClient.welcomed(ws());
            first.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + EVERY_EVENT + ",\"snapshot\":false}");
            assertEquals("ack", first.nextNonHeartbeat(WAIT_MS).path("type").asText());
            long lastSeen = 0;
            for (int i = 0; i < 500; i++)
            {
                final JsonNode event = first.nextNonHeartbeat(WAIT_MS);
                assertEquals("event", event.path("type").asText(), event.toString());
                lastSeen = event.path("id").asLong();
            }
            first.abort();
            // the stream goes on without it, long enough that the replay and the live stream meet under load
            readReferenceUpTo(lastSeen + 4_000);

            final WebSocketTestClient resumed = WebSocketTestClient.welcomed(ws());
            resumed.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + EVERY_EVENT + ",\"resumeFrom\":{\"epoch\":\"" +
                edge.epoch() + "\",\"id\":" + lastSeen + "}}");
            assertEquals("ack", resumed.nextNonHeartbeat(WAIT_MS).path("type").asText());
            final JsonNode next = resumed.nextNonHeartbeat(WAIT_MS);
            final long until = edge.lastEventId() + 4_000;
            readReferenceUpTo(until);
            assertSameEvents("round " + round, resumed, next, lastSeen + 1, until);
            resumed.abort();
        }
    }

    @Test
    void shouldAnswerMetricsAndDebugClientsWithExactAccountingWhileEveryClientGetsEveryEvent() throws Exception
    {
        // 100 watchlists of 3 symbols each, every event type: the fan-out's busiest path, the test's clients can keep up
        final List<WebSocketTestClient> clients = new ArrayList<>();
        final List<Set<String>> watchlists = new ArrayList<>();
        // the hundred share one HttpClient, so one reader thread: a reader each would take the cores from the edge under test
        final HttpClient shared = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++)
        {
            final Set<String> watchlist = Set.of(SimulatorSource.symbol(i), SimulatorSource.symbol(i + 1), SimulatorSource.symbol(i + 2));
            final WebSocketTestClient client = WebSocketTestClient.welcomed(shared, ws());
            client.send("{\"op\":\"subscribe\",\"symbols\":" + JSON.writeValueAsString(watchlist) + ",\"events\":" + EVERY_EVENT +
                ",\"snapshot\":false}");
            clients.add(client);
            watchlists.add(watchlist);
        }
        for (final WebSocketTestClient client : clients)
        {
            assertEquals("ack", client.nextNonHeartbeat(WAIT_MS).path("type").asText());
        }
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final String base = "http://127.0.0.1:" + edge.port();
        long sentBefore = -1;
        for (int scrape = 0; scrape < 10; scrape++)
        {
            final String metrics = MetricsScrape.page(edge.port());
            assertTrue(metrics.contains("tickstock_clients 101\n"), "101 clients connected");
            final long sent = MetricsScrape.sample(MetricsScrape.parse(metrics), "tickstock_client_events_total{outcome=\"sent\"}");
            assertTrue(sent >= sentBefore, "events sent never go back: " + sentBefore + " then " + sent);
            sentBefore = sent;

            final HttpResponse<String> debug = http.send(HttpRequest.newBuilder(URI.create(base + "/debug/clients")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, debug.statusCode());
            final JsonNode list = JSON.readTree(debug.body()).path("clients");
            assertEquals(101, list.size());
            for (final JsonNode client : list)
            {
                final JsonNode counts = client;
                assertEquals(counts.path("matched").asLong(), counts.path("sent").asLong() + counts.path("conflated").asLong() +
                    counts.path("dropped").asLong() + counts.path("queued").asLong(), "matched = sent + conflated + dropped + queued: " + client);
            }
            readReferenceUpTo(edge.lastEventId());
        }
        // every client got every event of its watchlist from its first on, in order, nothing lost under the scrapes
        final long until = edge.lastEventId();
        readReferenceUpTo(until);
        for (int i = 0; i < clients.size(); i++)
        {
            final WebSocketTestClient client = clients.get(i);
            JsonNode message = client.nextNonHeartbeat(WAIT_MS);
            for (final JsonNode expected : stream.subMap(message.path("id").asLong(), true, until, true).values())
            {
                if (watchlists.get(i).contains(expected.path("symbol").asText()))
                {
                    assertEquals(expected, message, "client " + i + " gets every event of its watchlist, in order");
                    message = client.nextNonHeartbeat(WAIT_MS);
                }
            }
            client.abort();
        }
    }

    /** Reads the reference client's events until it holds every id up to {@code id}. */
    private void readReferenceUpTo(final long id) throws Exception
    {
        while (stream.isEmpty() || stream.lastKey() < id)
        {
            final JsonNode message = reference.nextNonHeartbeat(WAIT_MS);
            assertEquals("event", message.path("type").asText(), "the reference client gets only events: " + message);
            final long next = message.path("id").asLong();
            assertEquals(stream.isEmpty() ? 1 : stream.lastKey() + 1, next, "the reference stream is contiguous");
            stream.put(next, message);
        }
    }

    /** The client's events, starting with {@code first}, are exactly the reference's ids {@code from..to}. */
    private void assertSameEvents(final String what, final WebSocketTestClient client, final JsonNode first, final long from, final long to)
        throws Exception
    {
        JsonNode message = first;
        for (long id = from; id <= to; id++)
        {
            if (id > from)
            {
                message = client.nextNonHeartbeat(WAIT_MS);
            }
            assertEquals("event", message.path("type").asText(), what + ": an event where id " + id + " was due: " + message);
            assertEquals(id, message.path("id").asLong(), what + ": ids are contiguous");
            assertEquals(stream.get(id), message, what + ": event " + id + " is the one every client got");
        }
    }

    private URI ws()
    {
        return URI.create("ws://127.0.0.1:" + edge.port() + UpgradeGuard.WEBSOCKET_PATH);
    }
}
