package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.TradeIds;
import io.tickstock.core.source.RecordSink;

import static io.tickstock.channels.feed.FeedDecoder.MALFORMED;
import static io.tickstock.channels.feed.FeedDecoder.UNKNOWN_TYPE;
import static io.tickstock.channels.feed.FeedFields.ABSENT;
import static io.tickstock.channels.feed.FeedFields.BIG_INT;
import static io.tickstock.channels.feed.FeedFields.FLOAT;
import static io.tickstock.channels.feed.FeedFields.F_A;
import static io.tickstock.channels.feed.FeedFields.F_AV;
import static io.tickstock.channels.feed.FeedFields.F_C;
import static io.tickstock.channels.feed.FeedFields.F_E;
import static io.tickstock.channels.feed.FeedFields.F_EV;
import static io.tickstock.channels.feed.FeedFields.F_FMV;
import static io.tickstock.channels.feed.FeedFields.F_H;
import static io.tickstock.channels.feed.FeedFields.F_I;
import static io.tickstock.channels.feed.FeedFields.F_L;
import static io.tickstock.channels.feed.FeedFields.F_MESSAGE;
import static io.tickstock.channels.feed.FeedFields.F_O;
import static io.tickstock.channels.feed.FeedFields.F_OP;
import static io.tickstock.channels.feed.FeedFields.F_P;
import static io.tickstock.channels.feed.FeedFields.F_Q;
import static io.tickstock.channels.feed.FeedFields.F_S;
import static io.tickstock.channels.feed.FeedFields.F_STATUS;
import static io.tickstock.channels.feed.FeedFields.F_SYM;
import static io.tickstock.channels.feed.FeedFields.F_T;
import static io.tickstock.channels.feed.FeedFields.F_V;
import static io.tickstock.channels.feed.FeedFields.F_VW;
import static io.tickstock.channels.feed.FeedFields.F_X;
import static io.tickstock.channels.feed.FeedFields.F_Z;
import static io.tickstock.channels.feed.FeedFields.INT;
import static io.tickstock.channels.feed.FeedFields.INT_ARRAY;
import static io.tickstock.channels.feed.FeedFields.NULL;
import static io.tickstock.channels.feed.FeedFields.STRING;

/**
 * The feed decoder's record assembly: turns the fields captured from one feed object (by either
 * of its paths) into its reused {@link FeedRecord} and publishes it, or rejects it with its
 * reason. Which fields each record kind requires, which it takes when present and what type each
 * must have are docs/protocol.md §1's; a null counts as absent.
 *
 * <p>Not thread-safe: owned by the feed decoder that made it.
 */
final class RecordAssembler
{
    private final String sourceName;
    private final FeedRecord record = new FeedRecord();
    private final byte[] types;
    private final long[] longs;
    private final long[] fixeds;
    private final String[] strings;
    /** Where control messages go; null: they are {@code unknown_type}, as for a replay. */
    private FeedDecoder.StatusListener statusListener;

    RecordAssembler(final String sourceName, final FeedFields fields)
    {
        this.sourceName = sourceName;
        this.types = fields.types;
        this.longs = fields.longs;
        this.fixeds = fields.fixeds;
        this.strings = fields.strings;
    }

    /**
     * Builds the record from the captured fields and publishes it, or rejects it with its reason.
     *
     * @param position the record's position in the source's stream: its sequence unless a trade carries {@code q}.
     */
    void publish(final long position, final long recvUs, final RecordSink<FeedRecord> sink)
    {
        if (types[F_EV] != STRING)
        {
            sink.reject(MALFORMED);
            return;
        }
        final RecordKind kind = RecordKind.ofEv(strings[F_EV]);
        if (kind == null)
        {
            sink.reject(UNKNOWN_TYPE);
            return;
        }
        final FeedRecord r = record;
        r.clear();
        r.kind = kind;
        r.srcName = sourceName;
        r.srcSeq = position;
        r.recvUs = recvUs;
        final boolean wellTyped;
        switch (kind)
        {
            case TRADE:
                wellTyped = fillTrade(r);
                break;
            case FMV:
                wellTyped = fillFmv(r);
                break;
            default:
                wellTyped = fillBar(r);
                break;
        }
        if (wellTyped)
        {
            sink.publish(r);
        }
        else
        {
            sink.reject(MALFORMED);
        }
    }

