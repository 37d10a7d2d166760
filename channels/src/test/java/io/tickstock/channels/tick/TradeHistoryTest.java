package io.tickstock.channels.tick;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lookups and running-total volumes against a plain list scanned the slow way, through inserts out
 * of order, trades sharing a millisecond, and pruning.
 */
class TradeHistoryTest
{
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void volumesMatchAPlainScan(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TradeHistory history = new TradeHistory(new TradeChunks());
        history.clear(0);
        final List<long[]> plain = new ArrayList<>();
        long latest = 0;
        for (int i = 0; i < 5_000; i++)
        {
            // mostly in order (often in the same millisecond), sometimes late by up to 2 s, now and
            // then by up to 8 s: older than every trade the 5 s prune kept
            final int lateBy = random.nextInt(20) == 0 ? 8_000 : 2_000;
            final long t = random.nextInt(10) == 0 ? latest - random.nextInt(lateBy) : latest + random.nextInt(3) * random.nextInt(50);
            latest = Math.max(latest, t);
            final long size = 1 + random.nextInt(1_000);
            history.add(t, i, size);
            int at = plain.size();
            while (at > 0 && plain.get(at - 1)[0] > t)
            {
                at--;
            }
            plain.add(at, new long[] {t, size, i});
            if (random.nextInt(50) == 0)
            {
                final long horizon = latest - 5_000;
                history.prune(horizon);
                prune(plain, horizon);
            }
            final long from = latest - random.nextInt(6_000);
            final long to = from + random.nextInt(3_000);
            final int cursor = random.nextBoolean() ? TradeHistory.TREND : TradeHistory.SURGE;
            final long fromIndex = history.lastAtOrBefore(from, cursor);
            final long toIndex = history.lastAtOrBefore(to, cursor);
            assertEquals(lastAtOrBefore(plain, from), fromIndex < 0 ? -1 : history.price(fromIndex), "lastAtOrBefore(" + from + ") at " + i);
            assertEquals(lastAtOrBefore(plain, latest), history.price(history.lastAtOrBefore(latest, cursor)), "the newest at " + i);
            assertEquals(scan(plain, from, to), history.sharesAfter(fromIndex) - history.sharesAfter(toIndex), "(" + from + ", " + to + "] at " + i);
            assertEquals(scan(plain, from, Long.MAX_VALUE), history.sharesAfter(fromIndex), "after " + from + " at " + i);
            assertEquals(scan(plain, Long.MIN_VALUE, Long.MAX_VALUE), history.sharesAfter(TradeHistory.NONE), "all at " + i);
            assertEquals(plain.stream().mapToLong(trade -> trade[0]).distinct().count(), history.size(), "one entry per millisecond");
        }
    }

    @Test
    void shouldHoldOnlyTheChunksOfItsWindowAndGiveTheRestBack()
    {
        final TradeChunks pool = new TradeChunks();
        final TradeHistory busy = new TradeHistory(pool);
        final TradeHistory quiet = new TradeHistory(pool);
        busy.clear(0);
        quiet.clear(0);
        final long window = 10_000;
        // 4 trades per ms for 100 s: 10,000 distinct milliseconds in each window
        for (long t = 0; t < 100_000; t++)
        {
            for (int k = 0; k < 4; k++)
            {
                busy.add(t, t, 1);
            }
            busy.prune(t - window);
            assertTrue(busy.chunks() <= window / TradeChunks.CHUNK + 2, "chunks at " + t + ": " + busy.chunks());
        }
        // the horizon t - window through t, and the newest millisecond before the horizon
        assertEquals(window + 2, busy.size(), "the window's milliseconds and the newest before it");
        assertEquals(4 * (window + 2), busy.sharesAfter(TradeHistory.NONE));
        final long created = pool.created();
        assertTrue(created <= window / TradeChunks.CHUNK + 3, "pool grew to " + created);

        busy.clear(200_000);
        assertEquals(created, pool.free(), "a new session gives every chunk back");
        for (long t = 200_000; t < 200_000 + window; t++)
        {
            quiet.add(t, t, 1);
        }
        assertEquals(created, pool.created(), "another symbol's history reuses them: nothing allocated");
    }

    /** Drops every trade older than the newest millisecond before the horizon, which stays whole. */
    private static void prune(final List<long[]> plain, final long horizon)
    {
        long keepFrom = Long.MIN_VALUE;
        for (final long[] trade : plain)
        {
            if (trade[0] < horizon)
            {
                keepFrom = trade[0];
            }
        }
        final long from = keepFrom;
        plain.removeIf(trade -> trade[0] < from);
    }

    /** The trade number (kept as its price) of the last trade at or before the limit, or -1. */
    private static long lastAtOrBefore(final List<long[]> trades, final long limit)
    {
        long found = -1;
        for (final long[] trade : trades)
        {
            if (trade[0] <= limit)
            {
                found = trade[2];
            }
        }
        return found;
    }

    private static long scan(final List<long[]> trades, final long from, final long to)
    {
        long sum = 0;
        for (final long[] trade : trades)
        {
            if (trade[0] > from && trade[0] <= to)
            {
                sum += trade[1];
            }
        }
        return sum;
    }
}
