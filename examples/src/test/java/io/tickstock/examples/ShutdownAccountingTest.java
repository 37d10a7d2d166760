package io.tickstock.examples;

import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.WebSocketEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accounting a stopped server prints, word for word: every count with its identity, and a
 * verdict that says exact only when every identity holds and every ring drained.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownAccountingTest
{
    /** 2023-11-14T15:00:00Z, 10:00 in New York; on a minute. */
    private static final long T0 = 1_699_974_000_000L;

    @TempDir
    Path dir;

    private static String trade(final String price, final long t, final String id)
    {
        return "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":" + price + ",\"s\":10,\"t\":" + t + ",\"i\":\"" + id + "\",\"x\":4}";
    }

    private Path feed(final List<String> lines) throws Exception
    {
        final Path file = dir.resolve("feed.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldWriteOutEveryIdentityAndCallItExactOnceDrained() throws Exception
    {
        final Path feed = feed(List.of(
            trade("100.00", T0, "1"),
            // a new high, and a surge: 1 % above the session's first trade
            trade("101.00", T0 + 1000, "2"),
            trade("101.00", T0 + 1000, "2"),
            "this is not json",
            "{\"ev\":\"XX\",\"sym\":\"AAPL\"}",
            trade("-1", T0 + 2000, "3"),
            "{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":100,\"h\":101,\"l\":100,\"c\":101,\"v\":20,\"s\":" + (T0 - 60_000) + ",\"e\":" + T0 + "}",
            "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":101.5,\"t\":" + (T0 + 2500) * 1_000_000L + "}"));
        final MarketPipeline pipeline = MarketPipeline.create(MarketConfig.builder().ohlcvClockTickMs(0).build(),
            List.of(ReplaySource.builder(feed).name("it").speed(0).build()));
        final WebSocketEdge edge = new WebSocketEdge(EdgeConfig.builder().port(0).build(), pipeline);
        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS));
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));
        edge.close();

        assertEquals(List.of(
            "accounting: source read 8 = routed 6 + rejected 2 (malformed 1, unknown_type 1)",
            "accounting: tick received 4 = accepted 2 + duplicates 1 + rejected 1 (bad_symbol 0, bad_price 1, bad_size 0, bad_time 0, " +
                "handler_error 0); events 4 (trade 2, high 1, low 0, trend 0, surge 1)",
            "accounting: ohlcv received 1 = accepted 1 + duplicates 0 + rejected 0 (bad_symbol 0, bad_bar 0, misaligned 0, late 0, " +
                "handler_error 0); events 1 (bar 1)",
            "accounting: fmv received 1 = accepted 1 + duplicates 0 + rejected 0 (bad_symbol 0, bad_price 0, bad_time 0, stale 0, " +
                "outlier 0, handler_error 0); events 1 (fmv 1)",
            "accounting: routed 6 = tick 4 + ohlcv 1 + fmv 1 received",
            "accounting: events 6 = published 6 = last id 6",
            "accounting: clients sent 0, conflated 0, dropped 0, queued 0; connections opened 0 = closed 0 (client sessions 0)",
            "accounting: exact, every ring drained"), ShutdownAccounting.of(pipeline, edge));
    }

    @Test
    void shouldNameTheRingThatDidNotDrain() throws Exception
    {
        final Path feed = feed(List.of(trade("100.00", T0, "1")));
        final MarketPipeline pipeline = MarketPipeline.create(MarketConfig.builder().ohlcvClockTickMs(0).build(),
            List.of(ReplaySource.builder(feed).name("it").speed(0).build()));
        final WebSocketEdge edge = new WebSocketEdge(EdgeConfig.builder().port(0).build(), pipeline);
        final CountDownLatch release = new CountDownLatch(1);
        pipeline.addConsumer("stuck", (event, sequence, endOfBatch) -> release.await());
        try
        {
            pipeline.start();
            pipeline.startSources();
            assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS));
            assertFalse(pipeline.stop(200, TimeUnit.MILLISECONDS), "the stuck consumer holds the publish ring");

            final List<String> lines = ShutdownAccounting.of(pipeline, edge);
            assertEquals("accounting: events 1 = published 1 = last id 1", lines.get(5));
            assertEquals("accounting: MISMATCH: publish ring not drained: a consumer at -1 of 0", lines.get(lines.size() - 1));
        }
        finally
        {
            release.countDown();
            edge.close();
        }
    }
}
