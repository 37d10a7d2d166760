package io.tickstock.channels;

import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.SourceRestartPolicy;

/**
 * The pipeline's settings, built and validated once: {@link Builder#build()} throws naming the key
 * (as in the configuration file) and the allowed range. Immutable.
 */
public final class MarketConfig
{
    /** A copy checked by {@link Builder#build()}, never changed again; the keys' defaults and checks are {@link MarketKeys}. */
    private final MarketSettings settings;

    private MarketConfig(final MarketSettings settings)
    {
        this.settings = settings;
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
        return settings.tickRingSize;
    }

    public int ohlcvRingSize()
    {
        return settings.ohlcvRingSize;
    }

    public int fmvRingSize()
    {
        return settings.fmvRingSize;
    }

    public int publishRingSize()
    {
        return settings.publishRingSize;
    }

    public WaitStrategyKind waitStrategy()
    {
        return settings.waitStrategy;
    }

    public ThreadLayout layout()
    {
        return settings.layout;
    }

    public long tickDedupWindowMs()
    {
        return settings.tickDedupWindowMs;
    }

    public int ohlcvRetainedBars()
    {
        return settings.ohlcvRetainedBars;
    }

    public int ohlcvRelVolBars()
    {
        return settings.ohlcvRelVolBars;
    }

    public long fmvDedupWindowMs()
    {
        return settings.fmvDedupWindowMs;
    }

    public long fmvRecentTradeMs()
    {
        return settings.fmvRecentTradeMs;
    }

    /** Percent as {@link Fixed} micros. */
    public long fmvOutlierPct()
    {
        return settings.fmvOutlierPct;
    }

    /** Percent as {@link Fixed} micros. */
    public long fmvSignalPct()
    {
        return settings.fmvSignalPct;
    }

    public PriorityPolicy priorities()
    {
        return settings.priorities;
    }

    public boolean trendEnabled()
    {
        return settings.trendEnabled;
    }

    public boolean surgeEnabled()
    {
        return settings.surgeEnabled;
    }

    public int trendWindowS()
    {
        return settings.trendWindowS;
    }

    /** Percent as {@link Fixed} micros. */
    public long trendThresholdPct()
    {
        return settings.trendThresholdPct;
    }

    public int surgeWindowS()
    {
        return settings.surgeWindowS;
    }

    /** The volume multiple as {@link Fixed} micros (3x = 3_000_000). */
    public long surgeVolumeMultiple()
    {
        return settings.surgeVolumeMultiple;
    }

    public long surgeMinVolume()
    {
        return settings.surgeMinVolume;
    }

    /** Percent as {@link Fixed} micros. */
    public long surgePricePct()
    {
        return settings.surgePricePct;
    }

    public int surgeCooldownS()
    {
        return settings.surgeCooldownS;
    }

    /** Rollup timeframes built from 1m bars, such as {@code 5m} and {@code 15m}. */
    public java.util.List<String> ohlcvRollups()
    {
        return settings.ohlcvRollups;
    }

    public long ohlcvAllowedLatenessMs()
    {
        return settings.ohlcvAllowedLatenessMs;
    }

    /** How often processing time advances the ohlcv clock while no bar arrives; 0 turns it off. */
    public long ohlcvClockTickMs()
    {
        return settings.ohlcvClockTickMs;
    }

    /** The latency interval: percentiles are reported over the last completed one. */
    public long monitorIntervalMs()
    {
        return settings.monitorIntervalMs;
    }

    /** How a source whose run throws is restarted ({@code source.restart.*}). */
    public SourceRestartPolicy sourceRestart()
    {
        return settings.sourceRestart;
    }

    /** How many of the newest records that made a stage throw are kept ({@code pipeline.quarantineSize}). */
    public int quarantineSize()
    {
        return settings.quarantineSize;
    }

    /** Collects settings; every setter's key is the configuration file's, declared in {@link MarketKeys} (default, range, meaning). */
    public static final class Builder
    {
        private final MarketSettings settings = new MarketSettings();

        private Builder()
        {
        }

        /** {@code trend.enabled}: whether the tick channel emits {@code trend}. */
        public Builder trendEnabled(final boolean value)
        {
            settings.trendEnabled = value;
            return this;
        }

        /** {@code surge.enabled}: whether the tick channel emits {@code surge}. */
        public Builder surgeEnabled(final boolean value)
        {
            settings.surgeEnabled = value;
            return this;
        }

        /** {@code trend.windowS}. */
        public Builder trendWindowS(final int value)
        {
            settings.trendWindowS = value;
            return this;
        }

        /** {@code trend.thresholdPct}: percent in {@link Fixed} micros. */
        public Builder trendThresholdPct(final long micros)
        {
            settings.trendThresholdPct = micros;
            return this;
        }

        /** {@code surge.windowS}. */
        public Builder surgeWindowS(final int value)
        {
            settings.surgeWindowS = value;
            return this;
        }

