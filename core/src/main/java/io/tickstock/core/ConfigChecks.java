package io.tickstock.core;

/**
 * The checks every configuration builder makes, with one wording for their errors: the key, the
 * bad value and what is allowed.
 */
public final class ConfigChecks
{
    private ConfigChecks()
    {
    }

    /**
     * @throws IllegalArgumentException {@code KEY: VALUE is out of range; allowed: MIN..MAX}.
     */
    public static void range(final String key, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(key + ": " + value + " is out of range; allowed: " + min + ".." + max);
        }
    }

    /**
     * @throws IllegalArgumentException {@code KEY: VALUE is not allowed; allowed: a power of two from MIN to MAX}.
     */
    public static void powerOfTwo(final String key, final long value, final long min, final long max)
    {
        if (value < min || value > max || Long.bitCount(value) != 1)
        {
            throw new IllegalArgumentException(
                key + ": " + value + " is not allowed; allowed: a power of two from " + min + " to " + max);
        }
    }
}
