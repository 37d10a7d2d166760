package io.tickstock.core.ring;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a ring's consumers wait for entries. {@link #BLOCKING} is the default: it parks, so a
 * 2-core machine keeps its cores for useful work, and a publisher takes the lock to signal only
 * while a consumer is parked ({@link WakeableWaitStrategy}: the Disruptor's own blocking strategy
 * takes it for every publish, and the router publishes each trade to two rings).
 * {@link #LITE_BLOCKING} is now the same. {@link #YIELDING} and {@link #BUSY_SPIN} burn a core
 * each and are only for machines with cores to spare.
 */
public enum WaitStrategyKind
{
    BLOCKING,
    LITE_BLOCKING,
    SLEEPING,
    YIELDING,
    BUSY_SPIN;

    public WaitStrategy newStrategy()
    {
        switch (this)
        {
            case SLEEPING:
                return new SleepingWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case BLOCKING:
            case LITE_BLOCKING:
            default:
                return new WakeableWaitStrategy(this);
        }
    }

    /** The configuration name: {@code blocking}, {@code lite-blocking}, {@code sleeping}, {@code yielding}, {@code busy-spin}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a configuration name.
     *
     * @throws IllegalArgumentException naming the allowed values.
     */
    public static WaitStrategyKind fromConfig(final String key, final String value)
    {
        for (final WaitStrategyKind kind : values())
        {
            if (kind.configName().equals(value))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException(key + ": '" + value + "' is not a wait strategy; allowed: " +
            Arrays.stream(values()).map(WaitStrategyKind::configName).collect(Collectors.joining(", ")));
    }
}
