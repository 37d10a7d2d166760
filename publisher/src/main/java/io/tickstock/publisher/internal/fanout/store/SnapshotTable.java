package io.tickstock.publisher.internal.fanout.store;

import io.tickstock.channels.EventType;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;

import java.util.Arrays;

/**
 * Each symbol's state for snapshots, by the edge's symbol id, kept from the published events
 * themselves: last trade price, session high, low and volume (carried on every {@code trade}), the
 * newest 1m bar (else 1s) and the last FMV. Consistent with the event stream by construction: a
 * snapshot taken between two events reflects exactly the events before.
 *
 * <p>Not thread-safe: owned by the fan-out thread; {@link State#copy() copies} go elsewhere.
 */
public final class SnapshotTable
{
    /** One symbol's state; {@link Fixed#NULL} where unknown. */
    public static final class State
    {
        long last = Fixed.NULL;
        long high = Fixed.NULL;
        long low = Fixed.NULL;
        long volume = Long.MIN_VALUE;
        final Bar minuteBar = new Bar();
        final Bar secondBar = new Bar();
        long fmv = Fixed.NULL;

        State copy()
        {
            final State copy = new State();
            copy.last = last;
            copy.high = high;
            copy.low = low;
            copy.volume = volume;
            copy.minuteBar.copyFrom(minuteBar);
            copy.secondBar.copyFrom(secondBar);
            copy.fmv = fmv;
            return copy;
        }
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

        void copyFrom(final Bar other)
        {
            present = other.present;
            tf = other.tf;
            open = other.open;
            high = other.high;
            low = other.low;
            close = other.close;
            volume = other.volume;
            vwap = other.vwap;
            start = other.start;
            end = other.end;
        }
    }

    private State[] states = new State[1024];

    public void apply(final MarketEvent e, final int symbolId)
    {
        if (e.type == EventType.TRADE)
        {
            final State s = state(symbolId);
            s.last = e.lastPrice;
            s.high = e.sessionHigh;
            s.low = e.sessionLow;
            s.volume = e.sessionVolume;
        }
        else if (e.type == EventType.BAR && ("1m".equals(e.tf) || "1s".equals(e.tf)))
        {
            final Bar bar = "1m".equals(e.tf) ? state(symbolId).minuteBar : state(symbolId).secondBar;
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
            state(symbolId).fmv = e.fmv;
        }
    }

    /** The state of a symbol, or null when nothing is known of it. */
    public State get(final int symbolId)
    {
        return symbolId >= 0 && symbolId < states.length ? states[symbolId] : null;
    }

    private State state(final int symbolId)
    {
        if (symbolId >= states.length)
        {
            states = Arrays.copyOf(states, Math.max(symbolId + 1, states.length * 2));
        }
        State s = states[symbolId];
        if (s == null)
        {
            s = new State();
            states[symbolId] = s;
        }
        return s;
    }
}
