package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixed-point decimals with 6 places: parsing JSON number text, rounding, formatting. */
class FixedTest
{
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "187.42, 187420000",
        "187, 187000000",
        "0, 0",
        "-0, 0",
        "-0.0, 0",
        "-0.05, -50000",
        "0.000001, 1",
        "123.456789, 123456789",
        "1.100000000, 1100000",
        "9223372036854, 9223372036854000000",
        "9223372036854.775807, 9223372036854775807",
        "9.223372036854775807e12, 9223372036854775807",
        "9223372036854.7758065, 9223372036854775807"})
    void shouldParseDecimalTextExactly(final String text, final long micros)
    {
        assertEquals(micros, Fixed.parse(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0000005, 1",
        "0.0000004999, 0",
        "0.00000049, 0",
        "-0.0000005, -1",
        "-0.0000004, 0",
        "1.2345675, 1234568",
        "1.23456749999, 1234567",
        "-1.2345675, -1234568",
        "-1.2345674, -1234567",
        "0.9999995, 1000000",
        "-0.9999995, -1000000",
        "187.4200005, 187420001",
        "187.42000050000001, 187420001"})
    void shouldRoundHalfAwayFromZeroAtTheSeventhDecimal(final String text, final long micros)
    {
        assertEquals(micros, Fixed.parse(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.8742e2, 187420000",
        "1.8742E+2, 187420000",
        "1e3, 1000000000",
        "1E-6, 1",
        "5e-7, 1",
        "-5e-7, -1",
        "4.9e-7, 0",
        "1.5E-7, 0",
        "1234.5675e-3, 1234568",
        "-1234.5675e-3, -1234568",
        "1e-400, 0",
        "0e10, 0",
        "0e999999999, 0",
        "1e-123456789, 0",
        "-1e-123456789, 0",
        "9.99999e-7, 1",
        "1.00000e-7, 0"})
    void shouldParseExponentFormsWithTheSameRounding(final String text, final long micros)
    {
        assertEquals(micros, Fixed.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1e400",
        "-1e400",
        "1e19",
        "9223372036855",
        "-9223372036855",
        "9223372036854.775808",
        "9223372036854.7758075",
        "9.223372036854775808e12",
        "99999999999999999999999",
        "99999999999999999999999.5",
        "1e2147483648",
        "1e123456789",
        "-1e123456789",
        "0.000001e123456789"})
    void shouldReturnNotFiniteForValuesThatDoNotFit(final String text)
    {
        assertEquals(Fixed.NOT_FINITE, Fixed.parse(text));
    }

    @Test
    void shouldParseASliceOfACharArray()
    {
        final char[] text = "[187.42,-0.05]".toCharArray();

        assertEquals(187_420_000L, Fixed.parse(text, 1, 6));
        assertEquals(-50_000L, Fixed.parse(text, 8, 5));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "187400000, 187.4",
        "187000000, 187",
        "-50000, -0.05",
        "1, 0.000001",
        "-1, -0.000001",
        "0, 0",
        "100000, 0.1",
        "10, 0.00001",
        "123456789, 123.456789",
        "-187420000, -187.42",
        "1000001, 1.000001",
        "9223372036854775807, 9223372036854.775807"})
    void shouldAppendTheShortestDecimalForm(final long micros, final String text)
    {
        assertEquals(text, Fixed.append(new StringBuilder(), micros).toString());
        assertEquals(text, Fixed.toString(micros));
    }

    @Test
    void shouldAppendAfterExistingText()
    {
        assertEquals("price=187.4", Fixed.append(new StringBuilder("price="), 187_400_000L).toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 999_999, 1_000_000, 187_420_000, -50_000, 123_456_789_012L, Long.MAX_VALUE})
    void shouldParseWhatItFormats(final long micros)
    {
        assertEquals(micros, Fixed.parse(Fixed.toString(micros)));
    }

    @Test
    void shouldConvertLongsAndDoublesToMicros()
    {
        assertEquals(187_000_000L, Fixed.ofLong(187));
        assertEquals(-5_000_000L, Fixed.ofLong(-5));
        assertEquals(Fixed.NOT_FINITE, Fixed.ofLong(9_223_372_036_855L));
        assertEquals(Fixed.NOT_FINITE, Fixed.ofLong(-9_223_372_036_855L));
        assertEquals(187_420_000L, Fixed.ofDouble(187.42));
        assertEquals(-50_000L, Fixed.ofDouble(-0.05));
        assertEquals(-1_500_000L, Fixed.ofDouble(-1.5));
        assertEquals(33_333_333L, Fixed.ofDouble(100.0 / 3));
        assertEquals(-33_333_333L, Fixed.ofDouble(-100.0 / 3));
        assertEquals(666_667L, Fixed.ofDouble(2.0 / 3));
        assertEquals(-666_667L, Fixed.ofDouble(-2.0 / 3));
        assertEquals(Fixed.NOT_FINITE, Fixed.ofDouble(Double.NaN));
        assertEquals(Fixed.NOT_FINITE, Fixed.ofDouble(Double.POSITIVE_INFINITY));
        assertEquals(Fixed.NOT_FINITE, Fixed.ofDouble(Double.NEGATIVE_INFINITY));
        assertEquals(Fixed.NOT_FINITE, Fixed.ofDouble(1e13));
    }

    @Test
    void shouldComputeReportedRatiosExactlyAndRoundAnExactHalfAwayFromZero()
    {
        // 1 micro on 200: 0.0000005 % exactly, which a double holds as slightly less
        assertEquals(1L, Fixed.percent(200_000_000L, 200_000_001L));
        assertEquals(-1L, Fixed.percent(200_000_000L, 199_999_999L));
        assertEquals(0L, Fixed.percent(200_000_001L, 200_000_002L));
        assertEquals(500_000L, Fixed.percent(100_000_000L, 100_500_000L));
        assertEquals(-1_477_833L, Fixed.percent(101_500_000L, 100_000_000L));
        // a rollup vw of exactly 432.3960675 (reference model, seed 20): 4116410.5626 / 9520
        final long notional = 433_555_000L * 3_575 + 432_363_600L * 877 + 433_191_700L * 980 + 431_198_800L * 4_088;
        assertEquals(432_396_068L, Fixed.quotient(notional, 1, 1, 9_520, 1));
        // volRatio 15 = 30000 x 10000 / (2000 x 10000), in micros
        assertEquals(15_000_000L, Fixed.quotient(30_000, 10_000, Fixed.ONE, 2_000, 10_000));
        // beyond 64 bits: exact on the slow path, and NOT_FINITE when the result does not fit
        assertEquals(15_000_000_000_000L, Fixed.quotient(3_000_000_000_000L, 5_000_000_000L, 1, 1_000_000_000L, 1));
        assertEquals(-7L, Fixed.quotient(Long.MAX_VALUE, 13, 1, -Long.MAX_VALUE, 2));
        assertEquals(Fixed.NOT_FINITE, Fixed.quotient(Long.MAX_VALUE, Long.MAX_VALUE, 1, 1, 1));
        // a busy symbol's volRatio late in the session: 500,000 shares x 6.5 h in ms x 10^6 passes 64 bits
        assertEquals(11_700_000L, Fixed.quotient(500_000, 23_400_000, Fixed.ONE, 100_000_000, 10_000));
        // a product just past 64 bits in the last step (a x b fits, x c does not), and a negative one
        assertEquals(-11_700_000L, Fixed.quotient(-500_000, 23_400_000, Fixed.ONE, 100_000_000, 10_000));
        assertEquals(Fixed.NOT_FINITE, Fixed.quotient(1, 1, 1, 0, 1));
    }

    @Test
    void shouldCompareProductsExactlyBeyondSixtyFourBits()
    {
        assertTrue(Fixed.compareProducts(Long.MAX_VALUE, 2, Long.MAX_VALUE, 3) < 0);
        assertTrue(Fixed.compareProducts(Long.MAX_VALUE, 3, Long.MAX_VALUE, 2) > 0);
        assertEquals(0, Fixed.compareProducts(1L << 62, 6, 3L << 61, 4), "both 3 x 2^63");
        assertEquals(0, Fixed.compareProducts(4_000_000_000L, 6_000_000_000L, 8_000_000_000L, 3_000_000_000L));
        assertTrue(Fixed.compareProducts(-Long.MAX_VALUE, 2, 1, 1) < 0);
        assertTrue(Fixed.compareProducts(-Long.MAX_VALUE, 2, -Long.MAX_VALUE, 3) > 0);
        assertTrue(Fixed.compareProducts(1_000_001L, 100_000_000L, 100_000_000L, 1_000_000L) > 0);
        assertEquals(0, Fixed.compareProducts(1_000_000L, 100_000_000L, 100_000_000L, 1_000_000L));
        assertTrue(Fixed.compareProducts(-1_000_001L, 100_000_000L, -100_000_000L, 1_000_000L) < 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void threeFactorProductsCompareAsBigIntegerDoes(final long seed)
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++)
        {
            final long[] f = new long[6];
            for (int k = 0; k < 6; k++)
            {
                // mix small, large and extreme magnitudes, and equal products
                f[k] = switch (random.nextInt(4))
                {
                    case 0 -> random.nextLong(0, 1_000);
                    case 1 -> random.nextLong(0, 1L << 40);
                    case 2 -> Long.MAX_VALUE - random.nextLong(0, 3);
                    default -> random.nextLong(Long.MIN_VALUE >> 1, Long.MAX_VALUE);
                };
            }
            if (random.nextInt(8) == 0)
            {
                f[3] = f[1];
                f[4] = f[0];
                f[5] = f[2];
            }
            final java.math.BigInteger left = java.math.BigInteger.valueOf(f[0]).multiply(java.math.BigInteger.valueOf(f[1]))
                .multiply(java.math.BigInteger.valueOf(f[2]));
            final java.math.BigInteger right = java.math.BigInteger.valueOf(f[3]).multiply(java.math.BigInteger.valueOf(f[4]))
                .multiply(java.math.BigInteger.valueOf(f[5]));
            assertEquals(Integer.signum(left.compareTo(right)), Integer.signum(Fixed.compareProducts(f[0], f[1], f[2], f[3], f[4], f[5])),
                java.util.Arrays.toString(f));
        }
    }
}
