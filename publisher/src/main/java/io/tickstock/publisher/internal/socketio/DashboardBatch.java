package io.tickstock.publisher.internal.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.tick.SessionCalendar;
import io.tickstock.publisher.internal.fanout.EventTap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the event stream into the original dashboard's {@code stock_data} (docs/compat.md): each
 * {@code high}, {@code low}, {@code trend} and {@code surge} event becomes one item of the current
 * second's lists, with the fields the dashboard reads, those our events do not carry derived from
 * the session's trades per symbol (first price, volume, VWAP). {@link #cut()} closes the second
 * and returns it; {@link Second#json} renders it for every symbol or for a set of them.
 *
 * <p>A tap of the edge's fan-out: {@link #event} runs on the fan-out thread (no thread of its own
 * to wake for every batch: as a publish-ring consumer it cost 0.12 of a core at 20,000 records/s,
 * docs/performance.md), {@link #cut()} on the endpoint's timer; both hold this object's lock,
 * which nobody else takes, for the time it takes to add an item or swap the lists.
 */
final class DashboardBatch implements EventTap
{
    /** At most this many items per list per second; the newest are kept. */
    static final int MAX_ITEMS = 1_000;
    private static final ZoneId NEW_YORK = SessionCalendar.NEW_YORK;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(NEW_YORK);
    private static final int WINDOW_S = 300;
    private static final double FIXED = 1_000_000.0;

    private final SessionCalendar calendar = new SessionCalendar(NEW_YORK);
    private final Map<String, SymbolSession> symbols = new HashMap<>();
    private List<ArrayDeque<Item>> lists = newLists();
    private long droppedItems;
    private long totalHighs;
    private long totalLows;
    private long session = Long.MIN_VALUE;
    private final long[] tradesPerSecond = new long[WINDOW_S];
    private long tradesThisSecond;
    private long eventsThisSecond;
    private int secondIndex;

    /** The lists of one second, in {@link Kind} order. */
    private static List<ArrayDeque<Item>> newLists()
    {
        final List<ArrayDeque<Item>> lists = new ArrayList<>();
        for (int i = 0; i < Kind.values().length; i++)
        {
            lists.add(new ArrayDeque<>());
        }
        return lists;
    }

    /** The six lists of {@code stock_data}. */
    enum Kind
    {
        HIGHS, LOWS, TREND_UP, TREND_DOWN, SURGE_UP, SURGE_DOWN
    }

    /** One symbol's session as the endpoint follows it from the trade events. */
    private static final class SymbolSession
    {
        long session = Long.MIN_VALUE;
        long firstPrice;
        long lastPrice;
        long volume;
        double priceVolume;
        long highs;
        long lows;
        long trendsUp;
        long trendsDown;
        long surges;
        /** The direction of the symbol's last high or low: +1, -1, or 0 before the first. */
        int lastExtreme;
        String lastTrend = "neutral";
    }

    /** One item: the event and the symbol's session as they were then. */
    record Item(Kind kind, String ticker, String type, long id, long ts, double price, long count, long countUp, long countDown,
        double percentChange, double vwap, double vwapDivergence, long volume, String direction, boolean reversal, String trendFlag,
        boolean surgeFlag, double magnitude, String triggerType)
    {
    }

    @Override
    public void event(final MarketEvent event, final long id)
    {
        switch (event.type)
        {
            case TRADE:
            case HIGH:
            case LOW:
            case TREND:
            case SURGE:
                break;
            default:
                // bars and FMVs (a late bar may carry an old time): the original dashboard never
                // received them; turned away before the lock is taken
                // (JFR: 4 of the fan-out thread's 55 samples in a minute's burst were in this tap)
                return;
        }
        synchronized (this)
        {
            follow(event, id);
        }
    }

    private void follow(final MarketEvent event, final long id)
    {
        final long day = calendar.sessionOf(event.ts);
        if (day > session)
        {
            session = day;
            totalHighs = 0;
            totalLows = 0;
        }
        SymbolSession s = symbols.get(event.symbol);
        if (s == null || day > s.session)
        {
            // a session only ever moves forward: an event of an older day changes no figure of today's
            s = new SymbolSession();
            s.session = day;
            symbols.put(event.symbol, s);
        }
        else if (day < s.session)
        {
            return;
        }
        add(event, id, s);
    }

    private void add(final MarketEvent event, final long id, final SymbolSession s)
    {
        switch (event.type)
        {
            case TRADE:
                if (s.volume == 0)
                {
                    s.firstPrice = event.price;
                }
                s.volume += event.size;
                s.priceVolume += event.price / FIXED * event.size;
                s.lastPrice = event.lastPrice;
                tradesThisSecond++;
                return;
            case HIGH:
            case LOW:
                final boolean high = event.type == EventType.HIGH;
                if (high)
                {
                    s.highs++;
                    totalHighs++;
                }
                else
                {
                    s.lows++;
                    totalLows++;
                }
                final boolean reversal = s.lastExtreme == (high ? -1 : 1);
                s.lastExtreme = high ? 1 : -1;
                item(high ? Kind.HIGHS : Kind.LOWS, event, id, s, event.price / FIXED, event.count, high ? "up" : "down", reversal,
                    Math.abs(percentChange(s, event.price)), "price");
                return;
            case TREND:
                if (event.up)
                {
                    s.trendsUp++;
                }
                else
                {
                    s.trendsDown++;
                }
                s.lastTrend = event.up ? "up" : "down";
                item(event.up ? Kind.TREND_UP : Kind.TREND_DOWN, event, id, s, s.lastPrice / FIXED, event.up ? s.trendsUp : s.trendsDown,
                    s.lastTrend, false, Math.abs(event.pct / FIXED), "trend");
                return;
            case SURGE:
                s.surges++;
                item(event.up ? Kind.SURGE_UP : Kind.SURGE_DOWN, event, id, s, s.lastPrice / FIXED, s.surges, event.up ? "up" : "down",
                    false, Math.abs(event.pct / FIXED), MarketEvent.triggerName(event.trigger));
                return;
            default:
                // bars and FMVs: the original dashboard never received them
        }
    }

    private void item(final Kind kind, final MarketEvent event, final long id, final SymbolSession s, final double price, final long count,
        final String direction, final boolean reversal, final double magnitude, final String triggerType)
    {
        final double vwap = s.volume == 0 ? 0 : s.priceVolume / s.volume;
        final double vwapDivergence = vwap == 0 ? 0 : (price - vwap) / vwap * 100;
        final boolean up = "up".equals(direction);
        final long countUp = kind == Kind.HIGHS || kind == Kind.LOWS ? s.highs : kind == Kind.TREND_UP || kind == Kind.TREND_DOWN ? s.trendsUp : up ? count : 0;
        final long countDown = kind == Kind.HIGHS || kind == Kind.LOWS ? s.lows : kind == Kind.TREND_UP || kind == Kind.TREND_DOWN ? s.trendsDown : up ? 0 : count;
        final ArrayDeque<Item> list = lists.get(kind.ordinal());
        if (list.size() == MAX_ITEMS)
        {
            list.removeFirst();
            droppedItems++;
        }
        list.addLast(new Item(kind, event.symbol, event.type.wireName(), id, event.ts, price, count, countUp, countDown,
            percentChange(s, Math.round(price * FIXED)), vwap, vwapDivergence, s.volume, direction, reversal, s.lastTrend,
            s.surges > 0, magnitude, triggerType));
        eventsThisSecond++;
    }

    private static double percentChange(final SymbolSession s, final long price)
    {
        return s.firstPrice == 0 ? 0 : (price - s.firstPrice) * 100.0 / s.firstPrice;
    }


    /** Items dropped because a list held {@value #MAX_ITEMS} in one second. */
    synchronized long droppedItems()
    {
        return droppedItems;
    }

    /** Closes the current second and returns it; the next one starts empty. */
    synchronized Second cut()
    {
        final List<ArrayDeque<Item>> closed = lists;
        lists = newLists();
        tradesPerSecond[secondIndex] = tradesThisSecond;
        secondIndex = (secondIndex + 1) % WINDOW_S;
        final long[] ticks = new long[4];
        final int[] windows = {10, 30, 60, 300};
        for (int w = 0; w < windows.length; w++)
        {
            long sum = 0;
            for (int k = 1; k <= windows[w]; k++)
            {
                sum += tradesPerSecond[Math.floorMod(secondIndex - k, WINDOW_S)];
            }
            ticks[w] = sum;
        }
        final Second second = new Second(closed, totalHighs, totalLows, eventsThisSecond, ticks);
        tradesThisSecond = 0;
        eventsThisSecond = 0;
        return second;
    }

    /** One closed second. */
    static final class Second
    {
        private final List<ArrayDeque<Item>> lists;
        private final long totalHighs;
        private final long totalLows;
        private final long events;
        private final long[] ticks;

        Second(final List<ArrayDeque<Item>> lists, final long totalHighs, final long totalLows, final long events, final long[] ticks)
        {
            this.lists = lists;
            this.totalHighs = totalHighs;
            this.totalLows = totalLows;
            this.events = events;
            this.ticks = ticks;
        }

        /** Whether anything happened: a second without items is not sent. */
        boolean isEmpty()
        {
            return events == 0;
        }

        /**
         * The {@code stock_data} payload (as the JSON text the dashboard parses) with the items of
         * {@code symbols} only, or of every symbol when null.
         */
        String json(final ObjectMapper mapper, final Set<String> symbols)
        {
            final Predicate<Item> shown = symbols == null ? item -> true : item -> symbols.contains(item.ticker());
            final ObjectNode root = mapper.createObjectNode();
            final int[] counts = new int[Kind.values().length];
            final ArrayNode highs = root.putArray("highs");
            final ArrayNode lows = root.putArray("lows");
            final ObjectNode trending = root.putObject("trending");
            final ObjectNode surging = root.putObject("surging");
            final ArrayNode[] targets = {highs, lows, trending.putArray("up"), trending.putArray("down"), surging.putArray("up"),
                surging.putArray("down")};
            for (final Kind kind : Kind.values())
            {
                for (final Item item : lists.get(kind.ordinal()))
                {
                    if (shown.test(item))
                    {
                        write(targets[kind.ordinal()].addObject(), item);
                        counts[kind.ordinal()]++;
                    }
                }
            }
            final ObjectNode perSecond = root.putObject("frequencies").putObject("per_second");
            perSecond.put("highs", counts[Kind.HIGHS.ordinal()]).put("lows", counts[Kind.LOWS.ordinal()]);
            perSecond.putObject("trending").put("up", counts[Kind.TREND_UP.ordinal()]).put("down", counts[Kind.TREND_DOWN.ordinal()]);
            perSecond.putObject("surging").put("up", counts[Kind.SURGE_UP.ordinal()]).put("down", counts[Kind.SURGE_DOWN.ordinal()]);
            final ObjectNode activity = root.putObject("activity").put("total_highs", totalHighs).put("total_lows", totalLows);
            final double rate = events;
            activity.put("activity_level", rate >= 100 ? "Very High" : rate >= 30 ? "High" : rate >= 10 ? "Medium" : "Low");
            activity.putObject("activity_ratio")
                .put("calculation_method", "events_per_second")
                .put("current_rate", rate)
                .put("threshold_low", 10)
                .put("threshold_medium", 30)
                .put("threshold_high", 100)
                .put("threshold_very_high", 300);
            activity.put("ticks_10sec", ticks[0]).put("ticks_30sec", ticks[1]).put("ticks_60sec", ticks[2]).put("ticks_300sec", ticks[3]);
            return root.toString();
        }

        /** Whether the second holds an item of one of {@code symbols}. */
        boolean hasAny(final Set<String> symbols)
        {
            for (final ArrayDeque<Item> list : lists)
            {
                for (final Item item : list)
                {
                    if (symbols.contains(item.ticker()))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private static void write(final ObjectNode node, final Item item)
        {
            final double magnitude = round(item.magnitude(), 4);
            node.put("ticker", item.ticker())
                .put("type", item.type())
                .put("price", round(item.price(), 6))
                .put("time", CLOCK.format(Instant.ofEpochMilli(item.ts())))
                .put("count", item.count())
                .put("count_up", item.countUp())
                .put("count_down", item.countDown())
                .put("percent_change", round(item.percentChange(), 4))
                .put("vwap", round(item.vwap(), 6))
                .put("vwap_divergence", round(item.vwapDivergence(), 4))
                .put("volume", item.volume())
                .put("direction", item.direction())
                .put("reversal", item.reversal())
                .put("trend_flag", item.trendFlag())
                .put("surge_flag", item.surgeFlag())
                .put("trend_strength", magnitude >= 2 ? "strong" : magnitude >= 1 ? "moderate" : "weak")
                .put("event_key", item.ticker() + "_" + item.type() + "_" + item.id())
                .put("label", label(item))
                .put("magnitude", magnitude)
                .put("score", Math.min(100, Math.round(magnitude * 20)))
                .put("trigger_type", item.triggerType())
                .put("timestamp", item.ts() / 1000.0)
                .put("event_id", Long.toString(item.id()));
        }

        private static String label(final Item item)
        {
            switch (item.kind())
            {
                case HIGHS:
                    return "New High";
                case LOWS:
                    return "New Low";
                case TREND_UP:
                    return "Trend Up";
                case TREND_DOWN:
                    return "Trend Down";
                case SURGE_UP:
                    return "Surge Up";
                default:
                    return "Surge Down";
            }
        }

        private static double round(final double value, final int decimals)
        {
            final double scale = Math.pow(10, decimals);
            return Math.round(value * scale) / scale;
        }
    }
}
