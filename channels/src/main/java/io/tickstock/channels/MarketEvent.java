package io.tickstock.channels;

/**
 * One outbound market event: the publish ring's entry and the channels' scratch for the events a
 * record causes. Mutable and reused; prices, percentages and ratios are {@link Fixed} micros,
 * {@link Fixed#NULL} where the protocol says null.
 *
 * <p>Besides the protocol fields, a {@code trade} carries the symbol's session state after the
 * trade ({@link #sessionHigh}, {@link #sessionLow}, {@link #sessionVolume}, {@link #lastPrice}) so
 * that consumers can keep snapshots without a second copy of the channel's state.
 *
 * <p>Not thread-safe: owned by whoever holds its ring sequence.
 */
public final class MarketEvent
{
    /** {@link #id} of an event that only carries a symbol's snapshot state (an edge starting at a checkpoint): applied, never served. */
    public static final long STATE_ONLY = -1;
    public static final int TRIGGER_VOLUME = 1;
    public static final int TRIGGER_PRICE = 2;
    public static final int TRIGGER_PRICE_AND_VOLUME = 3;

    /**
     * The event's id when another node assigned it (an edge node serving an ingest node's stream,
     * docs/scale-out.md), else 0: the edge assigns the next id of its own epoch; {@link #STATE_ONLY}
     * for a snapshot state.
     */
    public long id;
    public EventType type;
    public String symbol;
    /**
     * The symbol's id in the pipeline's {@link SymbolTable} (the router resolved it), or
     * {@link SymbolTable#UNRESOLVED} for an event built elsewhere: a consumer may index per-symbol
     * state by it instead of looking the string up.
     */
    public int symbolId = SymbolTable.UNRESOLVED;
    public int priority;
    /** Event time, ms since the epoch. */
    public long ts;

    public String srcName;
    public long srcSeq;
    public long recvUs;
    /** When the prioritize stage published it ({@link System#nanoTime()}), for the publish-to-write latency. */
    public long publishNanos;
    /** Built by the channel rather than caused by one record (a rollup): not a latency sample. */
    public boolean derived;

    /** trade, high, low: the price; */
    public long price;
    /** trade: shares. */
    public long size;
    /** high, low: the previous session high or low. */
    public long prev;
    /** high, low: how many this session. */
    public long count;

    /** trend, surge: up (true) or down. */
    public boolean up;
    /** trend, surge, bar, fmv: percent change, or {@link Fixed#NULL}. */
    public long pct;
    /** trend, surge: window in seconds. */
    public int windowS;
    /** surge: one of the TRIGGER_ constants. */
    public int trigger;
    /** surge: volume ratio or {@link Fixed#NULL}. */
    public long volRatio;

    /** bar: {@code 1s}, {@code 1m}, {@code 5m}, ... */
    public String tf;
    public long open;
    public long high;
    public long low;
    public long close;
    public long volume;
    /** bar: VWAP or {@link Fixed#NULL}. */
    public long vwap;
    public long start;
    public long end;
    /** bar: relative volume or {@link Fixed#NULL}. */
    public long relVol;
    public boolean revised;

    /** fmv: the fair market value. */
    public long fmv;
    /** fmv: the last trade price or {@link Fixed#NULL}. */
    public long last;
    /** fmv: {@code undervalued}, {@code overvalued}, {@code fair}, or null. */
    public String signal;

    /** trade: the session high after this trade. */
    public long sessionHigh;
    /** trade: the session low after this trade. */
    public long sessionLow;
    /** trade: the session volume after this trade. */
    public long sessionVolume;
    /** trade: the price of the symbol's trade with the latest time. */
    public long lastPrice;

