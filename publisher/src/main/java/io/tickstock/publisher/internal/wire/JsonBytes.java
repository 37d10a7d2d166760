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
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JsonBytes()
    {
    }

    public static void writeLong(final ByteBuf out, final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            out.writeBytes(MIN_LONG);
            return;
        }
        long v = value;
        if (v < 0)
        {
            out.writeByte('-');
            v = -v;
        }
        if (v < 10)
        {
            out.writeByte((int)('0' + v));
            return;
        }
        long divisor = 1;
        while (v / divisor >= 10)
        {
            divisor *= 10;
        }
        while (divisor > 0)
        {
            out.writeByte((int)('0' + (v / divisor) % 10));
            divisor /= 10;
        }
    }

    /** A {@link Fixed} value in its shortest decimal form, or {@code null} for {@link Fixed#NULL}. */
    public static void writeFixed(final ByteBuf out, final long micros)
    {
        if (micros == Fixed.NULL)
        {
            writeAscii(out, "null");
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
            out.writeByte('.');
            int digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            long divisor = 1;
            for (int i = 1; i < digits; i++)
            {
                divisor *= 10;
            }
            while (divisor > 0)
            {
                out.writeByte((int)('0' + (fraction / divisor) % 10));
                divisor /= 10;
            }
        }
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
