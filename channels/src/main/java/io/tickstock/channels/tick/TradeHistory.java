package io.tickstock.channels.tick;

import java.util.Arrays;

import static io.tickstock.channels.tick.TradeChunks.MASK;
import static io.tickstock.channels.tick.TradeChunks.SHIFT;

/**
 * One symbol's accepted trades of the current session, ordered by time, kept only as far back as
 * trend and surge can still look: everything within {@code keepMs} of the latest trade, plus the
 * newest trade before that. A running total of shares beside the trades answers volume questions
 * with two lookups, not a scan of the window (a busy symbol has tens of thousands of trades in one).
 *
 * <p>Compact by construction: trades of the same millisecond share one entry (the last one's price,
 * all their shares), because every question asked of the history is "at or before a millisecond";
 * an entry is 20 bytes (time as an int offset from the session's first trade, price, running
 * shares) in {@link TradeChunks} of 32, taken from and given back to a pool shared by all symbols.
 * Positions count entries since the session started, so a chunk's id sits in {@link #chunks} at
 * its entries' position divided by 32, modulo the ring's length.
 *
 * <p>Lookups at a window's start move forward with the trades: each of the two callers' previous
 * answer is kept as a cursor, stepped forward a few entries instead of a binary search whenever
 * the limit has not gone back.
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
final class TradeHistory
{
    /** {@link #lastAtOrBefore} when no entry is at or before the limit. */
    static final long NONE = -1;
    /** Cursors for {@link #lastAtOrBefore}: one per window whose start is looked up per trade. */
    static final int TREND = 0;
    static final int SURGE = 1;
    /** The cursor of {@link #add}'s own lookups, for trades that arrive late. */
    private static final int INSERT = 2;
    /** How far a cursor steps before a binary search is cheaper. */
    private static final int MAX_STEPS = 16;

    private final TradeChunks pool;
    /** Chunk ids from {@link #pool}, a ring indexed by position / 32. */
    private int[] chunks = new int[2];
    /** Entries [start, end), as positions since the session started. */
    private long start;
    private long end;
    /** Times are stored as offsets from this. */
    private long base;
    /** Shares of the pruned entries, on the running total's scale. */
    private long sharesBeforeStart;
    private final long[] cursors = {NONE, NONE, NONE};

    TradeHistory(final TradeChunks pool)
    {
        this.pool = pool;
    }

    /** Forgets every trade and starts a session whose trades are all within a day of {@code sessionBase}. */
    void clear(final long sessionBase)
    {
        for (long chunk = start >>> SHIFT, last = (end - 1) >>> SHIFT; end > start && chunk <= last; chunk++)
        {
            pool.give(chunks[slot(chunk)]);
        }
        start = 0;
        end = 0;
        base = sessionBase;
        sharesBeforeStart = 0;
        Arrays.fill(cursors, NONE);
    }

    /** Inserts after every trade with a time at or before {@code t}, or joins the entry of {@code t}'s millisecond. */
    void add(final long t, final long tradePrice, final long tradeSize)
    {
        final long at = end == start || time(end - 1) <= t ? end : insertionPoint(t);
        if (at > start && time(at - 1) == t)
        {
            setPrice(at - 1, tradePrice);
            for (long p = at - 1; p < end; p++)
            {
                addShares(p, tradeSize);
            }
            return;
        }
        if ((end & MASK) == 0)
        {
            claimChunk(end >>> SHIFT);
        }
        for (long p = end; p > at; p--)
        {
            set(p, time(p - 1), price(p - 1), shares(p - 1) + tradeSize);
        }
        set(at, t, tradePrice, (at > start ? shares(at - 1) : sharesBeforeStart) + tradeSize);
        end++;
        for (int c = 0; c < cursors.length; c++)
        {
            if (cursors[c] >= at)
            {
                cursors[c]++;
            }
        }
    }

    /** Where a trade at {@code t}, older than the newest, goes: after every entry at or before it. */
    private long insertionPoint(final long t)
    {
        final long before = lastAtOrBefore(t, INSERT);
        // older than every entry kept (a late trade past the pruned ones): first
        return before == NONE ? start : before + 1;
    }

    /** Forgets trades before {@code horizon}, but keeps the newest of them. */
    void prune(final long horizon)
    {
        while (end - start >= 2 && time(start + 1) < horizon)
        {
            sharesBeforeStart = shares(start);
            start++;
            if ((start & MASK) == 0)
            {
                final int slot = slot((start - 1) >>> SHIFT);
                pool.give(chunks[slot]);
            }
        }
    }

    /**
     * The position of the last entry with a time at or before {@code limit}, or {@link #NONE}. A limit
     * at or after the newest trade (the usual case: a trade's own time) answers at once; otherwise
     * the {@code cursor}'s previous answer (trend's or surge's window start) is stepped forward.
     */
    long lastAtOrBefore(final long limit, final int cursor)
    {
        if (end == start || time(start) > limit)
        {
            return NONE;
        }
        final long last = end - 1;
        if (time(last) <= limit)
        {
            return last;
        }
        long low = start + 1;
        long high = last - 1;
        final long hint = cursors[cursor];
        if (hint >= start && hint < end && time(hint) <= limit)
        {
            long p = hint;
            for (int steps = 0; steps < MAX_STEPS && time(p + 1) <= limit; steps++)
            {
                p++;
            }
            if (time(p + 1) > limit)
            {
                cursors[cursor] = p;
                return p;
            }
            low = p + 2;
        }
        // time(start) <= limit < time(last), and time(low - 1) <= limit: the answer is in [low - 1, high]
        long found = low - 1;
        while (low <= high)
        {
            final long mid = (low + high) >>> 1;
            if (time(mid) <= limit)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        cursors[cursor] = found;
        return found;
    }

    /** The price of the entry at {@code position} (the last trade of its millisecond). */
    long price(final long position)
    {
        return pool.price(chunks[slot(position >>> SHIFT)], (int)position & MASK);
    }

    /**
     * The shares of the trades after {@code position} (an answer of {@link #lastAtOrBefore}, {@link
     * #NONE} for all of them). The difference of two answers is the volume between their limits.
     */
    long sharesAfter(final long position)
    {
        if (end == start)
        {
            return 0;
        }
        return shares(end - 1) - (position == NONE ? sharesBeforeStart : shares(position));
    }

    /** Entries held: distinct milliseconds. */
    int size()
    {
        return (int)(end - start);
    }

    /** Chunks held, the partly used ones at both ends included. */
    int chunks()
    {
        return end == start ? 0 : (int)(((end - 1) >>> SHIFT) - (start >>> SHIFT) + 1);
    }

    private long time(final long position)
    {
        return base + pool.time(chunks[slot(position >>> SHIFT)], (int)position & MASK);
    }

    private long shares(final long position)
    {
        return pool.shares(chunks[slot(position >>> SHIFT)], (int)position & MASK);
    }

    private void setPrice(final long position, final long price)
    {
        pool.setPrice(chunks[slot(position >>> SHIFT)], (int)position & MASK, price);
    }

    private void addShares(final long position, final long shares)
    {
        pool.addShares(chunks[slot(position >>> SHIFT)], (int)position & MASK, shares);
    }

    private void set(final long position, final long t, final long price, final long shares)
    {
        pool.set(chunks[slot(position >>> SHIFT)], (int)position & MASK, (int)(t - base), price, shares);
    }

    private int slot(final long chunk)
    {
        return (int)chunk & (chunks.length - 1);
    }

    /** Takes a chunk for {@code chunk}, first doubling the ring of chunk ids if every slot is in use. */
    private void claimChunk(final long chunk)
    {
        final long first = start >>> SHIFT;
        if (chunk - first >= chunks.length)
        {
            final int[] grown = new int[chunks.length * 2];
            for (long c = first; c < chunk; c++)
            {
                grown[(int)c & (grown.length - 1)] = chunks[slot(c)];
            }
            chunks = grown;
        }
        chunks[slot(chunk)] = pool.take();
    }

    @Override
    public String toString()
    {
        return "TradeHistory[" + size() + " entries in " + chunks() + " chunks, ring " + chunks.length + "]";
    }
}
