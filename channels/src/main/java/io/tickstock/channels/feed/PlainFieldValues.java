package io.tickstock.channels.feed;

import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.TradeIds;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.tickstock.channels.feed.FeedFields.ABSENT;
import static io.tickstock.channels.feed.FeedFields.BIG_INT;
import static io.tickstock.channels.feed.FeedFields.F_EV;
import static io.tickstock.channels.feed.FeedFields.F_I;
import static io.tickstock.channels.feed.FeedFields.F_MESSAGE;
import static io.tickstock.channels.feed.FeedFields.F_STATUS;
import static io.tickstock.channels.feed.FeedFields.F_SYM;
import static io.tickstock.channels.feed.FeedFields.FLOAT;
import static io.tickstock.channels.feed.FeedFields.INT;
import static io.tickstock.channels.feed.FeedFields.INT_ARRAY;
import static io.tickstock.channels.feed.FeedFields.OTHER;
import static io.tickstock.channels.feed.FeedFields.STRING;

/**
 * The values of the {@link PlainJsonScanner}: turns a value the scanner found in the message bytes
 * into a captured field, typed and valued as {@link JacksonFieldReader} captures it, with no
 * strings but a symbol its {@link SymbolCache} does not hold and a trade id that is not a number
 * ({@link TradeIds}: a number is captured in {@code longs}, its string left null).
 *
 * <p>Not thread-safe: owned by the feed decoder's plain scanner.
 */
final class PlainFieldValues
{
    private static final int SYMBOLS = 1024;

    private final byte[] types;
    private final long[] longs;
    private final long[] fixeds;
    private final String[] strings;
    private final SymbolCache symbols = new SymbolCache(SYMBOLS);
    private final char[] numberText = new char[PlainJsonScanner.MAX_NUMBER];

    PlainFieldValues(final FeedFields fields)
    {
        this.types = fields.types;
        this.longs = fields.longs;
        this.fixeds = fields.fixeds;
        this.strings = fields.strings;
    }

    /** Marks every field absent, before an object's fields are captured. */
    void clear()
    {
        Arrays.fill(types, ABSENT);
    }

    /** An array value: an int array when every element is an integer, as Jackson's capture decides. */
    void array(final int field, final boolean ints)
    {
        types[field] = ints ? INT_ARRAY : OTHER;
    }

    /**
     * Captures a scalar as the value of {@code field}: its type, and for a string, integer or
     * float its value, read from {@code data[start, end)} (a string's text without its quotes) or,
     * for an integer that fits a long, given as {@code value}.
     */
    void scalar(final byte[] data, final int field, final byte type, final int start, final int end, final long value)
    {
        types[field] = type;
        switch (type)
        {
            case STRING:
                final long number = field == F_I ? TradeIds.number(data, start, end - start) : TradeIds.NONE;
                if (number != TradeIds.NONE)
                {
                    // the usual trade id, a number: no String (RecordAssembler reads it from longs)
                    strings[field] = null;
                    longs[field] = number;
                }
                else
                {
                    strings[field] = text(data, field, start, end - start);
                }
                break;
            case INT:
                longs[field] = value;
                fixeds[field] = Fixed.ofLong(value);
                break;
            case BIG_INT:
                fixeds[field] = Fixed.NOT_FINITE;
                break;
            case FLOAT:
                final int length = end - start;
                for (int k = 0; k < length; k++)
                {
                    numberText[k] = (char)data[start + k];
                }
                fixeds[field] = Fixed.parse(numberText, 0, length);
                break;
            default:
                break;
        }
    }

    /**
     * The string value of a field, for those the decoder reads as text: the symbol from the cache,
     * {@code ev} as its record kind's own constant (or the control messages' {@code status};
     * {@code ""} when unknown, which no kind has either), the trade id and a control message's
     * status and text as new strings; null for any other field, whose type alone counts.
     */
    private String text(final byte[] data, final int field, final int start, final int length)
    {
        switch (field)
        {
            case F_SYM:
                return symbols.get(data, start, length);
            case F_EV:
                return evText(data, start, length);
            case F_I:
            case F_STATUS:
            case F_MESSAGE:
                return new String(data, start, length, StandardCharsets.ISO_8859_1);
            default:
                return null;
        }
    }

    private static String evText(final byte[] data, final int start, final int length)
    {
        if (length == 1 && data[start] == 'T')
        {
            return RecordKind.TRADE.ev();
        }
        if (length == 1 && data[start] == 'A')
        {
            return RecordKind.BAR_SECOND.ev();
        }
        if (length == 2 && data[start] == 'A' && data[start + 1] == 'M')
        {
            return RecordKind.BAR_MINUTE.ev();
        }
        if (length == 3 && data[start] == 'F' && data[start + 1] == 'M' && data[start + 2] == 'V')
        {
            return RecordKind.FMV.ev();
        }
        if (length == 6 && FeedFields.equals(data, start, FeedFields.STATUS_EV))
        {
            return FeedFields.STATUS_EV;
        }
        return "";
    }
}
