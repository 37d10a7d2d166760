package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.util.ResourceLeakDetector;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.testkit.Await;
import io.tickstock.testkit.MetricsScrape;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge survives a connect/disconnect storm (issue 7): 1,000 connections opened and closed a
 * second for 30 s, in a mix of clean closes, abrupt ends, resets while events flow and half
 * upgrades, while a replayed feed keeps events flowing, without leaking a buffer (Netty's leak
 * detector at paranoid, its reports counted by {@link LeakCounter}). Afterwards the edge's
 * counters account for every connection exactly, and a client that stayed connected throughout
 * got every event, with no gap.
 *
 * <p>Runs in the {@code paranoid-leaks} failsafe execution, a JVM of its own.
 */
@Tag("paranoid-leaks")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class EdgeConnectionStormIT
{
    private static final int RATE = 1_000;
    private static final int SECONDS = 30;
    private static final int CLIENT_THREADS = 64;
    /** The replay: one trade every 5 ms of event time (200 a second), for longer than the storm lasts. */
    private static final int TRADES = 24_000;
    private static final long TRADE_SPACING_MS = 5;
    /** 2023-11-14T15:00:00Z, 10:00 in New York. */
    private static final long T0 = 1_699_974_000_000L;
    private static final long WAIT_MS = 20_000;
    private static final String ALL_EVENTS = "[\"trade\",\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]";

    private static LeakCounter leakCounter;

    @TempDir
    Path dir;

    private MarketPipeline pipeline;
    private WebSocketEdge edge;

    @BeforeAll
    static void countLeaks()
    {
        leakCounter = LeakCounter.install();
    }

    @AfterEach
    void stop()
    {
        if (pipeline != null)
        {
            pipeline.stop(5, TimeUnit.SECONDS);
        }
        if (edge != null)
        {
            edge.close();
        }
    }

    @Test
    void shouldAccountForEveryConnectionOfAStormAndLeakNoBuffer() throws Exception
    {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(),
            "run with -Dio.netty.leakDetection.level=paranoid (the paranoid-leaks failsafe execution)");
        final int leaksBefore = leakCounter.collect(WAIT_MS).size();

        pipeline = MarketPipeline.create(MarketConfig.builder().ohlcvClockTickMs(0).build(),
            List.of(ReplaySource.builder(feed()).name("storm").build()));
        edge = new WebSocketEdge(EdgeConfig.builder().port(0).build(), pipeline);
        pipeline.start();
        edge.start();
        final WebSocketTestClient survivor = WebSocketTestClient.welcomed(ws());
        survivor.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + ALL_EVENTS + ",\"snapshot\":false}");
        assertEquals("ack", survivor.nextNonHeartbeat(WAIT_MS).path("type").asText());
        pipeline.startSources();
        edge.ready(true);
        final List<JsonNode> survivorEvents = new ArrayList<>();
        survivorEvents.add(nextEvent(survivor));

        final ConnectionStorm.Result storm = new ConnectionStorm(edge.port()).run(RATE, SECONDS, CLIENT_THREADS);

        assertEquals(List.of(), storm.failures().subList(0, Math.min(10, storm.failures().size())),
            storm.failures().size() + " storm connections did not behave as planned");
        int stormSessions = 0;
        for (final ConnectionStorm.Kind kind : ConnectionStorm.Kind.values())
        {
            assertEquals(ConnectionStorm.planned(kind, storm.connections()), storm.completed(kind), kind.toString());
            stormSessions += kind.upgrades ? storm.completed(kind) : 0;
        }
        final int sessions = stormSessions;
        Await.until("every storm connection closed on the edge", WAIT_MS,
            () -> edge.connectionCounts().closed() == storm.connections() && edge.clients() == 1);
        assertEquals(new ConnectionCounts(storm.connections() + 1, sessions + 1, storm.connections()), edge.connectionCounts());
        assertEquals(1, edge.clientCounts().size(), "only the survivor is left");

        // a client that comes after the storm is served as any other
        final WebSocketTestClient late = WebSocketTestClient.welcomed(ws());
        late.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + ALL_EVENTS + ",\"snapshot\":false}");
        assertEquals("ack", late.nextNonHeartbeat(WAIT_MS).path("type").asText());
        final List<JsonNode> lateEvents = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            lateEvents.add(nextEvent(late));
        }
        assertContiguous(lateEvents);
        late.sendClose(1000, "");
        assertEquals(1000, late.awaitClose(WAIT_MS).code());
        Await.until("the late client closed on the edge", WAIT_MS,
            () -> edge.connectionCounts().closed() == storm.connections() + 1 && edge.clients() == 1);
        assertEquals(List.of(), late.protocolErrors());
        assertMetrics(new ConnectionCounts(storm.connections() + 2, sessions + 2, storm.connections() + 1));

        // stop the replay mid-file and drain: the survivor must then hold every event, from id 1 on
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS), "rings drained");
        final long lastId = edge.lastEventId();
        assertEquals(eventsEmitted(), lastId, "every event emitted got an id");
        while (survivorEvents.get(survivorEvents.size() - 1).path("id").asLong() < lastId)
        {
            survivorEvents.add(nextEvent(survivor));
        }
        assertEquals(1, survivorEvents.get(0).path("id").asLong());
        assertContiguous(survivorEvents);
        assertEquals(List.of(new ClientCounts(lastId, lastId, 0, 0, 0)), edge.clientCounts(), "the survivor's delivery counts");
        assertEquals(List.of(), survivor.protocolErrors());

        edge.close();
        assertEquals(1001, survivor.awaitClose(WAIT_MS).code());
        // the closed count is kept by a listener on each channel's close future: awaited, not read at once
        Await.until("every connection closed", WAIT_MS, () -> edge.connectionCounts().open() == 0);
        assertEquals(new ConnectionCounts(storm.connections() + 3, sessions + 2, storm.connections() + 3), edge.connectionCounts());
        edge = null;
        survivor.abort();
        late.abort();

        final List<LeakCounter.Leak> leaks = leakCounter.collect(WAIT_MS);
        final List<LeakCounter.Leak> newLeaks = leaks.subList(leaksBefore, leaks.size());
        System.out.printf(Locale.ROOT,
            "storm: %d connections in %.1f s (%.0f opened/s; opened after the due time by p50 %.2f ms, p99 %.1f ms, max %.1f ms), " +
                "%s; %d sessions; %d events to the survivor; leaks counted: %d (paranoid)%n",
            storm.connections(), storm.wallNs() / 1e9, storm.openRate(), storm.lateNs(50) / 1e6, storm.lateNs(99) / 1e6,
            storm.lateNs(100) / 1e6, byKind(storm), sessions,
            survivorEvents.size(), newLeaks.size());
        assertEquals(0, newLeaks.size(), () -> "buffers leaked during the storm; the first: " + newLeaks.subList(0, Math.min(3, newLeaks.size())));
    }

    private URI ws()
    {
        return URI.create("ws://127.0.0.1:" + edge.port() + UpgradeGuard.WEBSOCKET_PATH);
    }

    /** Trades of 20 symbols in a seeded random walk, one every {@value #TRADE_SPACING_MS} ms of event time. */
    private Path feed() throws Exception
    {
        final Random random = new Random(7);
        final long[] cents = new long[20];
        Arrays.fill(cents, 10_000);
        final List<String> lines = new ArrayList<>(TRADES);
        for (int i = 0; i < TRADES; i++)
        {
            final int symbol = i % cents.length;
            cents[symbol] = Math.max(100, cents[symbol] + random.nextInt(21) - 10);
            lines.add(String.format(Locale.ROOT, "{\"ev\":\"T\",\"sym\":\"S%02d\",\"p\":%d.%02d,\"s\":100,\"t\":%d,\"i\":\"%d\",\"x\":4}",
                symbol, cents[symbol] / 100, cents[symbol] % 100, T0 + i * TRADE_SPACING_MS, i + 1));
        }
        final Path file = dir.resolve("storm.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static JsonNode nextEvent(final WebSocketTestClient client) throws InterruptedException
    {
        while (true)
        {
            final JsonNode message = client.nextNonHeartbeat(WAIT_MS);
            if ("event".equals(message.path("type").asText()))
            {
                return message;
            }
            if ("gap".equals(message.path("type").asText()))
            {
                throw new AssertionError("gap: " + message);
            }
        }
    }

    /** Ids follow one another with no hole: the client is subscribed to every event. */
    private static void assertContiguous(final List<JsonNode> events)
    {
        for (int i = 1; i < events.size(); i++)
        {
            final long previous = events.get(i - 1).path("id").asLong();
            if (events.get(i).path("id").asLong() != previous + 1)
            {
                throw new AssertionError("after id " + previous + " came " + events.get(i));
            }
        }
    }

    private long eventsEmitted()
    {
        long sum = 0;
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final ChannelCounters counters = channel.counters();
            for (final String type : counters.eventTypes())
            {
                sum += counters.events(type);
            }
        }
        return sum;
    }

    /** {@code /metrics} exports the counts; the scrape's own connection is one more opened, not yet closed. */
    private void assertMetrics(final ConnectionCounts before) throws Exception
    {
        final String body = MetricsScrape.page(edge.port());
        assertTrue(body.contains("\ntickstock_connections_opened_total " + (before.opened() + 1) + "\n"), body);
        assertTrue(body.contains("\ntickstock_connections_closed_total " + before.closed() + "\n"), body);
        assertTrue(body.contains("\ntickstock_client_sessions_total " + before.sessions() + "\n"), body);
        assertTrue(body.contains("\ntickstock_clients 1\n"), body);
    }

    private static String byKind(final ConnectionStorm.Result storm)
    {
        final StringBuilder out = new StringBuilder();
        for (final ConnectionStorm.Kind kind : ConnectionStorm.Kind.values())
        {
            out.append(out.length() == 0 ? "" : ", ").append(kind.name().toLowerCase(Locale.ROOT)).append(' ').append(storm.completed(kind));
        }
        return out.toString();
    }
}
