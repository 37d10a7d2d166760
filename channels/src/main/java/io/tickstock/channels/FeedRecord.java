package io.tickstock.channels;

import io.tickstock.core.ring.ChannelEntry;

import java.util.Arrays;

/**
 * One decoded feed record: the entry of every channel ring, and the scratch a source decodes into.
 * Prices are {@link Fixed} micros. Besides the record's own fields it carries its source context
 * and the events the channel computes for it ({@link #event(int)}), which the prioritize stage
 * publishes.
 *
 * <p>Not thread-safe: owned by whoever holds its ring sequence.
 */
public final class FeedRecord extends ChannelEntry
{
    /** Events a record made without a capacity has room for before its event list grows. */
    private static final int INITIAL_EVENTS = 8;
    /** {@link #exchange} when the record had no {@code x}. */
    public static final long NO_EXCHANGE = Long.MIN_VALUE;

    public RecordKind kind;
    public String symbol;
    /**
     * The symbol's {@link SymbolTable} id, {@link SymbolTable#INVALID} for an invalid symbol, or
     * {@link SymbolTable#UNRESOLVED}: set by the router for trades and FMVs.
     */
    public int symbolId = SymbolTable.UNRESOLVED;

    /** T: price. */
    public long price;
    /** T: size in shares. */
    public long size;
    /** T, FMV: {@code t} as sent (ms for trades, ns for FMV). */
    public long time;
    /** T: the trade id when it is a number in canonical form ({@link TradeIds}), else {@link TradeIds#NONE}. */
    public long tradeNumber = TradeIds.NONE;
    /** T: the trade id when it is not such a number, else null (as when the trade has none). */
    public String tradeId;
    /** T: exchange id or {@link #NO_EXCHANGE}. */
    public long exchange;

    /** AM, A: the bar. */
    public long open;
    public long high;
    public long low;
    public long close;
    public long volume;
    /** AM, A: VWAP or {@link Fixed#NULL}. */
    public long vwap;
    public long start;
    public long end;

    /** FMV: the fair market value. */
    public long fmv;

    public String srcName;
    public long srcSeq;

    /** Set by the ohlcv validate stage: the bar replaces a stored bar with other content. */
    public boolean revised;
    /** Set by the ohlcv validate stage: relative volume, or {@link Fixed#NULL}. */
    public long relVol;
    /** Set by the fmv validate stage: the recent last trade price, or {@link Fixed#NULL}. */
    public long lastTrade;

    private MarketEvent[] events;
    private int eventCount;

    public FeedRecord()
    {
        this(INITIAL_EVENTS);
    }

    /**
     * A record with room for {@code eventCapacity} events before its event list grows: a ring
     * entry is sized for its channel (an fmv record makes one event, a trade at most one of each
     * tick type), since every entry of every ring preallocates its events.
     */
    public FeedRecord(final int eventCapacity)
    {
        events = new MarketEvent[Math.max(1, eventCapacity)];
        for (int i = 0; i < events.length; i++)
        {
            events[i] = new MarketEvent();
        }
    }

    /** Copies the record and its source context (not the events): what the router does. */
    public void copyFrom(final FeedRecord other)
    {
        kind = other.kind;
        symbol = other.symbol;
        symbolId = other.symbolId;
        price = other.price;
        size = other.size;
        time = other.time;
        tradeNumber = other.tradeNumber;
        tradeId = other.tradeId;
        exchange = other.exchange;
        open = other.open;
        high = other.high;
        low = other.low;
        close = other.close;
        volume = other.volume;
        vwap = other.vwap;
        start = other.start;
        end = other.end;
        fmv = other.fmv;
        srcName = other.srcName;
        srcSeq = other.srcSeq;
        recvUs = other.recvUs;
        revised = false;
        relVol = Fixed.NULL;
        lastTrade = Fixed.NULL;
        eventCount = 0;
    }

