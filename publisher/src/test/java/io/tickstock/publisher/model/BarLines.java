package io.tickstock.publisher.model;

import io.tickstock.publisher.model.FeedDraft.SentBar;
import io.tickstock.publisher.model.FeedDraft.Sym;

import java.util.SplittableRandom;

import static io.tickstock.publisher.model.FeedDraft.MINUTE;
import static io.tickstock.publisher.model.FeedDraft.price;

/**
 * The bar lines of a generated feed (docs/protocol.md §1, docs/semantics.md §3): each minute's 1m
 * bars with some held back and sent late, 1s bars, identical and revised bars, and bars well before
 * the retained history. Every 1m bar it makes is remembered with its symbol.
 *
 * <p>Not thread-safe: one instance per feed.
 */
final class BarLines
{
    private final FeedDraft feed;
    private final SplittableRandom rnd;

    BarLines(final FeedDraft feed)
    {
        this.feed = feed;
        this.rnd = feed.rnd;
    }

    /** The 1m bars of the minute that just ended, with some held back and sent late. */
    void minuteBars(final long start)
    {
        for (final Sym sym : feed.syms)
        {
            if (!sym.heldBack.isEmpty() && rnd.nextInt(3) == 0)
            {
                final SentBar bar = sym.heldBack.remove(rnd.nextInt(sym.heldBack.size()));
                feed.emit(feed.source(), bar.text());
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
                    feed.emit(feed.source(), bar.text());
                }
            }
        }
    }

    SentBar newBar(final String ev, final Sym sym, final long s, final long e)
    {
        final long spread = Math.max(100, sym.pips / 400);
        final long o = cents(sym.pips + rnd.nextLong(-spread, spread + 1));
        final long c = cents(sym.pips + rnd.nextLong(-spread, spread + 1));
        final long h = Math.max(o, c) + cents(rnd.nextLong(spread + 1));
        final long l = Math.max(100, Math.min(o, c) - cents(rnd.nextLong(spread + 1)));
        final long v = sym.quiet || rnd.nextInt(20) == 0 ? 0 : rnd.nextInt(5000);
        final Long vw = rnd.nextInt(100) < 85 ? Long.valueOf(l + rnd.nextLong(h - l + 1)) : null;
        return bar(ev, sym, o, h, l, c, v, vw, s, e,
            rnd.nextInt(5) == 0 ? ",\"av\":" + rnd.nextInt(100_000) + ",\"op\":1.5" : "");
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
    void secondBars()
    {
        final Sym sym = feed.randomSym();
        final int count = 1 + rnd.nextInt(6);
        final long last = Math.floorDiv(feed.now, 1000) * 1000 - 1000;
        for (int n = count - 1; n >= 0; n--)
        {
            feed.emit(feed.source(), newBar("A", sym, last - n * 1000, last - n * 1000 + 1000).text());
        }
    }

    /** A sent 1m bar again: identical (a duplicate) or changed (a revision). */
    void reviseOrRepeatBar()
    {
        final Sym sym = feed.randomSym();
        if (sym.bars.isEmpty())
        {
            return;
        }
        final SentBar bar = feed.pickRecent(sym.bars);
        switch (rnd.nextInt(5))
        {
            case 0:
                feed.emit(rnd.nextInt(2), bar.text());
                break;
            case 1:
                feed.emit(feed.source(),
                    bar(bar.ev(), sym, bar.o(), bar.h(), bar.l(), bar.c(), bar.v(), bar.vw(), bar.s(), bar.e(), ",\"z\":7").text());
                break;
            case 2:
                feed.emit(feed.source(), bar(bar.ev(), sym, bar.o(), bar.h(), bar.l(), bar.c(), bar.v() + 1 + rnd.nextInt(500),
                    bar.vw(), bar.s(), bar.e(), "").text());
                break;
            case 3:
                feed.emit(feed.source(),
                    bar(bar.ev(), sym, bar.o(), bar.h(), bar.l(), bar.l(), bar.v(), bar.vw(), bar.s(), bar.e(), "").text());
                break;
            default:
                feed.emit(feed.source(), bar(bar.ev(), sym, bar.o(), bar.h(), bar.l(), bar.c(), bar.v(),
                    bar.vw() == null ? bar.l() : null, bar.s(), bar.e(), "").text());
                break;
        }
    }

    /** A 1m or 1s bar well before the retained history: late once 16 are retained, else inserted. */
    void oldBar()
    {
        final Sym sym = feed.randomSym();
        if (rnd.nextInt(3) == 0)
        {
            final long s = Math.floorDiv(feed.now, 1000) * 1000 - 1000L * (17 + rnd.nextInt(60));
            feed.emit(feed.source(), newBar("A", sym, s, s + 1000).text());
        }
        else
        {
            final long s = (Math.floorDiv(feed.now, MINUTE) - 14 - rnd.nextInt(30)) * MINUTE;
            feed.emit(feed.source(), newBar("AM", sym, s, s + MINUTE).text());
        }
    }
}
