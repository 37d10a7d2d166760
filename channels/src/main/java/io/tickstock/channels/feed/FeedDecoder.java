package io.tickstock.channels.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.core.RecordSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.tickstock.channels.feed.FeedFields.ABSENT;
import static io.tickstock.channels.feed.FeedFields.BIG_INT;
import static io.tickstock.channels.feed.FeedFields.FIELDS;
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
import static io.tickstock.channels.feed.FeedFields.F_O;
import static io.tickstock.channels.feed.FeedFields.F_OP;
import static io.tickstock.channels.feed.FeedFields.F_P;
import static io.tickstock.channels.feed.FeedFields.F_Q;
import static io.tickstock.channels.feed.FeedFields.F_S;
import static io.tickstock.channels.feed.FeedFields.F_SYM;
import static io.tickstock.channels.feed.FeedFields.F_T;
import static io.tickstock.channels.feed.FeedFields.F_V;
import static io.tickstock.channels.feed.FeedFields.F_VW;
import static io.tickstock.channels.feed.FeedFields.F_X;
import static io.tickstock.channels.feed.FeedFields.F_Z;
import static io.tickstock.channels.feed.FeedFields.INT;
import static io.tickstock.channels.feed.FeedFields.INT_ARRAY;
import static io.tickstock.channels.feed.FeedFields.NULL;
import static io.tickstock.channels.feed.FeedFields.OTHER;
import static io.tickstock.channels.feed.FeedFields.STRING;

/**
 * Decodes feed messages (docs/protocol.md §1) into a reused {@link FeedRecord} and hands each record to
 * a sink: one JSON object per message (an NDJSON line) or a JSON array of objects (a live-feed
 * frame). A message that is not JSON is one {@code malformed} record; an array element that is
 * not an object, a missing required field or a field of the wrong type (a null counts as absent)
 * is {@code malformed}; an unknown {@code ev} is {@code unknown_type}. Every record, rejected or
 * not, takes the next position in the source's stream, which is its sequence unless a trade
 * carries {@code q}.
 *
 * <p>A message in plain JSON (ASCII strings without escapes, ordinary numbers, no nested objects:
 * every feed's output) is read straight from its bytes by a {@link PlainJsonScanner}, which
 * allocates nothing but a trade id's string and the string of a symbol not seen lately. Any other
 * message goes to Jackson's streaming parser, which is exact about all of JSON's syntax; the plain
 * path answers only where Jackson would answer the same. Both hand number text to {@link Fixed}
 * without going through {@code double}.
 *
 * <p>Not thread-safe: owned by one source thread.
 */
public final class FeedDecoder
{
    public static final String MALFORMED = "malformed";
    public static final String UNKNOWN_TYPE = "unknown_type";

    private static final JsonFactory JSON = new JsonFactory();

    private final String sourceName;
    private final FeedRecord record = new FeedRecord();
    private final byte[] types = new byte[FIELDS];
    private final long[] longs = new long[FIELDS];
    private final long[] fixeds = new long[FIELDS];
    private final String[] strings = new String[FIELDS];
    private final PlainJsonScanner plain = new PlainJsonScanner(types, longs, fixeds, strings);
    /** Every message through Jackson: the reference the plain path is tested against. */
    private final boolean jacksonOnly;
    private long position;

    public FeedDecoder(final String sourceName)
    {
        this(sourceName, 0);
    }

    /**
     * A decoder that goes on with a stream from {@code position} (records counted so far), as a
     * source resuming after a failure does: the next record's sequence is {@code position + 1}.
     */
    public FeedDecoder(final String sourceName, final long position)
    {
        this(sourceName, position, false);
    }

    private FeedDecoder(final String sourceName, final long position, final boolean jacksonOnly)
    {
        this.sourceName = sourceName;
        this.position = position;
        this.jacksonOnly = jacksonOnly;
    }

