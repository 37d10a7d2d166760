package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;

/** A copy of the fields of one published record (the decoder reuses its record). */
record Decoded(RecordKind kind, String symbol, long price, long size, long time, String tradeId, long exchange,
    long open, long high, long low, long close, long volume, long vwap, long start, long end, long fmv,
    String srcName, long srcSeq, long recvUs)
{
    static Decoded of(final FeedRecord r)
    {
        return new Decoded(r.kind, r.symbol, r.price, r.size, r.time, r.tradeIdText(), r.exchange, r.open, r.high, r.low,
            r.close, r.volume, r.vwap, r.start, r.end, r.fmv, r.srcName, r.srcSeq, r.recvUs);
    }

    static Decoded trade(final String symbol, final long price, final long size, final long time, final String tradeId,
        final long exchange, final long seq, final long recvUs)
    {
        return new Decoded(RecordKind.TRADE, symbol, price, size, time, tradeId, exchange, 0, 0, 0, 0, 0, Fixed.NULL, 0, 0,
            0, "feed", seq, recvUs);
    }

    static Decoded bar(final RecordKind kind, final String symbol, final long o, final long h, final long l, final long c,
        final long v, final long vw, final long start, final long end, final long seq, final long recvUs)
    {
        return new Decoded(kind, symbol, 0, 0, 0, null, FeedRecord.NO_EXCHANGE, o, h, l, c, v, vw, start, end, 0, "feed",
            seq, recvUs);
    }

    static Decoded fmv(final String symbol, final long fmv, final long time, final long seq, final long recvUs)
    {
        return new Decoded(RecordKind.FMV, symbol, 0, 0, time, null, FeedRecord.NO_EXCHANGE, 0, 0, 0, 0, 0, Fixed.NULL, 0,
            0, fmv, "feed", seq, recvUs);
    }
}
