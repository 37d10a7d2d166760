package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * One symbol's accepted trades of the current session, ordered by time (equal times in arrival
 * order), kept only as far back as trend and surge can still look: everything within {@code
 * keepMs} of the latest trade, plus the newest trade before that.
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
final class TradeHistory
{
    private long[] time = new long[16];
    private long[] price = new long[16];
    private long[] size = new long[16];
    private int first;
    private int count;

    void clear()
    {
        first = 0;
        count = 0;
    }

    /** Inserts after every trade with a time at or before {@code t}. */
    void add(final long t, final long tradePrice, final long tradeSize)
    {
        if (first + count == time.length)
        {
            compactOrGrow();
        }
        int i = first + count;
        while (i > first && time[i - 1] > t)
        {
            time[i] = time[i - 1];
            price[i] = price[i - 1];
            size[i] = size[i - 1];
            i--;
        }
        time[i] = t;
        price[i] = tradePrice;
        size[i] = tradeSize;
        count++;
    }

    /** Forgets trades before {@code horizon}, but keeps the newest of them. */
    void prune(final long horizon)
    {
        while (count >= 2 && time[first + 1] < horizon)
        {
            first++;
            count--;
        }
    }

    /** The index of the last trade with a time at or before {@code limit}, or -1. */
    int lastAtOrBefore(final long limit)
    {
        int low = first;
        int high = first + count - 1;
        int found = -1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (time[mid] <= limit)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    long price(final int index)
    {
        return price[index];
    }

    /** The shares of the trades with a time after {@code from}. */
    long volumeAfter(final long from)
    {
        long sum = 0;
        for (int i = first + count - 1; i >= first && time[i] > from; i--)
        {
            sum += size[i];
        }
        return sum;
    }

    /** The shares of the trades with a time in ({@code from}, {@code to}]. */
    long volumeIn(final long from, final long to)
    {
        long sum = 0;
        for (int i = first + count - 1; i >= first && time[i] > from; i--)
        {
            if (time[i] <= to)
            {
                sum += size[i];
            }
        }
        return sum;
    }

    int size()
    {
        return count;
    }

    private void compactOrGrow()
    {
        if (first > time.length / 2)
        {
            System.arraycopy(time, first, time, 0, count);
            System.arraycopy(price, first, price, 0, count);
            System.arraycopy(size, first, size, 0, count);
            first = 0;
            return;
        }
        time = Arrays.copyOf(time, time.length * 2);
        price = Arrays.copyOf(price, price.length * 2);
        size = Arrays.copyOf(size, size.length * 2);
    }
}
