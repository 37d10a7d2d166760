package io.tickstock.publisher.model;

import io.tickstock.channels.Fixed;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Arithmetic and checks shared by the model's channels, written out plainly. */
final class Numbers
{
    static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,15}");

    private Numbers()
    {
    }

    static boolean validSymbol(final String symbol)
    {
        return symbol != null && SYMBOL.matcher(symbol).matches();
    }

    /** A price that is a usable positive 6-decimal value. */
    static boolean positiveFinite(final long micros)
    {
        return micros != Fixed.NOT_FINITE && micros != Fixed.NULL && micros > 0;
    }

    /** Reported percent: (to - from) / from x 100, in double, rounded half away from zero to 6 decimals. */
    static long pct(final long from, final long to)
    {
        return Fixed.ofDouble((double)(to - from) / from * 100.0);
    }

    /** Exactly: |to - from| / from x 100 >= pctMicros / 10^6, i.e. |to - from| x 100 x 10^6 >= pctMicros x from. */
    static boolean movedAtLeast(final long from, final long to, final long pctMicros)
    {
        return compareMove(from, to, pctMicros) >= 0;
    }

    /** Exactly: |to - from| / from x 100 > pctMicros / 10^6. */
    static boolean movedMoreThan(final long from, final long to, final long pctMicros)
    {
        return compareMove(from, to, pctMicros) > 0;
    }

    /** Sign of (to - from) / from x 100 - pctMicros / 10^6 (signed move, not absolute). */
    static int compareSignedMove(final long from, final long to, final long pctMicros)
    {
        final BigInteger left = big(to).subtract(big(from)).multiply(big(100)).multiply(big(Fixed.ONE));
        return left.compareTo(big(pctMicros).multiply(big(from)));
    }

    private static int compareMove(final long from, final long to, final long pctMicros)
    {
        final BigInteger left = big(to).subtract(big(from)).abs().multiply(big(100)).multiply(big(Fixed.ONE));
        return left.compareTo(big(pctMicros).multiply(big(from)));
    }

    static BigInteger big(final long value)
    {
        return BigInteger.valueOf(value);
    }
}