    /** Clears the record fields before a decoder fills them. */
    public void clear()
    {
        kind = null;
        symbol = null;
        symbolId = SymbolTable.UNRESOLVED;
        price = 0;
        size = 0;
        time = 0;
        tradeNumber = TradeIds.NONE;
        tradeId = null;
        exchange = NO_EXCHANGE;
        open = 0;
        high = 0;
        low = 0;
        close = 0;
        volume = 0;
        vwap = Fixed.NULL;
        start = 0;
        end = 0;
        fmv = 0;
        revised = false;
        relVol = Fixed.NULL;
        lastTrade = Fixed.NULL;
        eventCount = 0;
    }

    /** Adds an event caused by this record, stamped with its source context, and returns it to fill. */
    public MarketEvent addEvent(final EventType type, final long ts)
    {
        if (eventCount == events.length)
        {
            final MarketEvent[] grown = Arrays.copyOf(events, events.length * 2);
            for (int i = events.length; i < grown.length; i++)
            {
                grown[i] = new MarketEvent();
            }
            events = grown;
        }
        final MarketEvent event = events[eventCount++].reset(type, symbol, ts);
        event.symbolId = symbolId;
        event.srcName = srcName;
        event.srcSeq = srcSeq;
        event.recvUs = recvUs;
        return event;
    }

    public void clearEvents()
    {
        eventCount = 0;
    }

    public int eventCount()
    {
        return eventCount;
    }

    public MarketEvent event(final int index)
    {
        return events[index];
    }

    /**
     * The trade id as the feed wrote it ({@link #tradeNumber} in decimal, or {@link #tradeId}), null
     * when the trade has none. Allocates: for the quarantine, logs and tests, not the hot path.
     */
    public String tradeIdText()
    {
        return tradeNumber != TradeIds.NONE ? Long.toString(tradeNumber) : tradeId;
    }

    /**
     * The record's fields as text, by kind, prices in decimals: for example
     * {@code T AAPL p=187.25 s=100 t=1700000000000 i=abc x=4}, {@code AM AAPL o=1 h=2 l=0.5 c=1.5 v=300
     * vw=null s=1700000040000 e=1700000100000}, {@code FMV AAPL fmv=187.3 t=1700000000000000000}.
     * Allocates: for the quarantine and logs, not the hot path.
     */
    @Override
    public String describe()
    {
        final StringBuilder out = new StringBuilder(96);
        out.append(kind == null ? "(no kind)" : kind == RecordKind.CLOCK ? "CLOCK" : kind.ev()).append(' ').append(symbol);
        if (kind == null)
        {
            return out.toString();
        }
        switch (kind)
        {
            case TRADE:
                price(out, " p=", price).append(" s=").append(size).append(" t=").append(time).append(" i=").append(tradeIdText());
                out.append(" x=");
                if (exchange == NO_EXCHANGE)
                {
                    out.append("null");
                }
                else
                {
                    out.append(exchange);
                }
                break;
            case BAR_MINUTE:
            case BAR_SECOND:
                price(out, " o=", open);
                price(out, " h=", high);
                price(out, " l=", low);
                price(out, " c=", close).append(" v=").append(volume);
                price(out, " vw=", vwap).append(" s=").append(start).append(" e=").append(end);
                break;
            case FMV:
                price(out, " fmv=", fmv).append(" t=").append(time);
                break;
            default:
                break;
        }
        return out.toString();
    }

    /** {@link #describe()} and the source context: {@code ... src=NAME#SEQ}. */
    @Override
    public String toString()
    {
        return describe() + " src=" + srcName + "#" + srcSeq;
    }

    @Override
    public String sourceName()
    {
        return srcName;
    }

    @Override
    public long sourceSeq()
    {
        return srcSeq;
    }

    private static StringBuilder price(final StringBuilder out, final String name, final long micros)
    {
        out.append(name);
        if (micros == Fixed.NULL)
        {
            return out.append("null");
        }
        if (micros == Fixed.NOT_FINITE)
        {
            return out.append("not-finite");
        }
        return Fixed.append(out, micros);
    }
}
