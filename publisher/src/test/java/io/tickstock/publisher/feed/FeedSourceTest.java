package io.tickstock.publisher.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.core.source.RecordSink;
import io.tickstock.publisher.testkit.FakeFeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of a {@link FeedSource} against a {@link FakeFeedServer} on 127.0.0.1: the exact
 * records and rejects of a scripted session, and how each kind of ending is told (docs/feeds.md).
 */
class FeedSourceTest
{
    static final String KEY = "k3y-s3cret-0123";

    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private FakeFeedServer server;
    private FeedSource source;

    @AfterEach
    void tearDown()
    {
        if (source != null)
        {
            source.stop();
        }
        runner.shutdownNow();
        if (server != null)
        {
            server.close();
        }
    }

    static String trade(final String sym, final String price, final long size, final long t, final String id)
    {
        return "{\"ev\":\"T\",\"sym\":\"" + sym + "\",\"p\":" + price + ",\"s\":" + size + ",\"t\":" + t + ",\"i\":\"" + id + "\",\"x\":4}";
    }

    static FeedSettings.Builder settings(final String name, final String url, final String key)
    {
        return FeedSettings.builder(name).url(url).key(FeedKey.fromEnv("TEST_FEED_KEY", key == null ? Map.of() : Map.of("TEST_FEED_KEY", key)))
            .idleTimeoutMs(10_000).backoffInitialMs(1).backoffMaxMs(10);
    }

