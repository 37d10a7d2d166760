package io.tickstock.channels.ohlcv;

import io.tickstock.channels.FeedRecord;

import java.util.Arrays;

/**
 * One symbol's stored 1m bars, ascending by start, a column per field, and its rollup windows.
 * Storing a bar writes longs and one reference and allocates nothing. The columns have as many
 * slots as the symbol can need ({@link RollupBook#barSlotsPerSymbol}; 31 with the defaults) from
 * its first bar, or, when that bound passes {@link #CHUNK}, that many first and {@code CHUNK} more
 * each time they fill up, up to the bound: a 1440m rollup keeps a day of bars, which a symbol that
 * trades an hour does not need. They grow past the bound only when the clock does not follow the
 * bars, which {@link BarProcessor} never lets happen.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
final class SymbolBars
{
    /** Bar slots allocated at a time while the bound is larger. */
    static final int CHUNK = 64;

    final String name;
    /** The symbol's id in the pipeline's {@link io.tickstock.channels.SymbolTable}. */
    final int tableId;
    /** The symbol's index in its {@link RollupBook} and {@link SymbolOrder}. */
    final int index;
    final Windows windows;

    private final int bound;
    long[] starts;
    long[] open;
    long[] high;
    long[] low;
    long[] close;
    long[] volume;
    long[] vwap;
    long[] srcSeq;
    long[] recvUs;
    /** A reference to the source's name, not a copy. */
    String[] srcName;
    int count;

    /** Mirrors the validate stage's retention: the newest starts, ascending (one slot spare while inserting). */
    final long[] retainedStarts;
    int retainedCount;

    SymbolBars(final String name, final int tableId, final int index, final int barSlots, final int retainedBars, final int sizes, final int windowSlots)
    {
        this.name = name;
        this.tableId = tableId;
        this.index = index;
        this.bound = barSlots;
        final int slots = Math.min(barSlots, CHUNK);
        starts = new long[slots];
        open = new long[slots];
        high = new long[slots];
        low = new long[slots];
        close = new long[slots];
        volume = new long[slots];
        vwap = new long[slots];
        srcSeq = new long[slots];
        recvUs = new long[slots];
        srcName = new String[slots];
        retainedStarts = new long[retainedBars + 1];
        windows = new Windows(sizes, windowSlots);
    }

    /** Stores the bar under its start, replacing one stored there; whether the start is new. */
    boolean put(final FeedRecord bar)
    {
        final int at = firstAfter(starts, count, bar.start);
        if (at > 0 && starts[at - 1] == bar.start)
        {
            set(at - 1, bar);
            return false;
        }
        if (count == starts.length)
        {
            grow();
        }
        if (at < count)
        {
            move(at, at + 1, count - at);
        }
        set(at, bar);
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

    /** Moves {@code length} bars from {@code from} to {@code to}, column by column. */
    void move(final int from, final int to, final int length)
    {
        System.arraycopy(starts, from, starts, to, length);
        System.arraycopy(open, from, open, to, length);
        System.arraycopy(high, from, high, to, length);
        System.arraycopy(low, from, low, to, length);
        System.arraycopy(close, from, close, to, length);
        System.arraycopy(volume, from, volume, to, length);
        System.arraycopy(vwap, from, vwap, to, length);
        System.arraycopy(srcSeq, from, srcSeq, to, length);
        System.arraycopy(recvUs, from, recvUs, to, length);
        System.arraycopy(srcName, from, srcName, to, length);
    }

    /** Keeps the first {@code kept} bars, releasing the source names of the rest. */
    void truncate(final int kept)
    {
        Arrays.fill(srcName, kept, count, null);
        count = kept;
    }

    int slots()
    {
        return starts.length;
    }

    private void set(final int i, final FeedRecord bar)
    {
        starts[i] = bar.start;
        open[i] = bar.open;
        high[i] = bar.high;
        low[i] = bar.low;
        close[i] = bar.close;
        volume[i] = bar.volume;
        vwap[i] = bar.vwap;
        srcSeq[i] = bar.srcSeq;
        recvUs[i] = bar.recvUs;
        srcName[i] = bar.srcName;
    }

    private void grow()
    {
        final int slots = grownSlots(starts.length, bound, CHUNK);
        starts = Arrays.copyOf(starts, slots);
        open = Arrays.copyOf(open, slots);
        high = Arrays.copyOf(high, slots);
        low = Arrays.copyOf(low, slots);
        close = Arrays.copyOf(close, slots);
        volume = Arrays.copyOf(volume, slots);
        vwap = Arrays.copyOf(vwap, slots);
        srcSeq = Arrays.copyOf(srcSeq, slots);
        recvUs = Arrays.copyOf(recvUs, slots);
        srcName = Arrays.copyOf(srcName, slots);
    }

    /** {@code chunk} slots more than {@code slots}, but no more than {@code bound} while below it. */
    static int grownSlots(final int slots, final int bound, final int chunk)
    {
        return slots < bound ? Math.min(slots + chunk, bound) : slots + chunk;
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
}
