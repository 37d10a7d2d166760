package io.tickstock.publisher.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fmv channel of docs/semantics.md §4 as a plain reference: its own last-trade table fed by every trade
 * that passes the tick field checks (docs/semantics.md reading c), then duplicate (reading b),
 * stale and outlier (reading d), and the fmv event with last, pct and signal.
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class FmvModel
{
    static final long DEDUP_WINDOW_NS = 60_000L * 1_000_000L;
    static final long RECENT_TRADE_MS = 900_000;
    static final BigDecimal OUTLIER_PCT = BigDecimal.valueOf(5);
    static final BigDecimal SIGNAL_PCT = BigDecimal.ONE;

    final Accounting accounting = new Accounting();
    private final Map<String, LastTrade> lastTrades = new HashMap<>();
    private final Map<String, List<Accepted>> accepted = new HashMap<>();

    private record LastTrade(long t, BigDecimal price)
    {
    }

    private record Accepted(long t, BigDecimal fmv)
    {
    }

    /** A trade forwarded by the router: not counted, no event; may become the symbol's last trade. */
    void onTrade(final ModelRecord r)
    {
        if (TickModel.fieldReject(r) != null)
        {
            return;
        }
        final LastTrade current = lastTrades.get(r.sym());
        if (current == null || r.t() >= current.t)
        {
            lastTrades.put(r.sym(), new LastTrade(r.t(), r.p()));
        }
    }

    List<ModelEvent> onFmv(final ModelRecord r)
    {
        accounting.received++;
        if (!Numbers.validSymbol(r.sym()))
        {
            accounting.reject("bad_symbol");
            return List.of();
        }
        if (!Numbers.positive(r.fmv()))
        {
            accounting.reject("bad_price");
            return List.of();
        }
        if (r.t() <= 0)
        {
            accounting.reject("bad_time");
            return List.of();
        }
        final List<Accepted> history = accepted.computeIfAbsent(r.sym(), k -> new ArrayList<>());
        final long newest = history.isEmpty() ? Long.MIN_VALUE : history.get(history.size() - 1).t;
        for (final Accepted a : history)
        {
            if (a.t >= newest - DEDUP_WINDOW_NS && a.t == r.t() && a.fmv.equals(r.fmv()))
            {
                if (a.t == newest - DEDUP_WINDOW_NS)
                {
                    accounting.note("edge: duplicate of an fmv exactly 60 s older than the newest");
                }
                accounting.duplicates++;
                return List.of();
            }
        }
        if (!history.isEmpty() && r.t() <= newest)
        {
            accounting.reject("stale");
            return List.of();
        }
        final long tsMs = Math.floorDiv(r.t(), 1_000_000L);
        final LastTrade last = lastTrades.get(r.sym());
        final boolean recent = last != null && last.t >= tsMs - RECENT_TRADE_MS;
        if (last != null && last.t == tsMs - RECENT_TRADE_MS)
        {
            accounting.note("edge: last trade exactly 15 min older");
        }
        if (recent && Numbers.movedMoreThan(last.price, r.fmv(), OUTLIER_PCT))
        {
            accounting.reject("outlier");
            return List.of();
        }
        if (recent && Numbers.movedAtLeast(last.price, r.fmv(), OUTLIER_PCT))
        {
            accounting.note("exactly 5 % away: not an outlier");
        }
        accounting.accepted++;
        history.add(new Accepted(r.t(), r.fmv()));

        final ModelEvent event = new ModelEvent("fmv", "fmv", r.sym(), tsMs, r).price("fmv", r.fmv());
        accounting.note(recent ? "with a recent trade" : last == null ? "with no trade" : "with a trade older than 15 min");
        if (!recent)
        {
            event.price("last", null).price("pct", null).text("signal", null);
            return List.of(event);
        }
        final String signal;
        if (Numbers.compareSignedMove(last.price, r.fmv(), SIGNAL_PCT) > 0)
        {
            signal = "undervalued";
            accounting.note("undervalued");
        }
        else if (Numbers.compareSignedMove(last.price, r.fmv(), SIGNAL_PCT.negate()) < 0)
        {
            signal = "overvalued";
            accounting.note("overvalued");
        }
        else
        {
            signal = "fair";
            accounting.note(Numbers.movedAtLeast(last.price, r.fmv(), SIGNAL_PCT) ? "fair at exactly 1 %" : "fair");
        }
        event.price("last", last.price).price("pct", Numbers.pct(last.price, r.fmv())).text("signal", signal);
        return List.of(event);
    }
}
