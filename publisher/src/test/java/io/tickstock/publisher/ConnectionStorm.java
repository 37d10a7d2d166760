package io.tickstock.publisher;

import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.testkit.RawWebSocketClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A connect/disconnect storm against the edge on 127.0.0.1: an open-loop load generator that
 * opens connection {@code i} at its due time, {@code start + i / rate}, whether or not the earlier
 * ones have finished, so a server that slows down gets the same schedule rather than a gentler
 * one. The pacing thread opens each socket itself and hands it to a pool of client threads, which
 * play one {@link Kind} on it (in turn, so the mix is the same on every run) with a hand-written
 * client and end it; nothing is left open when {@link #run} returns.
 *
 * <p>At most {@value #MAX_IN_FLIGHT} connections are open at once: both ends of each live in this
 * JVM, and a server that fell far behind would otherwise take the process past its limit of open
 * files. A connection that finds the limit reached opens late, and the lateness is reported.
 *
 * <p>Not thread-safe: one test thread calls {@link #run}.
 */
final class ConnectionStorm
{
    private static final long READ_TIMEOUT_MS = 10_000;
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final String ALL_EVENTS = "[\"trade\",\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]";

    /** What one connection of the storm does, as real clients do when they come and go. */
    enum Kind
    {
        /** Upgrades, subscribes, reads the ack and an event, closes with 1000 and reads the server's close and end of stream. */
        CLEAN(true),
        /** Upgrades, reads the welcome and ends the TCP connection (FIN) without a close frame. */
        ABRUPT(true),
        /** Upgrades, subscribes to everything with a snapshot, reads the ack and an event, then resets (RST) while events flow to it. */
        FLOWING(true),
        /** Upgrades, sends a subscribe and resets at once, before the server could answer. */
        VANISH(true),
        /** Sends half an HTTP upgrade request and closes: never a WebSocket session. */
        HALF_UPGRADE(false);

        /** Whether the connection completes its WebSocket handshake (the edge counts a session). */
        final boolean upgrades;

        Kind(final boolean upgrades)
        {
            this.upgrades = upgrades;
        }

        static Kind of(final int connection)
        {
            final Kind[] kinds = values();
            return kinds[connection % kinds.length];
        }
    }

    /**
     * What the storm did.
     *
     * @param connections connections opened (each one ran to its end).
     * @param completed   connections that behaved exactly as their kind says, by kind ordinal.
     * @param failures    what went wrong with the others, one line each.
     * @param openSpanNs  from the first connection opened to the last.
     * @param lateNs      how long after its due time each connection opened, in connection order.
     * @param wallNs      from the first due time until every connection had ended.
     */
    record Result(int connections, int[] completed, List<String> failures, long openSpanNs, long[] lateNs, long wallNs)
    {
        /** The lateness at a percentile (0..100) over every connection. */
        long lateNs(final double percentile)
        {
            final long[] sorted = lateNs.clone();
            Arrays.sort(sorted);
            return sorted[(int)Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1)];
        }

        int completed(final Kind kind)
        {
            return completed[kind.ordinal()];
        }

        /** Connections opened per second, first to last. */
        double openRate()
        {
            return connections <= 1 ? 0 : (connections - 1) * 1e9 / openSpanNs;
        }
    }

    private final int port;
    private final AtomicIntegerArray completed = new AtomicIntegerArray(Kind.values().length);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    ConnectionStorm(final int port)
    {
        this.port = port;
    }

    /** How many connections of the kind a storm of {@code connections} opens. */
    static int planned(final Kind kind, final int connections)
    {
        final int kinds = Kind.values().length;
        return connections / kinds + (kind.ordinal() < connections % kinds ? 1 : 0);
    }

    /**
     * Opens {@code ratePerSecond} connections a second for {@code seconds} seconds, plays them on
     * {@code threads} client threads and waits for every one to end.
     *
     * @throws AssertionError when the connections have not all ended a while after the last was due.
     */
    Result run(final int ratePerSecond, final int seconds, final int threads) throws InterruptedException
    {
        final int connections = ratePerSecond * seconds;
        final long periodNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        final ExecutorService clients = Executors.newFixedThreadPool(threads, task ->
        {
            final Thread thread = new Thread(task, "storm-client-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        final long start = System.nanoTime();
        long firstOpenNs = 0;
        long lastOpenNs = 0;
        final long[] lateNs = new long[connections];
        try
        {
            for (int i = 0; i < connections; i++)
            {
                final long dueNs = start + i * periodNs;
                long waitNs;
                while ((waitNs = dueNs - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(waitNs);
                }
                inFlight.acquire();
                final RawWebSocketClient client = open(i);
                final long openedNs = System.nanoTime();
                firstOpenNs = i == 0 ? openedNs : firstOpenNs;
                lastOpenNs = openedNs;
                lateNs[i] = openedNs - dueNs;
                if (client != null)
                {
                    final int connection = i;
                    clients.execute(() -> play(connection, client));
                }
            }
        }
        finally
        {
            clients.shutdown();
        }
        final long waitMs = 2 * READ_TIMEOUT_MS + 5_000;
        if (!clients.awaitTermination(waitMs, TimeUnit.MILLISECONDS))
        {
            clients.shutdownNow();
            throw new AssertionError("storm connections still running " + waitMs + " ms after the last was due");
        }
        final long wallNs = System.nanoTime() - start;
        final int[] byKind = new int[Kind.values().length];
        for (int k = 0; k < byKind.length; k++)
        {
            byKind[k] = completed.get(k);
        }
        return new Result(connections, byKind, new ArrayList<>(failures), lastOpenNs - firstOpenNs, lateNs, wallNs);
    }

    /** Opens the connection's socket, or counts the failure and returns null. */
    private RawWebSocketClient open(final int connection)
    {
        try
        {
            return RawWebSocketClient.open(port);
        }
        catch (final IOException ex)
        {
            inFlight.release();
            failures.add("connection " + connection + " (" + Kind.of(connection) + ") not opened: " + ex);
            return null;
        }
    }

    /** Plays the connection's kind on a client thread and ends it, whatever happens. */
    private void play(final int connection, final RawWebSocketClient client)
    {
        final Kind kind = Kind.of(connection);
        try (client)
        {
            play(kind, client);
            completed.incrementAndGet(kind.ordinal());
        }
        catch (final IOException | RuntimeException | AssertionError ex)
        {
            failures.add("connection " + connection + " (" + kind + "): " + ex);
        }
        finally
        {
            inFlight.release();
        }
    }

    private static void play(final Kind kind, final RawWebSocketClient client) throws IOException
    {
        if (kind == Kind.HALF_UPGRADE)
        {
            client.sendRaw("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
            return;
        }
        final RawWebSocketClient.HttpAnswer answer = client.upgrade(UpgradeGuard.WEBSOCKET_PATH, Map.of());
        if (answer.status() != 101)
        {
            throw new AssertionError("upgrade refused: " + answer);
        }
        expect(client, "\"type\":\"welcome\"");
        switch (kind)
        {
            case CLEAN:
                client.sendText("{\"op\":\"subscribe\",\"id\":\"c\",\"symbols\":[\"*\"],\"events\":[\"trade\"],\"snapshot\":false}");
                expect(client, "\"type\":\"ack\"");
                expect(client, "\"type\":\"event\"");
                client.sendClose(1000, "");
                final RawWebSocketClient.Frame close = client.readFrame(RawWebSocketClient.CLOSE, READ_TIMEOUT_MS);
                if (close.closeCode() != 1000 || !client.awaitEndOfStream(READ_TIMEOUT_MS))
                {
                    throw new AssertionError("clean close answered with " + close + " and no end of stream");
                }
                break;
            case ABRUPT:
                break;
            case FLOWING:
                client.sendText("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + ALL_EVENTS + "}");
                expect(client, "\"type\":\"ack\"");
                expect(client, "\"type\":\"event\"");
                client.abort();
                break;
            case VANISH:
                client.sendText("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + ALL_EVENTS + "}");
                client.abort();
                break;
            default:
                throw new IllegalStateException("unplayed kind " + kind);
        }
    }

    /** Reads text frames until one holds {@code marker}. */
    private static void expect(final RawWebSocketClient client, final String marker) throws IOException
    {
        String text;
        do
        {
            text = client.readFrame(RawWebSocketClient.TEXT, READ_TIMEOUT_MS).text();
        }
        while (!text.contains(marker));
    }
}
