package io.tickstock.publisher.internal.fanout;

import io.tickstock.channels.EventType;
import org.agrona.collections.Int2IntHashMap;

/**
 * One connection's subscription (docs/protocol.md §2.1): each named symbol, by the edge's symbol
 * id, carries its own set of event types, and {@code *} one more set; an event matches if either
 * has its type. Sets are bit masks over {@link EventType#bit()}.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class Subscription
{
    private final Int2IntHashMap named = new Int2IntHashMap(0);
    private int all;

    boolean matches(final int symbolId, final EventType type)
    {
        final int bit = type.bit();
        return (all & bit) != 0 || (named.get(symbolId) & bit) != 0;
    }

    int allMask()
    {
        return all;
    }

    /** The event types subscribed for a named symbol; 0 when it is not named. */
    int mask(final int symbolId)
    {
        return named.get(symbolId);
    }

    boolean isNamed(final int symbolId)
    {
        return named.get(symbolId) != 0;
    }

    /** Named symbols now subscribed. */
    int namedCount()
    {
        return named.size();
    }

    /** The named symbols' ids, in no particular order: a copy. */
    int[] namedIds()
    {
        final int[] ids = new int[named.size()];
        final int[] n = {0};
        named.forEachInt((id, mask) -> ids[n[0]++] = id);
        return ids;
    }

    /** Adds {@code events} for a named symbol. */
    void add(final int symbolId, final int events)
    {
        named.put(symbolId, named.get(symbolId) | events);
    }

    /** Adds {@code events} for {@code *}; returns whether {@code *} was not active before. */
    boolean addAll(final int events)
    {
        final boolean wasActive = all != 0;
        all |= events;
        return !wasActive;
    }

    /** Removes {@code events} from a named symbol, and the symbol once it has none. */
    void remove(final int symbolId, final int events)
    {
        final int left = named.get(symbolId) & ~events;
        if (left == 0)
        {
            named.remove(symbolId);
        }
        else
        {
            named.put(symbolId, left);
        }
    }

    /** {@code unsubscribe ["*"]}: removes {@code events} from {@code *} and from every named symbol. */
    void removeEverywhere(final int events)
    {
        all &= ~events;
        for (final int id : namedIds())
        {
            remove(id, events);
        }
    }

    /** The union of event types subscribed. */
    int union()
    {
        final int[] union = {all};
        named.forEachInt((id, mask) -> union[0] |= mask);
        return union[0];
    }
}
