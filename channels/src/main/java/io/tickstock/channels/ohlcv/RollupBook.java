package io.tickstock.channels.ohlcv;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rollups (5m, 15m, ...) built from accepted 1m bars and emitted by the channel's event-time
 * clock: a window is emitted, partial or not, once the clock reaches its end plus the allowed
 * lateness, and re-emitted with {@code revised: true} whenever a bar lands in it afterwards.
 * Windows and bars are forgotten once no accepted bar can land in them any more (they end at or
 * before the oldest retained bar's start) and they have been emitted.
 *
 * <p>A symbol keeps a few dozen bars and a few windows at most, so they live in small sorted
 * arrays scanned from the newest end, not in boxed tree and hash maps: a minute's burst of
 * 8,000 bars then costs one stored bar each and no boxing.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
final class RollupBook
{
    private final long[] sizes;
    private final String[] names;
    private final long allowedLatenessMs;
    private final int retainedBars;
    private final Map<String, SymbolBars> bySymbol = new HashMap<>();
    private final TreeSet<Pending> pending = new TreeSet<>();
    private long clock = Long.MIN_VALUE;

    /**
     * @param minutes      rollup sizes in minutes, ascending.
     * @param retainedBars how many 1m bars the validate stage retains (older ones are late).
     */
    RollupBook(final List<Integer> minutes, final long allowedLatenessMs, final int retainedBars)
    {
        this.sizes = new long[minutes.size()];
        this.names = new String[minutes.size()];
        for (int i = 0; i < sizes.length; i++)
        {
            sizes[i] = minutes.get(i) * 60_000L;
            names[i] = minutes.get(i) + "m";
        }
        this.allowedLatenessMs = allowedLatenessMs;
        this.retainedBars = retainedBars;
    }

    /** Stores an accepted 1m bar and re-emits the already emitted windows it lands in. */
    void onMinuteBar(final FeedRecord bar)
    {
        if (sizes.length == 0)
        {
            return;
        }
        SymbolBars symbol = bySymbol.get(bar.symbol);
        if (symbol == null)
        {
            symbol = new SymbolBars(sizes.length);
            bySymbol.put(bar.symbol, symbol);
        }
        final boolean isNew = symbol.put(bar.start, new StoredBar(bar));
        for (int i = 0; i < sizes.length; i++)
        {
            final long windowStart = Math.floorDiv(bar.start, sizes[i]) * sizes[i];
            final Windows windows = symbol.windows[i];
            final int at = windows.indexOf(windowStart);
            if (at < 0)
            {
                windows.add(windowStart);
                pending.add(new Pending(windowStart + sizes[i], i, bar.symbol, windowStart));
            }
            else if (windows.emitted[at])
            {
                emit(bar, symbol, i, bar.symbol, windowStart, true);
            }
        }
        if (isNew)
        {
            symbol.retain(bar.start, retainedBars);
            forget(symbol);
        }
    }

    /** Moves the clock forward (never back) and emits every window it has closed, in (end, size, symbol) order. */
    void advance(final long time, final FeedRecord into)
    {
        if (time > clock)
        {
            clock = time;
        }
        // also when the clock did not move: a window that started with this bar may be closed already
        while (!pending.isEmpty() && pending.first().end + allowedLatenessMs <= clock)
        {
            final Pending window = pending.pollFirst();
            final SymbolBars symbol = bySymbol.get(window.symbol);
            final Windows windows = symbol.windows[window.tf];
            windows.emitted[windows.indexOf(window.start)] = true;
            emit(into, symbol, window.tf, window.symbol, window.start, false);
        }
    }

    private void emit(final FeedRecord into, final SymbolBars symbol, final int tf, final String name, final long start, final boolean revised)
    {
        final long end = start + sizes[tf];
        StoredBar first = null;
        StoredBar last = null;
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long volume = 0;
        // sum of vw x v in micros x shares, exact; beyond 64 bits it is summed again exactly below
        long notional = 0;
        boolean notionalOverflow = false;
        boolean hasVwap = true;
        for (int b = symbol.firstAtOrAfter(start); b < symbol.count && symbol.starts[b] < end; b++)
        {
            final StoredBar bar = symbol.bars[b];
            if (first == null)
            {
                first = bar;
            }
            last = bar;
            high = Math.max(high, bar.high);
            low = Math.min(low, bar.low);
            volume += bar.volume;
            if (bar.vwap == Fixed.NULL)
            {
                hasVwap = false;
            }
            else
            {
                try
                {
                    notional = Math.addExact(notional, Math.multiplyExact(bar.vwap, bar.volume));
                }
                catch (final ArithmeticException overflow)
                {
                    notionalOverflow = true;
                }
            }
        }
        final MarketEvent event = into.addEvent(EventType.BAR, end);
        event.symbol = name;
        event.srcName = last.srcName;
        event.srcSeq = last.srcSeq;
        event.recvUs = last.recvUs;
        event.tf = names[tf];
        event.open = first.open;
        event.high = high;
        event.low = low;
        event.close = last.close;
        event.volume = volume;
        event.vwap = !hasVwap || volume <= 0 ? Fixed.NULL :
            notionalOverflow ? Fixed.quotient(bigNotional(symbol, start, end), BigInteger.valueOf(volume)) :
            Fixed.quotient(notional, 1, 1, volume, 1);
        event.start = start;
        event.end = end;
        event.pct = Fixed.percent(first.open, last.close);
        event.relVol = Fixed.NULL;
        event.revised = revised;
        event.derived = true;
    }

    /** The window's sum of vw x v, exactly, for when it exceeds 64 bits. */
    private static BigInteger bigNotional(final SymbolBars symbol, final long start, final long end)
    {
        BigInteger notional = BigInteger.ZERO;
        for (int b = symbol.firstAtOrAfter(start); b < symbol.count && symbol.starts[b] < end; b++)
        {
            final StoredBar bar = symbol.bars[b];
            notional = notional.add(BigInteger.valueOf(bar.vwap).multiply(BigInteger.valueOf(bar.volume)));
        }
        return notional;
    }

    /** Forgets emitted windows no accepted bar can reach, and the bars only they used. */
    private void forget(final SymbolBars symbol)
    {
        if (symbol.retainedCount < retainedBars)
        {
            return;
        }
        final long oldest = symbol.retainedStarts[0];
        for (int i = 0; i < sizes.length; i++)
        {
            symbol.windows[i].forgetEmittedEndingBy(sizes[i], oldest);
        }
        int kept = 0;
        for (int b = 0; b < symbol.count; b++)
        {
            final long start = symbol.starts[b];
            boolean used = start >= oldest;
            for (int i = 0; i < sizes.length && !used; i++)
            {
                used = symbol.windows[i].indexOf(Math.floorDiv(start, sizes[i]) * sizes[i]) >= 0;
            }
            if (used)
            {
                symbol.starts[kept] = start;
                symbol.bars[kept] = symbol.bars[b];
                kept++;
            }
        }
        Arrays.fill(symbol.bars, kept, symbol.count, null);
        symbol.count = kept;
    }

    /** Bars and windows remembered over all symbols (for the memory bound). */
    int rememberedBars()
    {
        int sum = 0;
        for (final SymbolBars symbol : bySymbol.values())
        {
            sum += symbol.count;
        }
        return sum;
    }

    /** One symbol's stored 1m bars (sorted by start) and rollup windows. */
    private static final class SymbolBars
    {
        long[] starts = new long[32];
        StoredBar[] bars = new StoredBar[32];
        int count;
        /** Mirrors the validate stage's retention: the newest starts, ascending. */
        long[] retainedStarts = new long[32];
        int retainedCount;
        final Windows[] windows;

        SymbolBars(final int tfs)
        {
            windows = new Windows[tfs];
            for (int i = 0; i < tfs; i++)
            {
                windows[i] = new Windows();
            }
        }

        /** Stores the bar under its start, replacing one stored there; whether the start is new. */
        boolean put(final long start, final StoredBar bar)
        {
            final int at = firstAfter(starts, count, start);
            if (at > 0 && starts[at - 1] == start)
            {
                bars[at - 1] = bar;
                return false;
            }
            if (count == starts.length)
            {
                starts = Arrays.copyOf(starts, count * 2);
                bars = Arrays.copyOf(bars, count * 2);
            }
            System.arraycopy(starts, at, starts, at + 1, count - at);
            System.arraycopy(bars, at, bars, at + 1, count - at);
            starts[at] = start;
            bars[at] = bar;
            count++;
            return true;
        }

        /** The index of the first bar starting at or after {@code start}, or {@link #count}. */
        int firstAtOrAfter(final long start)
        {
            return firstAfter(starts, count, start - 1);
        }

        /** Adds a new start to the retained ones, dropping the oldest beyond {@code capacity}. */
        void retain(final long start, final int capacity)
        {
            if (retainedCount == retainedStarts.length)
            {
                retainedStarts = Arrays.copyOf(retainedStarts, retainedCount * 2);
            }
            final int at = firstAfter(retainedStarts, retainedCount, start);
            System.arraycopy(retainedStarts, at, retainedStarts, at + 1, retainedCount - at);
            retainedStarts[at] = start;
            retainedCount++;
            if (retainedCount > capacity)
            {
                System.arraycopy(retainedStarts, 1, retainedStarts, 0, retainedCount - 1);
                retainedCount--;
            }
        }
    }

    /**
     * The index of the first of the {@code count} ascending values after {@code value} ({@code count}
     * if none), scanning from the newest end: bars arrive mostly in order, so the scan is short.
     */
    private static int firstAfter(final long[] sorted, final int count, final long value)
    {
        int at = count;
        while (at > 0 && sorted[at - 1] > value)
        {
            at--;
        }
        return at;
    }

    /** One symbol's windows of one size: their starts and whether each was emitted, in order of first bar. */
    private static final class Windows
    {
        long[] starts = new long[8];
        boolean[] emitted = new boolean[8];
        int count;

        int indexOf(final long start)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (starts[i] == start)
                {
                    return i;
                }
            }
            return -1;
        }

        void add(final long start)
        {
            if (count == starts.length)
            {
                starts = Arrays.copyOf(starts, count * 2);
                emitted = Arrays.copyOf(emitted, count * 2);
            }
            starts[count] = start;
            emitted[count] = false;
            count++;
        }

        /** Forgets the emitted windows that end at or before {@code oldest}. */
        void forgetEmittedEndingBy(final long size, final long oldest)
        {
            int kept = 0;
            for (int i = 0; i < count; i++)
            {
                if (!(emitted[i] && starts[i] + size <= oldest))
                {
                    starts[kept] = starts[i];
                    emitted[kept] = emitted[i];
                    kept++;
                }
            }
            count = kept;
        }
    }

    /** A stored 1m bar with the source context of the record that brought it. */
    private static final class StoredBar
    {
        final long open;
        final long high;
        final long low;
        final long close;
        final long volume;
        final long vwap;
        final String srcName;
        final long srcSeq;
        final long recvUs;

        StoredBar(final FeedRecord bar)
        {
            open = bar.open;
            high = bar.high;
            low = bar.low;
            close = bar.close;
            volume = bar.volume;
            vwap = bar.vwap;
            srcName = bar.srcName;
            srcSeq = bar.srcSeq;
            recvUs = bar.recvUs;
        }
    }

    /** A window waiting for the clock: ordered by end, then size, then symbol. */
    private record Pending(long end, int tf, String symbol, long start) implements Comparable<Pending>
    {
        @Override
        public int compareTo(final Pending other)
        {
            int c = Long.compare(end, other.end);
            if (c == 0)
            {
                c = Integer.compare(tf, other.tf);
            }
            if (c == 0)
            {
                c = symbol.compareTo(other.symbol);
            }
            return c;
        }
    }

    static List<Integer> minutesOf(final List<String> timeframes)
    {
        final List<Integer> minutes = new ArrayList<>();
        for (final String tf : timeframes)
        {
            final int m = io.tickstock.channels.MarketConfig.Builder.rollupMinutes(tf);
            if (!minutes.contains(m))
            {
                minutes.add(m);
            }
        }
        minutes.sort(null);
        return minutes;
    }
}
