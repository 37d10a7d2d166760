package io.tickstock.publisher.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of NDJSON feeds (docs/protocol.md §1) for the reference-model test: a few
 * hundred to a few thousand records over a handful of symbols, from two source names, around
 * midnight in New York between 2023-11-14 and 2023-11-15. It mixes ordinary traffic with every case
 * docs/semantics.md §1 to §4 has a rule for: duplicates within a source and across the two, trades
 * without ids, out-of-order trades (some more than 60 s older than the latest), trades of the
 * previous session after the new one started, bursts that fire trend and surge both ways, identical
 * and revised bars, late, misaligned and out-of-order bars, 1s bars, FMV outliers, stale and
 * duplicate updates, and a bad record for every reject reason. The same seed gives the same feed.
 *
 * <p>Not thread-safe: one instance per feed.
 */
public final class FeedGenerator
{
    public static final List<String> SOURCE_NAMES = List.of("feedA", "feedB");
    /** 2023-11-15T05:00:00Z: midnight in New York (EST), between the 2023-11-14 and 2023-11-15 sessions. */
    public static final long NY_MIDNIGHT = 1_700_024_400_000L;

    private static final long MINUTE = 60_000;
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "SPY", "BRK.B", "QQQ", "X", "BF-B", "NVDA"};
    private static final long[] BASE_PIPS = {1_874_200, 3_696_700, 4_501_200, 3_542_000, 3_855_000, 354_000, 589_000, 4_965_600};

    /** One feed message and the index of the source name it comes from. */
    public record Line(int source, String text)
    {
    }

    private record SentTrade(String symbol, long pips, long size, long t, String id, Long x, String text, boolean burst)
    {
    }

    private record SentBar(String ev, String symbol, long o, long h, long l, long c, long v, Long vw, long s, long e, String text)
    {
    }

    private record SentFmv(String symbol, long pips, long tNs, String text)
    {
    }

    private static final class Sym
    {
        final String name;
        /** Price in 1/10,000 of a dollar. */
        long pips;
        long lastTradeT = Long.MIN_VALUE;
        /** The earliest trade sent at or after midnight (an approximation of the session's first). */
        long firstOfSessionT = Long.MIN_VALUE;
        long lastTradePips;
        long lastFmvNs;
        /** Stops trading after this many feed lines (for FMV with no recent trade). */
        int tradesUntil = Integer.MAX_VALUE;
        /** Its bars all have no volume (relVol over a zero mean, rollups without vw). */
        boolean quiet;
        final List<SentBar> bars = new ArrayList<>();
        final List<SentBar> heldBack = new ArrayList<>();
        final List<SentFmv> fmvs = new ArrayList<>();

        Sym(final String name, final long pips)
        {
            this.name = name;
            this.pips = pips;
        }
    }

    private final SplittableRandom rnd;
    private final List<Line> lines = new ArrayList<>();
    private final List<Sym> syms = new ArrayList<>();
    private final List<SentTrade> trades = new ArrayList<>();
    private final int target;
    private final long avgStepMs;
    private long now;
    private long lastMinute;
    private long nextId = 1;
    private long nextQ = 1_000_000;
    private Sym burstSym;
    private int burstLeft;
    private int burstDir;
    private boolean clockJumped;

    private FeedGenerator(final long seed)
    {
        rnd = new SplittableRandom(seed);
        target = 200 + rnd.nextInt(2300);
        final long span = 8 * MINUTE + rnd.nextLong(50 * MINUTE);
        avgStepMs = Math.max(50, span / target);
        now = NY_MIDNIGHT - MINUTE - rnd.nextLong(span - 2 * MINUTE) + rnd.nextLong(1000);
        lastMinute = Math.floorDiv(now, MINUTE);
        final int count = 3 + rnd.nextInt(4);
        final List<Integer> pool = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        for (int n = 0; n < count; n++)
        {
            final int pick = pool.remove(rnd.nextInt(pool.size()));
            syms.add(new Sym(SYMBOLS[pick], BASE_PIPS[pick]));
        }
        if (rnd.nextBoolean())
        {
            syms.get(syms.size() - 1).tradesUntil = target / 4;
        }
        syms.get(0).quiet = rnd.nextInt(3) == 0;
    }

    /** The feed for a seed, in feed order. */
    public static List<Line> generate(final long seed)
    {
        return new FeedGenerator(seed).run();
    }

    private List<Line> run()
    {
        while (lines.size() < target)
        {
            advance();
            step();
        }
        return lines;
    }

    private void advance()
    {
        long dt = burstLeft > 0 ? 30 + rnd.nextLong(900) : rnd.nextLong(2 * avgStepMs + 1);
        if (rnd.nextInt(150) == 0)
        {
            dt += 60_000 + rnd.nextLong(120_000);
        }
        now += dt;
        final long minute = Math.floorDiv(now, MINUTE);
        while (lastMinute < minute)
        {
            lastMinute++;
            minuteBars((lastMinute - 1) * MINUTE);
        }
    }

    /** The 1m bars of the minute that just ended, with some held back and sent late. */
    private void minuteBars(final long start)
    {
        for (final Sym sym : syms)
        {
            if (!sym.heldBack.isEmpty() && rnd.nextInt(3) == 0)
            {
                final SentBar bar = sym.heldBack.remove(rnd.nextInt(sym.heldBack.size()));
                emit(source(), bar.text);
            }
            if (rnd.nextInt(100) < 85)
            {
                final SentBar bar = newBar("AM", sym, start, start + MINUTE);
                if (rnd.nextInt(10) == 0)
                {
                    sym.heldBack.add(bar);
                }
                else
                {
                    emit(source(), bar.text);
                }
            }
        }
    }

    private void step()
    {
        final int roll = rnd.nextInt(1000);
        if (burstLeft > 0 && roll < 700)
        {
            burstTrade();
        }
        else if (roll < 470)
        {
            emit(source(), trade(tradingSym(), now + rnd.nextLong(3), rnd.nextInt(30) == 0));
        }
        else if (roll < 490)
        {
            startBurst();
        }
        else if (roll < 550)
        {
            resendTrade();
        }
        else if (roll < 570)
        {
            sameIdOtherTime();
        }
        else if (roll < 600)
        {
            emit(source(), trade(tradingSym(), now - 1 - rnd.nextLong(rnd.nextBoolean() ? 59_000 : 150_000), false));
        }
        else if (roll < 620)
        {
            previousSession();
        }
        else if (roll < 660)
        {
            secondBars();
        }
        else if (roll < 690)
        {
            reviseOrRepeatBar();
        }
        else if (roll < 705)
        {
            oldBar();
        }
        else if (roll < 720)
        {
            final Sym sym = randomSym();
            emit(source(), BadRecords.bar(rnd, sym.name, sym.pips, now));
        }
        else if (roll < 800)
        {
            emit(source(), fmv(randomSym(), 0));
        }
        else if (roll < 815)
        {
            emit(source(), fmv(randomSym(), rnd.nextBoolean() ? 1 : -1));
        }
        else if (roll < 835)
        {
            staleOrRepeatFmv();
        }
        else if (roll < 840)
        {
            emit(source(), fmvLine("ZZZ", 1_000_000 + rnd.nextLong(10_000), now * 1_000_000L + rnd.nextLong(1_000_000)));
        }
        else if (roll < 870)
        {
            final Sym sym = randomSym();
            emit(source(), BadRecords.trade(rnd, sym.name, sym.pips, now));
        }
        else if (roll < 880)
        {
            final Sym sym = randomSym();
            emit(source(), BadRecords.fmv(rnd, sym.name, sym.pips, now));
        }
        else if (roll < 900)
        {
            emit(source(), BadRecords.sourceReject(rnd, randomSym().name, now));
        }
        else if (roll < 905)
        {
            emit(source(), "[" + trade(tradingSym(), now, false) + "," + fmv(randomSym(), 0) +
                (rnd.nextBoolean() ? ",42" : "") + "]");
        }
        else if (roll < 908)
        {
            emit(source(), rnd.nextBoolean() ? "" : "   ");
        }
        else if (roll < 940)
        {
            boundary();
        }
        else if (roll < 941 && !clockJumped && rnd.nextInt(4) == 0)
        {
            clockJumped = true;
            final long s = Math.floorDiv(now, 1000) * 1000 + 600_000 + rnd.nextLong(900) * 1000;
            emit(source(), newBar("A", randomSym(), s, s + 1000).text);
        }
        else
        {
            emit(source(), trade(tradingSym(), now, false));
        }
    }

    private int source()
    {
        return rnd.nextInt(10) < 7 ? 0 : 1;
    }

    private Sym randomSym()
    {
        return syms.get(rnd.nextInt(syms.size()));
    }

    private Sym tradingSym()
    {
        for (int tries = 0; tries < 10; tries++)
        {
            final Sym sym = randomSym();
            if (lines.size() < sym.tradesUntil)
            {
                return sym;
            }
        }
        return syms.get(0);
    }

    private void emit(final int source, final String text)
    {
        lines.add(new Line(source, text));
    }

    // ---- trades ----

    /** A trade at time t; {@code jump} moves the price 0.6 % to 2.5 % at once. */
    private String trade(final Sym sym, final long t, final boolean jump)
    {
        if (jump)
        {
            final double move = (0.006 + rnd.nextDouble() * 0.019) * (rnd.nextBoolean() ? 1 : -1);
            sym.pips = Math.max(100, Math.round(sym.pips * (1 + move)));
        }
        else
        {
            final double noise = (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5) * 0.0012;
            sym.pips = Math.max(100, Math.round(sym.pips * (1 + noise)));
        }
        final long size = rnd.nextInt(40) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 3000 : 400);
        return tradeLine(sym, quantize(sym.pips), size, t);
    }

    private void startBurst()
    {
        burstSym = tradingSym();
        burstLeft = 3 + rnd.nextInt(8);
        burstDir = rnd.nextBoolean() ? 1 : -1;
        burstTrade();
    }

    private void burstTrade()
    {
        burstLeft--;
        final Sym sym = burstSym;
        final double move = burstDir * (0.001 + rnd.nextDouble() * 0.004);
        sym.pips = Math.max(100, Math.round(sym.pips * (1 + move)));
        final long size = 500 + rnd.nextInt(rnd.nextBoolean() ? 9000 : 2500);
        emit(source(), tradeLine(sym, quantize(sym.pips), size, now));
    }

    /** Prices mostly in cents, sometimes with 4 decimals or a 7th decimal to round. */
    private long quantize(final long pips)
    {
        return rnd.nextInt(10) == 0 ? pips : Math.max(100, Math.round(pips / 100.0) * 100);
    }

    private String tradeLine(final Sym sym, final long pips, final long size, final long t)
    {
        final String id = rnd.nextInt(10) < 6 ? "t" + nextId++ : null;
        final Long x = rnd.nextInt(10) < 7 ? Long.valueOf(1 + rnd.nextInt(12)) : null;
        final String text = renderTrade(sym.name, rnd.nextInt(50) == 0 ? withRounding(price(pips)) : price(pips), size, t, id, x,
            extras());
        trades.add(new SentTrade(sym.name, pips, size, t, id, x, text, burstLeft > 0 || size >= 2500));
        if (t >= NY_MIDNIGHT && (sym.firstOfSessionT < NY_MIDNIGHT || t < sym.firstOfSessionT))
        {
            sym.firstOfSessionT = t;
        }
        if (t >= sym.lastTradeT)
        {
            sym.lastTradeT = t;
            sym.lastTradePips = pips;
        }
        return text;
    }

    private String extras()
    {
        final StringBuilder out = new StringBuilder();
        if (rnd.nextInt(30) == 0)
        {
            out.append(",\"q\":").append(nextQ++);
        }
        if (rnd.nextInt(10) == 0)
        {
            out.append(",\"c\":[12,37]");
        }
        if (rnd.nextInt(10) == 0)
        {
            out.append(",\"z\":").append(1 + rnd.nextInt(3));
        }
        return out.toString();
    }

    static String renderTrade(final String symbol, final String price, final long size, final long t, final String id,
        final Long x, final String extra)
    {
        return "{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"p\":" + price + ",\"s\":" + size + ",\"t\":" + t +
            (id == null ? "" : ",\"i\":\"" + id + "\"") + (x == null ? "" : ",\"x\":" + x) + extra + "}";
    }

    /** The same trade again: exactly, from either source, or re-rendered with other ignored fields. */
    private void resendTrade()
    {
        if (trades.isEmpty())
        {
            return;
        }
        final SentTrade trade = pickRecent(trades);
        if (rnd.nextInt(4) == 0)
        {
            emit(source(), renderTrade(trade.symbol, price(trade.pips), trade.size, trade.t, trade.id, trade.x,
                ",\"z\":" + (1 + rnd.nextInt(3))));
        }
        else
        {
            emit(rnd.nextInt(2), trade.text);
        }
    }

    /** The same (x, i) at another time and price: a duplicate within 60 s, a new trade beyond. */
    private void sameIdOtherTime()
    {
        final SentTrade trade = pickRecent(trades);
        if (trade == null || trade.id == null)
        {
            return;
        }
        final long t = trade.t + rnd.nextLong(-90_000, 90_001);
        final Long x = rnd.nextInt(5) == 0 ? Long.valueOf(trade.x == null ? 1 : trade.x + 1) : trade.x;
        emit(source(), renderTrade(trade.symbol, price(trade.pips + 100), trade.size + 1, t, trade.id, x, ""));
    }

    /**
     * A record exactly on (or 1 ms past) the edge of a rule: a trade a window after an earlier one
     * (trend reference, surge window, volRatio's two windows, cooldowns), the same (x, i) exactly 60 s
     * away, a trade exactly 60 s older than the symbol's latest, an FMV exactly 15 minutes after the
     * last trade, a trade at midnight.
     */
    private void boundary()
    {
        final Sym sym = tradingSym();
        final int edge = rnd.nextInt(2);
        switch (rnd.nextInt(8))
        {
            case 0:
            {
                final long[] gaps = {10_000, 20_000, 30_000, 60_000};
                final long gap = gaps[rnd.nextInt(gaps.length)] + edge;
                final boolean afterBurst = rnd.nextBoolean();
                for (int i = trades.size() - 1; i >= 0 && i >= trades.size() - 400; i--)
                {
                    final SentTrade old = trades.get(i);
                    if (old.symbol.equals(sym.name) && old.t + gap <= now + 1000 && old.t + gap >= now - 3000 &&
                        (old.burst || !afterBurst))
                    {
                        emit(source(), tradeLine(sym, quantize(sym.pips), 1 + rnd.nextInt(400), old.t + gap));
                        return;
                    }
                }
                emit(source(), trade(sym, now, false));
                return;
            }
            case 1:
            {
                final SentTrade old = pickRecent(trades);
                if (old != null && old.id != null)
                {
                    final long t = old.t + (rnd.nextBoolean() ? 1 : -1) * (60_000 + edge);
                    emit(source(), renderTrade(old.symbol, price(old.pips), old.size, t, old.id, old.x, ""));
                }
                return;
            }
            case 2:
                if (sym.lastTradeT != Long.MIN_VALUE)
                {
                    emit(source(), tradeLine(sym, quantize(sym.pips), 1 + rnd.nextInt(400), sym.lastTradeT - 60_000 - edge));
                }
                return;
            case 3:
                if (sym.lastTradeT != Long.MIN_VALUE)
                {
                    final long tNs = (sym.lastTradeT + 900_000 + edge) * 1_000_000L + rnd.nextLong(1_000_000);
                    emit(source(), fmvLine(sym, Math.round(sym.lastTradePips * (1 + (rnd.nextDouble() - 0.5) * 0.2)), tNs));
                }
                return;
            case 4:
                emit(source(), tradeLine(sym, quantize(sym.pips), 1 + rnd.nextInt(400), NY_MIDNIGHT - edge));
                return;
            case 5:
            {
                // A new latest trade 120 s after an earlier one with an id, then that one again: still
                // remembered (a duplicate) at exactly 120 s, forgotten (accepted) 1 ms later.
                for (int i = 0; i < trades.size(); i++)
                {
                    final SentTrade old = trades.get(i);
                    if (old.symbol.equals(sym.name) && old.id != null && old.t >= sym.lastTradeT - 120_000 &&
                        old.t <= sym.lastTradeT - 100_000)
                    {
                        emit(source(), tradeLine(sym, quantize(sym.pips), 1 + rnd.nextInt(400), old.t + 120_000 + edge));
                        emit(source(), old.text);
                        return;
                    }
                }
                return;
            }
            case 6:
                if (sym.firstOfSessionT >= NY_MIDNIGHT && Math.abs(sym.firstOfSessionT + 20_000 - now) < 5_000)
                {
                    emit(source(), tradeLine(sym, quantize(sym.pips), 1 + rnd.nextInt(20_000), sym.firstOfSessionT + 20_000 - edge));
                }
                return;
            default:
            {
                // The same (t, fmv) as an accepted FMV about 60 s older than the newest: duplicate or stale.
                if (!sym.fmvs.isEmpty())
                {
                    final SentFmv newest = sym.fmvs.get(sym.fmvs.size() - 1);
                    emit(source(), fmvLine(sym, newest.pips, newest.tNs + 60_000_000_000L + edge));
                    emit(source(), newest.text);
                }
                return;
            }
        }
    }

    /** A trade of the 2023-11-14 session once the 2023-11-15 one may have started. */
    private void previousSession()
    {
        final Sym sym = tradingSym();
        final long t = now > NY_MIDNIGHT ? NY_MIDNIGHT - 1 - rnd.nextLong(300_000) : now - rnd.nextLong(30_000);
        emit(source(), tradeLine(sym, quantize(sym.pips), 1 + rnd.nextInt(300), t));
    }

    // ---- bars ----

    private SentBar newBar(final String ev, final Sym sym, final long s, final long e)
    {
        final long spread = Math.max(100, sym.pips / 400);
        final long o = cents(sym.pips + rnd.nextLong(-spread, spread + 1));
        final long c = cents(sym.pips + rnd.nextLong(-spread, spread + 1));
        final long h = Math.max(o, c) + cents(rnd.nextLong(spread + 1));
        final long l = Math.max(100, Math.min(o, c) - cents(rnd.nextLong(spread + 1)));
        final long v = sym.quiet || rnd.nextInt(20) == 0 ? 0 : rnd.nextInt(5000);
        final Long vw = rnd.nextInt(100) < 85 ? Long.valueOf(l + rnd.nextLong(h - l + 1)) : null;
        return bar(ev, sym, o, h, l, c, v, vw, s, e, rnd.nextInt(5) == 0 ? ",\"av\":" + rnd.nextInt(100_000) + ",\"op\":1.5" : "");
    }

    private long cents(final long pips)
    {
        return Math.round(pips / 100.0) * 100;
    }

    private SentBar bar(final String ev, final Sym sym, final long o, final long h, final long l, final long c, final long v,
        final Long vw, final long s, final long e, final String extra)
    {
        final String text = "{\"ev\":\"" + ev + "\",\"sym\":\"" + sym.name + "\",\"o\":" + price(o) + ",\"h\":" + price(h) +
            ",\"l\":" + price(l) + ",\"c\":" + price(c) + ",\"v\":" + v + (vw == null ? "" : ",\"vw\":" + price(vw)) +
            ",\"s\":" + s + ",\"e\":" + e + extra + "}";
        final SentBar bar = new SentBar(ev, sym.name, o, h, l, c, v, vw, s, e, text);
        if (ev.equals("AM"))
        {
            sym.bars.add(bar);
        }
        return bar;
    }

    /** A few consecutive 1s bars ending now. */
    private void secondBars()
    {
        final Sym sym = randomSym();
        final int count = 1 + rnd.nextInt(6);
        final long last = Math.floorDiv(now, 1000) * 1000 - 1000;
        for (int n = count - 1; n >= 0; n--)
        {
            emit(source(), newBar("A", sym, last - n * 1000, last - n * 1000 + 1000).text);
        }
    }

    /** A sent 1m bar again: identical (a duplicate) or changed (a revision). */
    private void reviseOrRepeatBar()
    {
        final Sym sym = randomSym();
        if (sym.bars.isEmpty())
        {
            return;
        }
        final SentBar bar = pickRecent(sym.bars);
        switch (rnd.nextInt(5))
        {
            case 0:
                emit(rnd.nextInt(2), bar.text);
                break;
            case 1:
                emit(source(), bar(bar.ev, sym, bar.o, bar.h, bar.l, bar.c, bar.v, bar.vw, bar.s, bar.e, ",\"z\":7").text);
                break;
            case 2:
                emit(source(), bar(bar.ev, sym, bar.o, bar.h, bar.l, bar.c, bar.v + 1 + rnd.nextInt(500), bar.vw, bar.s, bar.e,
                    "").text);
                break;
            case 3:
                emit(source(), bar(bar.ev, sym, bar.o, bar.h, bar.l, bar.l, bar.v, bar.vw, bar.s, bar.e, "").text);
                break;
            default:
                emit(source(), bar(bar.ev, sym, bar.o, bar.h, bar.l, bar.c, bar.v, bar.vw == null ? bar.l : null, bar.s, bar.e,
                    "").text);
                break;
        }
    }

    /** A 1m or 1s bar well before the retained history: late once 16 are retained, else inserted. */
    private void oldBar()
    {
        final Sym sym = randomSym();
        if (rnd.nextInt(3) == 0)
        {
            final long s = Math.floorDiv(now, 1000) * 1000 - 1000L * (17 + rnd.nextInt(60));
            emit(source(), newBar("A", sym, s, s + 1000).text);
        }
        else
        {
            final long s = (Math.floorDiv(now, MINUTE) - 14 - rnd.nextInt(30)) * MINUTE;
            emit(source(), newBar("AM", sym, s, s + MINUTE).text);
        }
    }

    // ---- fmv ----

    /**
     * An FMV near the symbol's last trade: {@code outlier} 0 for within 3 % (sometimes exactly 1 % or
     * 5 % away), +1 or -1 for 5.5 % to 12 % away.
     */
    private String fmv(final Sym sym, final int outlier)
    {
        final long last = sym.lastTradeT == Long.MIN_VALUE ? sym.pips : sym.lastTradePips;
        final long pips;
        if (outlier != 0)
        {
            pips = Math.round(last * (1 + outlier * (0.055 + rnd.nextDouble() * 0.065)));
        }
        else if (rnd.nextInt(10) == 0)
        {
            final long[] edges = {101, 99, 105, 95};
            pips = last * edges[rnd.nextInt(edges.length)] / 100;
        }
        else
        {
            pips = Math.round(last * (1 + (rnd.nextDouble() - 0.5) * 0.06));
        }
        final long tNs = now * 1_000_000L + rnd.nextLong(1_000_000);
        return fmvLine(sym, pips, tNs);
    }

    private String fmvLine(final Sym sym, final long pips, final long tNs)
    {
        final String text = fmvLine(sym.name, pips, tNs);
        sym.fmvs.add(new SentFmv(sym.name, pips, tNs, text));
        sym.lastFmvNs = Math.max(sym.lastFmvNs, tNs);
        return text;
    }

    static String fmvLine(final String symbol, final long pips, final long tNs)
    {
        return "{\"ev\":\"FMV\",\"sym\":\"" + symbol + "\",\"fmv\":" + price(pips) + ",\"t\":" + tNs + "}";
    }

    private void staleOrRepeatFmv()
    {
        final Sym sym = randomSym();
        if (sym.fmvs.isEmpty())
        {
            return;
        }
        if (rnd.nextBoolean())
        {
            emit(rnd.nextInt(2), pickRecent(sym.fmvs).text);
        }
        else
        {
            final long tNs = sym.lastFmvNs - (rnd.nextBoolean() ? 0 : rnd.nextLong(30_000_000_000L));
            emit(source(), fmvLine(sym.name, sym.pips + 100, tNs));
        }
    }

    // ---- helpers ----

    private <T> T pickRecent(final List<T> list)
    {
        if (list.isEmpty())
        {
            return null;
        }
        final int window = rnd.nextInt(4) == 0 ? list.size() : Math.min(list.size(), 20);
        return list.get(list.size() - 1 - rnd.nextInt(window));
    }

    /** The price text with a 7th decimal that rounds away (or, rarely, an exponent form). */
    /** The price with digits beyond the 6th decimal: rounded down, rounded up (half away from zero), or in exponent form. */
    private String withRounding(final String price)
    {
        final int form = rnd.nextInt(5);
        if (form == 0)
        {
            return new BigDecimal(price).movePointRight(2).stripTrailingZeros().toPlainString() + "e-2";
        }
        return price + (price.contains(".") ? "" : ".") + (form == 1 ? "0000005" : "0000004");
    }

    /** A price in 1/10,000 of a dollar as JSON number text. */
    static String price(final long pips)
    {
        return BigDecimal.valueOf(pips, 4).stripTrailingZeros().toPlainString();
    }
}
