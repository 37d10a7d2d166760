package io.tickstock.channels.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.core.source.RecordSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
 * without going through {@code double}. Both capture an object's fields into one {@link
 * FeedFields} (the Jackson path through a {@link JacksonFieldReader}), and one {@link
 * RecordAssembler} makes the record from them; this class frames messages and counts positions.
 *
 * <p>Not thread-safe: owned by one source thread.
 */
public final class FeedDecoder
{
    public static final String MALFORMED = "malformed";
    public static final String UNKNOWN_TYPE = "unknown_type";

    private static final JsonFactory JSON = new JsonFactory();

    private final PlainJsonScanner plain;
    private final JacksonFieldReader jackson;
    private final RecordAssembler assembler;
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
        final FeedFields fields = new FeedFields();
        this.plain = new PlainJsonScanner(fields);
        this.jackson = new JacksonFieldReader(fields);
        this.assembler = new RecordAssembler(sourceName, fields);
        this.position = position;
        this.jacksonOnly = jacksonOnly;
    }

    /** A decoder that reads every message with Jackson, never the plain scanner: for equivalence tests. */
    static FeedDecoder jacksonOnly(final String sourceName)
    {
        return new FeedDecoder(sourceName, 0, true);
    }

    /**
     * Hands a live feed's control messages ({@code {"ev":"status","status":..,"message":..}},
     * docs/feeds.md) to {@code listener} instead of rejecting them as {@code unknown_type}: they are
     * not records, never routed and take no position. Null (the default, as for a replay) turns
     * this off.
     */
    public void statusListener(final StatusListener listener)
    {
        assembler.statusListener(listener);
    }

    /** Receives a live feed's control messages, on the decoding thread. */
    @FunctionalInterface
    public interface StatusListener
    {
        /**
         * @param status  the {@code status} field ({@code connected}, {@code auth_success}, ...); null when absent or not a string.
         * @param message the {@code message} field; null when absent or not a string.
         */
        void status(String status, String message);
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
        publishCaptured(recvUs, sink);
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
            publishCaptured(recvUs, sink);
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
            jackson.readFields(parser);
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
        publishCaptured(recvUs, sink);
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
        jackson.readFields(parser);
        publishCaptured(recvUs, sink);
    }

    /** The captured object as the next record or, a control message, to the status listener without a position. */
    private void publishCaptured(final long recvUs, final RecordSink<FeedRecord> sink)
    {
        if (assembler.status())
        {
            return;
        }
        position++;
        assembler.publish(position, recvUs, sink);
    }
}
