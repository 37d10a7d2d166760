package io.tickstock.channels.ohlcv;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.SymbolTable;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rollups (5m, 15m, ...) built from accepted 1m bars and emitted by the channel's event-time
 * clock: a window is emitted, partial or not, once the clock reaches its end plus the allowed
 * lateness, and re-emitted with {@code revised: true} whenever a bar lands in it afterwards.
 * Windows and bars are forgotten once no accepted bar can land in them any more (they end at or
 * before the oldest retained bar's start) and they have been emitted (docs/semantics.md §3).
 *
 * <p>Nothing is allocated per bar or per window. A symbol's bars live in columns of longs
 * ({@link SymbolBars}) and its windows in arrays ({@link Windows}), with slots for the most they
 * can hold while {@link BarProcessor} drives the book (the bounds below, written out in
 * docs/semantics.md §3), allocated with the symbol's first bar (in chunks when a bound is large).
 * The windows waiting for the clock are a heap of primitives ({@link PendingWindows}) with slots
 * reserved as symbols are added. Driven otherwise, with a clock that does not follow the bars,
 * the arrays grow past their bounds, a chunk at a time.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
final class RollupBook
{
    private static final long MINUTE_MS = 60_000L;

    private final long[] sizes;
    private final String[] names;
    private final long allowedLatenessMs;
    private final int retainedBars;
    private final int barSlots;
    private final int windowSlots;
    private final int pendingSlots;
    private final SymbolTable symbolIds;
    /** Each symbol's bars by its id in {@link #symbolIds}: an array index, not a string lookup. */
    private SymbolBars[] byId = new SymbolBars[1024];
    /** Each symbol's bars by its index in {@link #order}. */
    private SymbolBars[] symbols = new SymbolBars[SymbolOrder.CHUNK];
    private final SymbolOrder order = new SymbolOrder();
    private final PendingWindows pending = new PendingWindows(order);
    /** Per size, where {@link #forget} is in the symbol's windows. */
    private final int[] cursors;
    private long clock = Long.MIN_VALUE;

    /**
     * @param minutes      rollup sizes in minutes, ascending.
     * @param retainedBars how many 1m bars the validate stage retains (older ones are late).
     * @param symbolIds    the table the router resolves symbols with (a bar not yet resolved is resolved here).
     */
    RollupBook(final List<Integer> minutes, final long allowedLatenessMs, final int retainedBars, final SymbolTable symbolIds)
    {
        this.symbolIds = symbolIds;
        this.sizes = new long[minutes.size()];
        this.names = new String[minutes.size()];
        for (int i = 0; i < sizes.length; i++)
        {
            sizes[i] = minutes.get(i) * MINUTE_MS;
            names[i] = minutes.get(i) + "m";
        }
        this.allowedLatenessMs = allowedLatenessMs;
        this.retainedBars = retainedBars;
        this.barSlots = barSlotsPerSymbol(retainedBars, sizes.length == 0 ? 0 : minutes.get(sizes.length - 1), allowedLatenessMs);
        this.windowSlots = windowSlotsPerSize(retainedBars, allowedLatenessMs);
        this.pendingSlots = pendingSlotsPerSymbol(sizes, allowedLatenessMs);
        this.cursors = new int[sizes.length];
    }

    /**
     * The most 1m bars a symbol stores, as it stores a new one: {@code max(R, 2) + m + λ} for R
     * retained bars, the longest rollup of m minutes and λ = {@link #lateMinutes}. After forgetting,
     * at most the R retained bars and, before the oldest of them O, the bars of windows that may
     * still be emitted or re-emitted: those of the window holding O (m - 1 at most), and of windows
     * ending at or before O not yet emitted; the clock is at least the previous newest bar's end
     * (O + 1 minute when R is 2 or more), so these end after O + 1 minute - lateness, λ minutes more.
     * With R = 1, O is the new bar and the previous newest stands in for it: one more.
     */
    static int barSlotsPerSymbol(final int retainedBars, final int longestMinutes, final long allowedLatenessMs)
    {
        return Math.max(retainedBars, 2) + longestMinutes + lateMinutes(allowedLatenessMs);
    }

    /**
     * The most windows of one size a symbol remembers, as it adds one: {@code max(R, 2) + λ + 1}.
     * Every remembered window holds a stored bar; those ending after the oldest retained bar hold a
     * retained one, R at most, and those ending before it are not yet emitted, λ at most (as for
     * {@link #barSlotsPerSymbol}; one more with R = 1); a new bar adds one.
     */
    static int windowSlotsPerSize(final int retainedBars, final long allowedLatenessMs)
    {
        return Math.max(retainedBars, 2) + lateMinutes(allowedLatenessMs) + 1;
    }

    /**
     * The most windows a symbol has waiting for the clock between bars: the sum over the sizes s of
     * {@code 1 + ceil(max(0, lateness - 1 minute) / s)}. A waiting window holds a bar, which ended
     * by the clock, and ends after the clock minus the lateness. The bar being stored adds one per
     * size, for its symbol only.
     */
    static int pendingSlotsPerSymbol(final long[] sizes, final long allowedLatenessMs)
    {
        final long beyondMinute = Math.max(0, allowedLatenessMs - MINUTE_MS);
        int slots = 0;
        for (final long size : sizes)
        {
            slots += 1 + (int)((beyondMinute + size - 1) / size);
        }
        return slots;
    }

    /** λ: the whole minutes, rounded up, by which the allowed lateness exceeds one minute. */
    static int lateMinutes(final long allowedLatenessMs)
    {
        return (int)((Math.max(0, allowedLatenessMs - MINUTE_MS) + MINUTE_MS - 1) / MINUTE_MS);
    }

    /** Stores an accepted 1m bar and re-emits the already emitted windows it lands in. */
    void onMinuteBar(final FeedRecord bar)
    {
        if (sizes.length == 0)
        {
            return;
        }
        final int id = symbolIds.resolve(bar);
        if (id >= byId.length)
        {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        SymbolBars symbol = byId[id];
        if (symbol == null)
        {
            symbol = addSymbol(bar.symbol, id);
            byId[id] = symbol;
        }
        final boolean isNew = symbol.put(bar);
        for (int i = 0; i < sizes.length; i++)
        {
            final long size = sizes[i];
            final long windowStart = Math.floorDiv(bar.start, size) * size;
            final Windows windows = symbol.windows;
            final int at = windows.indexOf(i, windowStart);
            if (at < 0)
            {
                windows.add(i, windowStart);
                pending.add(windowStart + size, i, symbol.index);
            }
            else if (windows.isEmitted(at))
            {
                emit(bar, symbol, i, windowStart, true);
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
        if (!pending.isEmpty() && pending.firstEnd() + allowedLatenessMs <= clock)
        {
            order.rankIfWorthwhile();
        }
        while (!pending.isEmpty() && pending.firstEnd() + allowedLatenessMs <= clock)
        {
            final long end = pending.firstEnd();
            final int tf = pending.firstSize();
            final SymbolBars symbol = symbols[pending.firstSymbol()];
            pending.removeFirst();
            final long start = end - sizes[tf];
            symbol.windows.markEmitted(tf, start);
            emit(into, symbol, tf, start, false);
        }
    }

    private SymbolBars addSymbol(final String name, final int tableId)
    {
        final int index = order.add(name);
        if (index == symbols.length)
        {
            symbols = Arrays.copyOf(symbols, index + SymbolOrder.CHUNK);
        }
        final SymbolBars symbol = new SymbolBars(name, tableId, index, barSlots, retainedBars, sizes.length, windowSlots);
        symbols[index] = symbol;
        pending.reserve((index + 1) * pendingSlots + sizes.length);
        return symbol;
    }

    private void emit(final FeedRecord into, final SymbolBars symbol, final int tf, final long start, final boolean revised)
    {
        final long end = start + sizes[tf];
        final long[] starts = symbol.starts;
        final long[] highs = symbol.high;
        final long[] lows = symbol.low;
        final long[] volumes = symbol.volume;
        final long[] vwaps = symbol.vwap;
        final int count = symbol.count;
        final int first = symbol.firstAtOrAfter(start);
        int last = first;
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long volume = 0;
        // sum of vw x v in micros x shares, exact; beyond 64 bits it is summed again exactly below
        long notional = 0;
        boolean notionalOverflow = false;
        boolean hasVwap = true;
        for (int b = first; b < count && starts[b] < end; b++)
        {
            last = b;
            high = Math.max(high, highs[b]);
            low = Math.min(low, lows[b]);
            volume += volumes[b];
            final long vwap = vwaps[b];
            if (vwap == Fixed.NULL)
            {
                hasVwap = false;
            }
            else if (!notionalOverflow)
            {
                // Math.addExact and multiplyExact, without the exception
                final long product = vwap * volumes[b];
                final long sum = notional + product;
                if (Math.multiplyHigh(vwap, volumes[b]) != (product >> 63) || ((notional ^ sum) & (product ^ sum)) < 0)
                {
                    notionalOverflow = true;
                }
                else
                {
                    notional = sum;
                }
            }
        }
        final long open = symbol.open[first];
        final long close = symbol.close[last];
        final MarketEvent event = into.addEvent(EventType.BAR, end);
        event.symbol = symbol.name;
        event.symbolId = symbol.tableId;
        event.srcName = symbol.srcName[last];
        event.srcSeq = symbol.srcSeq[last];
        event.recvUs = symbol.recvUs[last];
        event.tf = names[tf];
        event.open = open;
        event.high = high;
        event.low = low;
        event.close = close;
        event.volume = volume;
        event.vwap = !hasVwap || volume <= 0 ? Fixed.NULL :
            notionalOverflow ? Fixed.quotient(bigNotional(symbol, first, end), BigInteger.valueOf(volume)) :
            Fixed.quotient(notional, 1, 1, volume, 1);
        event.start = start;
        event.end = end;
        event.pct = Fixed.percent(open, close);
        event.relVol = Fixed.NULL;
        event.revised = revised;
        event.derived = true;
    }

    /** The window's sum of vw x v, exactly, for when it exceeds 64 bits (allocates, but only then). */
    private static BigInteger bigNotional(final SymbolBars symbol, final int first, final long end)
    {
        BigInteger notional = BigInteger.ZERO;
        for (int b = first; b < symbol.count && symbol.starts[b] < end; b++)
        {
            notional = notional.add(BigInteger.valueOf(symbol.vwap[b]).multiply(BigInteger.valueOf(symbol.volume[b])));
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
        final Windows windows = symbol.windows;
        for (int i = 0; i < sizes.length; i++)
        {
            windows.forgetEmittedEndingBy(i, sizes[i], oldest);
            cursors[i] = 0;
        }
        // bars from the oldest retained one on are kept; an older one while a remembered window holds it
        final int older = symbol.firstAtOrAfter(oldest);
        final long[] starts = symbol.starts;
        int kept = 0;
        for (int b = 0; b < older; b++)
        {
            final long start = starts[b];
            boolean used = false;
            for (int i = 0; i < sizes.length && !used; i++)
            {
                final long windowStart = Math.floorDiv(start, sizes[i]) * sizes[i];
                cursors[i] = windows.firstAtOrAfter(i, windowStart, cursors[i]);
                used = windows.startsAt(i, cursors[i], windowStart);
            }
            if (used)
            {
                if (kept != b)
                {
                    symbol.move(b, kept, 1);
                }
                kept++;
            }
        }
        if (kept < older)
        {
            final int newer = symbol.count - older;
            symbol.move(older, kept, newer);
            symbol.truncate(kept + newer);
        }
    }

    /** 1m bars remembered over all symbols (for the memory bound). */
    int rememberedBars()
    {
        int sum = 0;
        for (int i = 0; i < order.size(); i++)
        {
            sum += symbols[i].count;
        }
        return sum;
    }

    /** Bar slots allocated over all symbols: {@link #barSlotsPerSymbol} each unless grown. */
    int barSlots()
    {
        int sum = 0;
        for (int i = 0; i < order.size(); i++)
        {
            sum += symbols[i].slots();
        }
        return sum;
    }

    /** Window slots allocated over all symbols and sizes: {@link #windowSlotsPerSize} each unless grown. */
    int windowSlots()
    {
        int sum = 0;
        for (int i = 0; i < order.size(); i++)
        {
            sum += symbols[i].windows.slots();
        }
        return sum;
    }

    /** Slots of the heap of waiting windows. */
    int pendingSlots()
    {
        return pending.slots();
    }

    /** Windows waiting for the clock now. */
    int pendingWindows()
    {
        return pending.size();
    }

    /** Symbols the book has state for. */
    int symbols()
    {
        return order.size();
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
