package io.tickstock.channels.ohlcv;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rollups on their own (docs/semantics.md §3): the emitted window's exact fields, the allowed
 * lateness to the millisecond, re-emission of a revised bar's window, and how many bars the book
 * still remembers as windows are emitted and pass out of reach.
 */
class RollupBookTest
{
    /** 2023-11-14T15:00:00Z: on the 5m and 15m grids. */
    private static final long T0 = 1_699_974_000_000L;
    private static final long MINUTE = 60_000L;

    @Test
    void shouldEmitAWindowWithItsOpenHighLowCloseVolumeAndVolumeWeightedVwapOnceTheClockPassesItsEndPlusLateness()
    {
        final RollupBook book = new RollupBook(List.of(5), 5_000, 16, new SymbolTable());
        final FeedRecord into = record();
        book.onMinuteBar(bar(0, "10", "11", "9.5", "10.5", 100, "10"));
        book.onMinuteBar(bar(1, "10.5", "12", "10", "11", 300, "11"));
        book.advance(T0 + 5 * MINUTE + 4_999, into);
        assertEquals(List.of(), events(into));
        book.advance(T0 + 5 * MINUTE + 5_000, into);
        assertEquals(List.of("bar AAPL ts=" + (T0 + 5 * MINUTE) + " tf=5m start=" + T0 + " end=" + (T0 + 5 * MINUTE) +
            " o=10 h=12 l=9.5 c=11 v=400 vw=10.75 pct=10 relVol=null revised=false"), events(into));
        book.advance(T0 + 9 * MINUTE, into);
        assertEquals(1, events(into).size(), "emitted once");
    }

    @Test
    void shouldReemitAnEmittedWindowAsRevisedWhenOneOfItsBarsIsRevised()
    {
        final RollupBook book = new RollupBook(List.of(5), 0, 16, new SymbolTable());
        book.onMinuteBar(bar(0, "10", "11", "9.5", "10.5", 100, "10"));
        book.advance(T0 + 5 * MINUTE, record());
        final FeedRecord revision = bar(0, "10", "11", "9", "9.5", 200, "10");
        book.onMinuteBar(revision);
        assertEquals(List.of("bar AAPL ts=" + (T0 + 5 * MINUTE) + " tf=5m start=" + T0 + " end=" + (T0 + 5 * MINUTE) +
            " o=10 h=11 l=9 c=9.5 v=200 vw=10 pct=-5 relVol=null revised=true"), events(revision));
    }

