package io.tickstock.publisher;

import io.tickstock.channels.EventType;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each symbol's state for snapshots, kept from the published events themselves: last trade price,
 * session high, low and volume (carried on every {@code trade}), the newest 1m bar (else 1s) and
 * the last FMV. Consistent with the event stream by construction: a snapshot taken between two
 * events reflects exactly the events before.
 *
 * <p>Not thread-safe: guarded by the edge's lock.
 */
final class SnapshotTable
{
    /** One symbol's state; {@link Fixed#NULL} where unknown. */
    static final class State
    {
        long last = Fixed.NULL;
        long high = Fixed.NULL;
        long low = Fixed.NULL;
        long volume = Long.MIN_VALUE;
        final Bar minuteBar = new Bar();
        final Bar secondBar = new Bar();
        long fmv = Fixed.NULL;
    }

    /** A bar as the snapshot shows it. */
    static final class Bar
    {
        boolean present;
        String tf;
        long open;
        long high;
        long low;
        long close;
        long volume;
        long vwap;
        long start;
        long end;
    }

    private final Map<String, State> bySymbol = new HashMap<>();

    void apply(final MarketEvent e)
    {
        if (e.type == EventType.TRADE)
        {
            final State s = state(e.symbol);
            s.last = e.lastPrice;
            s.high = e.sessionHigh;
            s.low = e.sessionLow;
            s.volume = e.sessionVolume;
        }
        else if (e.type == EventType.BAR && ("1m".equals(e.tf) || "1s".equals(e.tf)))
        {
            final Bar bar = "1m".equals(e.tf) ? state(e.symbol).minuteBar : state(e.symbol).secondBar;
            if (!bar.present || e.start >= bar.start)
            {
                bar.present = true;
                bar.tf = e.tf;
                bar.open = e.open;
                bar.high = e.high;
                bar.low = e.low;
                bar.close = e.close;
                bar.volume = e.volume;
                bar.vwap = e.vwap;
                bar.start = e.start;
                bar.end = e.end;
            }
        }
        else if (e.type == EventType.FMV)
        {
            state(e.symbol).fmv = e.fmv;
        }
    }

    /** The state of a symbol, or null when nothing is known of it. */
    State get(final String symbol)
    {
        return bySymbol.get(symbol);
    }

    Set<String> symbols()
    {
        return bySymbol.keySet();
    }

    private State state(final String symbol)
    {
        return bySymbol.computeIfAbsent(symbol, k -> new State());
    }
}
