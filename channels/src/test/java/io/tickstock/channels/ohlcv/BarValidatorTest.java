package io.tickstock.channels.ohlcv;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.ChannelEntry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ohlcv channel's validate stage on its own (docs/semantics.md §3): each check at its exact
 * boundary, lateness against the retained bars, duplicates against revisions, and relVol.
 */
class BarValidatorTest
{
    /** 2023-11-14T15:00:00Z, on both grids. */
    private static final long T0 = 1_699_974_000_000L;
    private static final long MINUTE = 60_000L;

    private final BarValidator validator = new BarValidator(new SymbolTable(), 3, 2);

    @Test
    void shouldAcceptABarWhoseLowAndHighEqualTheBodyAndWhoseVolumeIsZero()
    {
        assertEquals("accepted", check(minuteBar(T0, "10", "12", "10", "12", 0)));
        assertEquals("accepted", check(minuteBar(T0 + MINUTE, "12", "12", "10", "10", 0)));
    }

    @Test
    void shouldRejectBarWhenLowAboveOpenOrCloseOrHighBelowEither()
    {
        assertEquals("rejected:bad_bar", check(minuteBar(T0, "10", "12", "10.000001", "11", 1)), "low above open");
        assertEquals("rejected:bad_bar", check(minuteBar(T0, "11", "12", "10.000001", "10", 1)), "low above close");
        assertEquals("rejected:bad_bar", check(minuteBar(T0, "12", "11.999999", "10", "11", 1)), "high below open");
        assertEquals("rejected:bad_bar", check(minuteBar(T0, "11", "11.999999", "10", "12", 1)), "high below close");
    }

    @Test
    void shouldRejectBarWithALowThatIsNotPositiveOrANegativeVolume()
    {
        assertEquals("rejected:bad_bar", check(minuteBar(T0, "0.000001", "1", "0", "1", 1)));
        assertEquals("accepted", check(minuteBar(T0, "0.000001", "1", "0.000001", "1", 1)));
        assertEquals("rejected:bad_bar", check(minuteBar(T0 + MINUTE, "1", "1", "1", "1", -1)));
    }

    @Test
    void shouldRejectBarThatEndsAtOrBeforeItsStartAsBadBarBeforeMisaligned()
    {
        final FeedRecord bar = minuteBar(T0, "1", "1", "1", "1", 1);
        bar.end = bar.start;
        assertEquals("rejected:bad_bar", check(bar));
    }

    @Test
    void shouldRejectBarWithAHighOrVwapTooLargeForFixedPoint()
    {
        final FeedRecord high = minuteBar(T0, "1", "1", "1", "1", 1);
        high.high = Fixed.NOT_FINITE;
        assertEquals("rejected:bad_bar", check(high));
        final FeedRecord vwap = minuteBar(T0, "1", "1", "1", "1", 1);
        vwap.vwap = Fixed.NOT_FINITE;
        assertEquals("rejected:bad_bar", check(vwap));
    }

    @Test
    void shouldRejectBarOffItsTimeframeGridOrOfTheWrongLengthAsMisaligned()
    {
        assertEquals("rejected:misaligned", check(bar(RecordKind.BAR_MINUTE, T0 + 1_000, T0 + 1_000 + MINUTE)));
        assertEquals("rejected:misaligned", check(bar(RecordKind.BAR_MINUTE, T0, T0 + 2 * MINUTE)));
        assertEquals("accepted", check(bar(RecordKind.BAR_SECOND, T0 + 1_000, T0 + 2_000)));
        assertEquals("rejected:misaligned", check(bar(RecordKind.BAR_SECOND, T0 + 1_500, T0 + 2_500)));
        assertEquals("rejected:misaligned", check(bar(RecordKind.BAR_SECOND, T0, T0 + MINUTE)));
    }

    @Test
    void shouldRejectAnInvalidSymbolBeforeAnyOtherCheck()
    {
        final FeedRecord bar = bar(RecordKind.BAR_MINUTE, T0 + 1, T0);
        bar.symbol = "aapl";
        assertEquals("rejected:bad_symbol", check(bar));
    }

    @Test
    void shouldPassAClockTickWithoutChecks()
    {
        final FeedRecord tick = new FeedRecord();
        tick.clear();
        tick.kind = RecordKind.CLOCK;
        validator.onEntry(tick, true);
        assertEquals(ChannelEntry.OUTCOME_PASS, tick.outcome());
    }

    @Test
    void shouldRejectOnlyBarsStartingBeforeTheOldestRetainedOneOnceTheSeriesIsFull()
    {
        assertEquals("accepted", check(minuteBar(T0 + MINUTE, "1", "1", "1", "1", 1)));
        assertEquals("accepted", check(minuteBar(T0 + 2 * MINUTE, "1", "1", "1", "1", 1)));
        assertEquals("accepted", check(minuteBar(T0, "1", "1", "1", "1", 1)), "not full yet: an older bar is still taken");
        assertEquals("rejected:late", check(minuteBar(T0 - MINUTE, "1", "1", "1", "1", 1)));
        final FeedRecord revision = minuteBar(T0, "1", "2", "1", "2", 1);
        assertEquals("accepted", check(revision), "the oldest retained bar itself may still be revised");
        assertTrue(revision.revised);
        assertEquals("accepted", check(minuteBar(T0 + 3 * MINUTE, "1", "1", "1", "1", 1)), "pushes the bar at T0 out");
        assertEquals("rejected:late", check(minuteBar(T0, "1", "2", "1", "2", 1)));
        assertEquals("duplicate", check(minuteBar(T0 + MINUTE, "1", "1", "1", "1", 1)), "the new oldest is still retained");
    }

