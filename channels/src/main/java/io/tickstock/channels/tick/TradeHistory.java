package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * One symbol's accepted trades of the current session, ordered by time (equal times in arrival
 * order), kept only as far back as trend and surge can still look: everything within {@code
 * keepMs} of the latest trade, plus the newest trade before that. A running total of shares
 * beside the trades answers volume questions with two binary searches, not a scan of the window
 * (a busy symbol has tens of thousands of trades in one).
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
final class TradeHistory
{
    private long[] time = new long[16];
    private long[] price = new long[16];
    private long[] size = new long[16];
    /** Shares of every trade up to and including this index, since the session started (differences matter only). */
    private long[] cumulative = new long[16];
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
        final int end = first + count;
        int i = end;
        while (i > first && time[i - 1] > t)
        {
            time[i] = time[i - 1];
            price[i] = price[i - 1];
            size[i] = size[i - 1];
            cumulative[i] = cumulative[i - 1] + tradeSize;
            i--;
        }
        time[i] = t;
        price[i] = tradePrice;
        size[i] = tradeSize;
        cumulative[i] = (i > first ? cumulative[i - 1] : count == 0 ? 0 : cumulative[first + 1] - size[first + 1] - tradeSize) + tradeSize;
        count++;
    }

    /** Shares up to and including {@code index}, on the running total's scale; -1 means before the first. */
    private long sharesThrough(final int index)
    {
        return index < 0 ? cumulative[first] - size[first] : cumulative[index];
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

    /**
     * The index of the last trade with a time at or before {@code limit}, or -1. A limit at or after
     * the newest trade (the usual case: a trade's own time) answers without a search.
     */
    int lastAtOrBefore(final long limit)
    {
        final int last = first + count - 1;
        if (count == 0 || time[last] <= limit)
        {
            return count == 0 ? -1 : last;
        }
        int low = first;
        int high = last - 1;
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

    /**
     * The shares of the trades after {@code index} (an answer of {@link #lastAtOrBefore}, -1 for
     * all of them). The difference of two answers is the volume between their limits.
     */
    long sharesAfter(final int index)
    {
        return count == 0 ? 0 : cumulative[first + count - 1] - sharesThrough(index);
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
            System.arraycopy(cumulative, first, cumulative, 0, count);
            first = 0;
            return;
        }
        // all four grown before any is replaced: an OutOfMemoryError here leaves the history whole
        final long[] grownTime = Arrays.copyOf(time, time.length * 2);
        final long[] grownPrice = Arrays.copyOf(price, price.length * 2);
        final long[] grownSize = Arrays.copyOf(size, size.length * 2);
        final long[] grownCumulative = Arrays.copyOf(cumulative, cumulative.length * 2);
        time = grownTime;
        price = grownPrice;
        size = grownSize;
        cumulative = grownCumulative;
    }
}
