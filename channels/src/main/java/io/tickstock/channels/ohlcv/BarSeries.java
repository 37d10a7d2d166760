package io.tickstock.channels.ohlcv;

import io.tickstock.channels.FeedRecord;

/**
 * The newest bars of one symbol and timeframe, ordered by start: what decides duplicates,
 * revisions, lateness and relative volume.
 *
 * <p>The bars are a ring of {@code capacity + 1} slots, allocated once: a bar newer than all the
 * others, as nearly every bar is, takes the next slot and the oldest drops out by moving the
 * head, so nothing is shifted. Each bar touches the state of a symbol last seen a minute ago,
 * out of cache by then, so the layout is by use: starts and volumes, searched and summed, are
 * columns; the rest of a bar, only written and compared with a resent bar, is one row of six
 * longs.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's validate thread.
 */
final class BarSeries
{
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;
    private static final int VWAP = 4;
    private static final int END = 5;
    private static final int ROW = 6;

    private final int capacity;
    private final int slots;
    private final long[] start;
    private final long[] volume;
    private final long[] rows;
    /** The slot of the oldest bar. */
    private int head;
    private int size;

    BarSeries(final int capacity)
    {
        this.capacity = capacity;
        slots = capacity + 1;
        start = new long[slots];
        volume = new long[slots];
        rows = new long[slots * ROW];
    }

    /** Whether the bar starts before the oldest retained one while the series is full. */
    boolean isLate(final long barStart)
    {
        return size == capacity && barStart < start[head];
    }

    /** The index (0 the oldest) of the retained bar with this start, or -1. */
    int indexOf(final long barStart)
    {
        for (int i = size - 1; i >= 0; i--)
        {
            final long s = start[slot(i)];
            if (s == barStart)
            {
                return i;
            }
            if (s < barStart)
            {
                return -1;
            }
        }
        return -1;
    }

    boolean sameContent(final int index, final FeedRecord bar)
    {
        final int slot = slot(index);
        final int row = slot * ROW;
        return rows[row + OPEN] == bar.open && rows[row + HIGH] == bar.high && rows[row + LOW] == bar.low &&
            rows[row + CLOSE] == bar.close && volume[slot] == bar.volume && rows[row + VWAP] == bar.vwap &&
            rows[row + END] == bar.end;
    }

    /**
     * The sum of the volumes of the {@code count} newest retained bars starting before {@code barStart},
     * or -1 when fewer than {@code count} do.
     */
    long volumeBefore(final long barStart, final int count)
    {
        int i = size - 1;
        while (i >= 0 && start[slot(i)] >= barStart)
        {
            i--;
        }
        if (i + 1 < count)
        {
            return -1;
        }
        long sum = 0;
        for (int n = 0; n < count; n++, i--)
        {
            sum += volume[slot(i)];
        }
        return sum;
    }

    void replace(final int index, final FeedRecord bar)
    {
        set(slot(index), bar);
    }

    /** Inserts a bar with a new start, dropping the oldest once more than the capacity are retained. */
    void insert(final FeedRecord bar)
    {
        int i = size;
        while (i > 0 && start[slot(i - 1)] > bar.start)
        {
            copy(slot(i - 1), slot(i));
            i--;
        }
        set(slot(i), bar);
        size++;
        if (size > capacity)
        {
            head = head + 1 == slots ? 0 : head + 1;
            size--;
        }
    }

    int size()
    {
        return size;
    }

    /** The slot of the bar at {@code index}, 0 the oldest. */
    private int slot(final int index)
    {
        final int slot = head + index;
        return slot >= slots ? slot - slots : slot;
    }

    private void set(final int slot, final FeedRecord bar)
    {
        start[slot] = bar.start;
        volume[slot] = bar.volume;
        final int row = slot * ROW;
        rows[row + OPEN] = bar.open;
        rows[row + HIGH] = bar.high;
        rows[row + LOW] = bar.low;
        rows[row + CLOSE] = bar.close;
        rows[row + VWAP] = bar.vwap;
        rows[row + END] = bar.end;
    }

    private void copy(final int from, final int to)
    {
        start[to] = start[from];
        volume[to] = volume[from];
        System.arraycopy(rows, from * ROW, rows, to * ROW, ROW);
    }
}
