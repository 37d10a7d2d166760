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

/**
 * The oracle for {@link FeedDecoder}: the decoder as it was before its plain-JSON path, every
 * message through Jackson's streaming parser (a second parser checking a frame first). The
 * differential test feeds both the same messages and requires the same records, rejections,
 * reasons and positions.
 *
 * <p>Not thread-safe: owned by one test.
 */
final class JacksonFeedDecoder
{
    private static final String MALFORMED = FeedDecoder.MALFORMED;
    private static final String UNKNOWN_TYPE = FeedDecoder.UNKNOWN_TYPE;

    private static final JsonFactory JSON = new JsonFactory();

    private static final int F_EV = 0;
    private static final int F_SYM = 1;
    private static final int F_P = 2;
    private static final int F_S = 3;
    private static final int F_T = 4;
    private static final int F_I = 5;
    private static final int F_X = 6;
    private static final int F_Q = 7;
    private static final int F_C = 8;
    private static final int F_Z = 9;
    private static final int F_O = 10;
    private static final int F_H = 11;
    private static final int F_L = 12;
    private static final int F_V = 13;
    private static final int F_VW = 14;
    private static final int F_AV = 15;
    private static final int F_OP = 16;
    private static final int F_A = 17;
    private static final int F_E = 18;
    private static final int F_FMV = 19;
    private static final int FIELDS = 20;

    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte INT = 2;
    private static final byte BIG_INT = 3;
    private static final byte FLOAT = 4;
    private static final byte STRING = 5;
    private static final byte INT_ARRAY = 6;
    private static final byte OTHER = 7;

    private final String sourceName;
    private final FeedRecord record = new FeedRecord();
    private final byte[] types = new byte[FIELDS];
    private final long[] longs = new long[FIELDS];
    private final long[] fixeds = new long[FIELDS];
    private final String[] strings = new String[FIELDS];
    private long position;

    JacksonFeedDecoder(final String sourceName)
    {
        this(sourceName, 0);
    }

    /**
     * A decoder that goes on with a stream from {@code position} (records counted so far), as a
     * source resuming after a failure does: the next record's sequence is {@code position + 1}.
     */
    JacksonFeedDecoder(final String sourceName, final long position)
    {
        this.sourceName = sourceName;
        this.position = position;
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
        if (firstNonBlank(data, offset, length) == '{')
        {
            decodeLoneObject(data, offset, length, recvUs, sink);
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

    private static int firstNonBlank(final byte[] data, final int offset, final int length)
    {
        for (int i = offset; i < offset + length; i++)
        {
            final byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
            {
                return b;
            }
        }
        return -1;
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
            final int field = fieldIndex(parser.currentName());
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

    private static int fieldIndex(final String name)
    {
        switch (name)
        {
            case "ev":
                return F_EV;
            case "sym":
                return F_SYM;
            case "p":
                return F_P;
            case "s":
                return F_S;
            case "t":
                return F_T;
            case "i":
                return F_I;
            case "x":
                return F_X;
            case "q":
                return F_Q;
            case "c":
                return F_C;
            case "z":
                return F_Z;
            case "o":
                return F_O;
            case "h":
                return F_H;
            case "l":
                return F_L;
            case "v":
                return F_V;
            case "vw":
                return F_VW;
            case "av":
                return F_AV;
            case "op":
                return F_OP;
            case "a":
                return F_A;
            case "e":
                return F_E;
            case "fmv":
                return F_FMV;
            default:
                return -1;
        }
    }
}
