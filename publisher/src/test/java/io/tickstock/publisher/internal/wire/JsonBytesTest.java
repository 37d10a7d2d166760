package io.tickstock.publisher.internal.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickstock.channels.Fixed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Numbers written straight into bytes read exactly as the JDK writes them: integers as
 * {@link Long#toString(long)}, {@link Fixed} micros as the shortest plain decimal
 * ({@link BigDecimal#stripTrailingZeros()}), {@link Fixed#NULL} as {@code null}, every digit count
 * and sign, appended after what the buffer already holds, into a buffer that must grow.
 */
class JsonBytesTest
{
    @Test
    void integersAtEveryDigitCountAndTheExtremes()
    {
        final List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, -9L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        long power = 1;
        for (int i = 0; i < 19; i++)
        {
            values.add(power);
            values.add(power - 1);
            values.add(power + 1);
            values.add(-power);
            values.add(-(power - 1));
            power *= 10;
        }
        for (final long value : values)
        {
            assertEquals(Long.toString(value), written(JsonBytes::writeLong, value));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void seededIntegersAndFixedValues(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++)
        {
            // values of every magnitude: a random long shifted right by a random amount
            final long value = random.nextLong() >> random.nextInt(64);
            assertEquals(Long.toString(value), written(JsonBytes::writeLong, value));
            if (value != Fixed.NULL)
            {
                assertEquals(fixed(value), written(JsonBytes::writeFixed, value), Long.toString(value));
            }
        }
    }

    @Test
    void fixedValuesAtTheEdgesOfTheirFraction()
    {
        for (final long value : new long[] {0, 1, -1, 10, 100_000, 500_000, 1_000_000, -1_000_000, 1_000_001, 1_050_000, 123_456_789,
            -123_456_789, 999_999, Long.MAX_VALUE, Long.MIN_VALUE + 1})
        {
            assertEquals(fixed(value), written(JsonBytes::writeFixed, value), Long.toString(value));
        }
        assertEquals("null", written(JsonBytes::writeFixed, Fixed.NULL));
    }

    @Test
    void stringsAreQuotedAndEscapedAsJson()
    {
        assertEquals("\"AAPL\"", writtenString("AAPL"));
        assertEquals("\"BRK.B\"", writtenString("BRK.B"));
        assertEquals("\"\"", writtenString(""));
        assertEquals("\"a\\\"b\\\\c\"", writtenString("a\"b\\c"));
        assertEquals("\"\\u0000\\u001f\"", writtenString("\u0000\u001f"));
        assertEquals("\"caf\u00e9 \uD83D\uDE00\"", writtenString("caf\u00e9 \uD83D\uDE00"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void seededStringsReadBackThroughAJsonParser(final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 5_000; i++)
        {
            final StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--)
            {
                switch (random.nextInt(4))
                {
                    case 0 -> text.append((char)random.nextInt(0x20));
                    case 1 -> text.append("\"\\/".charAt(random.nextInt(3)));
                    case 2 ->
                    {
                        // any code point past ASCII, pairs included, never a lone surrogate
                        final int codePoint = 0x80 + random.nextInt(0x1F000);
                        text.appendCodePoint(codePoint >= 0xD800 && codePoint <= 0xDFFF ? codePoint + 0x800 : codePoint);
                    }
                    default -> text.append((char)(0x20 + random.nextInt(0x60)));
                }
            }
            final String value = text.toString();
            assertEquals(value, json.readValue(writtenString(value), String.class));
        }
    }

    private static String writtenString(final String value)
    {
        final ByteBuf out = Unpooled.buffer(2);
        try
        {
            JsonBytes.writeString(out, value);
            return out.toString(StandardCharsets.UTF_8);
        }
        finally
        {
            out.release();
        }
    }

    private static String fixed(final long micros)
    {
        final BigDecimal decimal = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return decimal.signum() == 0 ? "0" : decimal.toPlainString();
    }

    /** What {@code writer} appends to a small buffer already holding a prefix (so it must grow). */
    private static String written(final BiConsumer<ByteBuf, Long> writer, final long value)
    {
        final ByteBuf out = Unpooled.buffer(4);
        try
        {
            out.writeBytes("ab".getBytes(StandardCharsets.US_ASCII));
            writer.accept(out, value);
            final String text = out.toString(StandardCharsets.US_ASCII);
            assertEquals("ab", text.substring(0, 2));
            return text.substring(2);
        }
        finally
        {
            out.release();
        }
    }
}
