package io.tickstock.channels.feed;

/**
 * The feed's messages as the decoder's tests write them (docs/protocol.md §1): one valid record of
 * each kind for AAPL, with any further fields appended.
 */
final class FeedMessages
{
    static final long T0 = 1_699_974_000_000L;
    static final long RECV_US = 1_700_000_000_123_456L;

    private FeedMessages()
    {
    }

    static String trade(final String fields)
    {
        return "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187.42,\"s\":100,\"t\":" + T0 + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    static String minuteBar(final String fields)
    {
        return "{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":10,\"h\":11,\"l\":9.5,\"c\":10.5,\"v\":1000,\"s\":" + T0 + ",\"e\":" +
            (T0 + 60_000) + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    static String fmv(final String fields)
    {
        return "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":187.5,\"t\":" + T0 * 1_000_000L +
            (fields.isEmpty() ? "" : "," + fields) + "}";
    }
}
