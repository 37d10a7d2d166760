package io.tickstock.publisher.model;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.RecordKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ohlcv channel of DESIGN.md §5 as a plain reference: checks, the 16 retained bars per (symbol,
 * tf), duplicate versus revision, relVol, bar events, and the 5m and 15m rollups with the event-time
 * clock and 5 s of allowed lateness as decided for issue 3 (docs-issue3-spec.tmp.md). The model
 * keeps every accepted 1m bar for rollups (the pipeline may forget windows no bar can land in any
 * more; that is not observable).
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class OhlcvModel
{
    static final int RETAINED_BARS = 16;
    static final int REL_VOL_BARS = 10;
    static final long ALLOWED_LATENESS_MS = 5_000;
    /** Rollup sizes in ms, shortest first, with their tf names. */
    static final long[] ROLLUP_MS = {300_000, 900_000};
    static final String[] ROLLUP_TF = {"5m", "15m"};

    final Accounting accounting = new Accounting();

    /** Bars retained per (symbol, tf), by start. */
    private final Map<String, TreeMap<Long, Bar>> retained = new HashMap<>();
    /** Every accepted 1m bar per symbol (revisions replace), by start: what rollups are built from. */
    private final Map<String, TreeMap<Long, Bar>> minuteBars = new HashMap<>();
    private final Set<Window> emitted = new HashSet<>();
    private final TreeSet<Window> pending = new TreeSet<>(
        Comparator.comparingLong(Window::end).thenComparingLong(Window::size).thenComparing(Window::symbol));
    private long clock = Long.MIN_VALUE;

    private record Bar(long o, long h, long l, long c, long v, long vw, long s, long e, String srcName, long srcSeq, long recvUs)
    {
        boolean sameContent(final Bar other)
        {
            return o == other.o && h == other.h && l == other.l && c == other.c && v == other.v && vw == other.vw &&
                e == other.e;
        }
    }

    private record Window(String symbol, int rollup, long start, long size)
    {
        long end()
        {
            return start + size;
        }
    }

    List<MarketEvent> onBar(final FeedRecord r)
    {
        accounting.received++;
        final boolean minute = r.kind == RecordKind.BAR_MINUTE;
        final long frame = minute ? 60_000 : 1_000;
        final String tf = minute ? "1m" : "1s";
        if (!Numbers.validSymbol(r.symbol))
        {
            accounting.reject("bad_symbol");
            return List.of();
        }
        if (badBar(r))
        {
            accounting.reject("bad_bar");
            return List.of();
        }
        if (Math.floorMod(r.start, frame) != 0 || r.end - r.start != frame)
        {
            accounting.reject("misaligned");
            return List.of();
        }
        final TreeMap<Long, Bar> series = retained.computeIfAbsent(r.symbol + " " + tf, k -> new TreeMap<>());
        if (series.size() >= RETAINED_BARS && r.start < series.firstKey())
        {
            accounting.reject("late");
            return List.of();
        }
        final Bar bar = new Bar(r.open, r.high, r.low, r.close, r.volume, r.vwap, r.start, r.end, r.srcName, r.srcSeq,
            r.recvUs);
        final Bar stored = series.get(r.start);
        if (stored != null && stored.sameContent(bar))
        {
            accounting.duplicates++;
            return List.of();
        }
        accounting.accepted++;
        final boolean revised = stored != null;
        accounting.note((revised ? "revision " : "new bar ") + tf);
        if (!series.isEmpty() && r.start < series.lastKey() && !revised)
        {
            accounting.note("out-of-order bar " + tf);
        }
        final long relVol = relVol(series, bar);
        series.put(bar.s, bar);
        while (series.size() > RETAINED_BARS)
        {
            series.pollFirstEntry();
        }

        final List<MarketEvent> out = new ArrayList<>();
        final MarketEvent event = barEvent(r.symbol, tf, bar, bar.s, bar.e, bar);
        event.relVol = relVol;
        event.revised = revised;
        out.add(event);

        if (minute)
        {
            minuteBars.computeIfAbsent(r.symbol, k -> new TreeMap<>()).put(bar.s, bar);
            for (int i = 0; i < ROLLUP_MS.length; i++)
            {
                final long size = ROLLUP_MS[i];
                final Window window = new Window(r.symbol, i, Math.floorDiv(bar.s, size) * size, size);
                if (emitted.contains(window))
                {
                    accounting.note("rollup re-emitted " + ROLLUP_TF[i]);
                    out.add(rollup(window, true));
                }
                else
                {
                    pending.add(window);
                }
            }
        }
        clock = Math.max(clock, bar.e);
        while (!pending.isEmpty() && pending.first().end() + ALLOWED_LATENESS_MS <= clock)
        {
            final Window window = pending.pollFirst();
            emitted.add(window);
            out.add(rollup(window, false));
            accounting.note("rollup " + ROLLUP_TF[window.rollup] + (window.symbol.equals(r.symbol) ? "" : " closed by another symbol"));
        }
        return out;
    }

    private static boolean badBar(final FeedRecord r)
    {
        final long min = Math.min(r.open, r.close);
        final long max = Math.max(r.open, r.close);
        return !(r.low <= min && min <= max && max <= r.high) ||
            r.low <= 0 ||
            r.volume < 0 ||
            r.end <= r.start ||
            r.open == Fixed.NOT_FINITE || r.close == Fixed.NOT_FINITE || r.low == Fixed.NOT_FINITE ||
            r.high == Fixed.NOT_FINITE || r.vwap == Fixed.NOT_FINITE;
    }

    /** v over the mean v of the 10 newest retained bars starting before it; null under 10 or a zero mean. */
    private long relVol(final TreeMap<Long, Bar> series, final Bar bar)
    {
        final NavigableMap<Long, Bar> before = series.headMap(bar.s, false).descendingMap();
        if (before.size() < REL_VOL_BARS)
        {
            return Fixed.NULL;
        }
        long sum = 0;
        int n = 0;
        for (final Bar b : before.values())
        {
            if (n++ == REL_VOL_BARS)
            {
                break;
            }
            sum += b.v;
        }
        if (sum == 0)
        {
            accounting.note("relVol null: zero mean");
            return Fixed.NULL;
        }
        accounting.note("relVol");
        return Fixed.ofDouble((double)bar.v * REL_VOL_BARS / sum);
    }

    private MarketEvent rollup(final Window window, final boolean revised)
    {
        final List<Bar> bars = new ArrayList<>(
            minuteBars.get(window.symbol).subMap(window.start, true, window.end(), false).values());
        final Bar first = bars.get(0);
        final Bar last = bars.get(bars.size() - 1);
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long volume = 0;
        boolean allVw = true;
        double weighted = 0;
        for (final Bar b : bars)
        {
            high = Math.max(high, b.h);
            low = Math.min(low, b.l);
            volume += b.v;
            if (b.vw == Fixed.NULL)
            {
                allVw = false;
            }
            else
            {
                weighted += Fixed.toDouble(b.vw) * b.v;
            }
        }
        final Bar rolled = new Bar(first.o, high, low, last.c, volume,
            allVw && volume != 0 ? Fixed.ofDouble(weighted / volume) : Fixed.NULL,
            window.start, window.end(), last.srcName, last.srcSeq, last.recvUs);
        final MarketEvent event = barEvent(window.symbol, ROLLUP_TF[window.rollup], rolled, window.start, window.end(), last);
        event.revised = revised;
        return event;
    }

    private static MarketEvent barEvent(final String symbol, final String tf, final Bar bar, final long start, final long end,
        final Bar src)
    {
        final MarketEvent event = new MarketEvent().reset(EventType.BAR, symbol, end);
        event.srcName = src.srcName;
        event.srcSeq = src.srcSeq;
        event.recvUs = src.recvUs;
        event.tf = tf;
        event.open = bar.o;
        event.high = bar.h;
        event.low = bar.l;
        event.close = bar.c;
        event.volume = bar.v;
        event.vwap = bar.vw;
        event.start = start;
        event.end = end;
        event.pct = Numbers.pct(bar.o, bar.c);
        event.relVol = Fixed.NULL;
        return event;
    }
}
