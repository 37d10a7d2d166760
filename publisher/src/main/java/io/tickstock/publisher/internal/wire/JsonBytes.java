package io.tickstock.publisher.internal.wire;

import io.netty.buffer.ByteBuf;
import io.tickstock.channels.Fixed;

/**
 * Writes JSON tokens straight into a {@link ByteBuf}, with no intermediate strings: the encoders of
 * events and snapshots share it.
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonBytes
{
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
    private static final byte[] NULL = ascii("null");

    private JsonBytes()
    {
    }

    /**
     * A decimal integer. The digits are written from the last, dividing by the constant 10 (which
     * the JIT turns into a multiply), into room made once, rather than dividing by a variable
     * power of ten twice per digit with a bounds check per byte (docs/performance.md, the edge's
     * encoding).
     */
    public static void writeLong(final ByteBuf out, final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            out.writeBytes(MIN_LONG);
            return;
        }
        final boolean negative = value < 0;
        long v = negative ? -value : value;
        final int digits = digits(v);
        final int length = negative ? digits + 1 : digits;
        out.ensureWritable(length);
        final int at = out.writerIndex();
        int i = at + length;
        do
        {
            final long next = v / 10;
            out.setByte(--i, (int)('0' + (v - next * 10)));
            v = next;
        }
        while (v != 0);
        if (negative)
        {
            out.setByte(at, '-');
        }
        out.writerIndex(at + length);
    }

    /** Decimal digits of a value &ge; 0. */
    private static int digits(final long v)
    {
        long bound = 10;
        for (int digits = 1; digits < 19; digits++)
        {
            if (v < bound)
            {
                return digits;
            }
            bound *= 10;
        }
        return 19;
    }

    /** A {@link Fixed} value in its shortest decimal form, or {@code null} for {@link Fixed#NULL}. */
    public static void writeFixed(final ByteBuf out, final long micros)
    {
        if (micros == Fixed.NULL)
        {
            out.writeBytes(NULL);
            return;
        }
        long v = micros;
        if (v < 0)
        {
            out.writeByte('-');
            v = -v;
        }
        writeLong(out, v / Fixed.ONE);
        long fraction = v % Fixed.ONE;
        if (fraction != 0)
        {
            int digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            out.ensureWritable(digits + 1);
            final int at = out.writerIndex();
            out.setByte(at, '.');
            for (int i = at + digits; i > at; i--)
            {
                out.setByte(i, (int)('0' + fraction % 10));
                fraction /= 10;
            }
            out.writerIndex(at + digits + 1);
        }
    }

    /** ASCII text as bytes, for the constant parts of a message written with {@link ByteBuf#writeBytes(byte[])}. */
    public static byte[] ascii(final String text)
    {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static void writeAscii(final ByteBuf out, final String ascii)
    {
        for (int i = 0; i < ascii.length(); i++)
        {
            out.writeByte(ascii.charAt(i));
        }
    }

    /** A JSON string with quotes, escaping as RFC 8259 requires; UTF-8 for the rest. */
    public static void writeString(final ByteBuf out, final String value)
    {
        out.writeByte('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.writeByte('\\');
                out.writeByte(c);
            }
            else if (c < 0x20)
            {
                out.writeByte('\\');
                out.writeByte('u');
                out.writeByte('0');
                out.writeByte('0');
                out.writeByte(HEX[c >> 4]);
                out.writeByte(HEX[c & 0xF]);
            }
            else if (c < 0x80)
            {
                out.writeByte(c);
            }
            else
            {
                final int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                out.writeCharSequence(value.subSequence(i, end), java.nio.charset.StandardCharsets.UTF_8);
                i = end - 1;
            }
        }
        out.writeByte('"');
    }
}
