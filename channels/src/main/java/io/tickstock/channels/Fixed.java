package io.tickstock.channels;

import java.math.BigDecimal;
import java.math.BigInteger;
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
            final BigDecimal value = new BigDecimal(text);
            // decide by the exponent before rescaling: "1e123456789" would otherwise be expanded to
            // a hundred million digits, stalling the source thread for minutes
            final int integerDigits = value.precision() - value.scale();
            if (value.signum() == 0 || integerDigits <= -7)
            {
                return 0;  // below 1e-7 in magnitude: rounds to 0 micros
            }
            if (integerDigits > 19)
            {
                return NOT_FINITE;
            }
            final BigDecimal micros = value.setScale(6, RoundingMode.HALF_UP).movePointRight(6);
            if (micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0)
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

    /**
     * {@code (to - from) x 100 / from} in micros, exact and rounded half away from zero: the
     * reported {@code pct} of docs/semantics.md §8 q.
     */
    public static long percent(final long from, final long to)
    {
        return quotient(to - from, 100, ONE, from, 1);
    }

    /**
     * {@code a x b x c / (d x e)} computed exactly and rounded half away from zero to an integer,
     * or {@link #NOT_FINITE} when it does not fit. Reported ratios (pct, relVol, volRatio, rollup
     * vw) use it with {@code c = ONE}, so that a value exactly half a micro from two neighbours
     * rounds away from zero as docs/semantics.md §8 f says, which a {@code double} does not
     * guarantee. Allocation-free unless a product exceeds 64 bits.
     */
    public static long quotient(final long a, final long b, final long c, final long d, final long e)
    {
        // overflow found by the high words of the 128-bit products: no exception on the way
        if (fits(a, b) && fits(a * b, c) && fits(d, e))
        {
            final long numerator = a * b * c;
            final long divisor = d * e;
            if (numerator != Long.MIN_VALUE && divisor != Long.MIN_VALUE && divisor != 0)
            {
                return roundedDivide(numerator, divisor);
            }
        }
        return quotient(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
            .multiply(BigInteger.valueOf(c)), BigInteger.valueOf(d).multiply(BigInteger.valueOf(e)));
    }

    /** True when {@code x x y} fits a long. */
    private static boolean fits(final long x, final long y)
    {
        final long high = Math.multiplyHigh(x, y);
        final long low = x * y;
        return high == (low >> 63);
    }

    /** {@code numerator / divisor} rounded half away from zero, or {@link #NOT_FINITE} when it does not fit. */
    public static long quotient(final BigInteger numerator, final BigInteger divisor)
    {
        if (divisor.signum() == 0)
        {
            return NOT_FINITE;
        }
        final BigInteger[] qr = numerator.divideAndRemainder(divisor);
        BigInteger q = qr[0];
        if (qr[1].abs().shiftLeft(1).compareTo(divisor.abs()) >= 0)
        {
            q = numerator.signum() == divisor.signum() ? q.add(BigInteger.ONE) : q.subtract(BigInteger.ONE);
        }
        return q.bitLength() < 64 && q.longValue() != NULL && q.longValue() != NOT_FINITE ? q.longValue() : NOT_FINITE;
    }

    private static long roundedDivide(final long numerator, final long divisor)
    {
        final long q = numerator / divisor;
        final long r = Math.abs(numerator % divisor);
        final long d = Math.abs(divisor);
        if (r != 0 && r >= d - r)
        {
            return (numerator < 0) == (divisor < 0) ? q + 1 : q - 1;
        }
        return q;
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
            final BigInteger left = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .multiply(BigInteger.valueOf(c));
            final BigInteger right = BigInteger.valueOf(d).multiply(BigInteger.valueOf(e))
                .multiply(BigInteger.valueOf(f));
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
