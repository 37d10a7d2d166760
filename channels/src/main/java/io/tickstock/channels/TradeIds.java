package io.tickstock.channels;

/**
 * Trade ids ({@code i}) that are numbers: the usual id is a decimal counter, and it is carried as a
 * {@code long} ({@link FeedRecord#tradeNumber}), not a {@code String}, from the decoder to the dedup
 * (docs/semantics.md, "Duplicates"). A {@code String} per trade, held by the rings' entries until
 * they wrap, was what G1's young collections found alive and copied at 100,000 trades/s.
 *
 * <p>Only the canonical form is a number: decimal digits without a leading zero ("0" itself
 * aside), below 2^56 (so that the dedup packs it beside an exchange in one long). "007" and "7" are
 * different ids, so "007" stays text.
 */
public final class TradeIds
{
    /** {@link FeedRecord#tradeNumber} of a trade whose id is not a number in canonical form, or absent. */
    public static final long NONE = -1;
    /** The largest number an id can be. */
    public static final long MAX = (1L << 56) - 1;
    /** Digits in {@link #MAX}. */
    private static final int MAX_DIGITS = 17;

    private TradeIds()
    {
    }

    /** The id in {@code data[start, start + length)} as a number, or {@link #NONE} when it is not one in canonical form. */
    public static long number(final byte[] data, final int start, final int length)
    {
        if (length == 0 || length > MAX_DIGITS || (length > 1 && data[start] == '0'))
        {
            return NONE;
        }
        long value = 0;
        for (int i = start; i < start + length; i++)
        {
            final int digit = data[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return NONE;
            }
            value = value * 10 + digit;
        }
        return value <= MAX ? value : NONE;
    }

    /** The id as a number, or {@link #NONE} when it is not one in canonical form (or null). */
    public static long number(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > MAX_DIGITS || (id.length() > 1 && id.charAt(0) == '0'))
        {
            return NONE;
        }
        long value = 0;
        for (int i = 0; i < id.length(); i++)
        {
            final int digit = id.charAt(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return NONE;
            }
            value = value * 10 + digit;
        }
        return value <= MAX ? value : NONE;
    }
}
