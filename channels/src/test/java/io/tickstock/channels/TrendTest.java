package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Expected.high;
import static io.tickstock.channels.Expected.low;
import static io.tickstock.channels.Feed.DAY;
import static io.tickstock.channels.Feed.NY_MIDNIGHT;
import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tick channel's {@code trend} (docs/semantics.md §2, and §8 f and o: reference = the last
 * trade at or before t - window, threshold compared exactly, cooldown per direction), through
 * the real pipeline with only trend on among the optional rules.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrendTest
{
    private static MarketConfig.Builder trendOnly()
    {
        return PipelineRun.basicRules().trendEnabled(true);
    }

    private static PipelineRun run(final MarketConfig.Builder config, final String... messages) throws InterruptedException
    {
        return PipelineRun.run(config.build(), List.of(new ListSource("feed", List.of(messages))));
    }

    private static String tradeEvent(final String symbol, final long ts, final String price)
    {
        return "trade " + symbol + " ts=" + ts + " price=" + price + " size=1";
    }

    private static String trend(final String symbol, final long ts, final String direction, final String pct, final int windowS)
    {
        return "trend " + symbol + " ts=" + ts + " " + direction + " pct=" + pct + " windowS=" + windowS;
    }

    @Test
    void shouldNeedAReferenceTradeAtOrBeforeTheWindowStart() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly(),
            trade("AAPL", "10", 1, T0),
            trade("AAPL", "11", 1, T0 + 59_999),   // no trade at or before t - 60 s: no trend
            trade("AAPL", "11", 1, T0 + 60_000));  // the T0 trade is exactly 60 s back: reference 10

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10"),
            tradeEvent("AAPL", T0 + 59_999, "11"),
            high("AAPL", T0 + 59_999, "11", "10", 1),
            tradeEvent("AAPL", T0 + 60_000, "11"),
            trend("AAPL", T0 + 60_000, "up", "10", 60)), run.describe(TICK));
        assertEquals("received=3 accepted=3 duplicates=0 rejected=0", run.outcomes(TICK));
        assertEquals(1, run.counters(TICK).events("trend"));
    }

    @Test
    void shouldTakeTheLatestTradeAtOrBeforeTheWindowStartAsTheReference() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly(),
            trade("AAPL", "10", 1, T0),
            trade("AAPL", "10.5", 1, T0 + 30_000),
            trade("AAPL", "10.5", 1, T0 + 90_000),   // reference 10.5 (T0 + 30 s), not 10: no move
            trade("AAPL", "10.6", 1, T0 + 90_001));  // reference 10.5: +0.952381 %

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10"),
            tradeEvent("AAPL", T0 + 30_000, "10.5"),
            high("AAPL", T0 + 30_000, "10.5", "10", 1),
            tradeEvent("AAPL", T0 + 90_000, "10.5"),
            tradeEvent("AAPL", T0 + 90_001, "10.6"),
            high("AAPL", T0 + 90_001, "10.6", "10.5", 2),
            trend("AAPL", T0 + 90_001, "up", "0.952381", 60)), run.describe(TICK));
    }

    @Test
    void shouldFireAtExactlyTheThresholdAndNotJustBelowItUpAndDownWithPriority2() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly(),
            trade("AAPL", "100", 1, T0),
            trade("AAPL", "100.499999", 1, T0 + 60_000),  // +0.499999 %: no
            trade("AAPL", "100.5", 1, T0 + 60_001),       // +0.5 % exactly (reference still the T0 trade)
            trade("MSFT", "100", 1, T0),
            trade("MSFT", "99.500001", 1, T0 + 60_000),   // -0.499999 %: no
            trade("MSFT", "99.5", 1, T0 + 60_001));       // -0.5 % exactly

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "100"),
            tradeEvent("AAPL", T0 + 60_000, "100.499999"),
            high("AAPL", T0 + 60_000, "100.499999", "100", 1),
            tradeEvent("AAPL", T0 + 60_001, "100.5"),
            high("AAPL", T0 + 60_001, "100.5", "100.499999", 2),
            trend("AAPL", T0 + 60_001, "up", "0.5", 60),
            tradeEvent("MSFT", T0, "100"),
            tradeEvent("MSFT", T0 + 60_000, "99.500001"),
            low("MSFT", T0 + 60_000, "99.500001", "100", 1),
            tradeEvent("MSFT", T0 + 60_001, "99.5"),
            low("MSFT", T0 + 60_001, "99.5", "99.500001", 2),
            trend("MSFT", T0 + 60_001, "down", "-0.5", 60)), run.describe(TICK));
        assertEquals(List.of(2, 2), run.events(TICK).stream()
            .filter(event -> event.type == EventType.TREND).map(event -> event.priority).toList());
        assertEquals(2, run.counters(TICK).events("trend"));
    }

    @Test
    void shouldUseTheConfiguredThreshold() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly().trendThresholdPct(2 * Fixed.ONE),
            trade("AAPL", "50", 1, T0),
            trade("AAPL", "50.999999", 1, T0 + 60_000),  // +1.999998 %: no
            trade("AAPL", "51", 1, T0 + 60_001));        // +2 %

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "50"),
            tradeEvent("AAPL", T0 + 60_000, "50.999999"),
            high("AAPL", T0 + 60_000, "50.999999", "50", 1),
            tradeEvent("AAPL", T0 + 60_001, "51"),
            high("AAPL", T0 + 60_001, "51", "50.999999", 2),
            trend("AAPL", T0 + 60_001, "up", "2", 60)), run.describe(TICK));
    }

    @Test
    void shouldReportPctRoundedToSixDecimalsAndTheConfiguredWindowWhichIsAlsoTheCooldown() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly().trendWindowS(10),
            trade("AAPL", "30", 1, T0),
            trade("AAPL", "30.2", 1, T0 + 10_000),   // reference 30: +0.666666.. %
            trade("AAPL", "30.4", 1, T0 + 15_000),   // reference 30: up again 5 s later, in the cooldown
            trade("AAPL", "29.8", 1, T0 + 20_000),   // reference 30.2: -1.324503 %, down has no cooldown yet
            trade("AAPL", "30.6", 1, T0 + 25_000));  // reference 30.4: 15 s after the last up

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "30"),
            tradeEvent("AAPL", T0 + 10_000, "30.2"),
            high("AAPL", T0 + 10_000, "30.2", "30", 1),
            trend("AAPL", T0 + 10_000, "up", "0.666667", 10),
            tradeEvent("AAPL", T0 + 15_000, "30.4"),
            high("AAPL", T0 + 15_000, "30.4", "30.2", 2),
            tradeEvent("AAPL", T0 + 20_000, "29.8"),
            low("AAPL", T0 + 20_000, "29.8", "30", 1),
            trend("AAPL", T0 + 20_000, "down", "-1.324503", 10),
            tradeEvent("AAPL", T0 + 25_000, "30.6"),
            high("AAPL", T0 + 25_000, "30.6", "30.4", 3),
            trend("AAPL", T0 + 25_000, "up", "0.657895", 10)), run.describe(TICK));
    }

    @Test
    void shouldFireAtMostOncePerDirectionPerWindowAllowingTheOtherDirection() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly(),
            trade("AAPL", "100", 1, T0),
            trade("AAPL", "101", 1, T0 + 60_000),    // up, reference 100
            trade("AAPL", "102", 1, T0 + 119_999),   // up +2 % vs 100, 59.999 s after the last up: suppressed
            trade("AAPL", "102", 1, T0 + 120_000),   // up vs 101, exactly 60 s after the last up: fires
            trade("AAPL", "100", 1, T0 + 130_000),   // down vs 101, inside the up cooldown: fires
            trade("AAPL", "99", 1, T0 + 130_001),    // down vs 101, 1 ms after the last down: suppressed
            trade("AAPL", "98", 1, T0 + 190_000));   // down vs 100 (T0 + 130 s), exactly 60 s later: fires

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "100"),
            tradeEvent("AAPL", T0 + 60_000, "101"),
            high("AAPL", T0 + 60_000, "101", "100", 1),
            trend("AAPL", T0 + 60_000, "up", "1", 60),
            tradeEvent("AAPL", T0 + 119_999, "102"),
            high("AAPL", T0 + 119_999, "102", "101", 2),
            tradeEvent("AAPL", T0 + 120_000, "102"),
            trend("AAPL", T0 + 120_000, "up", "0.990099", 60),
            tradeEvent("AAPL", T0 + 130_000, "100"),
            trend("AAPL", T0 + 130_000, "down", "-0.990099", 60),
            tradeEvent("AAPL", T0 + 130_001, "99"),
            low("AAPL", T0 + 130_001, "99", "100", 1),
            tradeEvent("AAPL", T0 + 190_000, "98"),
            low("AAPL", T0 + 190_000, "98", "99", 2),
            trend("AAPL", T0 + 190_000, "down", "-2", 60)), run.describe(TICK));
        assertEquals(4, run.counters(TICK).events("trend"));
    }

    @Test
    void shouldNotLetTradesMoreThan60sOlderThanTheLatestDriveTrendButKeepThemInTheHistory() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly(),
            trade("AAPL", "100", 1, T0),
            trade("AAPL", "100", 1, T0 + 200_000),  // reference 100: no move
            trade("AAPL", "110", 1, T0 + 139_999),  // 60.001 s behind the latest: +10 % vs 100 but does not drive
            trade("AAPL", "110", 1, T0 + 140_000),  // exactly 60 s behind: drives, +10 % vs 100
            trade("AAPL", "100", 1, T0 + 199_999)); // reference: the non-driving T0 + 139.999 s trade (110)

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "100"),
            tradeEvent("AAPL", T0 + 200_000, "100"),
            tradeEvent("AAPL", T0 + 139_999, "110"),
            high("AAPL", T0 + 139_999, "110", "100", 1),
            tradeEvent("AAPL", T0 + 140_000, "110"),
            trend("AAPL", T0 + 140_000, "up", "10", 60),
            tradeEvent("AAPL", T0 + 199_999, "100"),
            trend("AAPL", T0 + 199_999, "down", "-9.090909", 60)), run.describe(TICK));
    }

    /**
     * A new session starts an empty history (and clears the cooldowns; with trend that cannot be seen,
     * since a trend of the new session is at least a window after its first trade, so a window after
     * any trend of the old one).
     */
    @Test
    void shouldStartAnEmptyHistoryWithANewNewYorkSession() throws InterruptedException
    {
        final long midnight = NY_MIDNIGHT + DAY;
        final PipelineRun run = run(trendOnly(),
            trade("AAPL", "100", 1, midnight - 120_000),
            trade("AAPL", "101", 1, midnight - 60_000),  // up vs 100
            trade("AAPL", "90", 1, midnight),             // first trade of the next session: trade only
            trade("AAPL", "91", 1, midnight + 1),         // 101 (old session) would be the reference: none now
            trade("AAPL", "91", 1, midnight + 60_000),   // reference 90, the new session's first trade
            trade("AAPL", "200", 1, midnight - 1));       // an earlier session's trade: trade only

        assertEquals(List.of(
            tradeEvent("AAPL", midnight - 120_000, "100"),
            tradeEvent("AAPL", midnight - 60_000, "101"),
            high("AAPL", midnight - 60_000, "101", "100", 1),
            trend("AAPL", midnight - 60_000, "up", "1", 60),
            tradeEvent("AAPL", midnight, "90"),
            tradeEvent("AAPL", midnight + 1, "91"),
            high("AAPL", midnight + 1, "91", "90", 1),
            tradeEvent("AAPL", midnight + 60_000, "91"),
            trend("AAPL", midnight + 60_000, "up", "1.111111", 60),
            tradeEvent("AAPL", midnight - 1, "200")), run.describe(TICK));
        assertEquals("received=6 accepted=6 duplicates=0 rejected=0", run.outcomes(TICK));
    }

    @Test
    void shouldEmitNothingButTradeWhenTrendIsDisabled() throws InterruptedException
    {
        final PipelineRun run = run(PipelineRun.basicRules(),
            trade("AAPL", "100", 1, T0),
            trade("AAPL", "100", 1, T0 + 60_000),
            trade("AAPL", "90", 1, T0 + 120_000));

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "100"),
            tradeEvent("AAPL", T0 + 60_000, "100"),
            tradeEvent("AAPL", T0 + 120_000, "90"),
            low("AAPL", T0 + 120_000, "90", "100", 1)), run.describe(TICK));
    }

    @Test
    void shouldEmitTradeThenHighOrLowThenTrendThenSurgeForOneTrade() throws InterruptedException
    {
        final PipelineRun run = run(trendOnly().surgeEnabled(true),
            trade("AAPL", "100", 1, T0),
            trade("AAPL", "101", 1, T0 + 60_000));  // +1 % vs T0 for both; surge volRatio 1 x 50,000 / (1 x 10,000)

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "100"),
            tradeEvent("AAPL", T0 + 60_000, "101"),
            high("AAPL", T0 + 60_000, "101", "100", 1),
            trend("AAPL", T0 + 60_000, "up", "1", 60),
            "surge AAPL ts=" + (T0 + 60_000) + " up trigger=price volRatio=5 pct=1 windowS=10"), run.describe(TICK));
        assertEquals(List.of(3, 3, 1, 2, 1), run.events(TICK).stream().map(event -> event.priority).toList());
    }
}
