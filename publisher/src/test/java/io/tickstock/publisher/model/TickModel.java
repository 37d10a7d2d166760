package io.tickstock.publisher.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tick channel of docs/semantics.md §2 as a plain reference: checks, dedup (docs/semantics.md reading
 * a), New York sessions, trade/high/low, and trend and surge as decided for issue 3
 * (docs/semantics.md §2). Lists and maps, recomputed from scratch where that is simplest; prices
 * are exact 6-decimal {@link BigDecimal}s ({@link Numbers}).
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class TickModel
{
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final long DEDUP_WINDOW_MS = 60_000;
    /** Dedup keys are forgotten once more than two windows older than the symbol's latest accepted trade. */
    static final long DEDUP_HORIZON_MS = 2 * DEDUP_WINDOW_MS;
    /** Trades more than this older than the session's latest do not drive trend or surge. */
    static final long DRIVE_HORIZON_MS = 60_000;
    static final long TREND_WINDOW_MS = 60_000;
    static final BigDecimal TREND_THRESHOLD_PCT = new BigDecimal("0.5");
    static final long SURGE_WINDOW_MS = 10_000;
    static final long SURGE_VOLUME_MULTIPLE = 3;
    static final long SURGE_MIN_VOLUME = 10_000;
    static final BigDecimal SURGE_PRICE_PCT = BigDecimal.ONE;
    static final long SURGE_COOLDOWN_MS = 30_000;

    final Accounting accounting = new Accounting();
    private final Map<String, SymbolState> symbols = new HashMap<>();

    private record Trade(long t, BigDecimal price, long size)
    {
    }

    private static final class SymbolState
    {
        /** Dedup key -> t of the most recent accepted trade with that key. */
        final Map<DedupKey, Long> lastByKey = new HashMap<>();
        /** Dedup key -> the source name of that trade (only for the coverage notes). */
        final Map<DedupKey, String> sourceByKey = new HashMap<>();
        long latestAcceptedT = Long.MIN_VALUE;
        Session session;
    }

    /** (x, i) when the trade has an id, else (t, p, s, x); the symbol is the map's. A null is "absent". */
    private record DedupKey(String id, Long x, long t, BigDecimal p, long s)
    {
    }

    private static final class Session
    {
        LocalDate date;
        BigDecimal high;
        BigDecimal low;
        /** The price of the session's trade with the latest t (on equal t, the later in feed order). */
        BigDecimal last;
        long highs;
        long lows;
        long volume;
        long firstT;
        BigDecimal firstPrice;
        long latestT;
        /** The session's accepted trades ordered by t, ties in feed order. */
        final List<Trade> history = new ArrayList<>();
        Long lastTrendUp;
        Long lastTrendDown;
        Long lastSurgeUp;
        Long lastSurgeDown;
    }

    /** Validates and processes one trade; returns the events it causes (empty when not accepted). */
    List<ModelEvent> onTrade(final ModelRecord r)
    {
        accounting.received++;
        final String reject = fieldReject(r);
        if (reject != null)
        {
            accounting.reject(reject);
            return List.of();
        }
        final SymbolState state = symbols.computeIfAbsent(r.sym(), s -> new SymbolState());
        final DedupKey key = r.i() != null ? new DedupKey(r.i(), r.x(), 0, null, 0) : new DedupKey(null, r.x(), r.t(), r.p(), r.s());
        final Long previous = state.lastByKey.get(key);
        if (previous != null && state.latestAcceptedT - previous > DEDUP_HORIZON_MS &&
            Math.abs(r.t() - previous) <= DEDUP_WINDOW_MS)
        {
            accounting.note("dedup key forgotten: accepted again");
        }
        if (previous != null && Math.abs(r.t() - previous) > DEDUP_WINDOW_MS)
        {
            accounting.note("same key beyond the dedup window: accepted");
        }
        if (r.i() == null)
        {
            accounting.note("trade without id");
        }
        if (previous != null && Math.abs(r.t() - previous) == DEDUP_WINDOW_MS)
        {
            accounting.note("edge: same key exactly 60 s apart");
        }
        if (previous != null && state.latestAcceptedT - previous == DEDUP_HORIZON_MS)
        {
            accounting.note("edge: dedup key exactly 120 s older than the latest");
        }
        if (previous != null && state.latestAcceptedT - previous <= DEDUP_HORIZON_MS &&
            Math.abs(r.t() - previous) <= DEDUP_WINDOW_MS)
        {
            accounting.duplicates++;
            accounting.note(r.srcName().equals(state.sourceByKey.get(key)) ? "duplicate trade, same source" :
                "duplicate trade, other source");
            return List.of();
        }
        accounting.accepted++;
        state.lastByKey.put(key, r.t());
        state.sourceByKey.put(key, r.srcName());
        state.latestAcceptedT = Math.max(state.latestAcceptedT, r.t());
        return process(state, r);
    }

    /** The tick field checks in order, or null when they pass; the fmv channel uses them too. */
    static String fieldReject(final ModelRecord r)
    {
        if (!Numbers.validSymbol(r.sym()))
        {
            return "bad_symbol";
        }
        if (!Numbers.positive(r.p()))
        {
            return "bad_price";
        }
        if (r.s() < 0)
        {
            return "bad_size";
        }
        if (r.t() <= 0)
        {
            return "bad_time";
        }
        return null;
    }

    static LocalDate sessionDate(final long t)
    {
        return LocalDate.ofInstant(Instant.ofEpochMilli(t), NEW_YORK);
    }

    private List<ModelEvent> process(final SymbolState state, final ModelRecord r)
    {
        final List<ModelEvent> out = new ArrayList<>();
        final ModelEvent trade = event(r, "trade").price("price", r.p()).number("size", r.s());
        out.add(trade);

        final LocalDate date = sessionDate(r.t());
        if (sessionDate(r.t() - 1).isBefore(date))
        {
            accounting.note("edge: trade at midnight in New York");
        }
        final Session session = state.session;
        if (session == null || date.isAfter(session.date))
        {
            final Session fresh = new Session();
            fresh.date = date;
            fresh.high = r.p();
            fresh.low = r.p();
            fresh.volume = r.s();
            fresh.firstT = r.t();
            fresh.firstPrice = r.p();
            fresh.latestT = r.t();
            fresh.last = r.p();
            fresh.history.add(new Trade(r.t(), r.p(), r.s()));
            if (session != null)
            {
                accounting.note("later session started");
            }
            state.session = fresh;
            sessionState(trade, fresh);
            return out;
        }
        if (date.isBefore(session.date))
        {
            accounting.note("trade of an earlier session");
            sessionState(trade, session);
            return out;
        }

        session.volume += r.s();
        if (r.t() >= session.latestT)
        {
            session.last = r.p();
        }
        session.latestT = Math.max(session.latestT, r.t());
        if (r.p().compareTo(session.high) > 0)
        {
            out.add(event(r, "high").price("price", r.p()).price("prev", session.high).number("count", ++session.highs));
            session.high = r.p();
        }
        else if (r.p().compareTo(session.low) < 0)
        {
            out.add(event(r, "low").price("price", r.p()).price("prev", session.low).number("count", ++session.lows));
            session.low = r.p();
        }
        sessionState(trade, session);

        final Trade trendRef = lastAtOrBefore(session.history, r.t() - TREND_WINDOW_MS);
        final Trade surgeRef = lastAtOrBefore(session.history, r.t() - SURGE_WINDOW_MS);
        insertByTime(session.history, new Trade(r.t(), r.p(), r.s()));

        final boolean drives = r.t() >= session.latestT - DRIVE_HORIZON_MS;
        if (r.t() == session.latestT - DRIVE_HORIZON_MS)
        {
            accounting.note("edge: trade exactly 60 s older than the latest drives");
        }
        if (!drives)
        {
            accounting.note("trade more than 60 s older than the latest: does not drive");
            return out;
        }
        trend(session, r, trendRef, out);
        surge(session, r, surgeRef, out);
        return out;
    }

    private void trend(final Session session, final ModelRecord r, final Trade ref, final List<ModelEvent> out)
    {
        if (ref == null || !Numbers.movedAtLeast(ref.price, r.p(), TREND_THRESHOLD_PCT))
        {
            return;
        }
        final boolean up = r.p().compareTo(ref.price) > 0;
        final Long last = up ? session.lastTrendUp : session.lastTrendDown;
        if (ref.t == r.t() - TREND_WINDOW_MS)
        {
            accounting.note("edge: trend reference exactly a window before");
        }
        if (last != null && r.t() - last == TREND_WINDOW_MS)
        {
            accounting.note("edge: trend exactly a cooldown after the last");
        }
        if (last != null && r.t() - last < TREND_WINDOW_MS)
        {
            accounting.note("trend held back by its cooldown");
            return;
        }
        if (up)
        {
            session.lastTrendUp = r.t();
        }
        else
        {
            session.lastTrendDown = r.t();
        }
        out.add(event(r, "trend").text("direction", up ? "up" : "down").price("pct", Numbers.pct(ref.price, r.p()))
            .number("windowS", TREND_WINDOW_MS / 1000));
        accounting.note("trend " + (up ? "up" : "down"));
    }

    private void surge(final Session session, final ModelRecord r, final Trade ref, final List<ModelEvent> out)
    {
        final long t = r.t();
        long windowVolume = 0;
        long volumeBefore = 0;
        for (final Trade trade : session.history)
        {
            if (trade.t > t - SURGE_WINDOW_MS && trade.t <= t)
            {
                windowVolume += trade.size;
            }
            else if (trade.t <= t - SURGE_WINDOW_MS)
            {
                volumeBefore += trade.size;
            }
        }
        for (final Trade trade : session.history)
        {
            if (trade.t == t - SURGE_WINDOW_MS)
            {
                accounting.note("edge: a trade exactly on the surge window's start");
                break;
            }
        }
        if (t - session.firstT == 2 * SURGE_WINDOW_MS)
        {
            accounting.note("edge: volRatio exactly two windows into the session");
        }
        final long elapsed = t - SURGE_WINDOW_MS - session.firstT;
        final boolean ratioDefined = t - session.firstT >= 2 * SURGE_WINDOW_MS && volumeBefore > 0;
        BigDecimal volRatio = null;
        boolean volumeTrigger = false;
        if (ratioDefined)
        {
            final BigInteger left = Numbers.big(windowVolume).multiply(Numbers.big(elapsed));
            final BigInteger right = Numbers.big(volumeBefore).multiply(Numbers.big(SURGE_WINDOW_MS));
            volRatio = Numbers.ratio(left, right);
            volumeTrigger = left.compareTo(right.multiply(Numbers.big(SURGE_VOLUME_MULTIPLE))) >= 0 &&
                windowVolume >= SURGE_MIN_VOLUME;
        }
        final BigDecimal refPrice = ref != null ? ref.price : session.firstPrice;
        final boolean priceTrigger = Numbers.movedAtLeast(refPrice, r.p(), SURGE_PRICE_PCT);
        if (!volumeTrigger && !priceTrigger)
        {
            return;
        }
        final boolean up = r.p().compareTo(refPrice) >= 0;
        final Long last = up ? session.lastSurgeUp : session.lastSurgeDown;
        if (last != null && t - last == SURGE_COOLDOWN_MS)
        {
            accounting.note("edge: surge exactly a cooldown after the last");
        }
        if (last != null && t - last < SURGE_COOLDOWN_MS)
        {
            accounting.note("surge held back by its cooldown");
            return;
        }
        if (up)
        {
            session.lastSurgeUp = t;
        }
        else
        {
            session.lastSurgeDown = t;
        }
        final String trigger = volumeTrigger && priceTrigger ? "price_and_volume" : volumeTrigger ? "volume" : "price";
        out.add(event(r, "surge").text("direction", up ? "up" : "down").text("trigger", trigger).price("volRatio", volRatio)
            .price("pct", Numbers.pct(refPrice, r.p())).number("windowS", SURGE_WINDOW_MS / 1000));
        accounting.note("surge " + (up ? "up " : "down ") + trigger + (volRatio == null ? " volRatio null" : ""));
    }

    /** The last trade in history order with t' <= limit, or null. */
    private static Trade lastAtOrBefore(final List<Trade> history, final long limit)
    {
        Trade found = null;
        for (final Trade trade : history)
        {
            if (trade.t <= limit)
            {
                found = trade;
            }
        }
        return found;
    }

    /** Inserts after every trade with t' <= t: ordered by t, ties in feed order. */
    private static void insertByTime(final List<Trade> history, final Trade trade)
    {
        int at = history.size();
        while (at > 0 && history.get(at - 1).t > trade.t)
        {
            at--;
        }
        history.add(at, trade);
    }

    private static ModelEvent event(final ModelRecord r, final String type)
    {
        return new ModelEvent(type, "tick", r.sym(), r.t(), r);
    }

    /** The session's state after a trade, carried on its {@code trade} event for the snapshot. */
    private static void sessionState(final ModelEvent trade, final Session session)
    {
        trade.lastPrice = session.last;
        trade.sessionHigh = session.high;
        trade.sessionLow = session.low;
        trade.sessionVolume = session.volume;
    }
}
