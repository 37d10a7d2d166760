package io.tickstock.channels.fmv;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.ChannelEntry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fmv channel's two stages on their own (docs/semantics.md §4), at the exact edges of the
 * dedup window, the recent-trade age, the outlier threshold and the signal threshold.
 */
class FmvStagesTest
{
    private static final long MS = 1_000_000L;
    private static final long T0_MS = 1_699_974_000_000L;
    private static final long DEDUP_WINDOW_MS = 60_000;
    private static final long RECENT_TRADE_MS = 900_000;

    private final SymbolTable symbols = new SymbolTable();
    /** Outliers strictly more than 5 % from the last trade. */
    private final FmvValidator validator = new FmvValidator(symbols, DEDUP_WINDOW_MS, RECENT_TRADE_MS, 5 * Fixed.ONE);
    /** Signals strictly beyond 1 %. */
    private final FmvProcessor processor = new FmvProcessor(Fixed.ONE);

    @Test
    void shouldJudgeAgainstATradeExactlyTheRecentAgeOlderButNotOneMillisecondMore()
    {
        trade("AAPL", "100", T0_MS);
        assertEquals("rejected:outlier", fmv("AAPL", "106", T0_MS + RECENT_TRADE_MS));
        assertEquals("accepted last=100", fmv("AAPL", "104", T0_MS + RECENT_TRADE_MS));
        assertEquals("accepted last=null", fmv("AAPL", "106", T0_MS + RECENT_TRADE_MS + 1));
    }

    @Test
    void shouldAcceptAnFmvExactlyAtTheOutlierThresholdAndRejectOneMicroBeyondItBothWays()
    {
        trade("AAPL", "100", T0_MS);
        assertEquals("accepted last=100", fmv("AAPL", "105", T0_MS + 1));
        assertEquals("rejected:outlier", fmv("AAPL", "105.000001", T0_MS + 2));
        assertEquals("accepted last=100", fmv("AAPL", "95", T0_MS + 3));
        assertEquals("rejected:outlier", fmv("AAPL", "94.999999", T0_MS + 4));
    }

    @Test
    void shouldTakeTheTradeWithTheLatestTimeAndATradeAtTheSameTimeAsTheLast()
    {
        trade("AAPL", "100", T0_MS + 10);
        trade("AAPL", "200", T0_MS + 5);
        assertEquals("accepted last=100", fmv("AAPL", "100", T0_MS + 20), "an older trade does not replace the last");
        trade("AAPL", "101", T0_MS + 10);
        assertEquals("accepted last=101", fmv("AAPL", "101", T0_MS + 21), "one at the same time does");
        trade("AAPL", "0", T0_MS + 30);
        assertEquals("accepted last=101", fmv("AAPL", "101", T0_MS + 31), "an invalid trade is not a last trade");
    }

    @Test
    void shouldRejectAnFmvAtTheTimeOfTheLastAcceptedAsStaleUnlessItRepeatsItsValue()
    {
        assertEquals("accepted last=null", fmv("AAPL", "100", T0_MS));
        assertEquals("duplicate", fmv("AAPL", "100", T0_MS));
        assertEquals("rejected:stale", fmv("AAPL", "100.5", T0_MS));
        assertEquals("rejected:stale", fmv("AAPL", "100.5", T0_MS - 1));
        assertEquals("accepted last=null", fmv("AAPL", "100.5", T0_MS + 1));
    }

    @Test
    void shouldRememberEveryFmvOfTheWindowThroughTheRingsWrapsAndGrowth()
    {
        // one a second for 3 windows (the ring wraps), then 10 a second (it grows), in whole micros
        long t = T0_MS;
        for (int i = 0; i < 180; i++, t += 1_000)
        {
            assertEquals("accepted last=null", fmv("AAPL", (100 + i) + ".5", t));
        }
        for (int i = 0; i < 900; i++, t += 100)
        {
            assertEquals("accepted last=null", fmv("AAPL", (300 + i) + ".25", t));
        }
        final long last = t - 100;
        // the window is [last - 60 s, last]: its oldest FMV is a duplicate, the one before is forgotten
        assertEquals("duplicate", fmv("AAPL", (300 + 899 - 600) + ".25", last - DEDUP_WINDOW_MS));
        assertEquals("rejected:stale", fmv("AAPL", (300 + 899 - 601) + ".25", last - DEDUP_WINDOW_MS - 100));
        assertEquals("duplicate", fmv("AAPL", (300 + 899) + ".25", last));
        assertEquals("rejected:stale", fmv("AAPL", (300 + 899) + ".26", last), "the same time, another value");
    }

    @Test
    void shouldRememberAnAcceptedFmvForExactlyTheDedupWindow()
    {
        assertEquals("accepted last=null", fmv("AAPL", "100", T0_MS));
        assertEquals("accepted last=null", fmv("AAPL", "101", T0_MS + DEDUP_WINDOW_MS));
        assertEquals("duplicate", fmv("AAPL", "100", T0_MS), "exactly the window older: still remembered");
        assertEquals("accepted last=null", fmv("AAPL", "102", T0_MS + DEDUP_WINDOW_MS + 1));
        assertEquals("rejected:stale", fmv("AAPL", "100", T0_MS), "forgotten: now only stale");
    }