        /** {@code surge.volumeMultiple}: in {@link Fixed} micros (3x = 3_000_000). */
        public Builder surgeVolumeMultiple(final long micros)
        {
            settings.surgeVolumeMultiple = micros;
            return this;
        }

        /** {@code surge.minVolume}: shares. */
        public Builder surgeMinVolume(final long value)
        {
            settings.surgeMinVolume = value;
            return this;
        }

        /** {@code surge.pricePct}: percent in {@link Fixed} micros. */
        public Builder surgePricePct(final long micros)
        {
            settings.surgePricePct = micros;
            return this;
        }

        /** {@code surge.cooldownS}. */
        public Builder surgeCooldownS(final int value)
        {
            settings.surgeCooldownS = value;
            return this;
        }

        /** {@code ohlcv.rollups}: minute timeframes such as 5m, 15m ({@link Builder#rollupMinutes}), or empty. */
        public Builder ohlcvRollups(final java.util.List<String> value)
        {
            settings.ohlcvRollups = java.util.List.copyOf(value);
            return this;
        }

        /** {@code ohlcv.allowedLatenessMs}. */
        public Builder ohlcvAllowedLatenessMs(final long value)
        {
            settings.ohlcvAllowedLatenessMs = value;
            return this;
        }

        /** {@code monitor.intervalMs}. */
        public Builder monitorIntervalMs(final long value)
        {
            settings.monitorIntervalMs = value;
            return this;
        }

        /** {@code ohlcv.clockTickMs}: 0 is off. */
        public Builder ohlcvClockTickMs(final long value)
        {
            settings.ohlcvClockTickMs = value;
            return this;
        }

        /** {@code tick.ringSize}: a power of two. */
        public Builder tickRingSize(final int value)
        {
            settings.tickRingSize = value;
            return this;
        }

        /** {@code ohlcv.ringSize}: a power of two. */
        public Builder ohlcvRingSize(final int value)
        {
            settings.ohlcvRingSize = value;
            return this;
        }

        /** {@code fmv.ringSize}: a power of two. */
        public Builder fmvRingSize(final int value)
        {
            settings.fmvRingSize = value;
            return this;
        }

        /** {@code publish.ringSize}: a power of two. */
        public Builder publishRingSize(final int value)
        {
            settings.publishRingSize = value;
            return this;
        }

        /** {@code pipeline.waitStrategy}. */
        public Builder waitStrategy(final WaitStrategyKind value)
        {
            settings.waitStrategy = value;
            return this;
        }

        /** {@code pipeline.layout}. */
        public Builder layout(final ThreadLayout value)
        {
            settings.layout = value;
            return this;
        }

        /** {@code tick.dedupWindowMs}. */
        public Builder tickDedupWindowMs(final long value)
        {
            settings.tickDedupWindowMs = value;
            return this;
        }

        /** {@code ohlcv.retainedBars}: at least {@code ohlcv.relVolBars}. */
        public Builder ohlcvRetainedBars(final int value)
        {
            settings.ohlcvRetainedBars = value;
            return this;
        }

        /** {@code ohlcv.relVolBars}. */
        public Builder ohlcvRelVolBars(final int value)
        {
            settings.ohlcvRelVolBars = value;
            return this;
        }

        /** {@code fmv.dedupWindowMs}. */
        public Builder fmvDedupWindowMs(final long value)
        {
            settings.fmvDedupWindowMs = value;
            return this;
        }

        /** {@code fmv.recentTradeMs}. */
        public Builder fmvRecentTradeMs(final long value)
        {
            settings.fmvRecentTradeMs = value;
            return this;
        }

        /** {@code fmv.outlierPct}: percent in {@link Fixed} micros. */
        public Builder fmvOutlierPct(final long micros)
        {
            settings.fmvOutlierPct = micros;
            return this;
        }

        /** {@code fmv.signalPct}: percent in {@link Fixed} micros. */
        public Builder fmvSignalPct(final long micros)
        {
            settings.fmvSignalPct = micros;
            return this;
        }

        public Builder priorities(final PriorityPolicy value)
        {
            settings.priorities = value;
            return this;
        }

        /** {@code source.restart.*}: built and validated by its own builder. */
        public Builder sourceRestart(final SourceRestartPolicy value)
        {
            settings.sourceRestart = value;
            return this;
        }

        /** {@code pipeline.quarantineSize}: 0 only counts quarantined records. */
        public Builder quarantineSize(final int value)
        {
            settings.quarantineSize = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
        public MarketConfig build()
        {
            settings.check();
            return new MarketConfig(settings.copy());
        }

        /** The minutes of a rollup timeframe such as {@code 5m}; throws naming {@code ohlcv.rollups} and the allowed values. */
        public static int rollupMinutes(final String tf)
        {
            return MarketSettings.rollupMinutes(tf);
        }
    }
}
