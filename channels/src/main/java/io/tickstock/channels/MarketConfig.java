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
    private final boolean trendEnabled;
    private final boolean surgeEnabled;
    private final int trendWindowS;
    private final long trendThresholdPct;
    private final int surgeWindowS;
    private final long surgeVolumeMultiple;
    private final long surgeMinVolume;
    private final long surgePricePct;
    private final int surgeCooldownS;
    private final java.util.List<String> ohlcvRollups;
    private final long ohlcvAllowedLatenessMs;
    private final long ohlcvClockTickMs;
    private final long monitorIntervalMs;
    private final SourceRestartPolicy sourceRestart;
    private final int quarantineSize;

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
        trendEnabled = b.trendEnabled;
        surgeEnabled = b.surgeEnabled;
        trendWindowS = b.trendWindowS;
        trendThresholdPct = b.trendThresholdPct;
        surgeWindowS = b.surgeWindowS;
        surgeVolumeMultiple = b.surgeVolumeMultiple;
        surgeMinVolume = b.surgeMinVolume;
        surgePricePct = b.surgePricePct;
        surgeCooldownS = b.surgeCooldownS;
        ohlcvRollups = b.ohlcvRollups;
        ohlcvAllowedLatenessMs = b.ohlcvAllowedLatenessMs;
        ohlcvClockTickMs = b.ohlcvClockTickMs;
        monitorIntervalMs = b.monitorIntervalMs;
        sourceRestart = b.sourceRestart;
        quarantineSize = b.quarantineSize;
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

    public boolean trendEnabled()
    {
        return trendEnabled;
    }

    public boolean surgeEnabled()
    {
        return surgeEnabled;
    }

    public int trendWindowS()
    {
        return trendWindowS;
    }

    /** Percent as {@link Fixed} micros. */
    public long trendThresholdPct()
    {
        return trendThresholdPct;
    }

    public int surgeWindowS()
    {
        return surgeWindowS;
    }

    /** The volume multiple as {@link Fixed} micros (3x = 3_000_000). */
    public long surgeVolumeMultiple()
    {
        return surgeVolumeMultiple;
    }

    public long surgeMinVolume()
    {
        return surgeMinVolume;
    }

    /** Percent as {@link Fixed} micros. */
    public long surgePricePct()
    {
        return surgePricePct;
    }

    public int surgeCooldownS()
    {
        return surgeCooldownS;
    }

    /** Rollup timeframes built from 1m bars, such as {@code 5m} and {@code 15m}. */
    public java.util.List<String> ohlcvRollups()
    {
        return ohlcvRollups;
    }

    public long ohlcvAllowedLatenessMs()
    {
        return ohlcvAllowedLatenessMs;
    }

    /** How often processing time advances the ohlcv clock while no bar arrives; 0 turns it off. */
    public long ohlcvClockTickMs()
    {
        return ohlcvClockTickMs;
    }

    /** The latency interval: percentiles are reported over the last completed one. */
    public long monitorIntervalMs()
    {
        return monitorIntervalMs;
    }

    /** How a source whose run throws is restarted ({@code source.restart.*}). */
    public SourceRestartPolicy sourceRestart()
    {
        return sourceRestart;
    }

    /** How many of the newest records that made a stage throw are kept ({@code pipeline.quarantineSize}). */
    public int quarantineSize()
    {
        return quarantineSize;
    }

    /** Collects settings; every setter's key is the configuration file's. */
    public static final class Builder
    {
        private int tickRingSize = MarketKeys.TICK_RING_SIZE.defaultInt();
        private int ohlcvRingSize = MarketKeys.OHLCV_RING_SIZE.defaultInt();
        private int fmvRingSize = MarketKeys.FMV_RING_SIZE.defaultInt();
        private int publishRingSize = MarketKeys.PUBLISH_RING_SIZE.defaultInt();
        private WaitStrategyKind waitStrategy =
            WaitStrategyKind.fromConfig(MarketKeys.PIPELINE_WAIT_STRATEGY.name(), MarketKeys.PIPELINE_WAIT_STRATEGY.defaultValue());
        private ThreadLayout layout = ThreadLayout.fromConfig(MarketKeys.PIPELINE_LAYOUT.name(), MarketKeys.PIPELINE_LAYOUT.defaultValue());
        private long tickDedupWindowMs = MarketKeys.TICK_DEDUP_WINDOW_MS.defaultLong();
        private int ohlcvRetainedBars = MarketKeys.OHLCV_RETAINED_BARS.defaultInt();
        private int ohlcvRelVolBars = MarketKeys.OHLCV_REL_VOL_BARS.defaultInt();
        private long fmvDedupWindowMs = MarketKeys.FMV_DEDUP_WINDOW_MS.defaultLong();
        private long fmvRecentTradeMs = MarketKeys.FMV_RECENT_TRADE_MS.defaultLong();
        private long fmvOutlierPct = MarketKeys.FMV_OUTLIER_PCT.defaultLong();
        private long fmvSignalPct = MarketKeys.FMV_SIGNAL_PCT.defaultLong();
        private PriorityPolicy priorities = PriorityPolicy.defaults();
        private boolean trendEnabled = MarketKeys.TREND_ENABLED.defaultBoolean();
        private boolean surgeEnabled = MarketKeys.SURGE_ENABLED.defaultBoolean();
        private int trendWindowS = MarketKeys.TREND_WINDOW_S.defaultInt();
        private long trendThresholdPct = MarketKeys.TREND_THRESHOLD_PCT.defaultLong();
        private int surgeWindowS = MarketKeys.SURGE_WINDOW_S.defaultInt();
        private long surgeVolumeMultiple = MarketKeys.SURGE_VOLUME_MULTIPLE.defaultLong();
        private long surgeMinVolume = MarketKeys.SURGE_MIN_VOLUME.defaultLong();
        private long surgePricePct = MarketKeys.SURGE_PRICE_PCT.defaultLong();
        private int surgeCooldownS = MarketKeys.SURGE_COOLDOWN_S.defaultInt();
        private java.util.List<String> ohlcvRollups = MarketKeys.rollups(MarketKeys.OHLCV_ROLLUPS.defaultValue());
        private long ohlcvAllowedLatenessMs = MarketKeys.OHLCV_ALLOWED_LATENESS_MS.defaultLong();
        private long ohlcvClockTickMs = MarketKeys.OHLCV_CLOCK_TICK_MS.defaultLong();
        private long monitorIntervalMs = MarketKeys.MONITOR_INTERVAL_MS.defaultLong();
        private SourceRestartPolicy sourceRestart = SourceRestartPolicy.defaults();
        private int quarantineSize = MarketKeys.PIPELINE_QUARANTINE_SIZE.defaultInt();

        private Builder()
        {
        }

        /** {@code trend.enabled}: whether the tick channel emits {@code trend}. */
        public Builder trendEnabled(final boolean value)
        {
            trendEnabled = value;
            return this;
        }

        /** {@code surge.enabled}: whether the tick channel emits {@code surge}. */
        public Builder surgeEnabled(final boolean value)
        {
            surgeEnabled = value;
            return this;
        }

        /** {@code trend.windowS}: 1..3600. */
        public Builder trendWindowS(final int value)
        {
            trendWindowS = value;
            return this;
        }

        /** {@code trend.thresholdPct}: percent in micros, greater than 0 and at most 10^8. */
        public Builder trendThresholdPct(final long micros)
        {
            trendThresholdPct = micros;
            return this;
        }

        /** {@code surge.windowS}: 1..3600. */
        public Builder surgeWindowS(final int value)
        {
            surgeWindowS = value;
            return this;
        }

        /** {@code surge.volumeMultiple}: in micros, greater than 0 and at most 10^9 (1000x). */
        public Builder surgeVolumeMultiple(final long micros)
        {
            surgeVolumeMultiple = micros;
            return this;
        }

        /** {@code surge.minVolume}: 0..10^12 shares. */
        public Builder surgeMinVolume(final long value)
        {
            surgeMinVolume = value;
            return this;
        }

        /** {@code surge.pricePct}: percent in micros, greater than 0 and at most 10^8. */
        public Builder surgePricePct(final long micros)
        {
            surgePricePct = micros;
            return this;
        }

        /** {@code surge.cooldownS}: 0..3600. */
        public Builder surgeCooldownS(final int value)
        {
            surgeCooldownS = value;
            return this;
        }

        /** {@code ohlcv.rollups}: minute timeframes such as 5m, 15m (2m..1440m, whole divisors of a day), or empty. */
        public Builder ohlcvRollups(final java.util.List<String> value)
        {
            ohlcvRollups = java.util.List.copyOf(value);
            return this;
        }

        /** {@code ohlcv.allowedLatenessMs}: 0..3,600,000. */
        public Builder ohlcvAllowedLatenessMs(final long value)
        {
            ohlcvAllowedLatenessMs = value;
            return this;
        }

        /** {@code monitor.intervalMs}: 100..3,600,000. */
        public Builder monitorIntervalMs(final long value)
        {
            monitorIntervalMs = value;
            return this;
        }

        /** {@code ohlcv.clockTickMs}: 0 (off) or 10..60,000. */
        public Builder ohlcvClockTickMs(final long value)
        {
            ohlcvClockTickMs = value;
            return this;
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

        /** {@code source.restart.*}: built and validated by its own builder. */
        public Builder sourceRestart(final SourceRestartPolicy value)
        {
            sourceRestart = value;
            return this;
        }

        /** {@code pipeline.quarantineSize}: 0..100,000 (0: quarantined records are only counted). */
        public Builder quarantineSize(final int value)
        {
            quarantineSize = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
        public MarketConfig build()
        {
            MarketKeys.TICK_RING_SIZE.check(tickRingSize);
            MarketKeys.OHLCV_RING_SIZE.check(ohlcvRingSize);
            MarketKeys.FMV_RING_SIZE.check(fmvRingSize);
            MarketKeys.PUBLISH_RING_SIZE.check(publishRingSize);
            MarketKeys.TICK_DEDUP_WINDOW_MS.check(tickDedupWindowMs);
            MarketKeys.OHLCV_REL_VOL_BARS.check(ohlcvRelVolBars);
            MarketKeys.OHLCV_RETAINED_BARS.check(ohlcvRetainedBars, ohlcvRelVolBars);
            MarketKeys.FMV_DEDUP_WINDOW_MS.check(fmvDedupWindowMs);
            MarketKeys.FMV_RECENT_TRADE_MS.check(fmvRecentTradeMs);
            MarketKeys.FMV_OUTLIER_PCT.check(fmvOutlierPct);
            MarketKeys.FMV_SIGNAL_PCT.check(fmvSignalPct);
            MarketKeys.TREND_WINDOW_S.check(trendWindowS);
            MarketKeys.TREND_THRESHOLD_PCT.check(trendThresholdPct);
            MarketKeys.SURGE_WINDOW_S.check(surgeWindowS);
            MarketKeys.SURGE_VOLUME_MULTIPLE.check(surgeVolumeMultiple);
            MarketKeys.SURGE_MIN_VOLUME.check(surgeMinVolume);
            MarketKeys.SURGE_PRICE_PCT.check(surgePricePct);
            MarketKeys.SURGE_COOLDOWN_S.check(surgeCooldownS);
            MarketKeys.OHLCV_ALLOWED_LATENESS_MS.check(ohlcvAllowedLatenessMs);
            MarketKeys.MONITOR_INTERVAL_MS.check(monitorIntervalMs);
            MarketKeys.OHLCV_CLOCK_TICK_MS.check(ohlcvClockTickMs);
            for (final String tf : ohlcvRollups)
            {
                rollupMinutes(tf);
            }
            MarketKeys.PIPELINE_QUARANTINE_SIZE.check(quarantineSize);
            if (waitStrategy == null || layout == null || priorities == null || sourceRestart == null)
            {
                throw new IllegalArgumentException("pipeline.waitStrategy, pipeline.layout, priorities and source.restart must be set");
            }
            return new MarketConfig(this);
        }

        /**
         * The minutes of a rollup timeframe such as {@code 5m}.
         *
         * @throws IllegalArgumentException naming {@code ohlcv.rollups} and the allowed values.
         */
        public static int rollupMinutes(final String tf)
        {
            final String allowed = "; allowed: minute timeframes such as 5m or 15m, from 2m to 1440m, dividing a day evenly";
            if (tf == null || !tf.matches("[0-9]{1,4}m"))
            {
                throw new IllegalArgumentException("ohlcv.rollups: '" + tf + "' is not a timeframe" + allowed);
            }
            final int minutes = Integer.parseInt(tf.substring(0, tf.length() - 1));
            if (minutes < 2 || minutes > 1440 || 1440 % minutes != 0 || !tf.equals(minutes + "m"))
            {
                throw new IllegalArgumentException("ohlcv.rollups: '" + tf + "' is not allowed" + allowed);
            }
            return minutes;
        }
    }
}