    /** A decoder that reads every message with Jackson, never the plain scanner: for equivalence tests. */
    static FeedDecoder jacksonOnly(final String sourceName)
    {
        return new FeedDecoder(sourceName, 0, true);
    }

    /** Records counted so far in this source's stream (its last position). */
    public long position()
    {
        return position;
    }

    public void decode(final String message, final long recvUs, final RecordSink<FeedRecord> sink)
    {
        final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        decode(bytes, 0, bytes.length, recvUs, sink);
    }

    /**
     * Decodes one message: an NDJSON line or a live-feed frame. A blank message is no record.
     *
     * @param recvUs the receive time in microseconds since the epoch, stamped on every record.
     */
    public void decode(final byte[] data, final int offset, final int length, final long recvUs, final RecordSink<FeedRecord> sink)
    {
        final int end = offset + length;
        final int first = PlainJsonScanner.skipBlanks(data, offset, end);
        if (first == end)
        {
            return;
        }
        if (data[first] == '{')
        {
            if (jacksonOnly || !decodePlainObject(data, first, end, recvUs, sink))
            {
                decodeLoneObject(data, offset, length, recvUs, sink);
            }
            return;
        }
        if (data[first] == '[' && !jacksonOnly && decodePlainFrame(data, first, end, recvUs, sink))
        {
            return;
        }
        // A frame of several records: checked whole first, so a syntax error anywhere rejects the
        // frame as one malformed message and publishes none of its records.
        final JsonToken root;
        try
        {
            root = checkSyntax(data, offset, length);
        }
        catch (final IOException ex)
        {
            position++;
            sink.reject(MALFORMED);
            return;
        }
        if (root == null)
        {
            return;
        }
        try (JsonParser parser = JSON.createParser(data, offset, length))
        {
            parser.nextToken();
            if (root == JsonToken.START_OBJECT)
            {
                decodeObject(parser, recvUs, sink);
            }
            else if (root == JsonToken.START_ARRAY)
            {
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY)
                {
                    if (token == JsonToken.START_OBJECT)
                    {
                        decodeObject(parser, recvUs, sink);
                    }
                    else
                    {
                        parser.skipChildren();
                        position++;
                        sink.reject(MALFORMED);
                    }
                }
            }
            else
            {
                position++;
                sink.reject(MALFORMED);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("JSON that passed the syntax check failed to parse", ex);
        }
    }

    /**
     * The NDJSON case in plain JSON: false, having published nothing, when the message is not plain
     * (or has more than blanks after the object), for Jackson to decide.
     */
    private boolean decodePlainObject(final byte[] data, final int start, final int end, final long recvUs, final RecordSink<FeedRecord> sink)
    {
        final int objectEnd = plain.object(data, start, end, true);
        if (objectEnd == PlainJsonScanner.NOT_PLAIN || PlainJsonScanner.skipBlanks(data, objectEnd, end) != end)
        {
            return false;
        }
        position++;
        publishFields(recvUs, sink);
        return true;
    }

    /**
     * A live-feed frame in plain JSON, an array of objects only: checked whole first, then decoded,
     * so that a frame Jackson must see publishes nothing here (false). Checking costs a second scan
     * of the bytes, not a parser.
     */
    private boolean decodePlainFrame(final byte[] data, final int start, final int end, final long recvUs, final RecordSink<FeedRecord> sink)
    {
        int i = PlainJsonScanner.skipBlanks(data, start + 1, end);
        if (i < end && data[i] == ']')
        {
            i++;
        }
        else
        {
            while (true)
            {
                if (i >= end || data[i] != '{')
                {
                    return false;
                }
                i = plain.object(data, i, end, false);
                if (i == PlainJsonScanner.NOT_PLAIN)
                {
                    return false;
                }
                i = PlainJsonScanner.skipBlanks(data, i, end);
                if (i >= end)
                {
                    return false;
                }
                if (data[i] == ']')
                {
                    i++;
                    break;
                }
                if (data[i] != ',')
                {
                    return false;
                }
                i = PlainJsonScanner.skipBlanks(data, i + 1, end);
            }
        }
        if (PlainJsonScanner.skipBlanks(data, i, end) != end)
        {
            return false;
        }
        i = PlainJsonScanner.skipBlanks(data, start + 1, end);
        while (data[i] == '{')
        {
            i = plain.object(data, i, end, true);
            if (i == PlainJsonScanner.NOT_PLAIN)
            {
                throw new IllegalStateException("a plain frame's object was not plain on its second scan");
            }
            position++;
            publishFields(recvUs, sink);
            i = PlainJsonScanner.skipBlanks(data, i, end);
            if (data[i] == ',')
            {
                i = PlainJsonScanner.skipBlanks(data, i + 1, end);
            }
        }
        return true;
    }

