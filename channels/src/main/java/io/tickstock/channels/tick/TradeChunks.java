package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * Fixed-size chunks of trade-history columns, handed out and taken back: every symbol's {@link
 * TradeHistory} grows and shrinks by whole chunks from one pool, so a busy symbol's history never
 * copies itself into a doubled array, and a chunk a quiet symbol gives back serves a busy one. The
 * pool only grows, so in steady state nothing is allocated.
 *
 * <p>A chunk is an {@code int} handle, not an object: its columns are ranges of a few large
 * arrays ("slabs" of {@value #SLAB_CHUNKS} chunks each), so the whole history of every symbol is
 * two arrays per slab for the collector, not three objects per 32 trades. With G1 the slabs are
 * humongous on heaps up to 32 GB (regions up to 16 MB; a slab's arrays are 512 KiB and 2 MiB), so
 * young collections never copy them, and ZGC marks each in one step (JFR and a class histogram
 * at 20,000 trades/s: 80,000 chunk objects and twice as many arrays before).
 *
 * <p>Memory: {@link #CHUNK_BYTES} per chunk ever taken at once, allocated a slab at a time.
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
final class TradeChunks
{
    /** Trades per chunk, as a shift. */
    static final int SHIFT = 5;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;
    /** Bytes one chunk holds: 32 trades of 20 bytes (int time, long price, long running shares). */
    static final int CHUNK_BYTES = CHUNK * 20;
    /** Chunks per slab, as a shift. */
    static final int SLAB_SHIFT = 12;
    static final int SLAB_CHUNKS = 1 << SLAB_SHIFT;
    private static final int SLAB_MASK = SLAB_CHUNKS - 1;

    /** Per slab: {@code time} of entry {@code i} of chunk {@code c} at {@code (c & SLAB_MASK) * 32 + i}. */
    private int[][] times = new int[4][];
    /** Per slab: price at {@code 2 * ((c & SLAB_MASK) * 32 + i)}, running shares right after it. */
    private long[][] pricesAndShares = new long[4][];
    private int slabs;
    private int[] free = new int[64];
    private int freeCount;
    private long created;

    /** A chunk's handle, free for the caller until it {@link #give}s it back. */
    int take()
    {
        if (freeCount == 0)
        {
            addSlab();
        }
        return free[--freeCount];
    }

    void give(final int chunk)
    {
        if (freeCount == free.length)
        {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = chunk;
    }

    int time(final int chunk, final int i)
    {
        return times[chunk >>> SLAB_SHIFT][((chunk & SLAB_MASK) << SHIFT) + i];
    }

    long price(final int chunk, final int i)
    {
        return pricesAndShares[chunk >>> SLAB_SHIFT][2 * (((chunk & SLAB_MASK) << SHIFT) + i)];
    }

    long shares(final int chunk, final int i)
    {
        return pricesAndShares[chunk >>> SLAB_SHIFT][2 * (((chunk & SLAB_MASK) << SHIFT) + i) + 1];
    }

    void setPrice(final int chunk, final int i, final long price)
    {
        pricesAndShares[chunk >>> SLAB_SHIFT][2 * (((chunk & SLAB_MASK) << SHIFT) + i)] = price;
    }

    void addShares(final int chunk, final int i, final long shares)
    {
        pricesAndShares[chunk >>> SLAB_SHIFT][2 * (((chunk & SLAB_MASK) << SHIFT) + i) + 1] += shares;
    }

    void set(final int chunk, final int i, final int time, final long price, final long shares)
    {
        final int at = ((chunk & SLAB_MASK) << SHIFT) + i;
        times[chunk >>> SLAB_SHIFT][at] = time;
        final long[] column = pricesAndShares[chunk >>> SLAB_SHIFT];
        column[2 * at] = price;
        column[2 * at + 1] = shares;
    }

    /** One more slab, every chunk of it free (handed out lowest first). */
    private void addSlab()
    {
        if (slabs == times.length)
        {
            times = Arrays.copyOf(times, slabs * 2);
            pricesAndShares = Arrays.copyOf(pricesAndShares, slabs * 2);
        }
        times[slabs] = new int[SLAB_CHUNKS * CHUNK];
        pricesAndShares[slabs] = new long[2 * SLAB_CHUNKS * CHUNK];
        final int first = slabs << SLAB_SHIFT;
        slabs++;
        if (free.length < freeCount + SLAB_CHUNKS)
        {
            free = Arrays.copyOf(free, freeCount + SLAB_CHUNKS);
        }
        for (int c = SLAB_CHUNKS - 1; c >= 0; c--)
        {
            free[freeCount++] = first + c;
        }
        created += SLAB_CHUNKS;
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
}
