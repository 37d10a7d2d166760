package io.tickstock.publisher.model;

import java.util.SplittableRandom;

import static io.tickstock.publisher.model.FeedDraft.price;

/** Records for every reject reason before and in the channels, for {@link FeedGenerator}. */
final class BadRecords
{
    private static final long MINUTE = 60_000;

    private BadRecords()
    {
    }

    /** A trade the tick channel rejects: bad_symbol, bad_price, bad_size or bad_time. */
    static String trade(final SplittableRandom rnd, final String symbol, final long pips, final long now)
    {
        final String p = price(pips);
        switch (rnd.nextInt(10))
        {
            case 0:
                return TradeLines.renderTrade("aapl", p, 10, now, null, null, "");
            case 1:
                return TradeLines.renderTrade(rnd.nextBoolean() ? "" : "ABCDEFGHIJKLMNOPQ", p, 10, now, null, null, "");
            case 2:
                return TradeLines.renderTrade("1" + symbol, p, 10, now, null, null, "");
            case 3:
                return TradeLines.renderTrade(symbol, "0", 10, now, null, null, "");
            case 4:
                return TradeLines.renderTrade(symbol, "-1.5", 10, now, null, null, "");
            case 5:
                return TradeLines.renderTrade(symbol, "1e13", 10, now, null, null, "");
            case 6:
                return TradeLines.renderTrade(symbol, p, -5, now, null, null, "");
            case 7:
                return TradeLines.renderTrade(symbol, p, 10, 0, null, null, "");
            case 8:
                return TradeLines.renderTrade(symbol, p, 10, -1000, "bad", 4L, "");
            default:
                return TradeLines.renderTrade(symbol, "0.0000004", 10, now, null, null, ""); // rounds to 0
        }
    }

    /** A bar the ohlcv channel rejects: bad_symbol, bad_bar or misaligned. */
    static String bar(final SplittableRandom rnd, final String name, final long pips, final long now)
    {
        final long s = (Math.floorDiv(now, MINUTE) - 1) * MINUTE;
        final String o = price(pips);
        final String hi = price(pips + 1000);
        final String lo = price(pips - 1000);
        switch (rnd.nextInt(12))
        {
            case 0:
                return barText("AM", "aapl", o, hi, lo, o, 10, s, s + MINUTE, "");
            case 1:
                return barText("AM", name, o, lo, lo, o, 10, s, s + MINUTE, "");                 // h < o
            case 2:
                return barText("AM", name, o, hi, hi, o, 10, s, s + MINUTE, "");                 // l > o
            case 3:
                return barText("AM", name, "0", hi, "0", o, 10, s, s + MINUTE, "");              // l = 0
            case 4:
                return barText("AM", name, o, hi, lo, o, -1, s, s + MINUTE, "");                 // v < 0
            case 5:
                return barText("AM", name, o, hi, lo, o, 10, s, s, "");                          // e = s
            case 6:
                return barText("AM", name, o, hi, lo, o, 10, s, s + MINUTE, ",\"vw\":1e13");      // vw not finite
            case 7:
                return barText("AM", name, o, "1e13", lo, o, 10, s, s + MINUTE, "");             // h not finite
            case 8:
                return barText("AM", name, o, hi, lo, o, 10, s + 1000 * (1 + rnd.nextInt(59)), s + MINUTE + 1000, "");
            case 9:
                return barText("AM", name, o, hi, lo, o, 10, s, s + 2 * MINUTE, "");
            case 10:
                return barText("A", name, o, hi, lo, o, 10, s + 500, s + 1500, "");
            default:
                return barText("A", name, o, hi, lo, o, 10, s, s + 2000, "");
        }
    }

    private static String barText(final String ev, final String symbol, final String o, final String h, final String l,
        final String c, final long v, final long s, final long e, final String extra)
    {
        return "{\"ev\":\"" + ev + "\",\"sym\":\"" + symbol + "\",\"o\":" + o + ",\"h\":" + h + ",\"l\":" + l + ",\"c\":" + c +
            ",\"v\":" + v + ",\"s\":" + s + ",\"e\":" + e + extra + "}";
    }

    /** An FMV the fmv channel rejects: bad_symbol, bad_price or bad_time. */
    static String fmv(final SplittableRandom rnd, final String symbol, final long pips, final long now)
    {
        final long tNs = now * 1_000_000L;
        switch (rnd.nextInt(6))
        {
            case 0:
                return FmvLines.fmvLine("zz", pips, tNs);
            case 1:
                return FmvLines.fmvLine("", pips, tNs);
            case 2:
                return FmvLines.fmvLine(symbol, 0, tNs);
            case 3:
                return "{\"ev\":\"FMV\",\"sym\":\"" + symbol + "\",\"fmv\":1e13,\"t\":" + tNs + "}";
            case 4:
                return FmvLines.fmvLine(symbol, pips, 0);
            default:
                return FmvLines.fmvLine(symbol, -pips, -tNs);
        }
    }

    /** A record rejected before any channel: malformed or unknown_type. */
    static String sourceReject(final SplittableRandom rnd, final String sym, final long now)
    {
        switch (rnd.nextInt(12))
        {
            case 0:
                return "this is not json";
            case 1:
                return "42";
            case 2:
                return "{\"sym\":\"" + sym + "\",\"p\":1,\"s\":1,\"t\":" + now + "}";
            case 3:
                return "{\"ev\":\"T\",\"sym\":\"" + sym + "\",\"p\":101.5,\"s\":50}";
            case 4:
                return "{\"ev\":\"T\",\"sym\":\"" + sym + "\",\"p\":\"101.5\",\"s\":50,\"t\":" + now + "}";
            case 5:
                return "{\"ev\":\"T\",\"sym\":\"" + sym + "\",\"p\":101.5,\"s\":50.0,\"t\":" + now + "}";
            case 6:
                return "{\"ev\":\"T\",\"sym\":\"" + sym + "\",\"p\":101.5,\"s\":50,\"t\":" + now + ",\"x\":\"4\"}";
            case 7:
                return "{\"ev\":\"AM\",\"sym\":\"" + sym + "\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"s\":60000,\"e\":null}";
            case 8:
                return "{\"ev\":\"FMV\",\"sym\":\"" + sym + "\",\"fmv\":1,\"t\":1.5}";
            case 9:
                return "{\"ev\":\"Q\",\"sym\":\"" + sym + "\"}";
            case 10:
                return "{\"ev\":\"status\",\"message\":\"connected\"}";
            default:
                return "{\"ev\":\"T\",\"sym\":\"" + sym + "\",\"p\":101.5,\"s\":50,\"t\":" + now;
        }
    }
}
