package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.fmv;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.FMV;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fmv channel's rules (docs/semantics.md §4), through the real pipeline. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FmvChannelTest
{
    private static final long NS_PER_MS = 1_000_000L;

    /** {@code t} of an FMV in ns for a time in ms. */
    private static long ns(final long ms)
    {
        return ms * NS_PER_MS;
    }

    private static String fmvEvent(final String symbol, final long ts, final String fmv, final String last, final String pct,
        final String signal)
    {
        return "fmv " + symbol + " ts=" + ts + " fmv=" + fmv + " last=" + last + " pct=" + pct + " signal=" + signal;
    }

    @Test
    void shouldEmitFmvWithNullLastPctAndSignalWhenThereIsNoTrade() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(fmv("AAPL", "187.5", ns(T0) + 999_999));

        assertEquals(List.of(fmvEvent("AAPL", T0, "187.5", "null", "null", "null")), run.describe(FMV));
        assertEquals("received=1 accepted=1 duplicates=0 rejected=0", run.outcomes(FMV));
        final MarketEvent event = run.events(FMV).get(0);
        assertEquals(3, event.priority);
        assertEquals("feed/1/" + ListSource.recvUs(0), event.srcName + "/" + event.srcSeq + "/" + event.recvUs);
    }

    @Test
    void shouldSignalUndervaluedAboveOnePercentAndOvervaluedBelowMinusOnePercentElseFair() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "100", 100, T0),
            fmv("AAPL", "101", ns(T0 + 1000)),
            fmv("AAPL", "101.000001", ns(T0 + 2000)),
            fmv("AAPL", "99", ns(T0 + 3000)),
            fmv("AAPL", "98.999999", ns(T0 + 4000)),
            fmv("AAPL", "100", ns(T0 + 5000)),
            fmv("AAPL", "104", ns(T0 + 6000)),
            fmv("AAPL", "96.5", ns(T0 + 7000)));

        assertEquals(List.of(
            fmvEvent("AAPL", T0 + 1000, "101", "100", "1", "fair"),
            fmvEvent("AAPL", T0 + 2000, "101.000001", "100", "1.000001", "undervalued"),
            fmvEvent("AAPL", T0 + 3000, "99", "100", "-1", "fair"),
            fmvEvent("AAPL", T0 + 4000, "98.999999", "100", "-1.000001", "overvalued"),
            fmvEvent("AAPL", T0 + 5000, "100", "100", "0", "fair"),
            fmvEvent("AAPL", T0 + 6000, "104", "100", "4", "undervalued"),
            fmvEvent("AAPL", T0 + 7000, "96.5", "100", "-3.5", "overvalued")), run.describe(FMV));
        assertEquals("received=7 accepted=7 duplicates=0 rejected=0", run.outcomes(FMV));
    }

    @Test
    void shouldRejectFmvStrictlyMoreThanFivePercentFromTheLastTradeAsOutlier() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "100", 100, T0),
            fmv("AAPL", "105", ns(T0 + 1000)),
            fmv("AAPL", "105.000001", ns(T0 + 2000)),
            fmv("AAPL", "95", ns(T0 + 3000)),
            fmv("AAPL", "94.999999", ns(T0 + 4000)),
            fmv("AAPL", "300", ns(T0 + 5000)));

        assertEquals("received=5 accepted=2 duplicates=0 rejected=3", run.outcomes(FMV));
        assertEquals("outlier=3", run.rejects(FMV));
        assertEquals(List.of(
            fmvEvent("AAPL", T0 + 1000, "105", "100", "5", "undervalued"),
            fmvEvent("AAPL", T0 + 3000, "95", "100", "-5", "overvalued")), run.describe(FMV));
    }

    @Test
    void shouldJudgeOutliersOnlyAgainstATradeAtMostFifteenMinutesOlder() throws InterruptedException
    {
        final long fifteenMinutes = 900_000L;
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "100", 100, T0),
            fmv("AAPL", "200", ns(T0 + fifteenMinutes)),
            fmv("AAPL", "200", ns(T0 + fifteenMinutes + 1)),
            trade("AAPL", "150", 100, T0 + fifteenMinutes + 2),
            fmv("AAPL", "151", ns(T0 + fifteenMinutes + 3)));

        assertEquals("received=3 accepted=2 duplicates=0 rejected=1", run.outcomes(FMV));
        assertEquals("outlier=1", run.rejects(FMV));
        assertEquals(List.of(
            fmvEvent("AAPL", T0 + fifteenMinutes + 1, "200", "null", "null", "null"),
            fmvEvent("AAPL", T0 + fifteenMinutes + 3, "151", "150", "0.666667", "fair")), run.describe(FMV));
    }

    @Test
    void shouldRejectInvalidSymbolPriceAndTimeInTheListedOrder() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            fmv("aapl", "100", ns(T0)),
            fmv("", "100", ns(T0)),
            fmv("AAPL", "0", ns(T0)),
            fmv("AAPL", "-1", ns(T0)),
            fmv("AAPL", "1e400", ns(T0)),
            fmv("AAPL", "0.0000004", ns(T0)),
            fmv("AAPL", "100", 0),
            fmv("AAPL", "100", -5),
            fmv("bad", "0", 0),
            fmv("AAPL", "0", 0),
            fmv("AAPL", "100", ns(T0)));

        assertEquals("received=11 accepted=1 duplicates=0 rejected=10", run.outcomes(FMV));
        assertEquals("bad_symbol=3 bad_price=5 bad_time=2", run.rejects(FMV));
        assertEquals(List.of(fmvEvent("AAPL", T0, "100", "null", "null", "null")), run.describe(FMV));
    }

    @Test
    void shouldDropARepeatedTimeAndValueAsDuplicateAndRejectATimeNotAfterTheLastAsStale() throws InterruptedException
    {
        final long t1 = ns(T0);
        final long window = ns(60_000);
        final PipelineRun run = PipelineRun.of(
            fmv("AAPL", "100", t1),
            fmv("AAPL", "100", t1),                 // duplicate
            fmv("AAPL", "101", t1),                 // same t, other value: stale
            fmv("AAPL", "100", t1 - 1),             // earlier: stale
            fmv("AAPL", "100.5", t1 + 1),           // accepted
            fmv("AAPL", "100", t1),                 // the first again, within 60 s of the latest: duplicate
            fmv("AAPL", "100.25", t1 + window + 2), // accepted; the first is now more than 60 s older
            fmv("AAPL", "100", t1),                 // no longer remembered: stale
            fmv("MSFT", "100", t1));                // per symbol

        assertEquals("received=9 accepted=4 duplicates=2 rejected=3", run.outcomes(FMV));
        assertEquals("stale=3", run.rejects(FMV));
        assertEquals(List.of(
            fmvEvent("AAPL", T0, "100", "null", "null", "null"),
            fmvEvent("AAPL", T0, "100.5", "null", "null", "null"),
            fmvEvent("AAPL", T0 + 60_000, "100.25", "null", "null", "null"),
            fmvEvent("MSFT", T0, "100", "null", "null", "null")), run.describe(FMV));
    }

    @Test
    void shouldKeepOnlyValidTradesWithTheLatestTimeInTheLastTradeTable() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "100", 100, T0 + 10),
            trade("AAPL", "150", 100, T0 + 5),     // valid but older: not the last trade
            trade("AAPL", "200", -1, T0 + 20),     // bad_size: not a trade
            trade("AAPL", "0", 100, T0 + 30),      // bad_price: not a trade
            trade("MSFT", "300", 100, T0 + 40),    // another symbol
            fmv("AAPL", "100.5", ns(T0 + 50)),
            trade("AAPL", "102", 100, T0 + 10),    // the same t as the last: later in feed order wins
            fmv("AAPL", "102", ns(T0 + 60)));

        assertEquals(List.of(
            fmvEvent("AAPL", T0 + 50, "100.5", "100", "0.5", "fair"),
            fmvEvent("AAPL", T0 + 60, "102", "102", "0", "fair")), run.describe(FMV));
        assertEquals("received=6 accepted=4 duplicates=0 rejected=2", run.outcomes(TICK));
    }

    @Test
    void shouldNotCountForwardedTradesAsFmvRecords() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "100", 100, T0),
            trade("AAPL", "-1", 100, T0 + 1),
            trade("AAPL", "101", 100, T0 + 2),
            fmv("AAPL", "100", ns(T0 + 3)));

        assertEquals("received=1 accepted=1 duplicates=0 rejected=0", run.outcomes(FMV));
        assertEquals("received=3 accepted=2 duplicates=0 rejected=1", run.outcomes(TICK));
        assertEquals(1, run.counters(FMV).events("fmv"));
        assertEquals(List.of(fmvEvent("AAPL", T0 + 3, "100", "101", "-0.990099", "fair")), run.describe(FMV));
    }

    @Test
    void shouldStampFmvEventsWithTheSourceContextOfTheFmvRecord() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "100", 100, T0, "\"q\":70"),
            "[" + fmv("AAPL", "100", ns(T0 + 1)) + "," + fmv("AAPL", "100.1", ns(T0 + 2)) + "]");

        assertEquals(List.of("feed/2/" + ListSource.recvUs(1), "feed/3/" + ListSource.recvUs(1)),
            run.events(FMV).stream().map(event -> event.srcName + "/" + event.srcSeq + "/" + event.recvUs).toList());
    }
}
