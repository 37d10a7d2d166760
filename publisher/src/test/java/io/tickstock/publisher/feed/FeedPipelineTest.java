package io.tickstock.publisher.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceState;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.publisher.testkit.FakeFeedServer;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.publisher.feed.FeedSourceTest.KEY;
import static io.tickstock.publisher.feed.FeedSourceTest.settings;
import static io.tickstock.publisher.feed.FeedSourceTest.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Live feeds in a running pipeline: a reconnect that resends trades and two feeds carrying the
 * same trades each give every trade once, the rest counted as duplicates (docs/feeds.md).
 */
class FeedPipelineTest
{
    private static final long T0 = 1_699_974_000_000L;
    private static final long WAIT_MS = 20_000;

    private MarketPipeline pipeline;
    private FakeFeedServer server;

    @AfterEach
    void tearDown()
    {
        if (pipeline != null)
        {
            pipeline.stop(5, TimeUnit.SECONDS);
        }
        if (server != null)
        {
            server.close();
        }
    }

    /** Trades {@code first..last} of AAPL, one frame, ids and times by number. */
    private static String trades(final int first, final int last)
    {
        final StringBuilder frame = new StringBuilder("[");
        for (int n = first; n <= last; n++)
        {
            frame.append(n == first ? "" : ",").append(trade("AAPL", "187." + n, 100, T0 + n, Integer.toString(n)));
        }
        return frame.append(']').toString();
    }

    private void start(final List<Source<FeedRecord>> feeds)
    {
        pipeline = MarketPipeline.create(MarketConfig.builder().ohlcvClockTickMs(0).build(), feeds);
        pipeline.start();
        pipeline.startSources();
    }

    @Test
    void shouldReconnectReauthenticateResubscribeAndDropTheTradesSentAgain() throws Exception
    {
        server = new FakeFeedServer(KEY);
        server.onSubscribed(connection ->
        {
            if (connection.index() == 0)
            {
                connection.send(trades(1, 5));
                connection.close();
            }
            else
            {
                connection.send(trades(3, 8));
            }
        });
        final FeedSource feed = new FeedSource(settings("primary", server.url(), KEY).build());
        start(List.of(feed));
        final ChannelCounters tick = pipeline.counters(MarketPipeline.TICK);

        Await.until("8 trades accepted, 3 duplicates", WAIT_MS, () -> tick.accepted() + tick.duplicates() == 11);

        assertEquals(8, tick.accepted());
        assertEquals(3, tick.duplicates());
        assertEquals(0, tick.rejected());
        assertEquals(2, server.connections().size());
        for (final FakeFeedServer.Connection connection : server.connections())
        {
            assertEquals(List.of("{\"action\":\"auth\",\"params\":\"" + KEY + "\"}",
                "{\"action\":\"subscribe\",\"params\":\"T.*,AM.*,A.*,FMV.*\"}"), connection.received);
        }
        assertEquals(2, feed.stats().connects());
        assertEquals(1, feed.stats().disconnects(FeedDisconnect.CLOSED));
        assertEquals(11, feed.stats().records());
        final SourceSupervisor<FeedRecord> supervisor = pipeline.supervisors().get(0);
        assertEquals(1, supervisor.failures());
        assertEquals(1, supervisor.restarts());
        assertEquals(SourceState.RUNNING, supervisor.state());
        assertEquals(FeedState.STREAMING, FeedState.of(supervisor.state(), feed.stats().phase()));
        assertEquals(11, supervisor.recordsRead());
    }

    @Test
    void shouldGiveEachTradeOnceFromTwoFeedsCarryingTheSameTrades() throws Exception
    {
        server = new FakeFeedServer(KEY);
        server.onSubscribed(connection -> connection.send(trades(1, 5)));
        final FeedSource primary = new FeedSource(settings("primary", server.url(), KEY).build());
        final FeedSource backup = new FeedSource(settings("backup", server.url(), KEY).build());
        start(List.of(primary, backup));
        final ChannelCounters tick = pipeline.counters(MarketPipeline.TICK);

        Await.until("both feeds' trades through the tick channel", WAIT_MS, () -> tick.accepted() + tick.duplicates() == 10);

        assertEquals(5, tick.accepted());
        assertEquals(5, tick.duplicates());
        assertEquals(5, primary.stats().records());
        assertEquals(5, backup.stats().records());
        assertEquals(10, pipeline.sourceCounters().routedRecords());
    }
}
