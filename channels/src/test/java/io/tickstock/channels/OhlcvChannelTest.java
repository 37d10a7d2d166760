package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.bar;
import static io.tickstock.channels.Feed.minuteBar;
import static io.tickstock.channels.MarketPipeline.OHLCV;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ohlcv channel's rules (docs/semantics.md §3), through the real pipeline. Rollups are off here
 * ({@link PipelineRun#basicRules()}); {@link RollupTest} covers them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OhlcvChannelTest
{
    /** A minute boundary: 2023-11-14T15:00:00Z. */
    private static final long M0 = T0;
    private static final long MINUTE = 60_000L;

    private static long minute(final int n)
    {
        return M0 + n * MINUTE;
    }

    private static String barEvent(final String symbol, final String tf, final long start, final long end,
        final String ohlc, final long v, final String vw, final String pct, final String relVol, final boolean revised)
    {
        final String[] p = ohlc.split(" ");
        return "bar " + symbol + " ts=" + end + " tf=" + tf + " start=" + start + " end=" + end + " o=" + p[0] +
            " h=" + p[1] + " l=" + p[2] + " c=" + p[3] + " v=" + v + " vw=" + vw + " pct=" + pct + " relVol=" + relVol +
            " revised=" + revised;
    }

    /** A 1m bar event of minute n with o = h = l = c = 10. */
    private static String flatMinuteEvent(final int n, final long v, final String relVol, final boolean revised)
    {
        return barEvent("AAPL", "1m", minute(n), minute(n + 1), "10 10 10 10", v, "null", "0", relVol, revised);
    }

    private static String flatMinuteBar(final int n, final long v)
    {
        return minuteBar("AAPL", "10", "10", "10", "10", v, minute(n), minute(n + 1));
    }

    @Test
    void shouldEmitBarWithTsAtItsEndTimeframeAndPctForEveryAcceptedBar() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            minuteBar("AAPL", "10", "11", "9.5", "10.5", 1000, M0, M0 + MINUTE),
            bar("A", "AAPL", "200", "200", "199", "199", 5, M0 + 1000, M0 + 2000, "\"vw\":199.25"),
            bar("AM", "MSFT", "3", "4", "3", "4", 7, M0, M0 + MINUTE, "\"vw\":null"));

        assertEquals(List.of(
            barEvent("AAPL", "1m", M0, M0 + MINUTE, "10 11 9.5 10.5", 1000, "null", "5", "null", false),
            barEvent("AAPL", "1s", M0 + 1000, M0 + 2000, "200 200 199 199", 5, "199.25", "-0.5", "null", false),
            barEvent("MSFT", "1m", M0, M0 + MINUTE, "3 4 3 4", 7, "null", "33.333333", "null", false)),
            run.describe(OHLCV));
        assertEquals("received=3 accepted=3 duplicates=0 rejected=0", run.outcomes(OHLCV));
        assertEquals(List.of(3, 3, 3), run.events(OHLCV).stream().map(event -> event.priority).toList());
    }

    @Test
    void shouldRejectBarsWhoseRangeVolumeOrTimesAreInconsistentAsBadBar() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            minuteBar("AAPL", "10", "11", "10.5", "10.2", 1, M0, M0 + MINUTE),      // l above min(o, c)
            minuteBar("AAPL", "10", "10.5", "9", "10.6", 1, M0, M0 + MINUTE),       // max(o, c) above h
            minuteBar("AAPL", "10", "9", "11", "10", 1, M0, M0 + MINUTE),           // h below l
            minuteBar("AAPL", "1", "1", "0", "1", 1, M0, M0 + MINUTE),              // l = 0
            minuteBar("AAPL", "-1", "-1", "-1", "-1", 1, M0, M0 + MINUTE),          // l < 0
            minuteBar("AAPL", "10", "11", "9", "10", -1, M0, M0 + MINUTE),          // v < 0
            minuteBar("AAPL", "10", "11", "9", "10", 1, M0, M0),                    // e = s
            minuteBar("AAPL", "10", "11", "9", "10", 1, M0, M0 - MINUTE),           // e < s
            minuteBar("AAPL", "10", "1e400", "9", "10", 1, M0, M0 + MINUTE),        // h not finite
            bar("AM", "AAPL", "10", "11", "9", "10", 1, M0, M0 + MINUTE, "\"vw\":1e400"), // vw not finite
            minuteBar("AAPL", "10", "10", "10", "10", 0, M0, M0 + MINUTE));         // flat, no volume: valid

        assertEquals("received=11 accepted=1 duplicates=0 rejected=10", run.outcomes(OHLCV));
        assertEquals("bad_bar=10", run.rejects(OHLCV));
        assertEquals(List.of(flatMinuteEvent(0, 0, "null", false)), run.describe(OHLCV));
    }

    @Test
    void shouldRejectBarsNotOnTheirTimeframeGridAsMisaligned() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            minuteBar("AAPL", "10", "10", "10", "10", 1, M0 + 1000, M0 + 1000 + MINUTE), // AM start not on a minute
            minuteBar("AAPL", "10", "10", "10", "10", 1, M0, M0 + MINUTE - 1),           // AM shorter than a minute
            minuteBar("AAPL", "10", "10", "10", "10", 1, M0, M0 + 2 * MINUTE),           // AM longer than a minute
            bar("A", "AAPL", "10", "10", "10", "10", 1, M0 + 500, M0 + 1500, ""),         // A start not on a second
            bar("A", "AAPL", "10", "10", "10", "10", 1, M0, M0 + 2000, ""),              // A longer than a second
            bar("A", "AAPL", "10", "10", "10", "10", 1, M0, M0 + MINUTE, ""),            // A a minute long
            bar("A", "AAPL", "10", "10", "10", "10", 1, M0 + 1000, M0 + 2000, ""));      // valid: on a second

        assertEquals("received=7 accepted=1 duplicates=0 rejected=6", run.outcomes(OHLCV));
        assertEquals("misaligned=6", run.rejects(OHLCV));
        assertEquals(List.of(barEvent("AAPL", "1s", M0 + 1000, M0 + 2000, "10 10 10 10", 1, "null", "0", "null", false)),
            run.describe(OHLCV));
    }

    @Test
    void shouldNameTheFirstFailingCheckInTheListedOrder() throws InterruptedException
    {
        final List<String> feed = new ArrayList<>();
        for (int n = 0; n < 16; n++)
        {
            feed.add(flatMinuteBar(n, 100));
        }
        feed.add(minuteBar("aapl", "10", "9", "11", "10", -1, M0 + 1, M0));           // bad_symbol before bad_bar
        feed.add(minuteBar("AAPL", "10", "9", "11", "10", 1, M0 + 1, M0 + 1 + MINUTE)); // bad_bar before misaligned
        feed.add(minuteBar("AAPL", "10", "10", "10", "10", 1, minute(-5) + 1, minute(-4) + 1)); // misaligned before late
        feed.add(flatMinuteBar(-5, 100));                                                // late

        final PipelineRun run = PipelineRun.of(feed.toArray(new String[0]));

        assertEquals("received=20 accepted=16 duplicates=0 rejected=4", run.outcomes(OHLCV));
        assertEquals("bad_symbol=1 bad_bar=1 misaligned=1 late=1", run.rejects(OHLCV));
    }

    @Test
    void shouldRejectABarStartingBeforeTheOldestOfSixteenRetainedBarsAsLate() throws InterruptedException
    {
        final List<String> feed = new ArrayList<>();
        for (int n = 1; n <= 15; n++)
        {
            feed.add(flatMinuteBar(n, 100));
        }
        feed.add(flatMinuteBar(0, 100));        // 15 retained: an older bar is not late; now 16 are retained
        feed.add(flatMinuteBar(-1, 100));       // before the oldest of 16: late
        feed.add(minuteBar("AAPL", "10", "11", "10", "11", 100, minute(0), minute(1))); // the oldest itself: a revision
        feed.add(flatMinuteBar(16, 100));       // a 17th bar: the oldest (minute 0) leaves the history
        feed.add(minuteBar("AAPL", "10", "12", "10", "12", 100, minute(0), minute(1))); // now late
        feed.add(flatMinuteBar(-1, 100));       // still late
        feed.add(bar("A", "AAPL", "10", "10", "10", "10", 100, minute(-1), minute(-1) + 1000, "")); // another tf: own history
        feed.add(minuteBar("MSFT", "10", "10", "10", "10", 100, minute(-1), minute(0)));            // another symbol

        final PipelineRun run = PipelineRun.of(feed.toArray(new String[0]));

        assertEquals("received=23 accepted=20 duplicates=0 rejected=3", run.outcomes(OHLCV));
        assertEquals("late=3", run.rejects(OHLCV));
        final List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 15; n++)
        {
            expected.add(flatMinuteEvent(n, 100, n <= 10 ? "null" : "1", false));
        }
        expected.add(flatMinuteEvent(0, 100, "null", false));
        expected.add(barEvent("AAPL", "1m", minute(0), minute(1), "10 11 10 11", 100, "null", "10", "null", true));
        expected.add(flatMinuteEvent(16, 100, "1", false));
        expected.add(barEvent("AAPL", "1s", minute(-1), minute(-1) + 1000, "10 10 10 10", 100, "null", "0", "null", false));
        expected.add(barEvent("MSFT", "1m", minute(-1), minute(0), "10 10 10 10", 100, "null", "0", "null", false));
        assertEquals(expected, run.describe(OHLCV));
    }

    @Test
    void shouldDropAnIdenticalBarAsDuplicateAndEmitADifferentOneWithTheSameStartAsRevised() throws InterruptedException
    {
        final String original = bar("AM", "AAPL", "10", "11", "9", "10.5", 1000, M0, M0 + MINUTE, "\"vw\":10.2");
        final PipelineRun run = PipelineRun.of(
            original,
            original,
            bar("AM", "AAPL", "10.0", "11", "9", "10.50", 1000, M0, M0 + MINUTE,
                "\"vw\":10.2,\"av\":5000,\"op\":9.9,\"a\":10.1,\"z\":3,\"q\":8"),             // other fields ignored
            bar("AM", "AAPL", "10", "11", "9", "10.75", 1000, M0, M0 + MINUTE, "\"vw\":10.2"), // c differs: revision
            bar("AM", "AAPL", "10", "11", "9", "10.75", 1000, M0, M0 + MINUTE, "\"vw\":10.2"), // same as the revision
            original,                                                                         // back to the original
            bar("AM", "AAPL", "10", "11", "9", "10.5", 1000, M0, M0 + MINUTE, ""),            // vw now absent
            bar("AM", "AAPL", "10", "11", "9", "10.5", 1001, M0, M0 + MINUTE, ""),            // v differs
            bar("A", "AAPL", "10", "11", "9", "10.5", 1000, M0, M0 + 1000, "\"vw\":10.2"),    // same start, other tf
            bar("AM", "MSFT", "10", "11", "9", "10.5", 1000, M0, M0 + MINUTE, "\"vw\":10.2")); // same start, other symbol

        assertEquals("received=10 accepted=7 duplicates=3 rejected=0", run.outcomes(OHLCV));
        assertEquals(List.of(
            barEvent("AAPL", "1m", M0, M0 + MINUTE, "10 11 9 10.5", 1000, "10.2", "5", "null", false),
            barEvent("AAPL", "1m", M0, M0 + MINUTE, "10 11 9 10.75", 1000, "10.2", "7.5", "null", true),
            barEvent("AAPL", "1m", M0, M0 + MINUTE, "10 11 9 10.5", 1000, "10.2", "5", "null", true),
            barEvent("AAPL", "1m", M0, M0 + MINUTE, "10 11 9 10.5", 1000, "null", "5", "null", true),
            barEvent("AAPL", "1m", M0, M0 + MINUTE, "10 11 9 10.5", 1001, "null", "5", "null", true),
            barEvent("AAPL", "1s", M0, M0 + 1000, "10 11 9 10.5", 1000, "10.2", "5", "null", false),
            barEvent("MSFT", "1m", M0, M0 + MINUTE, "10 11 9 10.5", 1000, "10.2", "5", "null", false)),
            run.describe(OHLCV));
    }

    @Test
    void shouldGiveRelativeVolumeOverTheMeanOfTheTenPriorBarsOnceThereAreTen() throws InterruptedException
    {
        final List<String> feed = new ArrayList<>();
        for (int n = 0; n < 10; n++)
        {
            feed.add(flatMinuteBar(n, 100L * (n + 1)));       // 100 .. 1000, mean 550
        }
        feed.add(flatMinuteBar(10, 1100));                    // 1100 / 550 = 2
        feed.add(flatMinuteBar(11, 325));                     // 325 / mean(200 .. 1100) = 325 / 650 = 0.5
        feed.add(flatMinuteBar(10, 2200));                    // revision: compared with the 10 bars before it: 2200 / 550 = 4
        feed.add(flatMinuteBar(-1, 700));                     // older than all: no bar before it
        feed.add(bar("A", "AAPL", "10", "10", "10", "10", 50, minute(12), minute(12) + 1000, "")); // 1s: its own series

        final PipelineRun run = PipelineRun.of(feed.toArray(new String[0]));

        final List<String> expected = new ArrayList<>();
        for (int n = 0; n < 10; n++)
        {
            expected.add(flatMinuteEvent(n, 100L * (n + 1), "null", false));
        }
        expected.add(flatMinuteEvent(10, 1100, "2", false));
        expected.add(flatMinuteEvent(11, 325, "0.5", false));
        expected.add(flatMinuteEvent(10, 2200, "4", true));
        expected.add(flatMinuteEvent(-1, 700, "null", false));
        expected.add(barEvent("AAPL", "1s", minute(12), minute(12) + 1000, "10 10 10 10", 50, "null", "0", "null", false));
        assertEquals(expected, run.describe(OHLCV));
        assertEquals("received=15 accepted=15 duplicates=0 rejected=0", run.outcomes(OHLCV));
    }

    @Test
    void shouldGiveNullRelativeVolumeWhenTheMeanOfThePriorBarsIsZero() throws InterruptedException
    {
        final List<String> feed = new ArrayList<>();
        for (int n = 0; n < 10; n++)
        {
            feed.add(flatMinuteBar(n, 0));
        }
        feed.add(flatMinuteBar(10, 100));
        feed.add(flatMinuteBar(11, 0));   // mean of bars 1 .. 10 = 10: 0 / 10 = 0

        final PipelineRun run = PipelineRun.of(feed.toArray(new String[0]));

        final List<String> relVols = run.events(OHLCV).stream()
            .map(event -> event.relVol == Fixed.NULL ? "null" : Fixed.toString(event.relVol)).toList();
        assertEquals(List.of("null", "null", "null", "null", "null", "null", "null", "null", "null", "null", "null", "0"),
            relVols);
    }

    @Test
    void shouldRejectABarWithAnInvalidSymbolAsBadSymbol() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            minuteBar("aapl", "10", "10", "10", "10", 1, M0, M0 + MINUTE),
            minuteBar("", "10", "10", "10", "10", 1, M0, M0 + MINUTE),
            minuteBar("AAPL", "10", "10", "10", "10", 1, M0, M0 + MINUTE));

        assertEquals("received=3 accepted=1 duplicates=0 rejected=2", run.outcomes(OHLCV));
        assertEquals("bad_symbol=2", run.rejects(OHLCV));
    }

    @Test
    void shouldRouteBarsOnlyToTheOhlcvChannelAndStampTheirSourceContext() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            "not json",
            minuteBar("AAPL", "10", "10", "10", "10", 1, M0, M0 + MINUTE),
            "[" + bar("A", "AAPL", "10", "10", "10", "10", 1, M0, M0 + 1000, "\"q\":99") + "]");

        assertEquals(0, run.counters(MarketPipeline.TICK).received());
        assertEquals(0, run.counters(MarketPipeline.FMV).received());
        assertEquals(List.of("feed/2/" + ListSource.recvUs(1), "feed/3/" + ListSource.recvUs(2)),
            run.events(OHLCV).stream().map(event -> event.srcName + "/" + event.srcSeq + "/" + event.recvUs).toList());
    }
}
