package io.tickstock.publisher;

import io.tickstock.channels.EventType;

import java.util.HashMap;
import java.util.Map;

/**
 * One connection's subscription (PROTOCOL.md §2.1): each named symbol carries its own set of event
 * types, and {@code *} one more set; an event matches if either has its type. Sets are bit masks
 * over {@link EventType#bit()}.
 *
 * <p>Not thread-safe: guarded by the edge's lock.
 */
final class Subscription
{
    private final Map<String, Integer> named = new HashMap<>();
    private int all;

    boolean matches(final String symbol, final EventType type)
    {
        final int bit = type.bit();
        if ((all & bit) != 0)
        {
            return true;
        }
        final Integer mask = named.get(symbol);
        return mask != null && (mask & bit) != 0;
    }

    int allMask()
    {
        return all;
    }

    int mask(final String symbol)
    {
        final Integer mask = named.get(symbol);
        return mask == null ? 0 : mask;
    }

    boolean isNamed(final String symbol)
    {
        return named.containsKey(symbol);
    }

    /** Named symbols now subscribed. */
    int namedCount()
    {
        return named.size();
    }

    Iterable<String> namedSymbols()
    {
        return named.keySet();
    }

    /** Adds {@code events} for a named symbol; returns whether the symbol was not named before. */
    boolean add(final String symbol, final int events)
    {
        final Integer old = named.put(symbol, (named.containsKey(symbol) ? named.get(symbol) : 0) | events);
        return old == null;
    }

    /** Adds {@code events} for {@code *}; returns whether {@code *} was not active before. */
    boolean addAll(final int events)
    {
        final boolean wasActive = all != 0;
        all |= events;
        return !wasActive;
    }

    /** Removes {@code events} from a named symbol, and the symbol once it has none; returns whether it was dropped. */
    boolean remove(final String symbol, final int events)
    {
        final Integer mask = named.get(symbol);
        if (mask == null)
        {
            return false;
        }
        final int left = mask & ~events;
        if (left == 0)
        {
            named.remove(symbol);
            return true;
        }
        named.put(symbol, left);
        return false;
    }

    /** {@code unsubscribe ["*"]}: removes {@code events} from {@code *} and from every named symbol. */
    void removeEverywhere(final int events)
    {
        all &= ~events;
        named.replaceAll((symbol, mask) -> mask & ~events);
        named.values().removeIf(mask -> mask == 0);
    }

    /** The union of event types subscribed, by name in protocol order. */
    int union()
    {
        int union = all;
        for (final int mask : named.values())
        {
            union |= mask;
        }
        return union;
    }
}
