package io.tickstock.channels;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point decimals with 6 places in a {@code long} (micros): how prices, percentages and
 * ratios travel inside the pipeline, so that checks are exact and encoding needs no {@code double}
 * formatting. Values with more than 6 decimals are rounded half away from zero.
 */
public final class Fixed
{
    /** One unit: 10^6 micros. */
    public static final long ONE = 1_000_000L;
    /** Stands for an absent optional value (JSON null on the wire). */
    public static final long NULL = Long.MIN_VALUE;
    /** A number too large to hold in 6-decimal fixed point: counts as not finite. */
    public static final long NOT_FINITE = Long.MIN_VALUE + 1;

    private static final long MAX_INT_PART = Long.MAX_VALUE / ONE;

    private Fixed()
    {
    }

    /**
     * Parses a JSON number's text.
     *
     * @return the value in micros, or {@link #NOT_FINITE} when it does not fit.
     */
    public static long parse(final char[] text, final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        boolean negative = false;
        if (i < end && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }
        long integer = 0;
        while (i < end && text[i] >= '0' && text[i] <= '9')
        {
            if (integer > MAX_INT_PART)
            {
                return NOT_FINITE;
            }
            integer = integer * 10 + (text[i] - '0');
            i++;
        }
        long fraction = 0;
        int digits = 0;
        boolean roundUp = false;
        if (i < end && text[i] == '.')
        {
            i++;
            while (i < end && text[i] >= '0' && text[i] <= '9')
            {
                if (digits < 6)
                {
                    fraction = fraction * 10 + (text[i] - '0');
                }
                else if (digits == 6)
                {
                    roundUp = text[i] >= '5';
                }
                digits++;
                i++;
            }
        }
        if (i != end)
        {
            return parseSlow(new String(text, offset, length));
        }
        while (digits < 6)
        {
            fraction *= 10;
            digits++;
        }
        if (integer > MAX_INT_PART)
        {
            return NOT_FINITE;
        }
        long value = integer * ONE + fraction + (roundUp ? 1 : 0);
        if (value < 0)
        {
            return NOT_FINITE;
        }
        return negative ? -value : value;
    }

    /** Parses a JSON number's text (exponent forms included). */
    public static long parse(final String text)
    {
        return parse(text.toCharArray(), 0, text.length());
    }

    private static long parseSlow(final String text)
    {
        try
        {
            final BigDecimal micros = new BigDecimal(text).setScale(6, RoundingMode.HALF_UP).movePointRight(6);
            if (micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE - 2)) > 0)
            {
                return NOT_FINITE;
            }
            return micros.longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return NOT_FINITE;
        }
    }

    /** An integer in micros, or {@link #NOT_FINITE} when it does not fit. */
    public static long ofLong(final long value)
    {
        if (value > MAX_INT_PART || value < -MAX_INT_PART)
        {
            return NOT_FINITE;
        }
        return value * ONE;
    }

    /** A double rounded half away from zero to 6 decimals. */
    public static long ofDouble(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value) >= MAX_INT_PART)
        {
            return NOT_FINITE;
        }
        final double scaled = value * ONE;
        return (long)(scaled < 0 ? -Math.floor(-scaled + 0.5) : Math.floor(scaled + 0.5));
    }

    /** Compares a x b with c x d exactly (128-bit products): negative, zero or positive. */
    public static int compareProducts(final long a, final long b, final long c, final long d)
    {
        final long high1 = Math.multiplyHigh(a, b);
        final long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2)
        {
            return Long.compare(high1, high2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    /**
     * Compares a x b x c with d x e x f exactly: negative, zero or positive. Non-negative factors
     * (the surge check's volumes, windows and multiples) are compared as 192-bit products without
     * allocating; any negative factor takes the general path.
     */
    public static int compareProducts(final long a, final long b, final long c, final long d, final long e, final long f)
    {
        if ((a | b | c | d | e | f) < 0)
        {
            final java.math.BigInteger left = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                .multiply(java.math.BigInteger.valueOf(c));
            final java.math.BigInteger right = java.math.BigInteger.valueOf(d).multiply(java.math.BigInteger.valueOf(e))
                .multiply(java.math.BigInteger.valueOf(f));
            return left.compareTo(right);
        }
        // (high, middle, low) words of the unsigned 192-bit products
        final long leftLow = a * b * c;
        final long rightLow = d * e * f;
        final long leftProductHigh = Math.multiplyHigh(a, b);
        final long rightProductHigh = Math.multiplyHigh(d, e);
        final long leftMiddle = unsignedMultiplyHigh(a * b, c) + leftProductHigh * c;
        final long rightMiddle = unsignedMultiplyHigh(d * e, f) + rightProductHigh * f;
        final long leftHigh = unsignedMultiplyHigh(leftProductHigh, c)
            + (Long.compareUnsigned(leftMiddle, leftProductHigh * c) < 0 ? 1 : 0);
        final long rightHigh = unsignedMultiplyHigh(rightProductHigh, f)
            + (Long.compareUnsigned(rightMiddle, rightProductHigh * f) < 0 ? 1 : 0);
        if (leftHigh != rightHigh)
        {
            return Long.compareUnsigned(leftHigh, rightHigh);
        }
        if (leftMiddle != rightMiddle)
        {
            return Long.compareUnsigned(leftMiddle, rightMiddle);
        }
        return Long.compareUnsigned(leftLow, rightLow);
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh, Java 18). */
    private static long unsignedMultiplyHigh(final long x, final long y)
    {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    public static double toDouble(final long micros)
    {
        return micros / (double)ONE;
    }

    /** Appends the shortest decimal form: {@code 187.4}, {@code 187}, {@code -0.05}. */
    public static StringBuilder append(final StringBuilder out, final long micros)
    {
        long value = micros;
        if (value < 0)
        {
            out.append('-');
            value = -value;
        }
        out.append(value / ONE);
        long fraction = value % ONE;
        if (fraction != 0)
        {
            out.append('.');
            int width = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                width--;
            }
            final String digits = Long.toString(fraction);
            for (int pad = digits.length(); pad < width; pad++)
            {
                out.append('0');
            }
            out.append(digits);
        }
        return out;
    }

    public static String toString(final long micros)
    {
        return append(new StringBuilder(24), micros).toString();
    }
}
