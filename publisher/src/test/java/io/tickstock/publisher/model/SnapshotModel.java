package io.tickstock.publisher.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.tickstock.publisher.model.ModelEvent.NODES;

/**
 * The snapshot state the model expects the edge to hold per symbol (docs/protocol.md §2.2,
 * {@code snapshot.state}), kept from the model's own events: last, session high, low and volume
 * from each {@code trade}; the newest (by start) 1m bar, else the newest 1s bar, a revision of it
 * replacing it; the last accepted FMV. A symbol has state once a trade, bar or fmv event of it was
 * emitted.
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class SnapshotModel
{
    private static final class State
    {
        BigDecimal last;
        BigDecimal high;
        BigDecimal low;
        Long volume;
        ModelEvent minuteBar;
        ModelEvent secondBar;
        BigDecimal fmv;
    }

    private final Map<String, State> bySymbol = new TreeMap<>();

    void apply(final ModelEvent e)
    {
        switch (e.event)
        {
            case "trade":
            {
                final State s = state(e.symbol);
                s.last = e.lastPrice;
                s.high = e.sessionHigh;
                s.low = e.sessionLow;
                s.volume = e.sessionVolume;
                break;
            }
            case "bar":
            {
                if (e.rollup)
                {
                    break;
                }
                final State s = state(e.symbol);
                final boolean minute = "1m".equals(e.fields.get("tf").textValue());
                final ModelEvent current = minute ? s.minuteBar : s.secondBar;
                if (current == null || e.fields.get("start").longValue() >= current.fields.get("start").longValue())
                {
                    if (minute)
                    {
                        s.minuteBar = e;
                    }
                    else
                    {
                        s.secondBar = e;
                    }
                }
                break;
            }
            case "fmv":
                state(e.symbol).fmv = e.fields.get("fmv").decimalValue();
                break;
            default:
                break;
        }
    }

    Set<String> symbols()
    {
        return bySymbol.keySet();
    }

    /** The {@code snapshot} message the edge should send for the symbol, or null when it has no state. */
    ObjectNode snapshot(final String symbol)
    {
        final State s = bySymbol.get(symbol);
        if (s == null)
        {
            return null;
        }
        final ObjectNode message = NODES.objectNode();
        message.put("type", "snapshot");
        message.put("symbol", symbol);
        final ObjectNode state = message.putObject("state");
        state.put("last", plain(s.last));
        state.put("high", plain(s.high));
        state.put("low", plain(s.low));
        state.put("volume", s.volume);
        final ModelEvent bar = s.minuteBar != null ? s.minuteBar : s.secondBar;
        if (bar == null)
        {
            state.putNull("bar");
        }
        else
        {
            final ObjectNode b = state.putObject("bar");
            for (final String field : new String[] {"tf", "o", "h", "l", "c", "v", "vw", "start", "end"})
            {
                b.set(field, bar.fields.get(field));
            }
        }
        state.put("fmv", plain(s.fmv));
        return message;
    }

    /** The same value without trailing zeros (easier to read in a failure), or null. */
    private static BigDecimal plain(final BigDecimal value)
    {
        return value == null ? null : value.stripTrailingZeros();
    }

    private State state(final String symbol)
    {
        return bySymbol.computeIfAbsent(symbol, k -> new State());
    }
}
