package io.tickstock.channels.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstock.channels.Fixed;

import java.io.IOException;
import java.util.Arrays;

import static io.tickstock.channels.feed.FeedFields.ABSENT;
import static io.tickstock.channels.feed.FeedFields.BIG_INT;
import static io.tickstock.channels.feed.FeedFields.FLOAT;
import static io.tickstock.channels.feed.FeedFields.INT;
import static io.tickstock.channels.feed.FeedFields.INT_ARRAY;
import static io.tickstock.channels.feed.FeedFields.NULL;
import static io.tickstock.channels.feed.FeedFields.OTHER;
import static io.tickstock.channels.feed.FeedFields.STRING;

/**
 * The feed decoder's Jackson path for one object's fields: captures the fields a record kind
 * reads from Jackson's streaming parser, typed as {@link FeedFields} types them (the reference the
 * {@link PlainJsonScanner} answers like), and skips every other key.
 *
 * <p>Not thread-safe: owned by the feed decoder that made it.
 */
final class JacksonFieldReader
{
    private final byte[] types;
    private final long[] longs;
    private final long[] fixeds;
    private final String[] strings;

    JacksonFieldReader(final FeedFields fields)
    {
        this.types = fields.types;
        this.longs = fields.longs;
        this.fixeds = fields.fixeds;
        this.strings = fields.strings;
    }

    /** Captures the fields of the object whose START_OBJECT the parser is on, up to its END_OBJECT. */
    void readFields(final JsonParser parser) throws IOException
    {
        Arrays.fill(types, ABSENT);
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
