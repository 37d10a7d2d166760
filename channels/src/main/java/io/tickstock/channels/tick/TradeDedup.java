package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;

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
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
final class TradeDedup
{
    private final long windowMs;
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
        if (trade.time > latestTime)
        {
            latestTime = trade.time;
            expire();
        }
        return false;
    }

    private void expire()
    {
        final long horizon = latestTime - 2 * windowMs;
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
        return latestByKey.size();
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
