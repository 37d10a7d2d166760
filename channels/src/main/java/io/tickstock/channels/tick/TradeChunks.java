package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * Fixed-size chunks of trade-history columns, handed out and taken back: every symbol's {@link
 * TradeHistory} grows and shrinks by whole chunks from one pool, so a busy symbol's history never
 * copies itself into a doubled array, and a chunk a quiet symbol gives back serves a busy one. The
 * pool only grows (a new chunk only when none is free), so in steady state nothing is allocated.
 *
 * <p>A chunk is an {@code int} id, not an object: its entries live in a few large {@code long[]}
 * "pages" of {@value #PAGE_CHUNKS} chunks (10 MiB) each; chunk {@code c} is chunk {@code c &
 * PAGE_MASK} of page {@code c >>> PAGE_SHIFT}. As objects (a chunk and its two arrays per 32
 * entries, about 340,000 chunks at 100,000 trades/s) the growing history was copied by every young
 * collection of G1, all of it surviving: pauses of 20-46 ms, mostly "Object Copy". A full page is
 * more than half a G1 region for heaps up to 32 GB, so G1 allocates it as a humongous object that
 * young collections never copy, and pages hold no references, so nothing in them is scanned.
 *
 * <p>A chunk's columns stay together, as the chunk object's two arrays were: 16 longs of times (two
 * 32-bit offsets to a long, entry {@code i} in the low half of long {@code i / 2} when even), then
 * 32 pairs of price and running shares, 640 bytes. Times and prices in two pages far apart cost
 * the tick chain 43% in JMH when tried before (docs/performance.md).
 *
 * <p>So that a quiet market or a test does not pay 10 MiB up front, page 0 starts at {@value
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
    /** Longs per chunk: 16 of paired times, then 32 pairs of price and running shares. */
    private static final int CHUNK_LONGS = CHUNK / 2 + 2 * CHUNK;
    private static final int VALUES = CHUNK / 2;
    /** Bytes one chunk holds: 32 entries of 20 (int time, long price, long running shares). */
    static final int CHUNK_BYTES = CHUNK_LONGS * Long.BYTES;
    /** Chunks per page, as a shift. */
    static final int PAGE_SHIFT = 14;
    static final int PAGE_CHUNKS = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_CHUNKS - 1;
    /** Page 0's first size, in chunks. */
    static final int FIRST_PAGE_CHUNKS = 64;

    private long[][] pages = {new long[FIRST_PAGE_CHUNKS * CHUNK_LONGS]};
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
        return (int)(pages[chunk >>> PAGE_SHIFT][start(chunk) + (i >>> 1)] >>> ((i & 1) << 5));
    }

    long price(final int chunk, final int i)
    {
        return pages[chunk >>> PAGE_SHIFT][start(chunk) + VALUES + (i << 1)];
    }

    long shares(final int chunk, final int i)
    {
        return pages[chunk >>> PAGE_SHIFT][start(chunk) + VALUES + (i << 1) + 1];
    }

    void setPrice(final int chunk, final int i, final long price)
    {
        pages[chunk >>> PAGE_SHIFT][start(chunk) + VALUES + (i << 1)] = price;
    }

    void addShares(final int chunk, final int i, final long shares)
    {
        pages[chunk >>> PAGE_SHIFT][start(chunk) + VALUES + (i << 1) + 1] += shares;
    }

    void set(final int chunk, final int i, final int time, final long price, final long shares)
    {
        final long[] page = pages[chunk >>> PAGE_SHIFT];
        final int at = start(chunk);
        final int shift = (i & 1) << 5;
        final int pair = at + (i >>> 1);
        page[pair] = page[pair] & ~(0xFFFF_FFFFL << shift) | (time & 0xFFFF_FFFFL) << shift;
        page[at + VALUES + (i << 1)] = price;
        page[at + VALUES + (i << 1) + 1] = shares;
    }

    /** The chunk's first long in its page. */
    private static int start(final int chunk)
    {
        return (chunk & PAGE_MASK) * CHUNK_LONGS;
    }

    /** Room for more chunks: page 0 doubled while it is short of a full page, else one more full page. */
    private void grow()
    {
        if (capacity < PAGE_CHUNKS)
        {
            pages[0] = Arrays.copyOf(pages[0], 2 * capacity * CHUNK_LONGS);
            capacity *= 2;
            return;
        }
        final int page = capacity >>> PAGE_SHIFT;
        if (page == pages.length)
        {
            pages = Arrays.copyOf(pages, 2 * page);
        }
        pages[page] = new long[PAGE_CHUNKS * CHUNK_LONGS];
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
