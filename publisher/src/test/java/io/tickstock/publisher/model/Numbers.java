package io.tickstock.publisher.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The model's own arithmetic, exact: {@link BigDecimal} prices with 6 decimals, reported numbers
 * (pct, relVol, volRatio, rollup vw) as the exact quotient rounded half away from zero to 6
 * decimals (docs/semantics.md §8 e, f and q), thresholds compared exactly. Nothing here comes from
 * the pipeline's fixed-point code.
 */
final class Numbers
{
    static final int SCALE = 6;
    static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,15}");
    /** The largest magnitude a 6-decimal fixed-point price may have (docs/semantics.md §1, Numbers). */
    static final BigDecimal MAX_PRICE = new BigDecimal("9223372036854.775807");
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Numbers()
    {
    }

    static boolean validSymbol(final String symbol)
    {
        return symbol != null && SYMBOL.matcher(symbol).matches();
    }

    /** A JSON number as a price: rounded half away from zero to 6 decimals, or null when not finite. */
    static BigDecimal price(final BigDecimal exact)
    {
        final BigDecimal rounded = exact.setScale(SCALE, RoundingMode.HALF_UP);
        return rounded.abs().compareTo(MAX_PRICE) > 0 ? null : rounded;
    }

    /** A usable price: finite and above 0. */
    static boolean positive(final BigDecimal price)
    {
        return price != null && price.signum() > 0;
    }

    /** Reported percent (to - from) x 100 / from, rounded half away from zero to 6 decimals. */
    static BigDecimal pct(final BigDecimal from, final BigDecimal to)
    {
        return to.subtract(from).multiply(HUNDRED).divide(from, SCALE, RoundingMode.HALF_UP);
    }

    /** numerator / denominator rounded half away from zero to 6 decimals. */
    static BigDecimal ratio(final BigDecimal numerator, final BigDecimal denominator)
    {
        return numerator.divide(denominator, SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal ratio(final BigInteger numerator, final BigInteger denominator)
    {
        return ratio(new BigDecimal(numerator), new BigDecimal(denominator));
    }

    /** Exactly: |to - from| x 100 >= pct x from. */
    static boolean movedAtLeast(final BigDecimal from, final BigDecimal to, final BigDecimal pct)
    {
        return to.subtract(from).abs().multiply(HUNDRED).compareTo(pct.multiply(from)) >= 0;
    }

    /** Exactly: |to - from| x 100 > pct x from. */
    static boolean movedMoreThan(final BigDecimal from, final BigDecimal to, final BigDecimal pct)
    {
        return to.subtract(from).abs().multiply(HUNDRED).compareTo(pct.multiply(from)) > 0;
    }

    /** Sign of (to - from) x 100 / from - pct, exactly (signed move). */
    static int compareSignedMove(final BigDecimal from, final BigDecimal to, final BigDecimal pct)
    {
        return to.subtract(from).multiply(HUNDRED).compareTo(pct.multiply(from));
    }

    static BigInteger big(final long value)
    {
        return BigInteger.valueOf(value);
    }
}
