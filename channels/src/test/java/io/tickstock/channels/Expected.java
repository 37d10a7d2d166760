package io.tickstock.channels;

/** The expected {@link MarketEvent#toString()} of tick events, shared by the tick channel's tests. */
final class Expected
{
    private Expected()
    {
    }

    static String tradeEvent(final String symbol, final long ts, final String price, final long size)
    {
        return "trade " + symbol + " ts=" + ts + " price=" + price + " size=" + size;
    }

    static String high(final String symbol, final long ts, final String price, final String prev, final long count)
    {
        return "high " + symbol + " ts=" + ts + " price=" + price + " prev=" + prev + " count=" + count;
    }

    static String low(final String symbol, final long ts, final String price, final String prev, final long count)
    {
        return "low " + symbol + " ts=" + ts + " price=" + price + " prev=" + prev + " count=" + count;
    }
}
