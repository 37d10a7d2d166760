package io.tickstock.publisher.model;

import io.tickstock.publisher.model.FeedDraft.SentTrade;
import io.tickstock.publisher.model.FeedDraft.Sym;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static io.tickstock.publisher.model.FeedDraft.price;
import static io.tickstock.publisher.model.FeedGenerator.NY_MIDNIGHT;

/**
 * The trade lines of a generated feed (docs/protocol.md §1, docs/semantics.md §2): a random walk per
 * symbol with jumps, bursts that move the price one way, resends and the same id at another time,
 * trades of the previous session, and prices that round. Every trade it makes is remembered in the
 * draft for later resends.
 *
 * <p>Not thread-safe: one instance per feed.
 */
final class TradeLines
{
    private final FeedDraft feed;
    private final SplittableRandom rnd;
    private long nextId = 1;
    private long nextQ = 1_000_000;
    private Sym burstSym;
    private int burstLeft;
    private int burstDir;

    TradeLines(final FeedDraft feed)
    {
        this.feed = feed;
        this.rnd = feed.rnd;
    }

    /** Whether a burst has trades left to send. */
    boolean inBurst()
    {
        return burstLeft > 0;
    }

    /** A trade at time t; {@code jump} moves the price 0.6 % to 2.5 % at once. */
    String trade(final Sym sym, final long t, final boolean jump)
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

    void startBurst()
    {
        burstSym = feed.tradingSym();
        burstLeft = 3 + rnd.nextInt(8);
        burstDir = rnd.nextBoolean() ? 1 : -1;
        burstTrade();
    }

    void burstTrade()
    {
        burstLeft--;
        final Sym sym = burstSym;
        final double move = burstDir * (0.001 + rnd.nextDouble() * 0.004);
        sym.pips = Math.max(100, Math.round(sym.pips * (1 + move)));
        final long size = 500 + rnd.nextInt(rnd.nextBoolean() ? 9000 : 2500);
        feed.emit(feed.source(), tradeLine(sym, quantize(sym.pips), size, feed.now));
    }

    /** Prices mostly in cents, sometimes with 4 decimals or a 7th decimal to round. */
    long quantize(final long pips)
    {
        return rnd.nextInt(10) == 0 ? pips : Math.max(100, Math.round(pips / 100.0) * 100);
    }

    String tradeLine(final Sym sym, final long pips, final long size, final long t)
    {
        final String id = rnd.nextInt(10) < 6 ? "t" + nextId++ : null;
        final Long x = rnd.nextInt(10) < 7 ? Long.valueOf(1 + rnd.nextInt(12)) : null;
        final String text = renderTrade(sym.name, rnd.nextInt(50) == 0 ? withRounding(price(pips)) : price(pips), size, t, id, x,
            extras());
        feed.trades.add(new SentTrade(sym.name, pips, size, t, id, x, text, burstLeft > 0 || size >= 2500));
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
    void resendTrade()
    {
        if (feed.trades.isEmpty())
        {
            return;
        }
        final SentTrade trade = feed.pickRecent(feed.trades);
        if (rnd.nextInt(4) == 0)
        {
            feed.emit(feed.source(), renderTrade(trade.symbol(), price(trade.pips()), trade.size(), trade.t(), trade.id(),
                trade.x(), ",\"z\":" + (1 + rnd.nextInt(3))));
        }
        else
        {
            feed.emit(rnd.nextInt(2), trade.text());
        }
    }

    /** The same (x, i) at another time and price: a duplicate within 60 s, a new trade beyond. */
    void sameIdOtherTime()
    {
        final SentTrade trade = feed.pickRecent(feed.trades);
        if (trade == null || trade.id() == null)
        {
            return;
        }
        final long t = trade.t() + rnd.nextLong(-90_000, 90_001);
        final Long x = rnd.nextInt(5) == 0 ? Long.valueOf(trade.x() == null ? 1 : trade.x() + 1) : trade.x();
        feed.emit(feed.source(), renderTrade(trade.symbol(), price(trade.pips() + 100), trade.size() + 1, t, trade.id(), x, ""));
    }

    /** A trade of the 2023-11-14 session once the 2023-11-15 one may have started. */
    void previousSession()
    {
        final Sym sym = feed.tradingSym();
        final long t = feed.now > NY_MIDNIGHT ? NY_MIDNIGHT - 1 - rnd.nextLong(300_000) : feed.now - rnd.nextLong(30_000);
        feed.emit(feed.source(), tradeLine(sym, quantize(sym.pips), 1 + rnd.nextInt(300), t));
    }

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
}
