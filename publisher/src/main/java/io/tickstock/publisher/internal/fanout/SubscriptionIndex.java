package io.tickstock.publisher.internal.fanout;

import io.tickstock.channels.EventType;

import java.util.Arrays;

/**
 * Who gets which event: for each symbol id the sessions that named it (with the event types they
 * named it for), and for each event type the sessions subscribed to it for {@code *}. The fan-out
 * walks only the lists an event's symbol and type select.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class SubscriptionIndex
{
    private static final SessionList EMPTY = new SessionList();

    final EdgeSymbols symbols = new EdgeSymbols();
    private final SessionList[] wildcard = new SessionList[EventType.values().length];
    private SessionList[] bySymbol = new SessionList[1024];

    SubscriptionIndex()
    {
        for (int i = 0; i < wildcard.length; i++)
        {
            wildcard[i] = new SessionList();
        }
    }

    /** Sessions subscribed to {@code type} for {@code *}. */
    SessionList wildcard(final EventType type)
    {
        return wildcard[type.ordinal()];
    }

    /** Sessions that named the symbol, each with the event types it named it for. */
    SessionList named(final int symbolId)
    {
        final SessionList list = symbolId < bySymbol.length ? bySymbol[symbolId] : null;
        return list == null ? EMPTY : list;
    }

    /** Brings the index in line with the session's subscription for {@code *}. */
    void updateWildcard(final ClientSession session)
    {
        final int all = session.subscription.allMask();
        for (final EventType type : EventType.values())
        {
            wildcard[type.ordinal()].set(session, all & type.bit());
        }
    }

    /** Brings the index in line with the session's subscription for one named symbol. */
    void updateNamed(final ClientSession session, final int symbolId)
    {
        if (symbolId >= bySymbol.length)
        {
            bySymbol = Arrays.copyOf(bySymbol, Math.max(symbolId + 1, bySymbol.length * 2));
        }
        SessionList list = bySymbol[symbolId];
        if (list == null)
        {
            list = new SessionList();
            bySymbol[symbolId] = list;
        }
        list.set(session, session.subscription.mask(symbolId));
    }

    /** Takes a session out of every list. */
    void remove(final ClientSession session)
    {
        for (final SessionList list : wildcard)
        {
            list.set(session, 0);
        }
        for (final int symbolId : session.subscription.namedIds())
        {
            named(symbolId).set(session, 0);
        }
    }
}
