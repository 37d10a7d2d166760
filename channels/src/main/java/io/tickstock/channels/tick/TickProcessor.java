package io.tickstock.channels.tick;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.Stage;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The tick channel's process stage: per symbol and trading session, emits {@code trade} for every
 * accepted trade and {@code high} / {@code low} when a trade breaks the session's range.
 *
 * <p>A trade of an earlier session than the symbol's current one is emitted as {@code trade} and
 * changes nothing; a trade of a later session starts a new session, and the first trade of a
 * session sets high = low = its price and emits nothing else.
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
public final class TickProcessor implements Stage<FeedRecord>
{
    private final SessionCalendar calendar;
    private final Map<String, SymbolSession> sessions = new HashMap<>();

    public TickProcessor(final ZoneId zone)
    {
        this.calendar = new SessionCalendar(zone);
    }

    @Override
    public void onEntry(final FeedRecord trade, final boolean endOfBatch)
    {
        trade.clearEvents();
        final SymbolSession state = sessions.computeIfAbsent(trade.symbol, symbol -> new SymbolSession());
        final long session = calendar.sessionOf(trade.time);
        final MarketEvent tradeEvent = trade.addEvent(EventType.TRADE, trade.time);
        tradeEvent.price = trade.price;
        tradeEvent.size = trade.size;

        if (!state.started || session > state.session)
        {
            state.start(session, trade);
        }
        else if (session == state.session)
        {
            state.volume += trade.size;
            if (trade.time >= state.lastTime)
            {
                state.lastTime = trade.time;
                state.lastPrice = trade.price;
            }
            if (trade.price > state.high)
            {
                final MarketEvent high = trade.addEvent(EventType.HIGH, trade.time);
                high.price = trade.price;
                high.prev = state.high;
                high.count = ++state.highCount;
                state.high = trade.price;
            }
            else if (trade.price < state.low)
            {
                final MarketEvent low = trade.addEvent(EventType.LOW, trade.time);
                low.price = trade.price;
                low.prev = state.low;
                low.count = ++state.lowCount;
                state.low = trade.price;
            }
        }
        tradeEvent.sessionHigh = state.high;
        tradeEvent.sessionLow = state.low;
        tradeEvent.sessionVolume = state.volume;
        tradeEvent.lastPrice = state.lastPrice;
    }

    /** One symbol's state in its current session. */
    private static final class SymbolSession
    {
        boolean started;
        long session;
        long high;
        long low;
        long highCount;
        long lowCount;
        long volume;
        long lastTime;
        long lastPrice;

        void start(final long session, final FeedRecord trade)
        {
            this.started = true;
            this.session = session;
            high = trade.price;
            low = trade.price;
            highCount = 0;
            lowCount = 0;
            volume = trade.size;
            lastTime = trade.time;
            lastPrice = trade.price;
        }
    }
}
