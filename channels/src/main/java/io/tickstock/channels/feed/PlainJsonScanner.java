package io.tickstock.channels.feed;

import static io.tickstock.channels.feed.FeedFields.BIG_INT;
import static io.tickstock.channels.feed.FeedFields.FLOAT;
import static io.tickstock.channels.feed.FeedFields.INT;
import static io.tickstock.channels.feed.FeedFields.NULL;
import static io.tickstock.channels.feed.FeedFields.OTHER;
import static io.tickstock.channels.feed.FeedFields.STRING;

/**
 * The feed decoder's allocation-free path: reads a feed object written in plain JSON (what every
 * feed sends, docs/protocol.md §1) straight from the message bytes into the decoder's captured
 * fields, with no parser object and no strings but a trade id and a symbol it has not seen. It
 * checks the grammar and finds each value; its {@link PlainFieldValues} turns a value into the
 * captured field, as the Jackson path would.
 *
 * <p>"Plain" is a strict subset of JSON: printable ASCII strings without escapes, numbers in JSON's
 * grammar of at most {@value #MAX_NUMBER} characters, {@code
 * null}/{@code true}/{@code false}, arrays of those, and blanks that are space, tab, CR or LF. Any
 * other byte, nesting or length makes it answer {@link #NOT_PLAIN} before anything is published,
 * and the decoder parses that message with Jackson as before; so within the subset, which Jackson
 * reads the same way, the records, rejections and reasons are Jackson's.
 *
 * <p>Not thread-safe: owned by the feed decoder that made it.
 */
final class PlainJsonScanner
{
    /** What a scan returns for a message outside the plain subset. */
    static final int NOT_PLAIN = -1;

    static final int MAX_NUMBER = 64;
    private static final int MAX_LONG_DIGITS = 19;
    private static final int MAX_STRING = 1024;

    private static final byte[] NULL_TEXT = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE_TEXT = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE_TEXT = {'f', 'a', 'l', 's', 'e'};

    private final PlainFieldValues values;

    /** The last scalar read: its type, its text's bounds and, for an integer, its value. */
    private byte scalarType;
    private int scalarStart;
    private int scalarEnd;
    private long scalarLong;

    PlainJsonScanner(final FeedFields fields)
    {
        this.values = new PlainFieldValues(fields);
    }

    /**
     * Reads the object whose {@code '{'} is at {@code start}, capturing its fields when {@code
     * capture} (the captured fields start cleared) or only checking it is plain when not.
     *
     * @return the index after its {@code '}'}, or {@link #NOT_PLAIN}; the answer does not depend on {@code capture}.
     */
    int object(final byte[] data, final int start, final int end, final boolean capture)
    {
        if (capture)
        {
            values.clear();
        }
        int i = skipBlanks(data, start + 1, end);
        if (i < end && data[i] == '}')
        {
            return i + 1;
        }
        while (true)
        {
            if (i >= end || data[i] != '"')
            {
                return NOT_PLAIN;
            }
            final int nameEnd = stringEnd(data, i + 1, end);
            if (nameEnd == NOT_PLAIN)
            {
                return NOT_PLAIN;
            }
            final int field = capture ? FeedFields.index(data, i + 1, nameEnd - i - 1) : -1;
            i = skipBlanks(data, nameEnd + 1, end);
            if (i >= end || data[i] != ':')
            {
                return NOT_PLAIN;
            }
            i = skipBlanks(data, i + 1, end);
            if (i < end && data[i] == '[')
            {
                i = array(data, i, end, field);
            }
            else
            {
                i = scalar(data, i, end);
                if (i != NOT_PLAIN && field >= 0)
                {
                    values.scalar(data, field, scalarType, scalarStart, scalarEnd, scalarLong);
                }
            }
            if (i == NOT_PLAIN)
            {
                return NOT_PLAIN;
            }
            i = skipBlanks(data, i, end);
            if (i >= end)
            {
                return NOT_PLAIN;
            }
            if (data[i] == '}')
            {
                return i + 1;
            }
            if (data[i] != ',')
            {
                return NOT_PLAIN;
            }
            i = skipBlanks(data, i + 1, end);
        }
    }

    static int skipBlanks(final byte[] data, final int start, final int end)
    {
        int i = start;
        while (i < end)
        {
            final byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
            {
                break;
            }
            i++;
        }
        return i;
    }

    /** An array value: an int array for a known field when every element is an integer, as Jackson's capture decides. */
    private int array(final byte[] data, final int start, final int end, final int field)
    {
        boolean ints = true;
        int i = skipBlanks(data, start + 1, end);
        if (i >= end || data[i] != ']')
        {
            while (true)
            {
                if (i < end && (data[i] == '[' || data[i] == '{'))
                {
                    return NOT_PLAIN;
                }
                i = scalar(data, i, end);
                if (i == NOT_PLAIN)
                {
                    return NOT_PLAIN;
                }
                ints &= scalarType == INT;
                i = skipBlanks(data, i, end);
                if (i >= end)
                {
                    return NOT_PLAIN;
                }
                if (data[i] == ']')
                {
                    break;
                }
                if (data[i] != ',')
                {
                    return NOT_PLAIN;
                }
                i = skipBlanks(data, i + 1, end);
            }
        }
        if (field >= 0)
        {
            values.array(field, ints);
        }
        return i + 1;
    }

