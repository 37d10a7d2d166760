package io.tickstock.channels.tick;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lookups and running-total volumes against a plain list scanned the slow way, through inserts out of order and pruning. */
class TradeHistoryTest
{
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void volumesMatchAPlainScan(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TradeHistory history = new TradeHistory();
        final List<long[]> plain = new ArrayList<>();
        long latest = 0;
        for (int i = 0; i < 5_000; i++)
        {
            // mostly in order, sometimes late by up to 2 s
            final long t = random.nextInt(10) == 0 ? latest - random.nextInt(2_000) : latest + random.nextInt(50);
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
                while (plain.size() >= 2 && plain.get(1)[0] < horizon)
                {
                    plain.remove(0);
                }
            }
            final long from = latest - random.nextInt(6_000);
            final long to = from + random.nextInt(3_000);
            final int fromIndex = history.lastAtOrBefore(from);
            final int toIndex = history.lastAtOrBefore(to);
            assertEquals(lastAtOrBefore(plain, from), fromIndex < 0 ? -1 : history.price(fromIndex), "lastAtOrBefore(" + from + ") at " + i);
            assertEquals(lastAtOrBefore(plain, latest), history.price(history.lastAtOrBefore(latest)), "the newest at " + i);
            assertEquals(scan(plain, from, to), history.sharesAfter(fromIndex) - history.sharesAfter(toIndex), "(" + from + ", " + to + "] at " + i);
            assertEquals(scan(plain, from, Long.MAX_VALUE), history.sharesAfter(fromIndex), "after " + from + " at " + i);
            assertEquals(scan(plain, Long.MIN_VALUE, Long.MAX_VALUE), history.sharesAfter(-1), "all at " + i);
            assertEquals(plain.size(), history.size());
        }
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