    /** Clears everything but the source context, for the channel that fills it next. */
    public MarketEvent reset(final EventType type, final String symbol, final long ts)
    {
        this.type = type;
        this.symbol = symbol;
        this.ts = ts;
        symbolId = SymbolTable.UNRESOLVED;
        id = 0;
        priority = type.defaultPriority();
        derived = false;
        price = 0;
        size = 0;
        prev = 0;
        count = 0;
        up = true;
        pct = Fixed.NULL;
        windowS = 0;
        trigger = 0;
        volRatio = Fixed.NULL;
        tf = null;
        open = 0;
        high = 0;
        low = 0;
        close = 0;
        volume = 0;
        vwap = Fixed.NULL;
        start = 0;
        end = 0;
        relVol = Fixed.NULL;
        revised = false;
        fmv = 0;
        last = Fixed.NULL;
        signal = null;
        sessionHigh = 0;
        sessionLow = 0;
        sessionVolume = 0;
        lastPrice = 0;
        return this;
    }

    public void copyFrom(final MarketEvent other)
    {
        id = other.id;
        type = other.type;
        symbol = other.symbol;
        symbolId = other.symbolId;
        priority = other.priority;
        ts = other.ts;
        srcName = other.srcName;
        srcSeq = other.srcSeq;
        recvUs = other.recvUs;
        publishNanos = other.publishNanos;
        derived = other.derived;
        price = other.price;
        size = other.size;
        prev = other.prev;
        count = other.count;
        up = other.up;
        pct = other.pct;
        windowS = other.windowS;
        trigger = other.trigger;
        volRatio = other.volRatio;
        tf = other.tf;
        open = other.open;
        high = other.high;
        low = other.low;
        close = other.close;
        volume = other.volume;
        vwap = other.vwap;
        start = other.start;
        end = other.end;
        relVol = other.relVol;
        revised = other.revised;
        fmv = other.fmv;
        last = other.last;
        signal = other.signal;
        sessionHigh = other.sessionHigh;
        sessionLow = other.sessionLow;
        sessionVolume = other.sessionVolume;
        lastPrice = other.lastPrice;
    }

    /** The channel name of this event's type. */
    public String channel()
    {
        return type.channel();
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder(96).append(type.wireName()).append(' ').append(symbol)
            .append(" ts=").append(ts);
        switch (type)
        {
            case TRADE:
                Fixed.append(out.append(" price="), price).append(" size=").append(size);
                break;
            case HIGH:
            case LOW:
                Fixed.append(out.append(" price="), price);
                Fixed.append(out.append(" prev="), prev).append(" count=").append(count);
                break;
            case BAR:
                out.append(" tf=").append(tf).append(" start=").append(start).append(" end=").append(end);
                Fixed.append(out.append(" o="), open);
                Fixed.append(out.append(" h="), high);
                Fixed.append(out.append(" l="), low);
                Fixed.append(out.append(" c="), close).append(" v=").append(volume);
                appendNullable(out, " vw=", vwap);
                appendNullable(out, " pct=", pct);
                appendNullable(out, " relVol=", relVol);
                out.append(" revised=").append(revised);
                break;
            case FMV:
                Fixed.append(out.append(" fmv="), fmv);
                appendNullable(out, " last=", last);
                appendNullable(out, " pct=", pct);
                out.append(" signal=").append(signal);
                break;
            case SURGE:
                out.append(up ? " up" : " down").append(" trigger=").append(triggerName(trigger));
                appendNullable(out, " volRatio=", volRatio);
                appendNullable(out, " pct=", pct);
                out.append(" windowS=").append(windowS);
                break;
            default:
                out.append(up ? " up" : " down");
                appendNullable(out, " pct=", pct);
                out.append(" windowS=").append(windowS);
                break;
        }
        return out.toString();
    }

    /** The wire name of a surge trigger (docs/protocol.md §2): {@code volume}, {@code price}, {@code price_and_volume}; {@code none} when unset. */
    public static String triggerName(final int trigger)
    {
        switch (trigger)
        {
            case TRIGGER_VOLUME:
                return "volume";
            case TRIGGER_PRICE:
                return "price";
            case TRIGGER_PRICE_AND_VOLUME:
                return "price_and_volume";
            default:
                return "none";
        }
    }

    private static void appendNullable(final StringBuilder out, final String name, final long value)
    {
        out.append(name);
        if (value == Fixed.NULL)
        {
            out.append("null");
        }
        else
        {
            Fixed.append(out, value);
        }
    }
}