    /** Runs the source once, as the pipeline would, and returns what its run threw. */
    private FeedException runOnce(final RecordSink<FeedRecord> sink) throws Exception
    {
        final Future<?> run = runner.submit(() ->
        {
            source.run(sink);
            return null;
        });
        try
        {
            run.get(30, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            return assertInstanceOf(FeedException.class, ex.getCause());
        }
        throw new AssertionError("the run returned without a failure");
    }

    @Test
    void shouldAuthenticateSubscribeAndHandOnEveryRecordOfAScriptedSession() throws Exception
    {
        server = new FakeFeedServer(KEY);
        server.onSubscribed(connection ->
        {
            connection.send("[" + trade("AAPL", "187.5", 100, 1_700_000_000_000L, "1") + "," +
                trade("MSFT", "370.25", 50, 1_700_000_000_001L, "2") + "]");
            connection.send("[{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":187,\"h\":188,\"l\":186.5,\"c\":187.5,\"v\":1200," +
                "\"s\":1699999940000,\"e\":1700000000000},{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":187.52,\"t\":1700000000002}," +
                "{\"ev\":\"Q\",\"sym\":\"AAPL\"}]");
            connection.send("[{\"ev\":\"T\",\"sym\":");
            connection.send(trade("AAPL", "187.51", 10, 1_700_000_000_003L, "3"));
            connection.close();
        });
        source = new FeedSource(settings("primary", server.url(), KEY).build());
        final Captured sink = new Captured();

        final FeedException ended = runOnce(sink);

        assertEquals(FeedDisconnect.CLOSED, ended.disconnect());
        assertEquals("feed primary at " + server.url() + ": closed: the feed closed the connection: 1001 going away", ended.getMessage());
        assertEquals(List.of(
            "T AAPL 187.5 x100 t=1700000000000 i=1 primary#1",
            "T MSFT 370.25 x50 t=1700000000001 i=2 primary#2",
            "AM AAPL o=187 h=188 l=186.5 c=187.5 v=1200 1699999940000..1700000000000 primary#3",
            "FMV AAPL 187.52 t=1700000000002 primary#4",
            "reject unknown_type",
            "reject malformed",
            "T AAPL 187.51 x10 t=1700000000003 i=3 primary#7"), sink.lines);
        final FakeFeedServer.Connection connection = server.connections().get(0);
        assertEquals(List.of("{\"action\":\"auth\",\"params\":\"" + KEY + "\"}", "{\"action\":\"subscribe\",\"params\":\"T.*,AM.*,A.*,FMV.*\"}"),
            connection.received);
        final FeedStats stats = source.stats();
        assertEquals(1, stats.connects());
        assertEquals(3, stats.statusMessages());
        assertEquals("success: subscribed to: T.*", stats.lastStatus());
        assertEquals(7, stats.frames());
        assertEquals(7, stats.records());
        assertEquals(1, stats.disconnects(FeedDisconnect.CLOSED));
        assertEquals(1, stats.disconnects());
        assertEquals(FeedState.STREAMING, stats.phase());
        assertTrue(stats.lastFrameMs() > 0);
    }

    @Test
    void shouldTellAWrongKeyWithoutShowingIt() throws Exception
    {
        server = new FakeFeedServer(KEY);
        source = new FeedSource(settings("primary", server.url(), "wrong-key-987").build());

        final FeedException ended = runOnce(new Captured());

        assertEquals(FeedDisconnect.AUTH_FAILED, ended.disconnect());
        assertEquals("feed primary at " + server.url() + ": auth_failed: the feed refused the key from environment variable " +
            "TEST_FEED_KEY (authentication failed); check the key; retrying after feed.backoff", ended.getMessage());
        assertFalse(ended.getMessage().contains("wrong-key-987"));
        assertEquals(1, source.stats().authFailures());
        assertEquals(0, source.stats().records());
        assertEquals(FeedState.AUTHENTICATING, source.stats().phase());
    }

    @Test
    void shouldTellAFeedThatAllowsNoFurtherConnection() throws Exception
    {
        server = new FakeFeedServer(KEY);
        server.refuseWith("max_connections");
        source = new FeedSource(settings("backup", server.url(), KEY).build());

        final FeedException ended = runOnce(new Captured());

        assertEquals(FeedDisconnect.MAX_CONNECTIONS, ended.disconnect());
        assertEquals(1, source.stats().disconnects(FeedDisconnect.MAX_CONNECTIONS));
        assertEquals(0, source.stats().authFailures());
    }

    @Test
    void shouldNotConnectWithoutAKey() throws Exception
    {
        server = new FakeFeedServer(KEY);
        source = new FeedSource(settings("primary", server.url(), null).build());

        final FeedException ended = runOnce(new Captured());

        assertEquals(FeedDisconnect.KEY_MISSING, ended.disconnect());
        assertEquals("feed primary at " + server.url() + ": key_missing: feed.keyEnv: the environment variable TEST_FEED_KEY is not set " +
            "or empty; set it to the feed's API key (docs/feeds.md)", ended.getMessage());
        assertEquals(0, server.connections().size());
    }

    @Test
    void shouldEndAConnectionThatSendsNothingForTheIdleTimeout() throws Exception
    {
        server = new FakeFeedServer(KEY);
        server.silent();
        source = new FeedSource(settings("primary", server.url(), KEY).idleTimeoutMs(1_000).build());

        final FeedException ended = runOnce(new Captured());

        assertEquals(FeedDisconnect.IDLE, ended.disconnect());
        assertEquals("feed primary at " + server.url() + ": idle: no frame for 1000 ms (feed.idleTimeoutMs)", ended.getMessage());
        assertEquals(FeedState.STREAMING, source.stats().phase());
    }

    /** A quiet market: nothing for three idle timeouts, but the feed answers the pings, so the connection stays. */
    @Test
    void shouldKeepAQuietConnectionThatAnswersItsPings() throws Exception
    {
        server = new FakeFeedServer(KEY);
        server.onSubscribed(connection ->
        {
            connection.sendAfter(3_000, "[" + trade("AAPL", "187.5", 100, 1_700_000_000_000L, "1") + "]");
            connection.closeAfter(3_100);
        });
        source = new FeedSource(settings("primary", server.url(), KEY).idleTimeoutMs(1_000).build());
        final Captured sink = new Captured();

        final FeedException ended = runOnce(sink);

        assertEquals(FeedDisconnect.CLOSED, ended.disconnect(), ended.getMessage());
        assertEquals(List.of("T AAPL 187.5 x100 t=1700000000000 i=1 primary#1"), sink.lines);
        assertEquals(1, server.connections().size());
    }

    /** A refused key keeps counting as refused through attempts that fail otherwise, until a key is accepted. */
    @Test
    void shouldHoldARefusedKeyUntilAKeyIsAccepted() throws Exception
    {
        server = new FakeFeedServer(KEY);
        final String url = server.url();
        final java.util.Map<String, String> environment = new java.util.HashMap<>(Map.of("TEST_FEED_KEY", "wrong"));
        source = new FeedSource(FeedSettings.builder("primary").url(url).key(FeedKey.fromEnv("TEST_FEED_KEY", environment))
            .idleTimeoutMs(10_000).build());

        assertEquals(FeedDisconnect.AUTH_FAILED, runOnce(new Captured()).disconnect());
        assertTrue(source.stats().keyRefused());
        environment.remove("TEST_FEED_KEY");
        assertEquals(FeedDisconnect.KEY_MISSING, runOnce(new Captured()).disconnect());
        assertTrue(source.stats().keyRefused(), "still refused: no key was accepted since");
        environment.put("TEST_FEED_KEY", KEY);
        server.onSubscribed(FakeFeedServer.Connection::close);
        assertEquals(FeedDisconnect.CLOSED, runOnce(new Captured()).disconnect());
        assertFalse(source.stats().keyRefused());
    }

    /**
     * A pipeline that stops taking records while the feed sends 2,000 frames: the connection stops
     * reading once 256 wait and reads again as they are taken, and every record arrives, in order.
     */
    @Test
    void shouldHandOnEveryFrameInOrderWhenThePipelineFallsBehind() throws Exception
    {
        final int frames = 2_000;
        final java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        server = new FakeFeedServer(KEY);
        server.onSubscribed(connection ->
        {
            for (int n = 1; n <= frames; n++)
            {
                connection.send("[" + trade("AAPL", "187.5", n, 1_700_000_000_000L + n, Integer.toString(n)) + "]");
            }
            connection.sendAfter(0, "[]");
            sent.countDown();
            connection.closeAfter(0);
        });
        source = new FeedSource(settings("primary", server.url(), KEY).build());
        final java.util.List<Long> sizes = new java.util.ArrayList<>();
        final RecordSink<FeedRecord> slow = new RecordSink<>()
        {
            @Override
            public void publish(final FeedRecord record)
            {
                if (sizes.isEmpty())
                {
                    try
                    {
                        // the pipeline holds the first record until the feed has written every frame
                        sent.await(20, TimeUnit.SECONDS);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
                sizes.add(record.size);
            }

            @Override
            public void reject(final String reason)
            {
                throw new AssertionError("rejected: " + reason);
            }
        };

        assertEquals(FeedDisconnect.CLOSED, runOnce(slow).disconnect());

        assertEquals(frames, sizes.size());
        for (int n = 1; n <= frames; n++)
        {
            assertEquals(n, sizes.get(n - 1));
        }
        assertEquals(frames + 4, source.stats().frames(), "every frame, the empty one and the three status frames");
    }

    @Test
    void shouldTellAConnectionRefused() throws Exception
    {
        server = new FakeFeedServer(KEY);
        final String url = server.url();
        server.close();
        server = null;
        source = new FeedSource(settings("primary", url, KEY).build());

        final FeedException ended = runOnce(new Captured());

        assertEquals(FeedDisconnect.CONNECT_FAILED, ended.disconnect());
        assertTrue(ended.getMessage().startsWith("feed primary at " + url + ": connect_failed: "), ended.getMessage());
        assertEquals(0, source.stats().connects());
    }

    /** Every record and reject, as one line each; records copied, since the decoder reuses them. */
    static final class Captured implements RecordSink<FeedRecord>
    {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(final FeedRecord r)
        {
            final String src = " " + r.srcName + "#" + r.srcSeq;
            switch (r.kind)
            {
                case TRADE:
                    lines.add("T " + r.symbol + " " + Fixed.toString(r.price) + " x" + r.size + " t=" + r.time + " i=" + r.tradeIdText() + src);
                    break;
                case FMV:
                    lines.add("FMV " + r.symbol + " " + Fixed.toString(r.fmv) + " t=" + r.time + src);
                    break;
                default:
                    lines.add(r.kind.ev() + " " + r.symbol + " o=" + Fixed.toString(r.open) + " h=" + Fixed.toString(r.high) +
                        " l=" + Fixed.toString(r.low) + " c=" + Fixed.toString(r.close) + " v=" + r.volume + " " + r.start + ".." + r.end + src);
                    break;
            }
        }

        @Override
        public void reject(final String reason)
        {
            lines.add("reject " + reason);
        }
    }
}
