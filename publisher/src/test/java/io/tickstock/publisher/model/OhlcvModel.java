package io.tickstock.publisher.model;

import java.math.BigDecimal;
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
 * The ohlcv channel of docs/semantics.md §3 as a plain reference: checks, the 16 retained bars per (symbol,
 * tf), duplicate versus revision, relVol, bar events, and the 5m and 15m rollups with the event-time
 * clock and 5 s of allowed lateness (docs/semantics.md §3). The model
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

    /** A bar; {@code vw} null when absent; {@code src} the record whose source context it carries. */
    private record Bar(BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, long v, BigDecimal vw, long s, long e, ModelRecord src)
    {
        boolean sameContent(final Bar other)
        {
            return o.equals(other.o) && h.equals(other.h) && l.equals(other.l) && c.equals(other.c) && v == other.v &&
                java.util.Objects.equals(vw, other.vw) && e == other.e;
        }
    }

    private record Window(String symbol, int rollup, long start, long size)
    {
        long end()
        {
            return start + size;
        }
    }

    List<ModelEvent> onBar(final ModelRecord r)
    {
        accounting.received++;
        final boolean minute = r.kind() == ModelRecord.Kind.BAR_MINUTE;
        final long frame = minute ? 60_000 : 1_000;
        final String tf = minute ? "1m" : "1s";
        if (!Numbers.validSymbol(r.sym()))
        {
            accounting.reject("bad_symbol");
            return List.of();
        }
        if (badBar(r))
        {
            accounting.reject("bad_bar");
            return List.of();
        }
        if (Math.floorMod(r.start(), frame) != 0 || r.end() - r.start() != frame)
        {
            accounting.reject("misaligned");
            return List.of();
        }
        final TreeMap<Long, Bar> series = retained.computeIfAbsent(r.sym() + " " + tf, k -> new TreeMap<>());
        if (series.size() >= RETAINED_BARS && r.start() < series.firstKey())
        {
            accounting.reject("late");
            return List.of();
        }
        final Bar bar = new Bar(r.o(), r.h(), r.l(), r.c(), r.v(), r.vw(), r.start(), r.end(), r);
        final Bar stored = series.get(r.start());
        if (stored != null && stored.sameContent(bar))
        {
            accounting.duplicates++;
            return List.of();
        }
        accounting.accepted++;
        final boolean revised = stored != null;
        accounting.note((revised ? "revision " : "new bar ") + tf);
        if (!series.isEmpty() && r.start() < series.lastKey() && !revised)
        {
            accounting.note("out-of-order bar " + tf);
        }
        final BigDecimal relVol = relVol(series, bar);
        series.put(bar.s, bar);
        while (series.size() > RETAINED_BARS)
        {
            series.pollFirstEntry();
        }

        final List<ModelEvent> out = new ArrayList<>();
        out.add(barEvent(r.sym(), tf, bar, relVol, revised));

        if (minute)
        {
            minuteBars.computeIfAbsent(r.sym(), k -> new TreeMap<>()).put(bar.s, bar);
            for (int i = 0; i < ROLLUP_MS.length; i++)
            {
                final long size = ROLLUP_MS[i];
                final Window window = new Window(r.sym(), i, Math.floorDiv(bar.s, size) * size, size);
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
            accounting.note("rollup " + ROLLUP_TF[window.rollup] + (window.symbol.equals(r.sym()) ? "" : " closed by another symbol"));
        }
        return out;
    }

    /** docs/semantics.md §3 check 2; a not finite (null) o, h, l, c or present vw fails it. */
    private static boolean badBar(final ModelRecord r)
    {
        if (r.o() == null || r.h() == null || r.l() == null || r.c() == null || r.hasVw() && r.vw() == null)
        {
            return true;
        }
        final BigDecimal min = r.o().min(r.c());
        final BigDecimal max = r.o().max(r.c());
        return !(r.l().compareTo(min) <= 0 && max.compareTo(r.h()) <= 0) ||
            r.l().signum() <= 0 ||
            r.v() < 0 ||
            r.end() <= r.start();
    }

    /** v over the mean v of the 10 newest retained bars starting before it; null under 10 or a zero mean. */
    private BigDecimal relVol(final TreeMap<Long, Bar> series, final Bar bar)
    {
        final NavigableMap<Long, Bar> before = series.headMap(bar.s, false).descendingMap();
        if (before.size() < REL_VOL_BARS)
        {
            return null;
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
            return null;
        }
        accounting.note("relVol");
        return Numbers.ratio(Numbers.big(bar.v).multiply(Numbers.big(REL_VOL_BARS)), Numbers.big(sum));
    }

    /** The window's rollup from the 1m bars it holds: relVol null, src the latest bar's (docs/semantics.md §8 s). */
    private ModelEvent rollup(final Window window, final boolean revised)
    {
        final List<Bar> bars = new ArrayList<>(
            minuteBars.get(window.symbol).subMap(window.start, true, window.end(), false).values());
        final Bar first = bars.get(0);
        final Bar last = bars.get(bars.size() - 1);
        BigDecimal high = first.h;
        BigDecimal low = first.l;
        long volume = 0;
        boolean allVw = true;
        BigDecimal weighted = BigDecimal.ZERO;
        for (final Bar b : bars)
        {
            high = high.max(b.h);
            low = low.min(b.l);
            volume += b.v;
            if (b.vw == null)
            {
                allVw = false;
            }
            else
            {
                weighted = weighted.add(b.vw.multiply(BigDecimal.valueOf(b.v)));
            }
        }
        final Bar rolled = new Bar(first.o, high, low, last.c, volume,
            allVw && volume != 0 ? Numbers.ratio(weighted, BigDecimal.valueOf(volume)) : null,
            window.start, window.end(), last.src);
        final ModelEvent event = barEvent(window.symbol, ROLLUP_TF[window.rollup], rolled, null, revised);
        event.rollup = true;
        return event;
    }

    private static ModelEvent barEvent(final String symbol, final String tf, final Bar bar, final BigDecimal relVol,
        final boolean revised)
    {
        return new ModelEvent("bar", "ohlcv", symbol, bar.e, bar.src)
            .text("tf", tf)
            .price("o", bar.o)
            .price("h", bar.h)
            .price("l", bar.l)
            .price("c", bar.c)
            .number("v", bar.v)
            .price("vw", bar.vw)
            .number("start", bar.s)
            .number("end", bar.e)
            .price("pct", Numbers.pct(bar.o, bar.c))
            .price("relVol", relVol)
            .flag("revised", revised);
    }
}
