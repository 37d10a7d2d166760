package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Expected.tradeEvent;
import static io.tickstock.channels.Expected.high;
import static io.tickstock.channels.Expected.low;
import static io.tickstock.channels.Feed.DAY;
import static io.tickstock.channels.Feed.NY_MIDNIGHT;
import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tick channel's {@code surge} (docs/semantics.md §2): the price trigger against the
 * last trade at or before t - 10 s (else the session's first trade), the volume trigger against the
 * session's average per window, cooldown per direction. Through the real pipeline with only surge on
 * among the optional rules. F is the session's first trade time in each feed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SurgeTest
{
    private static final long F = T0;

    private static MarketConfig.Builder surgeOnly()
    {
        return PipelineRun.basicRules().surgeEnabled(true);
    }

    private static PipelineRun run(final String... messages) throws InterruptedException
    {
        return PipelineRun.run(surgeOnly().build(), List.of(new ListSource("feed", List.of(messages))));
    }

    private static String surge(final String symbol, final long ts, final String direction, final String trigger,
        final String volRatio, final String pct)
    {
        return "surge " + symbol + " ts=" + ts + " " + direction + " trigger=" + trigger + " volRatio=" + volRatio +
            " pct=" + pct + " windowS=10";
    }

    @Test
    void shouldCompareThePriceWithTheFirstTradeUntilATradeIsAWindowOldThenWithThatTradeWithPriority1()
        throws InterruptedException
    {
        final PipelineRun run = run(
            trade("AAPL", "100", 100, F),
            trade("AAPL", "100.999999", 100, F + 4_000),  // no trade at or before t - 10 s: vs the first, +0.999999 %
            trade("AAPL", "101", 100, F + 5_000),         // vs the first: +1 % exactly
            trade("AAPL", "99.990001", 100, F + 15_000),  // vs 101 (F + 5 s): -0.999999 %
            trade("AAPL", "99.99", 100, F + 15_001));     // vs 101: -1 % exactly (vs the first it would be -0.01 %)

        assertEquals(List.of(
            tradeEvent("AAPL", F, "100", 100),
            tradeEvent("AAPL", F + 4_000, "100.999999", 100),
            high("AAPL", F + 4_000, "100.999999", "100", 1),
            tradeEvent("AAPL", F + 5_000, "101", 100),
            high("AAPL", F + 5_000, "101", "100.999999", 2),
            surge("AAPL", F + 5_000, "up", "price", "null", "1"),
            tradeEvent("AAPL", F + 15_000, "99.990001", 100),
            low("AAPL", F + 15_000, "99.990001", "100", 1),
            tradeEvent("AAPL", F + 15_001, "99.99", 100),
            low("AAPL", F + 15_001, "99.99", "99.990001", 2),
            surge("AAPL", F + 15_001, "down", "price", "null", "-1")), run.describe(TICK));
        assertEquals(List.of(1, 1), run.events(TICK).stream()
            .filter(event -> event.type == EventType.SURGE).map(event -> event.priority).toList());
        assertEquals(2, run.counters(TICK).events("surge"));
        assertEquals("received=5 accepted=5 duplicates=0 rejected=0", run.outcomes(TICK));
    }

    @Test
    void shouldLeaveVolRatioUndefinedUntilTwoWindowsHavePassedThenTriggerOnVolumeAlone() throws InterruptedException
    {
        final PipelineRun run = run(
            trade("AAPL", "10", 1_000, F),
            trade("AAPL", "10", 20_000, F + 19_999),  // 1.999 windows in: no ratio, no surge (it would be 19.998)
            trade("AAPL", "10", 1, F + 20_000),       // (20,000 + 1) x 10,000 / (1,000 x 10,000) = 20.001
            trade("AAPL", "10", 1, F + 20_001));      // volume again, but up is cooling down

        assertEquals(List.of(
            tradeEvent("AAPL", F, "10", 1_000),
            tradeEvent("AAPL", F + 19_999, "10", 20_000),
            tradeEvent("AAPL", F + 20_000, "10", 1),
            surge("AAPL", F + 20_000, "up", "volume", "20.001", "0"),
            tradeEvent("AAPL", F + 20_001, "10", 1)), run.describe(TICK));
    }

    @Test
    void shouldTriggerOnVolumeAtExactlyTheMultipleAndTheMinimumVolume() throws InterruptedException
    {
        // At F + 20 s the window (F + 10 s, F + 20 s] holds the second trade, the session's volume
        // before it is the first trade's, and one window has elapsed before the window.
        final PipelineRun run = run(
            trade("AAA", "10", 5_000, F),
            trade("AAA", "10", 15_000, F + 20_000),  // 3x exactly, 15,000 shares
            trade("BBB", "10", 5_000, F),
            trade("BBB", "10", 14_999, F + 20_000),  // 2.9998x
            trade("CCC", "10", 1_000, F),
            trade("CCC", "10", 9_999, F + 20_000),   // 9.999x but 9,999 shares
            trade("DDD", "10", 1_000, F),
            trade("DDD", "10", 10_000, F + 20_000)); // 10x, 10,000 shares exactly

        assertEquals(List.of(
            tradeEvent("AAA", F, "10", 5_000),
            tradeEvent("AAA", F + 20_000, "10", 15_000),
            surge("AAA", F + 20_000, "up", "volume", "3", "0"),
            tradeEvent("BBB", F, "10", 5_000),
            tradeEvent("BBB", F + 20_000, "10", 14_999),
            tradeEvent("CCC", F, "10", 1_000),
            tradeEvent("CCC", F + 20_000, "10", 9_999),
            tradeEvent("DDD", F, "10", 1_000),
            tradeEvent("DDD", F + 20_000, "10", 10_000),
            surge("DDD", F + 20_000, "up", "volume", "10", "0")), run.describe(TICK));
    }

    @Test
    void shouldComputeVolRatioAsWindowVolumeOverTheSessionsAveragePerWindow() throws InterruptedException
    {
        // At F + 23 s: window (F + 13 s, F + 23 s] = 10,000 + 20,000; before it 3,000 + 4,000 over 1.3
        // windows, so the average is 7,000 / 1.3 and the ratio 30,000 x 13,000 / (7,000 x 10,000).
        final PipelineRun run = run(
            trade("AAPL", "10", 3_000, F),
            trade("AAPL", "10", 4_000, F + 4_000),
            trade("AAPL", "10", 10_000, F + 15_000),  // 1.5 windows in: no ratio yet
            trade("AAPL", "10", 20_000, F + 23_000));

        assertEquals(List.of(
            tradeEvent("AAPL", F, "10", 3_000),
            tradeEvent("AAPL", F + 4_000, "10", 4_000),
            tradeEvent("AAPL", F + 15_000, "10", 10_000),
            tradeEvent("AAPL", F + 23_000, "10", 20_000),
            surge("AAPL", F + 23_000, "up", "volume", "5.571429", "0")), run.describe(TICK));
    }

    @Test
    void shouldNameBothTriggersAndTakeTheDirectionFromThePriceMoveEvenOnAVolumeSurge() throws InterruptedException
    {
        final PipelineRun run = run(
            trade("EEE", "10", 1_000, F),
            trade("EEE", "10.1", 20_000, F + 20_000),  // +1 % and 20x
            trade("FFF", "10", 1_000, F),
            trade("FFF", "9.95", 20_000, F + 20_000)); // -0.5 % (no price trigger) and 20x: a volume surge, down

        assertEquals(List.of(
            tradeEvent("EEE", F, "10", 1_000),
            tradeEvent("EEE", F + 20_000, "10.1", 20_000),
            high("EEE", F + 20_000, "10.1", "10", 1),
            surge("EEE", F + 20_000, "up", "price_and_volume", "20", "1"),
            tradeEvent("FFF", F, "10", 1_000),
            tradeEvent("FFF", F + 20_000, "9.95", 20_000),
            low("FFF", F + 20_000, "9.95", "10", 1),
            surge("FFF", F + 20_000, "down", "volume", "20", "-0.5")), run.describe(TICK));
    }

    @Test
    void shouldFireAtMostOncePerDirectionPer30sAllowingTheOtherDirection() throws InterruptedException
    {
        final PipelineRun run = run(
            trade("AAPL", "100", 100, F),
            trade("AAPL", "101", 100, F + 1_000),    // up vs the first trade
            trade("AAPL", "103", 100, F + 30_999),   // up vs 101, 29.999 s after the last up: suppressed
            trade("AAPL", "105", 100, F + 31_000),   // up vs 101, exactly 30 s after: fires
            trade("AAPL", "100", 100, F + 41_500),   // down vs 105 (F + 31 s), inside the up cooldown: fires
            trade("AAPL", "90", 100, F + 71_499),    // down vs 100, 29.999 s after the last down: suppressed
            trade("AAPL", "89", 100, F + 71_500));   // down vs 100, exactly 30 s after: fires

        // volRatio at F + 31 s: 200 x 21,000 / (200 x 10,000); at F + 41.5 s: 100 x 31,500 / (400 x
        // 10,000); at F + 71.5 s: 200 x 61,500 / (500 x 10,000). Defined, but far below 10,000 shares.
        assertEquals(List.of(
            tradeEvent("AAPL", F, "100", 100),
            tradeEvent("AAPL", F + 1_000, "101", 100),
            high("AAPL", F + 1_000, "101", "100", 1),
            surge("AAPL", F + 1_000, "up", "price", "null", "1"),
            tradeEvent("AAPL", F + 30_999, "103", 100),
            high("AAPL", F + 30_999, "103", "101", 2),
            tradeEvent("AAPL", F + 31_000, "105", 100),
            high("AAPL", F + 31_000, "105", "103", 3),
            surge("AAPL", F + 31_000, "up", "price", "2.1", "3.960396"),
            tradeEvent("AAPL", F + 41_500, "100", 100),
            surge("AAPL", F + 41_500, "down", "price", "0.7875", "-4.761905"),
            tradeEvent("AAPL", F + 71_499, "90", 100),
            low("AAPL", F + 71_499, "90", "100", 1),
            tradeEvent("AAPL", F + 71_500, "89", 100),
            low("AAPL", F + 71_500, "89", "90", 2),
            surge("AAPL", F + 71_500, "down", "price", "2.46", "-11")), run.describe(TICK));
        assertEquals(4, run.counters(TICK).events("surge"));
    }

    @Test
    void shouldStartANewSessionWithoutCooldownsAndWithItsFirstTradeAsTheReference() throws InterruptedException
    {
        final long midnight = NY_MIDNIGHT + DAY;
        final PipelineRun run = run(
            trade("AAPL", "100", 100, midnight - 2_000),
            trade("AAPL", "102", 100, midnight - 1_000),  // up vs the first trade
            trade("AAPL", "50", 100, midnight),            // the next session's first trade: trade only
            trade("AAPL", "51", 100, midnight + 1));       // up vs 50, 1.001 s after the old session's up

        assertEquals(List.of(
            tradeEvent("AAPL", midnight - 2_000, "100", 100),
            tradeEvent("AAPL", midnight - 1_000, "102", 100),
            high("AAPL", midnight - 1_000, "102", "100", 1),
            surge("AAPL", midnight - 1_000, "up", "price", "null", "2"),
            tradeEvent("AAPL", midnight, "50", 100),
            tradeEvent("AAPL", midnight + 1, "51", 100),
            high("AAPL", midnight + 1, "51", "50", 1),
            surge("AAPL", midnight + 1, "up", "price", "null", "2")), run.describe(TICK));
    }

    @Test
    void shouldNotLetTradesMoreThan60sOlderThanTheLatestDriveSurge() throws InterruptedException
    {
        final PipelineRun run = run(
            trade("AAPL", "100", 100, F),
            trade("AAPL", "100", 100, F + 100_000),
            trade("AAPL", "110", 100, F + 39_999),   // 60.001 s behind the latest: +10 % but does not drive
            trade("AAPL", "110", 100, F + 40_000));  // exactly 60 s behind: drives; window holds both 110s

        assertEquals(List.of(
            tradeEvent("AAPL", F, "100", 100),
            tradeEvent("AAPL", F + 100_000, "100", 100),
            tradeEvent("AAPL", F + 39_999, "110", 100),
            high("AAPL", F + 39_999, "110", "100", 1),
            tradeEvent("AAPL", F + 40_000, "110", 100),
            surge("AAPL", F + 40_000, "up", "price", "6", "10")), run.describe(TICK));
    }
}
