package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * Fixed-size chunks of trade-history columns, handed out and taken back: every symbol's {@link
 * TradeHistory} grows and shrinks by whole chunks from one pool, so a busy symbol's history never
 * copies itself into a doubled array, and a chunk a quiet symbol gives back serves a busy one. The
 * pool only grows (one chunk at a time, when none is free), so in steady state nothing is
 * allocated.
 *
 * <p>Memory: {@link #CHUNK_BYTES} per chunk ever taken at once, at most.
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
final class TradeChunks
{
    /** Trades per chunk, as a shift. */
    static final int SHIFT = 5;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;
    /**
     * Bytes one chunk holds on a 64-bit JVM with compressed references: 32 trades of 20 bytes (int
     * time, long price, long running shares), the chunk object and its two arrays' headers.
     */
    static final int CHUNK_BYTES = CHUNK * 20 + 16 + 16 + 16 + 8;

    /** One chunk: {@code time[i]} beside {@code priceAndShares[2i]} (price) and {@code [2i + 1]} (running shares). */
    static final class Chunk
    {
        final int[] time = new int[CHUNK];
        final long[] priceAndShares = new long[2 * CHUNK];
    }

    private Chunk[] free = new Chunk[64];
    private int freeCount;
    private long created;

    Chunk take()
    {
        if (freeCount == 0)
        {
            created++;
            return new Chunk();
        }
        final Chunk chunk = free[--freeCount];
        free[freeCount] = null;
        return chunk;
    }

    void give(final Chunk chunk)
    {
        if (freeCount == free.length)
        {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = chunk;
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
