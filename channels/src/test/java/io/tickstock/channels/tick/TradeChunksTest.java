package io.tickstock.channels.tick;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.tickstock.channels.tick.TradeChunks.CHUNK;
import static io.tickstock.channels.tick.TradeChunks.CHUNK_BYTES;
import static io.tickstock.channels.tick.TradeChunks.FIRST_PAGE_CHUNKS;
import static io.tickstock.channels.tick.TradeChunks.PAGE_CHUNKS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chunk ids across page 0's doublings and into further pages: every entry written reads back
 * exactly after the pages grew under it, and after chunks went back to the pool and out again.
 */
class TradeChunksTest
{
    /** Three pages: page 0 doubled from its first size, a second page, and a third past the page table's first doubling. */
    private static final int TAKEN = 2 * PAGE_CHUNKS + 100;
    private static final int MORE = 50;

    private final int[] times = new int[(TAKEN + MORE) * CHUNK];
    private final long[] prices = new long[(TAKEN + MORE) * CHUNK];
    private final long[] shares = new long[(TAKEN + MORE) * CHUNK];
    /** Makes every value written distinct from every other. */
    private int written;

    @Test
    void idsHoldTheirEntriesAcrossPageGrowthAndReuse()
    {
        final TradeChunks pool = new TradeChunks();
        assertEquals(0, pool.created());
        assertEquals(0, pool.free());
        assertEquals((long)FIRST_PAGE_CHUNKS * CHUNK_BYTES, pool.bytes(), "page 0 at its first size");

        for (int k = 0; k < TAKEN; k++)
        {
            final int chunk = pool.take();
            assertEquals(k, chunk, "a fresh id when none is free");
            fill(pool, chunk);
            assertEquals(k + 1, pool.created());
            assertEquals(capacityFor(k + 1) * CHUNK_BYTES, pool.bytes(), "bytes after " + (k + 1) + " chunks");
        }
        assertEquals(3L * PAGE_CHUNKS * CHUNK_BYTES, pool.bytes(), "three full pages");
        checkAll(pool, TAKEN);

        // every third chunk back; the others' prices replaced and shares added to, in place
        int given = 0;
        for (int chunk = 0; chunk < TAKEN; chunk++)
        {
            if (chunk % 3 == 0)
            {
                pool.give(chunk);
                given++;
            }
            else
            {
                for (int i = 0; i < CHUNK; i++)
                {
                    final int entry = chunk * CHUNK + i;
                    prices[entry] = ++written * 3L;
                    pool.setPrice(chunk, i, prices[entry]);
                    pool.addShares(chunk, i, chunk);
                    shares[entry] += chunk;
                }
            }
        }
        assertEquals(TAKEN, pool.created(), "giving back creates nothing");
        assertEquals(given, pool.free());
        checkAll(pool, TAKEN);

        // the given ones come out again, all of them before any fresh id
        final int[] retaken = new int[given];
        for (int k = 0; k < given; k++)
        {
            retaken[k] = pool.take();
            fill(pool, retaken[k]);
        }
        Arrays.sort(retaken);
        for (int k = 0; k < given; k++)
        {
            assertEquals(3 * k, retaken[k], "given back, taken again");
        }
        assertEquals(0, pool.free());
        assertEquals(TAKEN, pool.created(), "reuse creates nothing");
        for (int k = 0; k < MORE; k++)
        {
            final int chunk = pool.take();
            assertEquals(TAKEN + k, chunk, "fresh ids once none is free");
            fill(pool, chunk);
        }
        assertEquals(TAKEN + MORE, pool.created());
        assertEquals(0, pool.free());
        assertEquals(3L * PAGE_CHUNKS * CHUNK_BYTES, pool.bytes(), "room left in the third page");
        checkAll(pool, TAKEN + MORE);
    }

    /** Writes distinct values into every entry of {@code chunk}. */
    private void fill(final TradeChunks pool, final int chunk)
    {
        for (int i = 0; i < CHUNK; i++)
        {
            final int entry = chunk * CHUNK + i;
            times[entry] = ++written;
            prices[entry] = written * 3L + 1;
            shares[entry] = -written * 5L - 2;
            pool.set(chunk, i, times[entry], prices[entry], shares[entry]);
        }
    }

    private void checkAll(final TradeChunks pool, final int chunks)
    {
        final int entries = chunks * CHUNK;
        final int[] readTimes = new int[entries];
        final long[] readPrices = new long[entries];
        final long[] readShares = new long[entries];
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            for (int i = 0; i < CHUNK; i++)
            {
                readTimes[chunk * CHUNK + i] = pool.time(chunk, i);
                readPrices[chunk * CHUNK + i] = pool.price(chunk, i);
                readShares[chunk * CHUNK + i] = pool.shares(chunk, i);
            }
        }
        assertArrayEquals(Arrays.copyOf(times, entries), readTimes, "times");
        assertArrayEquals(Arrays.copyOf(prices, entries), readPrices, "prices");
        assertArrayEquals(Arrays.copyOf(shares, entries), readShares, "shares");
    }

    /** Chunks the pages hold for {@code created} chunks: page 0 doubles from 64 to a full page, then whole pages. */
    private static long capacityFor(final int created)
    {
        if (created > PAGE_CHUNKS)
        {
            return (created + PAGE_CHUNKS - 1L) / PAGE_CHUNKS * PAGE_CHUNKS;
        }
        long capacity = FIRST_PAGE_CHUNKS;
        while (capacity < created)
        {
            capacity *= 2;
        }
        return capacity;
    }
}
