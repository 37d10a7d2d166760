package io.tickstock.publisher.model;

import io.tickstock.publisher.model.FeedDraft.SentFmv;
import io.tickstock.publisher.model.FeedDraft.Sym;

import java.util.SplittableRandom;

import static io.tickstock.publisher.model.FeedDraft.price;

/**
 * The FMV lines of a generated feed (docs/protocol.md §1, docs/semantics.md §4): updates near the
 * symbol's last trade, some exactly at a band's edge, outliers both ways, and stale and repeated
 * updates. Every FMV it makes for a symbol is remembered with it.
 *
 * <p>Not thread-safe: one instance per feed.
 */
final class FmvLines
{
    private final FeedDraft feed;
    private final SplittableRandom rnd;

    FmvLines(final FeedDraft feed)
    {
        this.feed = feed;
        this.rnd = feed.rnd;
    }

    /**
     * An FMV near the symbol's last trade: {@code outlier} 0 for within 3 % (sometimes exactly 1 % or
     * 5 % away), +1 or -1 for 5.5 % to 12 % away.
     */
    String fmv(final Sym sym, final int outlier)
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
        final long tNs = feed.now * 1_000_000L + rnd.nextLong(1_000_000);
        return fmvLine(sym, pips, tNs);
    }

    String fmvLine(final Sym sym, final long pips, final long tNs)
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

    void staleOrRepeatFmv()
    {
        final Sym sym = feed.randomSym();
        if (sym.fmvs.isEmpty())
        {
            return;
        }
        if (rnd.nextBoolean())
        {
            feed.emit(rnd.nextInt(2), feed.pickRecent(sym.fmvs).text());
        }
        else
        {
            final long tNs = sym.lastFmvNs - (rnd.nextBoolean() ? 0 : rnd.nextLong(30_000_000_000L));
            feed.emit(feed.source(), fmvLine(sym.name, sym.pips + 100, tNs));
        }
    }
}
