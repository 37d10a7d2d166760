package io.tickstock.channels;

/** Builds feed messages (docs/protocol.md §1) for tests; prices are given as JSON number text. */
final class Feed
{
    /** 2023-11-14T15:00:00Z: 10:00 in New York, a Tuesday. */
    static final long T0 = 1_699_974_000_000L;
    /** 2023-11-14T05:00:00Z: midnight in New York (EST), the start of the 2023-11-14 session. */
    static final long NY_MIDNIGHT = 1_699_938_000_000L;
    static final long DAY = 86_400_000L;

    private Feed()
    {
    }

    static String trade(final String symbol, final String price, final long size, final long time)
    {
        return trade(symbol, price, size, time, "");
    }

    /** @param extra more fields, e.g. {@code "i":"1","x":4}, or empty. */
    static String trade(final String symbol, final String price, final long size, final long time, final String extra)
    {
        return "{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"p\":" + price + ",\"s\":" + size + ",\"t\":" + time +
            (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** A one-minute bar ({@code AM}). */
    static String minuteBar(final String symbol, final String o, final String h, final String l, final String c,
        final long v, final long start, final long end)
    {
        return bar("AM", symbol, o, h, l, c, v, start, end, "");
    }

    /** @param extra more fields, e.g. {@code "vw":10.5}, or empty. */
    static String bar(final String ev, final String symbol, final String o, final String h, final String l, final String c,
        final long v, final long start, final long end, final String extra)
    {
        return "{\"ev\":\"" + ev + "\",\"sym\":\"" + symbol + "\",\"o\":" + o + ",\"h\":" + h + ",\"l\":" + l +
            ",\"c\":" + c + ",\"v\":" + v + ",\"s\":" + start + ",\"e\":" + end + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** @param timeNs {@code t} in nanoseconds since the epoch. */
    static String fmv(final String symbol, final String fmv, final long timeNs)
    {
        return "{\"ev\":\"FMV\",\"sym\":\"" + symbol + "\",\"fmv\":" + fmv + ",\"t\":" + timeNs + "}";
    }
}
