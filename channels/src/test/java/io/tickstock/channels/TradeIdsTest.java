package io.tickstock.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A trade id is a number exactly when it is canonical decimal digits at most 2^56 - 1, checked
 * against {@link BigInteger} over generated ids of every length, with leading zeros, signs, letters
 * and the bounds; the text and byte forms agree.
 */
class TradeIdsTest
{
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void shouldReadExactlyTheCanonicalNumbersBelowTwoToThe56(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final String alphabet = "0123456789012345678901234567890123456789-+ a";
        for (int i = 0; i < 20_000; i++)
        {
            final StringBuilder id = new StringBuilder();
            final int length = random.nextInt(20);
            final boolean digitsOnly = random.nextInt(4) > 0;
            for (int k = 0; k < length; k++)
            {
                id.append(digitsOnly ? (char)('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            check(id.toString());
        }
        for (final String edge : new String[] {"0", "00", "01", "72057594037927935", "72057594037927936", "99999999999999999",
            "100000000000000000", "9223372036854775807", "18446744073709551616", ""})
        {
            check(edge);
        }
    }

    private static void check(final String id)
    {
        final boolean canonical = id.matches("0|[1-9][0-9]*") && new BigInteger(id).bitLength() <= 56;
        final long expected = canonical ? Long.parseLong(id) : TradeIds.NONE;
        assertEquals(expected, TradeIds.number(id), "text \"" + id + "\"");
        final byte[] framed = ("\"" + id + "\"").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(expected, TradeIds.number(framed, 1, id.length()), "bytes \"" + id + "\"");
    }
}