    void statusListener(final FeedDecoder.StatusListener listener)
    {
        statusListener = listener;
    }

    /**
     * Hands the captured object to the status listener when it is a control message and there is
     * a listener: true, and it is no record. False for anything else.
     */
    boolean status()
    {
        if (statusListener == null || types[F_EV] != STRING || !FeedFields.STATUS_EV.equals(strings[F_EV]))
        {
            return false;
        }
        statusListener.status(text(F_STATUS), text(F_MESSAGE));
        return true;
    }

    /** A string field's text; null when it is absent or not a string. */
    private String text(final int field)
    {
        return types[field] == STRING ? strings[field] : null;
    }

    private boolean fillTrade(final FeedRecord r)
    {
        if (!(required(F_SYM, STRING) && requiredNumber(F_P) && required(F_S, INT) && required(F_T, INT) &&
            optional(F_I, STRING) && optional(F_X, INT) && optional(F_Q, INT) && optional(F_C, INT_ARRAY) &&
            optional(F_Z, INT)))
        {
            return false;
        }
        r.symbol = strings[F_SYM];
        r.price = fixeds[F_P];
        r.size = longs[F_S];
        r.time = longs[F_T];
        if (types[F_I] == STRING)
        {
            // the plain scanner gives a number as a number; the general path's text is turned into one here
            final long number = strings[F_I] == null ? longs[F_I] : TradeIds.number(strings[F_I]);
            r.tradeNumber = number;
            r.tradeId = number == TradeIds.NONE ? strings[F_I] : null;
        }
        r.exchange = types[F_X] == INT ? longs[F_X] : FeedRecord.NO_EXCHANGE;
        if (types[F_Q] == INT)
        {
            r.srcSeq = longs[F_Q];
        }
        return true;
    }

    private boolean fillBar(final FeedRecord r)
    {
        if (!(required(F_SYM, STRING) && requiredNumber(F_O) && requiredNumber(F_H) && requiredNumber(F_L) &&
            requiredNumber(F_C) && required(F_V, INT) && required(F_S, INT) && required(F_E, INT) &&
            optionalNumber(F_VW) && optionalNumber(F_AV) && optionalNumber(F_OP) && optionalNumber(F_A) &&
            optionalNumber(F_Z)))
        {
            return false;
        }
        r.symbol = strings[F_SYM];
        r.open = fixeds[F_O];
        r.high = fixeds[F_H];
        r.low = fixeds[F_L];
        r.close = fixeds[F_C];
        r.volume = longs[F_V];
        r.vwap = isNumber(F_VW) ? fixeds[F_VW] : Fixed.NULL;
        r.start = longs[F_S];
        r.end = longs[F_E];
        return true;
    }

    private boolean fillFmv(final FeedRecord r)
    {
        if (!(required(F_SYM, STRING) && requiredNumber(F_FMV) && required(F_T, INT)))
        {
            return false;
        }
        r.symbol = strings[F_SYM];
        r.fmv = fixeds[F_FMV];
        r.time = longs[F_T];
        return true;
    }

    private boolean required(final int field, final byte type)
    {
        return types[field] == type;
    }

    private boolean requiredNumber(final int field)
    {
        return isNumber(field);
    }

    private boolean optional(final int field, final byte type)
    {
        return types[field] == ABSENT || types[field] == NULL || types[field] == type;
    }

    private boolean optionalNumber(final int field)
    {
        return types[field] == ABSENT || types[field] == NULL || isNumber(field);
    }

    private boolean isNumber(final int field)
    {
        final byte type = types[field];
        return type == INT || type == BIG_INT || type == FLOAT;
    }
}
