package io.tickstock.core.ring;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a channel's three stages map onto threads: one thread per stage ({@link #THREADED}, a
 * Disruptor handler chain) or all three run in order on one thread ({@link #FUSED}). Both keep
 * the same semantics; which is faster depends on cores and load (see docs/performance.md).
 */
public enum ThreadLayout
{
    THREADED,
    FUSED;

    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration name.
     *
     * @throws IllegalArgumentException naming the allowed values.
     */
    public static ThreadLayout fromConfig(final String key, final String value)
    {
        for (final ThreadLayout layout : values())
        {
            if (layout.configName().equals(value))
            {
                return layout;
            }
        }
        throw new IllegalArgumentException(key + ": '" + value + "' is not a thread layout; allowed: " +
            Arrays.stream(values()).map(ThreadLayout::configName).collect(Collectors.joining(", ")));
    }
}
