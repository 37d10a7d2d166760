package io.tickstock.channels;

import io.tickstock.core.source.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Expected.tradeEvent;
import static io.tickstock.channels.Expected.high;
import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.FMV;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tick channel's duplicates (docs/semantics.md §2, "Duplicates"): the key with and without a
 * trade id, the window, and the same trade from two sources, through the real pipeline.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TickDuplicateTest
{
    @Test
    void shouldDropRepeatOfSymbolExchangeAndTradeIdWithinTheWindow() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 100, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10.5", 200, T0 + 30_000, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"i\":\"1\",\"x\":5"),
            trade("AAPL", "10", 100, T0, "\"i\":\"2\",\"x\":4"),
            trade("MSFT", "10", 100, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"i\":\"1\""),
            trade("AAPL", "10", 100, T0 + 1, "\"i\":\"1\",\"x\":null"),
            trade("AAPL", "10", 100, T0 - 60_000, "\"i\":\"1\",\"x\":5"));

        assertEquals("received=8 accepted=5 duplicates=3 rejected=0", run.outcomes(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("MSFT", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100)), run.describe(TICK));
    }

    @Test
    void shouldDropRepeatOfTimePriceSizeAndExchangeWhenTheTradeHasNoId() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 100, T0, "\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"x\":4"),
            trade("AAPL", "10.000000", 100, T0, "\"x\":4,\"i\":null"),
            trade("AAPL", "10", 200, T0, "\"x\":4"),
            trade("AAPL", "10.01", 100, T0, "\"x\":4"),
            trade("AAPL", "10", 100, T0 + 1, "\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"x\":5"),
            trade("AAPL", "10", 100, T0),
            trade("AAPL", "10", 100, T0, "\"x\":null"),
            trade("AAPL", "10", 100, T0, "\"x\":4,\"i\":\"9\""));

        assertEquals("received=10 accepted=7 duplicates=3 rejected=0", run.outcomes(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 200),
            tradeEvent("AAPL", T0, "10.01", 100),
            high("AAPL", T0, "10.01", "10", 1),
            tradeEvent("AAPL", T0 + 1, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100)), run.describe(TICK));
    }

    @Test
    void shouldTreatRepeatsAtMostTheWindowApartAsDuplicatesAndFartherOnesAsNewTrades() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 1, T0 + 60_000, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 1, T0 + 60_001, "\"i\":\"1\",\"x\":4"),
            trade("MSFT", "10", 1, T0 + 100_000, "\"i\":\"1\",\"x\":4"),
            trade("MSFT", "10", 1, T0 + 40_000, "\"i\":\"1\",\"x\":4"),
            trade("MSFT", "10", 1, T0 + 39_999, "\"i\":\"1\",\"x\":4"));

        assertEquals("received=6 accepted=4 duplicates=2 rejected=0", run.outcomes(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 1),
            tradeEvent("AAPL", T0 + 60_001, "10", 1),
            tradeEvent("MSFT", T0 + 100_000, "10", 1),
            tradeEvent("MSFT", T0 + 39_999, "10", 1)), run.describe(TICK));
    }

    @Test
    void shouldCountTheSameTradeFromTwoSourcesOnce() throws InterruptedException
    {
        final List<String> feed = List.of(
            trade("AAPL", "10", 100, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "11", 100, T0 + 1, "\"i\":\"2\",\"x\":4"),
            trade("AAPL", "12", 100, T0 + 2));
        final List<Source<FeedRecord>> sources = List.of(new ListSource("feedA", feed), new ListSource("feedB", feed));

        final PipelineRun run = PipelineRun.run(PipelineRun.basicRules().build(), sources);

        assertEquals("received=6 accepted=3 duplicates=3 rejected=0", run.outcomes(TICK));
        assertEquals(3, run.counters(TICK).events("trade"));
        for (final MarketEvent event : run.events(TICK))
        {
            assertTrue(event.srcName.equals("feedA") || event.srcName.equals("feedB"), event.srcName);
        }
        assertEquals(0, run.counters(FMV).received(), "forwarded trades are not fmv records");
    }
}