    @Test
    void shouldRejectBadSymbolPriceAndTimeAtTheirEdges()
    {
        assertEquals("rejected:bad_symbol", fmv("aapl", "100", T0_MS));
        assertEquals("rejected:bad_price", fmv("AAPL", "0", T0_MS));
        assertEquals("accepted last=null", fmv("AAPL", "0.000001", T0_MS));
        final FeedRecord notFinite = record(RecordKind.FMV, "MSFT", T0_MS * MS);
        notFinite.fmv = Fixed.NOT_FINITE;
        validator.onEntry(notFinite, true);
        assertEquals("rejected:bad_price", outcome(notFinite));
        final FeedRecord zeroTime = record(RecordKind.FMV, "MSFT", 0);
        zeroTime.fmv = Fixed.ONE;
        validator.onEntry(zeroTime, true);
        assertEquals("rejected:bad_time", outcome(zeroTime));
        final FeedRecord oneNs = record(RecordKind.FMV, "MSFT", 1);
        oneNs.fmv = Fixed.ONE;
        validator.onEntry(oneNs, true);
        assertEquals("accepted", outcome(oneNs));
    }

    @Test
    void shouldSignalOnlyStrictlyBeyondTheThresholdAndGivePctAndTsInMilliseconds()
    {
        assertEquals("fmv AAPL ts=1699974000000 fmv=101 last=100 pct=1 signal=fair", processed("101", "100", T0_MS * MS + 999_999));
        assertEquals("fmv AAPL ts=1699974000000 fmv=101.000001 last=100 pct=1.000001 signal=undervalued",
            processed("101.000001", "100", T0_MS * MS));
        assertEquals("fmv AAPL ts=1699974000000 fmv=99 last=100 pct=-1 signal=fair", processed("99", "100", T0_MS * MS));
        assertEquals("fmv AAPL ts=1699974000000 fmv=98.999999 last=100 pct=-1.000001 signal=overvalued",
            processed("98.999999", "100", T0_MS * MS));
        assertEquals("fmv AAPL ts=1699974000000 fmv=99 last=null pct=null signal=null", processed("99", null, T0_MS * MS));
    }

    @Test
    void shouldEmitNothingForATradePassingThroughTheProcessStage()
    {
        final FeedRecord trade = record(RecordKind.TRADE, "AAPL", T0_MS);
        trade.addEvent(io.tickstock.channels.EventType.TRADE, T0_MS);
        processor.onEntry(trade, true);
        assertEquals(0, trade.eventCount());
    }

    @Test
    void shouldEmitOnlyTheEventOfTheLatestFmvWhenTheRingReusesAnEntry()
    {
        final FeedRecord record = record(RecordKind.FMV, "AAPL", T0_MS * MS);
        record.fmv = Fixed.parse("100");
        processor.onEntry(record, true);
        processor.onEntry(record, true);
        assertEquals(1, record.eventCount());
    }

    private String processed(final String fmv, final String last, final long timeNs)
    {
        final FeedRecord record = record(RecordKind.FMV, "AAPL", timeNs);
        record.fmv = Fixed.parse(fmv);
        record.lastTrade = last == null ? Fixed.NULL : Fixed.parse(last);
        processor.onEntry(record, true);
        assertEquals(1, record.eventCount());
        return record.event(0).toString();
    }

    private void trade(final String symbol, final String price, final long timeMs)
    {
        final FeedRecord trade = record(RecordKind.TRADE, symbol, timeMs);
        trade.price = Fixed.parse(price);
        trade.size = 100;
        validator.onEntry(trade, true);
        assertEquals(ChannelEntry.OUTCOME_PASS, trade.outcome());
    }

    /** The FMV's outcome, and for an accepted one the last trade it was judged against. */
    private String fmv(final String symbol, final String value, final long timeMs)
    {
        final FeedRecord record = record(RecordKind.FMV, symbol, timeMs * MS);
        record.fmv = Fixed.parse(value);
        validator.onEntry(record, true);
        final String outcome = outcome(record);
        return outcome.equals("accepted") ?
            outcome + " last=" + (record.lastTrade == Fixed.NULL ? "null" : Fixed.toString(record.lastTrade)) : outcome;
    }

    private static String outcome(final FeedRecord record)
    {
        switch (record.outcome())
        {
            case ChannelEntry.OUTCOME_ACCEPTED:
                return "accepted";
            case ChannelEntry.OUTCOME_DUPLICATE:
                return "duplicate";
            case ChannelEntry.OUTCOME_REJECTED:
                return "rejected:" + FmvValidator.REJECT_REASONS.get(record.rejectReason());
            default:
                return "outcome " + record.outcome();
        }
    }

    private static FeedRecord record(final RecordKind kind, final String symbol, final long time)
    {
        final FeedRecord record = new FeedRecord();
        record.clear();
        record.kind = kind;
        record.symbol = symbol;
        record.time = time;
        return record;
    }
}
