package io.tickstock.channels;

import io.tickstock.core.ThreadLayout;
import io.tickstock.core.WaitStrategyKind;

/**
 * The pipeline's settings, built and validated once: {@link Builder#build()} throws naming the key
 * (as in the configuration file) and the allowed range. Immutable.
 */
public final class MarketConfig
{
    private final int tickRingSize;
    private final int ohlcvRingSize;
    private final int fmvRingSize;
    private final int publishRingSize;
    private final WaitStrategyKind waitStrategy;
    private final ThreadLayout layout;
    private final long tickDedupWindowMs;
    private final int ohlcvRetainedBars;
    private final int ohlcvRelVolBars;
    private final long fmvDedupWindowMs;
    private final long fmvRecentTradeMs;
    private final long fmvOutlierPct;
    private final long fmvSignalPct;
    private final PriorityPolicy priorities;

    private MarketConfig(final Builder b)
    {
        tickRingSize = b.tickRingSize;
        ohlcvRingSize = b.ohlcvRingSize;
        fmvRingSize = b.fmvRingSize;
        publishRingSize = b.publishRingSize;
        waitStrategy = b.waitStrategy;
        layout = b.layout;
        tickDedupWindowMs = b.tickDedupWindowMs;
        ohlcvRetainedBars = b.ohlcvRetainedBars;
        ohlcvRelVolBars = b.ohlcvRelVolBars;
        fmvDedupWindowMs = b.fmvDedupWindowMs;
        fmvRecentTradeMs = b.fmvRecentTradeMs;
        fmvOutlierPct = b.fmvOutlierPct;
        fmvSignalPct = b.fmvSignalPct;
        priorities = b.priorities;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public static MarketConfig defaults()
    {
        return builder().build();
    }

    public int tickRingSize()
    {
        return tickRingSize;
    }

    public int ohlcvRingSize()
    {
        return ohlcvRingSize;
    }

    public int fmvRingSize()
    {
        return fmvRingSize;
    }

    public int publishRingSize()
    {
        return publishRingSize;
    }

    public WaitStrategyKind waitStrategy()
    {
        return waitStrategy;
    }

    public ThreadLayout layout()
    {
        return layout;
    }

    public long tickDedupWindowMs()
    {
        return tickDedupWindowMs;
    }

    public int ohlcvRetainedBars()
    {
        return ohlcvRetainedBars;
    }

    public int ohlcvRelVolBars()
    {
        return ohlcvRelVolBars;
    }

    public long fmvDedupWindowMs()
    {
        return fmvDedupWindowMs;
    }

    public long fmvRecentTradeMs()
    {
        return fmvRecentTradeMs;
    }

    /** Percent as {@link Fixed} micros. */
    public long fmvOutlierPct()
    {
        return fmvOutlierPct;
    }

    /** Percent as {@link Fixed} micros. */
    public long fmvSignalPct()
    {
        return fmvSignalPct;
    }

    public PriorityPolicy priorities()
    {
        return priorities;
    }

    /** Collects settings; every setter's key is the configuration file's. */
    public static final class Builder
    {
        private int tickRingSize = 16_384;
        private int ohlcvRingSize = 16_384;
        private int fmvRingSize = 16_384;
        private int publishRingSize = 65_536;
        private WaitStrategyKind waitStrategy = WaitStrategyKind.BLOCKING;
        private ThreadLayout layout = ThreadLayout.THREADED;
        private long tickDedupWindowMs = 60_000;
        private int ohlcvRetainedBars = 16;
        private int ohlcvRelVolBars = 10;
        private long fmvDedupWindowMs = 60_000;
        private long fmvRecentTradeMs = 900_000;
        private long fmvOutlierPct = 5 * Fixed.ONE;
        private long fmvSignalPct = Fixed.ONE;
        private PriorityPolicy priorities = PriorityPolicy.defaults();

        private Builder()
        {
        }

        /** {@code tick.ringSize}: a power of two, 64..2^26. */
        public Builder tickRingSize(final int value)
        {
            tickRingSize = value;
            return this;
        }

        /** {@code ohlcv.ringSize}: a power of two, 64..2^26. */
        public Builder ohlcvRingSize(final int value)
        {
            ohlcvRingSize = value;
            return this;
        }

        /** {@code fmv.ringSize}: a power of two, 64..2^26. */
        public Builder fmvRingSize(final int value)
        {
            fmvRingSize = value;
            return this;
        }

        /** {@code publish.ringSize}: a power of two, 64..2^26. */
        public Builder publishRingSize(final int value)
        {
            publishRingSize = value;
            return this;
        }

        /** {@code pipeline.waitStrategy}. */
        public Builder waitStrategy(final WaitStrategyKind value)
        {
            waitStrategy = value;
            return this;
        }

        /** {@code pipeline.layout}. */
        public Builder layout(final ThreadLayout value)
        {
            layout = value;
            return this;
        }

        /** {@code tick.dedupWindowMs}: 1..86,400,000. */
        public Builder tickDedupWindowMs(final long value)
        {
            tickDedupWindowMs = value;
            return this;
        }

        /** {@code ohlcv.retainedBars}: 1..1024, at least {@code ohlcv.relVolBars}. */
        public Builder ohlcvRetainedBars(final int value)
        {
            ohlcvRetainedBars = value;
            return this;
        }

        /** {@code ohlcv.relVolBars}: 1..1024. */
        public Builder ohlcvRelVolBars(final int value)
        {
            ohlcvRelVolBars = value;
            return this;
        }

        /** {@code fmv.dedupWindowMs}: 1..86,400,000. */
        public Builder fmvDedupWindowMs(final long value)
        {
            fmvDedupWindowMs = value;
            return this;
        }

        /** {@code fmv.recentTradeMs}: 0..86,400,000. */
        public Builder fmvRecentTradeMs(final long value)
        {
            fmvRecentTradeMs = value;
            return this;
        }

        /** {@code fmv.outlierPct}: percent in micros, greater than 0 and at most 10^8 (100 %). */
        public Builder fmvOutlierPct(final long micros)
        {
            fmvOutlierPct = micros;
            return this;
        }

        /** {@code fmv.signalPct}: percent in micros, 0..10^8. */
        public Builder fmvSignalPct(final long micros)
        {
            fmvSignalPct = micros;
            return this;
        }

        public Builder priorities(final PriorityPolicy value)
        {
            priorities = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
        public MarketConfig build()
        {
            ringSize("tick.ringSize", tickRingSize);
            ringSize("ohlcv.ringSize", ohlcvRingSize);
            ringSize("fmv.ringSize", fmvRingSize);
            ringSize("publish.ringSize", publishRingSize);
            range("tick.dedupWindowMs", tickDedupWindowMs, 1, 86_400_000L);
            range("ohlcv.relVolBars", ohlcvRelVolBars, 1, 1024);
            range("ohlcv.retainedBars", ohlcvRetainedBars, ohlcvRelVolBars, 1024);
            range("fmv.dedupWindowMs", fmvDedupWindowMs, 1, 86_400_000L);
            range("fmv.recentTradeMs", fmvRecentTradeMs, 0, 86_400_000L);
            range("fmv.outlierPct", fmvOutlierPct, 1, 100 * Fixed.ONE);
            range("fmv.signalPct", fmvSignalPct, 0, 100 * Fixed.ONE);
            if (waitStrategy == null || layout == null || priorities == null)
            {
                throw new IllegalArgumentException("pipeline.waitStrategy, pipeline.layout and priorities must be set");
            }
            return new MarketConfig(this);
        }

        private static void ringSize(final String key, final int value)
        {
            if (value < 64 || value > (1 << 26) || Integer.bitCount(value) != 1)
            {
                throw new IllegalArgumentException(key + ": " + value + " is not allowed; allowed: a power of two from 64 to 67108864");
            }
        }

        private static void range(final String key, final long value, final long min, final long max)
        {
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(key + ": " + value + " is out of range; allowed: " + min + ".." + max);
            }
        }
    }
}
