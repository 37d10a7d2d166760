package io.tickstock.publisher.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What {@link FeedGenerator} and its line makers ({@link TradeLines}, {@link BarLines}, {@link
 * FmvLines}) share while a feed is generated: the seeded random draws (one sequence, so the same
 * seed gives the same feed), the lines so far, the clock, the symbols and what was sent of each,
 * and the trades sent.
 *
 * <p>Not thread-safe: one instance per feed.
 */
final class FeedDraft
{
    static final long MINUTE = 60_000;

    record SentTrade(String symbol, long pips, long size, long t, String id, Long x, String text, boolean burst)
    {
    }

    record SentBar(String ev, String symbol, long o, long h, long l, long c, long v, Long vw, long s, long e, String text)
    {
    }

    record SentFmv(String symbol, long pips, long tNs, String text)
    {
    }

    static final class Sym
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

    final SplittableRandom rnd;
    final List<FeedGenerator.Line> lines = new ArrayList<>();
    final List<Sym> syms = new ArrayList<>();
    final List<SentTrade> trades = new ArrayList<>();
    long now;

    FeedDraft(final long seed)
    {
        rnd = new SplittableRandom(seed);
    }

    /** The source a line comes from: the first one seven times in ten. */
    int source()
    {
        return rnd.nextInt(10) < 7 ? 0 : 1;
    }

    Sym randomSym()
    {
        return syms.get(rnd.nextInt(syms.size()));
    }

    /** A symbol still trading, or the first one. */
    Sym tradingSym()
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

    void emit(final int source, final String text)
    {
        lines.add(new FeedGenerator.Line(source, text));
    }

    /** One of the last 20 (or, one time in four, of all), null when there is none. */
    <T> T pickRecent(final List<T> list)
    {
        if (list.isEmpty())
        {
            return null;
        }
        final int window = rnd.nextInt(4) == 0 ? list.size() : Math.min(list.size(), 20);
        return list.get(list.size() - 1 - rnd.nextInt(window));
    }

    /** A price in 1/10,000 of a dollar as JSON number text. */
    static String price(final long pips)
    {
        return BigDecimal.valueOf(pips, 4).stripTrailingZeros().toPlainString();
    }
}