    @Test
    void shouldForgetAnEmittedWindowAndItsBarsOnceTheOldestRetainedBarStartsAtItsEnd()
    {
        final RollupBook book = new RollupBook(List.of(5), 0, 3, new SymbolTable());
        final List<Integer> remembered = new ArrayList<>();
        for (int minute = 0; minute <= 12; minute++)
        {
            book.onMinuteBar(bar(minute, "1", "1", "1", "1", 1, "1"));
            book.advance(T0 + (minute + 1) * MINUTE, record());
            remembered.add(book.rememberedBars());
        }
        // the window [0, 5m) is emitted at 5m and forgotten when the oldest of 3 retained bars starts at 5m (the bar at 7m)
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 3, 4, 5, 6, 7, 3), remembered);
    }

    @Test
    void shouldEmitWindowsClosedTogetherByEndThenSizeThenSymbolNameWhateverOrderTheSymbolsCameIn()
    {
        final RollupBook book = new RollupBook(List.of(5, 15), 0, 16, new SymbolTable());
        final List<String> arrival = List.of("MSFT", "AAPL", "ZM", "IBM", "C", "TSLA", "GE", "NVDA", "F", "BA", "T", "KO");
        book.onMinuteBar(bar("X", 9, "1", "1", "1", "1", 1, "1"));
        for (final String symbol : arrival)
        {
            book.onMinuteBar(bar(symbol, 14, "1", "1", "1", "1", 1, "1"));
        }
        final FeedRecord first = record();
        book.advance(T0 + 15 * MINUTE, first);
        final List<String> sorted = arrival.stream().sorted().toList();
        final List<String> expected = new ArrayList<>(List.of("X 5m " + (T0 + 10 * MINUTE)));
        sorted.forEach(symbol -> expected.add(symbol + " 5m " + (T0 + 15 * MINUTE)));
        final List<String> withX = new ArrayList<>(sorted);
        withX.add("X");
        withX.sort(null);
        withX.forEach(symbol -> expected.add(symbol + " 15m " + (T0 + 15 * MINUTE)));
        assertEquals(expected, windows(first));

        // a new symbol is compared by name until there are enough new ones to rank them all again
        book.onMinuteBar(bar("GM", 15, "1", "1", "1", "1", 1, "1"));
        for (final String symbol : arrival)
        {
            book.onMinuteBar(bar(symbol, 15, "1", "1", "1", "1", 1, "1"));
        }
        final FeedRecord second = record();
        book.advance(T0 + 30 * MINUTE, second);
        final List<String> withNew = new ArrayList<>(arrival);
        withNew.add("GM");
        withNew.sort(null);
        final List<String> expectedSecond = new ArrayList<>();
        withNew.forEach(symbol -> expectedSecond.add(symbol + " 5m " + (T0 + 20 * MINUTE)));
        withNew.forEach(symbol -> expectedSecond.add(symbol + " 15m " + (T0 + 30 * MINUTE)));
        assertEquals(expectedSecond, windows(second));
    }

    @Test
    void shouldKeepEveryBarAndWindowWhileTheClockStandsStillAndEmitThemInOrderOnceItMoves()
    {
        // 3 retained bars and 5m windows: 8 bar slots and 4 window slots, outgrown here
        final RollupBook book = new RollupBook(List.of(5), 0, 3, new SymbolTable());
        for (int minute = 0; minute < 40; minute++)
        {
            book.onMinuteBar(bar(minute, "1", "1", "1", "1", minute, "1"));
        }
        assertEquals(40, book.rememberedBars(), "no window was emitted, so no bar can be forgotten");
        final FeedRecord into = record();
        book.advance(T0 + 40 * MINUTE, into);
        final List<String> expected = new ArrayList<>();
        for (int window = 0; window < 8; window++)
        {
            final long start = T0 + window * 5 * MINUTE;
            final long volume = 5 * (5 * window) + 10;
            expected.add("bar AAPL ts=" + (start + 5 * MINUTE) + " tf=5m start=" + start + " end=" + (start + 5 * MINUTE) +
                " o=1 h=1 l=1 c=1 v=" + volume + " vw=1 pct=0 relVol=null revised=false");
        }
        assertEquals(expected, events(into));
        book.onMinuteBar(bar(40, "1", "1", "1", "1", 40, "1"));
        assertEquals(6, book.rememberedBars(), "the 3 retained bars, from 38 on, and the bars of the window holding 38, from 35 on");
    }

    @Test
    void shouldEmitOnlyTheEventsOfTheLatestBarWhenTheRingReusesAnEntry()
    {
        final BarProcessor processor = new BarProcessor(io.tickstock.channels.MarketConfig.builder().ohlcvRollups(List.of()).build(), new SymbolTable());
        final FeedRecord bar = bar(0, "10", "11", "9.5", "10.5", 100, "10");
        processor.onEntry(bar, true);
        processor.onEntry(bar, true);
        assertEquals(List.of("bar AAPL ts=" + (T0 + MINUTE) + " tf=1m start=" + T0 + " end=" + (T0 + MINUTE) +
            " o=10 h=11 l=9.5 c=10.5 v=100 vw=10 pct=5 relVol=null revised=false"), events(bar));
    }

    @Test
    void shouldKeepEachRollupSizeOnceInAscendingOrder()
    {
        assertEquals(List.of(5, 15, 60), RollupBook.minutesOf(List.of("60m", "5m", "15m", "5m")));
    }

    /** Each event's "symbol tf end". */
    private static List<String> windows(final FeedRecord record)
    {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < record.eventCount(); i++)
        {
            out.add(record.event(i).symbol + " " + record.event(i).tf + " " + record.event(i).end);
        }
        return out;
    }

    private static List<String> events(final FeedRecord record)
    {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < record.eventCount(); i++)
        {
            out.add(record.event(i).toString());
        }
        return out;
    }

    private static FeedRecord record()
    {
        final FeedRecord record = new FeedRecord();
        record.clear();
        record.kind = RecordKind.CLOCK;
        record.symbol = "AAPL";
        return record;
    }

    private static FeedRecord bar(final int minute, final String o, final String h, final String l, final String c, final long v,
        final String vw)
    {
        return bar("AAPL", minute, o, h, l, c, v, vw);
    }

    private static FeedRecord bar(final String symbol, final int minute, final String o, final String h, final String l,
        final String c, final long v, final String vw)
    {
        final FeedRecord bar = record();
        bar.symbol = symbol;
        bar.kind = RecordKind.BAR_MINUTE;
        bar.start = T0 + minute * MINUTE;
        bar.end = bar.start + MINUTE;
        bar.open = Fixed.parse(o);
        bar.high = Fixed.parse(h);
        bar.low = Fixed.parse(l);
        bar.close = Fixed.parse(c);
        bar.volume = v;
        bar.vwap = Fixed.parse(vw);
        return bar;
    }
}