    /**
     * Reads one scalar at {@code start} (a string, number or literal; not an object or array) into
     * the scalar fields. A number or literal must be followed by a blank or a separator, which
     * the caller checks next.
     */
    private int scalar(final byte[] data, final int start, final int end)
    {
        if (start >= end)
        {
            return NOT_PLAIN;
        }
        final byte b = data[start];
        if (b == '"')
        {
            final int stringEnd = stringEnd(data, start + 1, end);
            scalarType = STRING;
            scalarStart = start + 1;
            scalarEnd = stringEnd;
            return stringEnd == NOT_PLAIN ? NOT_PLAIN : stringEnd + 1;
        }
        if (b == '-' || (b >= '0' && b <= '9'))
        {
            return number(data, start, end);
        }
        scalarType = OTHER;
        if (b == 'n')
        {
            scalarType = NULL;
            return literal(data, start, end, NULL_TEXT);
        }
        if (b == 't')
        {
            return literal(data, start, end, TRUE_TEXT);
        }
        if (b == 'f')
        {
            return literal(data, start, end, FALSE_TEXT);
        }
        return NOT_PLAIN;
    }

    /** A number in JSON's grammar: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private int number(final byte[] data, final int start, final int end)
    {
        int i = start;
        final boolean negative = data[i] == '-';
        if (negative)
        {
            i++;
        }
        final int intStart = i;
        if (i < end && data[i] == '0')
        {
            i++;
        }
        else if (i < end && data[i] >= '1' && data[i] <= '9')
        {
            i = digits(data, i, end);
        }
        else
        {
            return NOT_PLAIN;
        }
        final int intEnd = i;
        boolean integer = true;
        if (i < end && data[i] == '.')
        {
            final int fractionStart = i + 1;
            i = digits(data, fractionStart, end);
            if (i == fractionStart)
            {
                return NOT_PLAIN;
            }
            integer = false;
        }
        if (i < end && (data[i] == 'e' || data[i] == 'E'))
        {
            i++;
            if (i < end && (data[i] == '+' || data[i] == '-'))
            {
                i++;
            }
            final int exponentStart = i;
            i = digits(data, exponentStart, end);
            if (i == exponentStart)
            {
                return NOT_PLAIN;
            }
            integer = false;
        }
        if (i - start > MAX_NUMBER)
        {
            return NOT_PLAIN;
        }
        scalarStart = start;
        scalarEnd = i;
        scalarType = integer ? integerType(data, intStart, intEnd, negative) : FLOAT;
        return i;
    }

    /**
     * {@code INT} with its value in {@link #scalarLong} when the integer fits a long, else {@code
     * BIG_INT}: Jackson's {@code LONG}/{@code BIG_INTEGER} split. Accumulates negatively, as
     * {@link Long#parseLong} does, so that {@link Long#MIN_VALUE} fits.
     */
    private byte integerType(final byte[] data, final int start, final int end, final boolean negative)
    {
        if (end - start > MAX_LONG_DIGITS)
        {
            return BIG_INT;
        }
        final long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        final long multiplyMin = limit / 10;
        long value = 0;
        for (int k = start; k < end; k++)
        {
            final int digit = data[k] - '0';
            if (value < multiplyMin)
            {
                return BIG_INT;
            }
            value *= 10;
            if (value < limit + digit)
            {
                return BIG_INT;
            }
            value -= digit;
        }
        scalarLong = negative ? value : -value;
        return INT;
    }

    private static int digits(final byte[] data, final int start, final int end)
    {
        int i = start;
        while (i < end && data[i] >= '0' && data[i] <= '9')
        {
            i++;
        }
        return i;
    }

    private static int literal(final byte[] data, final int start, final int end, final byte[] text)
    {
        if (end - start < text.length)
        {
            return NOT_PLAIN;
        }
        for (int k = 0; k < text.length; k++)
        {
            if (data[start + k] != text[k])
            {
                return NOT_PLAIN;
            }
        }
        return start + text.length;
    }

    /** The index of the closing quote of a plain string starting at {@code start}, or {@link #NOT_PLAIN}. */
    private static int stringEnd(final byte[] data, final int start, final int end)
    {
        final int limit = Math.min(end, start + MAX_STRING);
        for (int i = start; i < limit; i++)
        {
            final byte b = data[i];
            if (b == '"')
            {
                return i;
            }
            // bytes are signed: non-ASCII is negative, so this also sends UTF-8 and escapes to Jackson
            if (b < ' ' || b > '~' || b == '\\')
            {
                return NOT_PLAIN;
            }
        }
        return NOT_PLAIN;
    }
}
