package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resumes clients through the real server from a seeded replay file (docs/protocol.md §2.4): a
 * client that left gets, in place of a snapshot, exactly the events it missed, the same bytes a
 * client that stayed got; a client whose epoch differs or whose id fell out of the history gets a
 * {@code gap} with reason {@code history} and then snapshots; an id ahead of the newest is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResumeIT
{
    /** 2023-11-14T15:00:00Z, 10:00 in New York. */
    private static final long T0 = 1_699_974_000_000L;
    private static final long WAIT_MS = 10_000;
    private static final int TRADES = 3_000;
    private static final String[] FEED_SYMBOLS = {"AAA", "BBB", "CCC", "DDD", "EEE"};
    /** The last trade in the file; its symbol trades once, so its trade is the newest event. */
    private static final String SENTINEL = "ZZZZ";
    private static final String SYMBOLS = "[\"AAA\",\"BBB\",\"CCC\",\"" + SENTINEL + "\"]";
    private static final String EVENTS = "[\"trade\",\"high\",\"low\",\"trend\",\"surge\"]";
    private static final String SUBSCRIBE = "\"op\":\"subscribe\",\"symbols\":" + SYMBOLS + ",\"events\":" + EVENTS;

    @TempDir
    Path dir;

    private TickStockApp app;
    private final List<WebSocketTestClient> clients = new ArrayList<>();

    @AfterEach
    void stop()
    {
        clients.forEach(WebSocketTestClient::abort);
        if (app != null)
        {
            app.close();
        }
    }

    @Test
    void shouldReplayExactlyTheMissedEventsInPlaceOfASnapshot() throws Exception
    {
        start(65_536, 2);
        final WebSocketTestClient reference = connect();
        final String epoch = welcome(reference);
        reference.send("{" + SUBSCRIBE + "}");
        assertEquals("ack", reference.nextNonHeartbeat(WAIT_MS).get("type").asText());
        final WebSocketTestClient leaving = connect();
        assertEquals(epoch, welcome(leaving));
        leaving.send("{" + SUBSCRIBE + "}");
        assertEquals("ack", leaving.nextNonHeartbeat(WAIT_MS).get("type").asText());

        final List<JsonNode> firstEvents = leaving.collect(m -> "event".equals(m.path("type").asText()), 300, WAIT_MS);
        final long lastSeen = firstEvents.get(firstEvents.size() - 1).get("id").asLong();
        leaving.close();
        final List<JsonNode> all = eventsUpToSentinel(reference);
        final long newest = all.get(all.size() - 1).get("id").asLong();
        assertEquals(newest, app.edge().lastEventId(), "the sentinel's trade is the newest event");
        final List<String> missed = all.stream().filter(e -> e.get("id").asLong() > lastSeen).map(JsonNode::toString).toList();
        assertTrue(missed.size() > 1_000, "most of the replay happened after the client left: " + missed.size());

        final WebSocketTestClient resumed = connect();
        assertEquals(epoch, welcome(resumed));
        resumed.send("{\"id\":\"r\"," + SUBSCRIBE + ",\"resumeFrom\":{\"epoch\":\"" + epoch + "\",\"id\":" + lastSeen + "}}");
        final JsonNode ack = resumed.nextNonHeartbeat(WAIT_MS);
        assertEquals("ack", ack.get("type").asText(), ack.toString());
        assertEquals("r", ack.get("id").asText());
        final List<String> replayed = new ArrayList<>();
        for (int i = 0; i < missed.size(); i++)
        {
            replayed.add(resumed.nextNonHeartbeat(WAIT_MS).toString());
        }
        assertEquals(missed, replayed, "the same events, the same JSON, in order, no snapshot");
        assertNothingMore(resumed);
        assertNothingMore(reference);
    }

    @Test
    void shouldReplayNothingWhenResumingFromTheNewestId() throws Exception
    {
        final long newest = startAndReplay(100);
        final WebSocketTestClient resumed = connect();
        final String epoch = welcome(resumed);
        resumed.send("{" + SUBSCRIBE + ",\"resumeFrom\":{\"epoch\":\"" + epoch + "\",\"id\":" + newest + "}}");
        assertEquals("ack", resumed.nextNonHeartbeat(WAIT_MS).get("type").asText());
        assertNothingMore(resumed);
    }

    @Test
    void shouldSendAHistoryGapFromOneThenSnapshotsWhenTheEpochDiffers() throws Exception
    {
        final long newest = startAndReplay(100);
        final WebSocketTestClient resumed = connect();
        welcome(resumed);
        resumed.send("{" + SUBSCRIBE + ",\"resumeFrom\":{\"epoch\":\"not-this-epoch\",\"id\":1234}}");
        assertEquals("ack", resumed.nextNonHeartbeat(WAIT_MS).get("type").asText());
        assertHistoryGap(resumed.nextNonHeartbeat(WAIT_MS), 1, newest);
        assertEquals(snapshots(), nextSnapshots(resumed));
        assertNothingMore(resumed);
    }

    @Test
    void shouldSendAHistoryGapFromTheNextIdThenSnapshotsWhenTheIdFellOutOfHistory() throws Exception
    {
        final long newest = startAndReplay(100);
        final long fellOut = newest - 500;
        final WebSocketTestClient resumed = connect();
        final String epoch = welcome(resumed);
        resumed.send("{" + SUBSCRIBE + ",\"resumeFrom\":{\"epoch\":\"" + epoch + "\",\"id\":" + fellOut + "}}");
        assertEquals("ack", resumed.nextNonHeartbeat(WAIT_MS).get("type").asText());
        assertHistoryGap(resumed.nextNonHeartbeat(WAIT_MS), fellOut + 1, newest);
        assertEquals(snapshots(), nextSnapshots(resumed));
        assertNothingMore(resumed);
    }

    @Test
    void shouldRefuseAResumeFromAnIdAheadOfTheNewest() throws Exception
    {
        final long newest = startAndReplay(100);
        final WebSocketTestClient resumed = connect();
        final String epoch = welcome(resumed);
        resumed.send("{\"id\":\"ahead\"," + SUBSCRIBE + ",\"resumeFrom\":{\"epoch\":\"" + epoch + "\",\"id\":" + (newest + 1) + "}}");
        final JsonNode error = resumed.nextNonHeartbeat(WAIT_MS);
        assertEquals("error", error.get("type").asText(), error.toString());
        assertEquals("ahead", error.get("id").asText());
        assertEquals("bad_request", error.get("code").asText());
        assertNothingMore(resumed);
    }

    private void start(final int historySize, final int waitForSubscribers) throws Exception
    {
        app = TickStockApp.start(ServerConfig.of(Map.of(
            "server.port", "0",
            "replay.file", feed().toString(),
            "replay.speed", "0",
            "server.waitForSubscribers", Integer.toString(waitForSubscribers),
            "server.summaryIntervalS", "0",
            "ohlcv.clockTickMs", "0",
            "edge.historySize", Integer.toString(historySize))),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** Starts the server with a watcher client and waits until the whole file went through; returns the newest id. */
    private long startAndReplay(final int historySize) throws Exception
    {
        start(historySize, 1);
        final WebSocketTestClient watcher = connect();
        welcome(watcher);
        watcher.send("{" + SUBSCRIBE + "}");
        assertEquals("ack", watcher.nextNonHeartbeat(WAIT_MS).get("type").asText());
        final List<JsonNode> all = eventsUpToSentinel(watcher);
        final long newest = all.get(all.size() - 1).get("id").asLong();
        assertEquals(newest, app.edge().lastEventId(), "the sentinel's trade is the newest event");
        assertTrue(newest > 1_000, "far more events than the history holds: " + newest);
        return newest;
    }

    private WebSocketTestClient connect() throws Exception
    {
        final WebSocketTestClient client = WebSocketTestClient.connect(app.port());
        clients.add(client);
        return client;
    }

    private static String welcome(final WebSocketTestClient client) throws InterruptedException
    {
        final JsonNode welcome = client.next(WAIT_MS);
        assertEquals("welcome", welcome.get("type").asText(), welcome.toString());
        return welcome.get("epoch").asText();
    }

    /** Every event up to and including the sentinel's trade, checking that nothing else arrives. */
    private static List<JsonNode> eventsUpToSentinel(final WebSocketTestClient client) throws InterruptedException
    {
        final List<JsonNode> events = new ArrayList<>();
        long previous = 0;
        while (true)
        {
            final JsonNode message = client.nextNonHeartbeat(WAIT_MS);
            assertEquals("event", message.get("type").asText(), message.toString());
            assertTrue(message.get("id").asLong() > previous, "ids increase: " + message);
            previous = message.get("id").asLong();
            events.add(message);
            if (SENTINEL.equals(message.get("symbol").asText()))
            {
                return events;
            }
        }
    }

    /** What a plain subscribe with a snapshot gets now: one snapshot per subscribed symbol. */
    private Set<String> snapshots() throws Exception
    {
        final WebSocketTestClient plain = connect();
        welcome(plain);
        plain.send("{" + SUBSCRIBE + ",\"snapshot\":true}");
        assertEquals("ack", plain.nextNonHeartbeat(WAIT_MS).get("type").asText());
        final Set<String> snapshots = nextSnapshots(plain);
        assertNothingMore(plain);
        return snapshots;
    }

    /** The next four messages, each a snapshot: one per subscribed symbol, in any order. */
    private static Set<String> nextSnapshots(final WebSocketTestClient client) throws InterruptedException
    {
        final Set<String> snapshots = new TreeSet<>();
        final Set<String> symbols = new TreeSet<>();
        for (int i = 0; i < 4; i++)
        {
            final JsonNode snapshot = client.nextNonHeartbeat(WAIT_MS);
            assertEquals("snapshot", snapshot.get("type").asText(), snapshot.toString());
            symbols.add(snapshot.get("symbol").asText());
            snapshots.add(snapshot.toString());
        }
        assertEquals(Set.of("AAA", "BBB", "CCC", SENTINEL), symbols);
        return snapshots;
    }

    private static void assertHistoryGap(final JsonNode gap, final long fromId, final long toId)
    {
        assertEquals("gap", gap.get("type").asText(), gap.toString());
        assertEquals("history", gap.get("reason").asText(), gap.toString());
        assertEquals(fromId, gap.get("fromId").asLong(), gap.toString());
        assertEquals(toId, gap.get("toId").asLong(), gap.toString());
        assertEquals(toId - fromId + 1, gap.get("dropped").asLong(), gap.toString());
    }

    /** A ping's pong is the next message: nothing else was owed before it. */
    private static void assertNothingMore(final WebSocketTestClient client) throws Exception
    {
        client.send("{\"op\":\"ping\",\"id\":\"last\"}");
        final JsonNode pong = client.nextNonHeartbeat(WAIT_MS);
        assertEquals("pong", pong.get("type").asText(), "nothing more before the pong: " + pong);
        assertEquals("last", pong.get("id").asText());
        assertEquals(List.of(), client.protocolErrors());
    }

    /** A seeded random walk of trades over five symbols, then one trade of the sentinel. */
    private Path feed() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(11);
        final Map<String, Long> cents = new HashMap<>();
        final Map<String, Integer> tradeIds = new HashMap<>();
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < TRADES; i++)
        {
            final String symbol = FEED_SYMBOLS[random.nextInt(FEED_SYMBOLS.length)];
            final long price = Math.max(100, cents.getOrDefault(symbol, 10_000L) + random.nextInt(-5, 6));
            cents.put(symbol, price);
            lines.add(trade(symbol, price, 100 * (1 + random.nextInt(10)), T0 + 10L * i, tradeIds.merge(symbol, 1, Integer::sum)));
        }
        lines.add(trade(SENTINEL, 5_000, 1, T0 + 10L * TRADES, 1));
        final Path file = dir.resolve("trades.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String trade(final String symbol, final long cents, final int size, final long t, final int id)
    {
        return String.format(Locale.ROOT, "{\"ev\":\"T\",\"sym\":\"%s\",\"p\":%d.%02d,\"s\":%d,\"t\":%d,\"i\":\"%d\",\"x\":4}",
            symbol, cents / 100, cents % 100, size, t, id);
    }
}