    @Test
    void shouldKeepMinuteAndSecondBarsInSeriesOfTheirOwn()
    {
        assertEquals("accepted", check(bar(RecordKind.BAR_MINUTE, T0, T0 + MINUTE)));
        final FeedRecord second = bar(RecordKind.BAR_SECOND, T0, T0 + 1_000);
        assertEquals("accepted", check(second), "same start, other timeframe: not a duplicate");
        assertFalse(second.revised);
    }

    @Test
    void shouldTreatABarDifferingOnlyInOneFieldAsARevision()
    {
        final FeedRecord first = minuteBar(T0, "10", "12", "9", "11", 100);
        first.vwap = Fixed.parse("10.5");
        assertEquals("accepted", check(first));
        assertFalse(first.revised);
        final String[] fields = {"open", "high", "low", "close", "volume", "vwap"};
        for (final String field : fields)
        {
            final FeedRecord repeat = minuteBar(T0, "10", "12", "9", "11", 100);
            repeat.vwap = Fixed.parse("10.5");
            assertEquals("duplicate", check(repeat), field);
            final FeedRecord revision = minuteBar(T0, "10", "12", "9", "11", 100);
            revision.vwap = Fixed.parse("10.5");
            switch (field)
            {
                case "open" -> revision.open = Fixed.parse("10.1");
                case "high" -> revision.high = Fixed.parse("12.1");
                case "low" -> revision.low = Fixed.parse("8.9");
                case "close" -> revision.close = Fixed.parse("11.1");
                case "volume" -> revision.volume = 101;
                default -> revision.vwap = Fixed.parse("10.6");
            }
            assertEquals("accepted", check(revision), field);
            assertTrue(revision.revised, field);
            // back to the first content for the next field
            final FeedRecord restore = minuteBar(T0, "10", "12", "9", "11", 100);
            restore.vwap = Fixed.parse("10.5");
            assertEquals("accepted", check(restore), field);
        }
    }

    @Test
    void shouldGiveRelVolOverTheMeanOfThePriorBarsOnlyOnceThereAreEnough()
    {
        final FeedRecord first = minuteBar(T0, "1", "1", "1", "1", 100);
        check(first);
        assertEquals(Fixed.NULL, first.relVol);
        final FeedRecord second = minuteBar(T0 + MINUTE, "1", "1", "1", "1", 300);
        check(second);
        assertEquals(Fixed.NULL, second.relVol, "one prior bar, two needed");
        final FeedRecord third = minuteBar(T0 + 2 * MINUTE, "1", "1", "1", "1", 300);
        check(third);
        assertEquals(Fixed.parse("1.5"), third.relVol, "300 / mean(100, 300)");
        final FeedRecord revision = minuteBar(T0 + MINUTE, "1", "1", "1", "1", 50);
        check(revision);
        assertEquals(Fixed.NULL, revision.relVol, "only bars before its start count: one");
        final FeedRecord fourth = minuteBar(T0 + 3 * MINUTE, "1", "1", "1", "1", 70);
        check(fourth);
        assertEquals(Fixed.parse("0.4"), fourth.relVol, "70 / mean(50, 300): the revised volume");
    }

    @Test
    void shouldGiveNullRelVolWhenThePriorBarsHaveNoVolume()
    {
        check(minuteBar(T0, "1", "1", "1", "1", 0));
        check(minuteBar(T0 + MINUTE, "1", "1", "1", "1", 0));
        final FeedRecord third = minuteBar(T0 + 2 * MINUTE, "1", "1", "1", "1", 10);
        check(third);
        assertEquals(Fixed.NULL, third.relVol);
    }

    private String check(final FeedRecord bar)
    {
        validator.onEntry(bar, true);
        switch (bar.outcome())
        {
            case ChannelEntry.OUTCOME_ACCEPTED:
                return "accepted";
            case ChannelEntry.OUTCOME_DUPLICATE:
                return "duplicate";
            case ChannelEntry.OUTCOME_REJECTED:
                return "rejected:" + BarValidator.REJECT_REASONS.get(bar.rejectReason());
            default:
                return "outcome " + bar.outcome();
        }
    }

    private static FeedRecord minuteBar(final long start, final String o, final String h, final String l, final String c, final long v)
    {
        final FeedRecord bar = bar(RecordKind.BAR_MINUTE, start, start + MINUTE);
        bar.open = Fixed.parse(o);
        bar.high = Fixed.parse(h);
        bar.low = Fixed.parse(l);
        bar.close = Fixed.parse(c);
        bar.volume = v;
        return bar;
    }

    private static FeedRecord bar(final RecordKind kind, final long start, final long end)
    {
        final FeedRecord bar = new FeedRecord();
        bar.clear();
        bar.kind = kind;
        bar.symbol = "AAPL";
        bar.open = Fixed.ONE;
        bar.high = Fixed.ONE;
        bar.low = Fixed.ONE;
        bar.close = Fixed.ONE;
        bar.volume = 1;
        bar.start = start;
        bar.end = end;
        return bar;
    }
}
