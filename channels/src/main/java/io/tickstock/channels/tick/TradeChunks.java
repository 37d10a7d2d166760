package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * Fixed-size chunks of trade-history columns, handed out and taken back: every symbol's {@link
 * TradeHistory} grows and shrinks by whole chunks from one pool, so a busy symbol's history never
 * copies itself into a doubled array, and a chunk a quiet symbol gives back serves a busy one. The
 * pool only grows (a new chunk only when none is free), so in steady state nothing is allocated.
 *
 * <p>A chunk is an {@code int} id, not an object: its entries live in a few large primitive
 * "pages" of {@value #PAGE_CHUNKS} chunks each, an {@code int[]} of times (1 MiB) and a {@code
 * long[]} of prices and running shares (4 MiB); chunk {@code c} is chunk {@code c & PAGE_MASK} of
 * page {@code c >>> PAGE_SHIFT}. As objects (a chunk and its two arrays per 32 entries, about
 * 340,000 chunks at 100,000 trades/s) the growing history was copied by every young collection of
 * G1, all of it surviving: pauses of 20-46 ms, mostly "Object Copy". A full page is allocated as
 * a humongous object with G1's default region sizes (the {@code long[]} on heaps up to 16 GB, the
 * {@code int[]} up to 4 GB; above that it is one 1 MiB copy until it is old), which young
 * collections never copy, and pages hold no references, so nothing in them is scanned. A lookup's
 * middle step also changes: from a chunk's id to its page in a table of a few entries that stays
 * in cache, where it was from a chunk reference to a field of one of those many chunk objects.
 *
 * <p>So that a quiet market or a test does not pay 5 MiB up front, page 0 starts at {@value
 * #FIRST_PAGE_CHUNKS} chunks and doubles (a copy, the ids stay) until it is a full page; only then
 * are more pages allocated, full size.
 *
 * <p>Memory: {@link #bytes()}, {@link #CHUNK_BYTES} (20 bytes an entry, no header per chunk) for
 * each chunk the pages hold: the most chunks ever taken at once, rounded up to a power of two (at
 * least {@value #FIRST_PAGE_CHUNKS}) while they fit one page, else to whole pages, so less than one
 * page beyond what they need. Page 0's earlier, smaller copies are garbage once it doubles.
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
final class TradeChunks
{
    /** Trades per chunk, as a shift. */
    static final int SHIFT = 5;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;
    /** Bytes one chunk holds: 32 entries of 20 (int time, long price, long running shares). */
    static final int CHUNK_BYTES = CHUNK * (Integer.BYTES + 2 * Long.BYTES);
    /** Chunks per page, as a shift. */
    static final int PAGE_SHIFT = 13;
    static final int PAGE_CHUNKS = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_CHUNKS - 1;
    /** Page 0's first size, in chunks. */
    static final int FIRST_PAGE_CHUNKS = 64;

    /** Per page: the time of entry {@code i} of chunk {@code c} at {@code (c & PAGE_MASK) * 32 + i}. */
    private int[][] timePages = {new int[FIRST_PAGE_CHUNKS * CHUNK]};
    /** Per page: that entry's price at twice that index, its running shares right after it. */
    private long[][] valuePages = {new long[2 * FIRST_PAGE_CHUNKS * CHUNK]};
    /** Chunks the pages hold. */
    private int capacity = FIRST_PAGE_CHUNKS;
    private int[] free = new int[64];
    private int freeCount;
    /** Chunks handed out fresh so far, ids 0 to created - 1: no chunk was free, so the most in use at once. */
    private int created;

    /** A chunk id, the caller's until it {@link #give}s it back. */
    int take()
    {
        if (freeCount > 0)
        {
            return free[--freeCount];
        }
        if (created == capacity)
        {
            grow();
        }
        return created++;
    }

    void give(final int chunk)
    {
        if (freeCount == free.length)
        {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = chunk;
    }

    /** The time of entry {@code i} of {@code chunk}, as {@link #set} stored it. */
    int time(final int chunk, final int i)
    {
        return timePages[chunk >>> PAGE_SHIFT][((chunk & PAGE_MASK) << SHIFT) + i];
    }

    long price(final int chunk, final int i)
    {
        return valuePages[chunk >>> PAGE_SHIFT][(((chunk & PAGE_MASK) << SHIFT) + i) << 1];
    }

    long shares(final int chunk, final int i)
    {
        return valuePages[chunk >>> PAGE_SHIFT][((((chunk & PAGE_MASK) << SHIFT) + i) << 1) + 1];
    }

    void setPrice(final int chunk, final int i, final long price)
    {
        valuePages[chunk >>> PAGE_SHIFT][(((chunk & PAGE_MASK) << SHIFT) + i) << 1] = price;
    }

    void addShares(final int chunk, final int i, final long shares)
    {
        valuePages[chunk >>> PAGE_SHIFT][((((chunk & PAGE_MASK) << SHIFT) + i) << 1) + 1] += shares;
    }

    void set(final int chunk, final int i, final int time, final long price, final long shares)
    {
        final int page = chunk >>> PAGE_SHIFT;
        final int at = ((chunk & PAGE_MASK) << SHIFT) + i;
        timePages[page][at] = time;
        final long[] values = valuePages[page];
        values[at << 1] = price;
        values[(at << 1) + 1] = shares;
    }

    /** Room for more chunks: page 0 doubled while it is short of a full page, else one more full page. */
    private void grow()
    {
        if (capacity < PAGE_CHUNKS)
        {
            timePages[0] = Arrays.copyOf(timePages[0], 2 * capacity * CHUNK);
            valuePages[0] = Arrays.copyOf(valuePages[0], 4 * capacity * CHUNK);
            capacity *= 2;
            return;
        }
        final int page = capacity >>> PAGE_SHIFT;
        if (page == timePages.length)
        {
            timePages = Arrays.copyOf(timePages, 2 * page);
            valuePages = Arrays.copyOf(valuePages, 2 * page);
        }
        timePages[page] = new int[PAGE_CHUNKS * CHUNK];
        valuePages[page] = new long[2 * PAGE_CHUNKS * CHUNK];
        capacity += PAGE_CHUNKS;
    }

    /** Chunks created so far: the pool's whole size, free or in use. */
    long created()
    {
        return created;
    }

    /** Chunks free now. */
    int free()
    {
        return freeCount;
    }

    /** Bytes of the pages' elements now ({@link #CHUNK_BYTES} per chunk they hold), without the arrays' 16-byte headers. */
    long bytes()
    {
        return (long)capacity * CHUNK_BYTES;
    }
}