    /**
     * One record per message, the NDJSON case: parsed once, fields first, and published only if
     * nothing but blanks follows the object (as the whole-message check would require).
     */
    private void decodeLoneObject(final byte[] data, final int offset, final int length, final long recvUs, final RecordSink<FeedRecord> sink)
    {
        try (JsonParser parser = JSON.createParser(data, offset, length))
        {
            parser.nextToken();
            readFields(parser);
            if (parser.nextToken() != null)
            {
                throw new IOException("more than one JSON value in one message");
            }
        }
        catch (final IOException ex)
        {
            position++;
            sink.reject(MALFORMED);
            return;
        }
        position++;
        publishFields(recvUs, sink);
    }

    /** Returns the root token of one well-formed JSON value, null for a blank message; throws if not JSON. */
    private static JsonToken checkSyntax(final byte[] data, final int offset, final int length) throws IOException
    {
        try (JsonParser parser = JSON.createParser(data, offset, length))
        {
            final JsonToken root = parser.nextToken();
            if (root == null)
            {
                return null;
            }
            parser.skipChildren();
            if (parser.nextToken() != null)
            {
                throw new IOException("more than one JSON value in one message");
            }
            return root;
        }
    }

    private void decodeObject(final JsonParser parser, final long recvUs, final RecordSink<FeedRecord> sink) throws IOException
    {
        position++;
        readFields(parser);
        publishFields(recvUs, sink);
    }

    /** Captures the fields of the object whose START_OBJECT the parser is on, up to its END_OBJECT. */
    private void readFields(final JsonParser parser) throws IOException
    {
        java.util.Arrays.fill(types, ABSENT);
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
        {
            final int field = FeedFields.index(parser.currentName());
            parser.nextToken();
            if (field < 0)
            {
                parser.skipChildren();
            }
            else
            {
                capture(parser, field);
            }
        }
        if (token != JsonToken.END_OBJECT)
        {
            throw new IOException("object not closed: " + token);
        }
    }

    /** Builds the record from the captured fields and publishes it, or rejects it with its reason. */
    private void publishFields(final long recvUs, final RecordSink<FeedRecord> sink)
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
        r.tradeId = types[F_I] == STRING ? strings[F_I] : null;
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

    private void capture(final JsonParser parser, final int field) throws IOException
    {
        switch (parser.currentToken())
        {
            case VALUE_STRING:
                types[field] = STRING;
                strings[field] = parser.getText();
                break;
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
                {
                    types[field] = BIG_INT;
                    fixeds[field] = Fixed.NOT_FINITE;
                }
                else
                {
                    types[field] = INT;
                    longs[field] = parser.getLongValue();
                    fixeds[field] = Fixed.ofLong(longs[field]);
                }
                break;
            case VALUE_NUMBER_FLOAT:
                types[field] = FLOAT;
                fixeds[field] = Fixed.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                break;
            case VALUE_NULL:
                types[field] = NULL;
                break;
            case START_ARRAY:
                types[field] = INT_ARRAY;
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY)
                {
                    if (element != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
                    {
                        types[field] = OTHER;
                    }
                    parser.skipChildren();
                }
                break;
            default:
                types[field] = OTHER;
                parser.skipChildren();
                break;
        }
    }
}
