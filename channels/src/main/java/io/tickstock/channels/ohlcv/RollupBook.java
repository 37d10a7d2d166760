package io.tickstock.channels.ohlcv;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rollups (5m, 15m, ...) built from accepted 1m bars and emitted by the channel's event-time
 * clock: a window is emitted, partial or not, once the clock reaches its end plus the allowed
 * lateness, and re-emitted with {@code revised: true} whenever a bar lands in it afterwards.
 * Windows and bars are forgotten once no accepted bar can land in them any more (they end at or
 * before the oldest retained bar's start) and they have been emitted.
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
        final SymbolBars symbol = bySymbol.computeIfAbsent(bar.symbol, s -> new SymbolBars(sizes.length));
        final StoredBar stored = new StoredBar(bar);
        final boolean isNew = symbol.bars.put(bar.start, stored) == null;
        for (int i = 0; i < sizes.length; i++)
        {
            final long windowStart = Math.floorDiv(bar.start, sizes[i]) * sizes[i];
            final Boolean emitted = symbol.windows[i].get(windowStart);
            if (emitted == null)
            {
                symbol.windows[i].put(windowStart, Boolean.FALSE);
                pending.add(new Pending(windowStart + sizes[i], i, bar.symbol, windowStart));
            }
            else if (emitted)
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
            symbol.windows[window.tf].put(window.start, Boolean.TRUE);
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
        double notional = 0;
        boolean hasVwap = true;
        for (final StoredBar bar : symbol.bars.subMap(start, end).values())
        {
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
                notional += Fixed.toDouble(bar.vwap) * bar.volume;
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
        event.vwap = hasVwap && volume > 0 ? Fixed.ofDouble(notional / volume) : Fixed.NULL;
        event.start = start;
        event.end = end;
        event.pct = Fixed.ofDouble((last.close - first.open) * 100.0 / first.open);
        event.relVol = Fixed.NULL;
        event.revised = revised;
        event.derived = true;
    }

    /** Forgets emitted windows no accepted bar can reach, and the bars only they used. */
    private void forget(final SymbolBars symbol)
    {
        if (symbol.retainedStarts.size() < retainedBars)
        {
            return;
        }
        final long oldest = symbol.retainedStarts.first();
        for (int i = 0; i < sizes.length; i++)
        {
            final long size = sizes[i];
            symbol.windows[i].entrySet().removeIf(window -> window.getValue() && window.getKey() + size <= oldest);
        }
        final Iterator<Map.Entry<Long, StoredBar>> bars = symbol.bars.headMap(oldest).entrySet().iterator();
        while (bars.hasNext())
        {
            final long start = bars.next().getKey();
            boolean used = false;
            for (int i = 0; i < sizes.length && !used; i++)
            {
                used = symbol.windows[i].containsKey(Math.floorDiv(start, sizes[i]) * sizes[i]);
            }
            if (!used)
            {
                bars.remove();
            }
        }
    }

    /** Bars and windows remembered over all symbols (for the memory bound). */
    int rememberedBars()
    {
        int sum = 0;
        for (final SymbolBars symbol : bySymbol.values())
        {
            sum += symbol.bars.size();
        }
        return sum;
    }

    /** One symbol's stored 1m bars and rollup windows (start to emitted?). */
    private static final class SymbolBars
    {
        final TreeMap<Long, StoredBar> bars = new TreeMap<>();
        final TreeSet<Long> retainedStarts = new TreeSet<>();
        final Map<Long, Boolean>[] windows;

        @SuppressWarnings({"unchecked", "rawtypes"})
        SymbolBars(final int tfs)
        {
            windows = new Map[tfs];
            for (int i = 0; i < tfs; i++)
            {
                windows[i] = new HashMap<>();
            }
        }

        /** Mirrors the validate stage's retention: the newest starts. */
        void retain(final long start, final int capacity)
        {
            retainedStarts.add(start);
            if (retainedStarts.size() > capacity)
            {
                retainedStarts.pollFirst();
            }
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
