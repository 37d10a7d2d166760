package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the trades accepted for one symbol and tells a repeat within the dedup window. The
 * key is (exchange, trade id) when the trade has an id, else (time, price, size, exchange); a
 * trade is a duplicate when an accepted trade with the same key has a time at most the window
 * away. Keys expire by event time once they are more than two windows older than the symbol's
 * latest trade, so memory is bounded by the trades of two windows.
 *
 * <p>The usual key, a numeric trade id below 2^56 from an exchange below 128, is packed into one
 * long and kept in primitive collections, so remembering a trade allocates nothing; other keys
 * (ids with letters, trades without an id) go to a map of key objects. Both expire alike.
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
final class TradeDedup
{
    private static final long MISSING = Long.MIN_VALUE;
    private static final long MAX_PACKED_ID = (1L << 56) - 1;

    private final long windowMs;
    private final Long2LongHashMap latestByPacked = new Long2LongHashMap(MISSING);
    private final LongRing packedKeys = new LongRing();
    private final LongRing packedTimes = new LongRing();
    private final Map<Object, long[]> latestByKey = new HashMap<>();
    private final ArrayDeque<Object> keys = new ArrayDeque<>();
    private final ArrayDeque<long[]> keyTimes = new ArrayDeque<>();
    private long latestTime = Long.MIN_VALUE;

    TradeDedup(final long windowMs)
    {
        this.windowMs = windowMs;
    }

    /** Whether the trade repeats one accepted within the window; if not, remembers it. */
    boolean isDuplicate(final FeedRecord trade)
    {
        final long packed = packedKey(trade);
        if (packed != MISSING)
        {
            final long seen = latestByPacked.get(packed);
            final long horizon = latestTime == Long.MIN_VALUE ? Long.MIN_VALUE : latestTime - 2 * windowMs;
            if (seen != MISSING && seen >= horizon && Math.abs(trade.time - seen) <= windowMs)
            {
                return true;
            }
            latestByPacked.put(packed, trade.time);
            packedKeys.add(packed);
            packedTimes.add(trade.time);
            advance(trade.time);
            return false;
        }
        final Object key = trade.tradeId != null ?
            new IdKey(trade.exchange, trade.tradeId) :
            new FieldKey(trade.time, trade.price, trade.size, trade.exchange);
        final long[] seen = latestByKey.get(key);
        final long horizon = latestTime == Long.MIN_VALUE ? Long.MIN_VALUE : latestTime - 2 * windowMs;
        if (seen != null && seen[0] >= horizon && Math.abs(trade.time - seen[0]) <= windowMs)
        {
            return true;
        }
        final long[] time = {trade.time};
        latestByKey.put(key, time);
        keys.addLast(key);
        keyTimes.addLast(time);
        advance(trade.time);
        return false;
    }

    /** (exchange, numeric id) in one long, or {@link #MISSING} when the trade's key does not pack. */
    private static long packedKey(final FeedRecord trade)
    {
        final String id = trade.tradeId;
        if (id == null || id.isEmpty() || id.length() > 17 || trade.exchange < 0 || trade.exchange > 127)
        {
            return MISSING;
        }
        long value = 0;
        for (int i = 0; i < id.length(); i++)
        {
            final char c = id.charAt(i);
            if (c < '0' || c > '9')
            {
                return MISSING;
            }
            value = value * 10 + (c - '0');
        }
        // "007" and "7" are different ids: only the canonical form packs
        if (value > MAX_PACKED_ID || (id.length() > 1 && id.charAt(0) == '0'))
        {
            return MISSING;
        }
        return trade.exchange << 56 | value;
    }

    private void advance(final long time)
    {
        if (time > latestTime)
        {
            latestTime = time;
            expire();
        }
    }

    private void expire()
    {
        final long horizon = latestTime - 2 * windowMs;
        while (!packedTimes.isEmpty() && packedTimes.first() < horizon)
        {
            final long key = packedKeys.pollFirst();
            final long time = packedTimes.pollFirst();
            // a later trade with the same key moved it on: that one expires in its own turn
            if (latestByPacked.get(key) == time)
            {
                latestByPacked.remove(key);
            }
        }
        while (!keys.isEmpty() && keyTimes.peekFirst()[0] < horizon)
        {
            final Object key = keys.pollFirst();
            final long[] time = keyTimes.pollFirst();
            if (latestByKey.get(key) == time)
            {
                latestByKey.remove(key);
            }
        }
    }

    /** Keys remembered now. */
    int size()
    {
        return latestByKey.size() + latestByPacked.size();
    }

    /** A growable ring of longs: add at the end, take from the front. */
    private static final class LongRing
    {
        private long[] values = new long[64];
        private int head;
        private int size;

        boolean isEmpty()
        {
            return size == 0;
        }

        void add(final long value)
        {
            if (size == values.length)
            {
                final long[] grown = new long[values.length * 2];
                final int tail = values.length - head;
                System.arraycopy(values, head, grown, 0, tail);
                System.arraycopy(values, 0, grown, tail, head);
                values = grown;
                head = 0;
            }
            values[(head + size) & (values.length - 1)] = value;
            size++;
        }

        long first()
        {
            return values[head];
        }

        long pollFirst()
        {
            final long value = values[head];
            head = (head + 1) & (values.length - 1);
            size--;
            return value;
        }
    }

    private record IdKey(long exchange, String id)
    {
        IdKey
        {
            Objects.requireNonNull(id);
        }
    }

    private record FieldKey(long time, long price, long size, long exchange)
    {
    }
}
