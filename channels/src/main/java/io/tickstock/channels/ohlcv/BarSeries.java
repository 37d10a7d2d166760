package io.tickstock.channels.ohlcv;

import io.tickstock.channels.FeedRecord;

/**
 * The newest bars of one symbol and timeframe, ordered by start: what decides duplicates,
 * revisions, lateness and relative volume.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's validate thread.
 */
final class BarSeries
{
    private final int capacity;
    private final long[] start;
    private final long[] open;
    private final long[] high;
    private final long[] low;
    private final long[] close;
    private final long[] volume;
    private final long[] vwap;
    private final long[] end;
    private int size;

    BarSeries(final int capacity)
    {
        this.capacity = capacity;
        start = new long[capacity + 1];
        open = new long[capacity + 1];
        high = new long[capacity + 1];
        low = new long[capacity + 1];
        close = new long[capacity + 1];
        volume = new long[capacity + 1];
        vwap = new long[capacity + 1];
        end = new long[capacity + 1];
    }

    /** Whether the bar starts before the oldest retained one while the series is full. */
    boolean isLate(final long barStart)
    {
        return size == capacity && barStart < start[0];
    }

    /** The index of the retained bar with this start, or -1. */
    int indexOf(final long barStart)
    {
        for (int i = size - 1; i >= 0; i--)
        {
            if (start[i] == barStart)
            {
                return i;
            }
        }
        return -1;
    }

    boolean sameContent(final int index, final FeedRecord bar)
    {
        return open[index] == bar.open && high[index] == bar.high && low[index] == bar.low &&
            close[index] == bar.close && volume[index] == bar.volume && vwap[index] == bar.vwap &&
            end[index] == bar.end;
    }

    /**
     * The sum of the volumes of the {@code count} newest retained bars starting before {@code barStart},
     * or -1 when fewer than {@code count} do.
     */
    long volumeBefore(final long barStart, final int count)
    {
        int i = size - 1;
        while (i >= 0 && start[i] >= barStart)
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
            sum += volume[i];
        }
        return sum;
    }

    void replace(final int index, final FeedRecord bar)
    {
        set(index, bar);
    }

    /** Inserts a bar with a new start, dropping the oldest once more than the capacity are retained. */
    void insert(final FeedRecord bar)
    {
        int i = size;
        while (i > 0 && start[i - 1] > bar.start)
        {
            copy(i - 1, i);
            i--;
        }
        set(i, bar);
        size++;
        if (size > capacity)
        {
            for (int j = 1; j < size; j++)
            {
                copy(j, j - 1);
            }
            size--;
        }
    }

    int size()
    {
        return size;
    }

    private void set(final int i, final FeedRecord bar)
    {
        start[i] = bar.start;
        open[i] = bar.open;
        high[i] = bar.high;
        low[i] = bar.low;
        close[i] = bar.close;
        volume[i] = bar.volume;
        vwap[i] = bar.vwap;
        end[i] = bar.end;
    }

    private void copy(final int from, final int to)
    {
        start[to] = start[from];
        open[to] = open[from];
        high[to] = high[from];
        low[to] = low[from];
        close[to] = close[from];
        volume[to] = volume[from];
        vwap[to] = vwap[from];
        end[to] = end[from];
    }
}
