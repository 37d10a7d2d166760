package io.tickstock.publisher.model;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tick channel of DESIGN.md §5 as a plain reference: checks, dedup (docs/semantics.md reading
 * a), New York sessions, trade/high/low, and trend and surge as decided for issue 3
 * (docs-issue3-spec.tmp.md). Lists and maps, recomputed from scratch where that is simplest.
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
    static final long TREND_THRESHOLD_PCT = 500_000; // 0.5 % in micros
    static final long SURGE_WINDOW_MS = 10_000;
    static final long SURGE_VOLUME_MULTIPLE = 3;
    static final long SURGE_MIN_VOLUME = 10_000;
    static final long SURGE_PRICE_PCT = 1_000_000; // 1 % in micros
    static final long SURGE_COOLDOWN_MS = 30_000;

    final Accounting accounting = new Accounting();
    private final Map<String, SymbolState> symbols = new HashMap<>();

    private record Trade(long t, long price, long size)
    {
    }

    private static final class SymbolState
    {
        /** Dedup key -> t of the most recent accepted trade with that key. */
        final Map<List<Object>, Long> lastByKey = new HashMap<>();
        /** Dedup key -> the source name of that trade (only for the coverage notes). */
        final Map<List<Object>, String> sourceByKey = new HashMap<>();
        long latestAcceptedT = Long.MIN_VALUE;
        Session session;
    }

    private static final class Session
    {
        LocalDate date;
        long high;
        long low;
        long highs;
        long lows;
        long volume;
        long firstT;
        long firstPrice;
        long latestT;
        /** The session's accepted trades ordered by t, ties in feed order. */
        final List<Trade> history = new ArrayList<>();
        Long lastTrendUp;
        Long lastTrendDown;
        Long lastSurgeUp;
        Long lastSurgeDown;
    }

    /** Validates and processes one trade; returns the events it causes (empty when not accepted). */
    List<MarketEvent> onTrade(final FeedRecord r)
    {
        accounting.received++;
        final String reject = fieldReject(r);
        if (reject != null)
        {
            accounting.reject(reject);
            return List.of();
        }
        final SymbolState state = symbols.computeIfAbsent(r.symbol, s -> new SymbolState());
        final List<Object> key = r.tradeId != null ?
            List.of("id", r.exchange, r.tradeId) :
            List.of("noid", r.exchange, r.time, r.price, r.size);
        final Long previous = state.lastByKey.get(key);
        if (previous != null && state.latestAcceptedT - previous > DEDUP_HORIZON_MS &&
            Math.abs(r.time - previous) <= DEDUP_WINDOW_MS)
        {
            accounting.note("dedup key forgotten: accepted again");
        }
        if (previous != null && Math.abs(r.time - previous) > DEDUP_WINDOW_MS)
        {
            accounting.note("same key beyond the dedup window: accepted");
        }
        if (r.tradeId == null)
        {
            accounting.note("trade without id");
        }
        if (previous != null && Math.abs(r.time - previous) == DEDUP_WINDOW_MS)
        {
            accounting.note("edge: same key exactly 60 s apart");
        }
        if (previous != null && state.latestAcceptedT - previous == DEDUP_HORIZON_MS)
        {
            accounting.note("edge: dedup key exactly 120 s older than the latest");
        }
        if (previous != null && state.latestAcceptedT - previous <= DEDUP_HORIZON_MS &&
            Math.abs(r.time - previous) <= DEDUP_WINDOW_MS)
        {
            accounting.duplicates++;
            accounting.note(r.srcName.equals(state.sourceByKey.get(key)) ? "duplicate trade, same source" :
                "duplicate trade, other source");
            return List.of();
        }
        accounting.accepted++;
        state.lastByKey.put(key, r.time);
        state.sourceByKey.put(key, r.srcName);
        state.latestAcceptedT = Math.max(state.latestAcceptedT, r.time);
        return process(state, r);
    }

    /** The tick field checks in order, or null when they pass; the fmv channel uses them too. */
    static String fieldReject(final FeedRecord r)
    {
        if (!Numbers.validSymbol(r.symbol))
        {
            return "bad_symbol";
        }
        if (!Numbers.positiveFinite(r.price))
        {
            return "bad_price";
        }
        if (r.size < 0)
        {
            return "bad_size";
        }
        if (r.time <= 0)
        {
            return "bad_time";
        }
        return null;
    }

    static LocalDate sessionDate(final long t)
    {
        return LocalDate.ofInstant(Instant.ofEpochMilli(t), NEW_YORK);
    }

    private List<MarketEvent> process(final SymbolState state, final FeedRecord r)
    {
        final List<MarketEvent> out = new ArrayList<>();
        final MarketEvent trade = event(r, EventType.TRADE);
        trade.price = r.price;
        trade.size = r.size;
        out.add(trade);

        final LocalDate date = sessionDate(r.time);
        if (sessionDate(r.time - 1).isBefore(date))
        {
            accounting.note("edge: trade at midnight in New York");
        }
        final Session session = state.session;
        if (session == null || date.isAfter(session.date))
        {
            final Session fresh = new Session();
            fresh.date = date;
            fresh.high = r.price;
            fresh.low = r.price;
            fresh.volume = r.size;
            fresh.firstT = r.time;
            fresh.firstPrice = r.price;
            fresh.latestT = r.time;
            fresh.history.add(new Trade(r.time, r.price, r.size));
            if (session != null)
            {
                accounting.note("later session started");
            }
            state.session = fresh;
            return out;
        }
        if (date.isBefore(session.date))
        {
            accounting.note("trade of an earlier session");
            return out;
        }

        session.volume += r.size;
        session.latestT = Math.max(session.latestT, r.time);
        if (r.price > session.high)
        {
            final MarketEvent high = event(r, EventType.HIGH);
            high.price = r.price;
            high.prev = session.high;
            high.count = ++session.highs;
            session.high = r.price;
            out.add(high);
        }
        else if (r.price < session.low)
        {
            final MarketEvent low = event(r, EventType.LOW);
            low.price = r.price;
            low.prev = session.low;
            low.count = ++session.lows;
            session.low = r.price;
            out.add(low);
        }

        final Trade trendRef = lastAtOrBefore(session.history, r.time - TREND_WINDOW_MS);
        final Trade surgeRef = lastAtOrBefore(session.history, r.time - SURGE_WINDOW_MS);
        insertByTime(session.history, new Trade(r.time, r.price, r.size));

        final boolean drives = r.time >= session.latestT - DRIVE_HORIZON_MS;
        if (r.time == session.latestT - DRIVE_HORIZON_MS)
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

    private void trend(final Session session, final FeedRecord r, final Trade ref, final List<MarketEvent> out)
    {
        if (ref == null || !Numbers.movedAtLeast(ref.price, r.price, TREND_THRESHOLD_PCT))
        {
            return;
        }
        final boolean up = r.price > ref.price;
        final Long last = up ? session.lastTrendUp : session.lastTrendDown;
        if (ref.t == r.time - TREND_WINDOW_MS)
        {
            accounting.note("edge: trend reference exactly a window before");
        }
        if (last != null && r.time - last == TREND_WINDOW_MS)
        {
            accounting.note("edge: trend exactly a cooldown after the last");
        }
        if (last != null && r.time - last < TREND_WINDOW_MS)
        {
            accounting.note("trend held back by its cooldown");
            return;
        }
        if (up)
        {
            session.lastTrendUp = r.time;
        }
        else
        {
            session.lastTrendDown = r.time;
        }
        final MarketEvent trend = event(r, EventType.TREND);
        trend.up = up;
        trend.pct = Numbers.pct(ref.price, r.price);
        trend.windowS = (int)(TREND_WINDOW_MS / 1000);
        out.add(trend);
        accounting.note("trend " + (up ? "up" : "down"));
    }

    private void surge(final Session session, final FeedRecord r, final Trade ref, final List<MarketEvent> out)
    {
        final long t = r.time;
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
        long volRatio = Fixed.NULL;
        boolean volumeTrigger = false;
        if (ratioDefined)
        {
            final BigInteger left = Numbers.big(windowVolume).multiply(Numbers.big(elapsed));
            final BigInteger right = Numbers.big(volumeBefore).multiply(Numbers.big(SURGE_WINDOW_MS));
            volRatio = Fixed.ofDouble(left.doubleValue() / right.doubleValue());
            volumeTrigger = left.compareTo(right.multiply(Numbers.big(SURGE_VOLUME_MULTIPLE))) >= 0 &&
                windowVolume >= SURGE_MIN_VOLUME;
        }
        final long refPrice = ref != null ? ref.price : session.firstPrice;
        final boolean priceTrigger = Numbers.movedAtLeast(refPrice, r.price, SURGE_PRICE_PCT);
        if (!volumeTrigger && !priceTrigger)
        {
            return;
        }
        final boolean up = r.price >= refPrice;
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
        final MarketEvent surge = event(r, EventType.SURGE);
        surge.up = up;
        surge.trigger = volumeTrigger && priceTrigger ? MarketEvent.TRIGGER_PRICE_AND_VOLUME :
            volumeTrigger ? MarketEvent.TRIGGER_VOLUME : MarketEvent.TRIGGER_PRICE;
        surge.volRatio = volRatio;
        surge.pct = Numbers.pct(refPrice, r.price);
        surge.windowS = (int)(SURGE_WINDOW_MS / 1000);
        out.add(surge);
        accounting.note("surge " + (up ? "up " : "down ") + surge.trigger + (volRatio == Fixed.NULL ? " volRatio null" : ""));
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

    static MarketEvent event(final FeedRecord r, final EventType type)
    {
        final MarketEvent event = new MarketEvent().reset(type, Objects.requireNonNull(r.symbol), r.time);
        event.srcName = r.srcName;
        event.srcSeq = r.srcSeq;
        event.recvUs = r.recvUs;
        return event;
    }
}
