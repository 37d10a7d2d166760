package io.tickstock.channels;

import io.tickstock.core.ConfigChecks;
import io.tickstock.core.ring.Quarantine;
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
        private int tickRingSize = 16_384;
        private int ohlcvRingSize = 16_384;
        private int fmvRingSize = 16_384;
        private int publishRingSize = 65_536;
        private WaitStrategyKind waitStrategy = WaitStrategyKind.BLOCKING;
        private ThreadLayout layout = ThreadLayout.FUSED;
        private long tickDedupWindowMs = 60_000;
        private int ohlcvRetainedBars = 16;
        private int ohlcvRelVolBars = 10;
        private long fmvDedupWindowMs = 60_000;
        private long fmvRecentTradeMs = 900_000;
        private long fmvOutlierPct = 5 * Fixed.ONE;
        private long fmvSignalPct = Fixed.ONE;
        private PriorityPolicy priorities = PriorityPolicy.defaults();
        private boolean trendEnabled = true;
        private boolean surgeEnabled = true;
        private int trendWindowS = 60;
        private long trendThresholdPct = Fixed.ONE / 2;
        private int surgeWindowS = 10;
        private long surgeVolumeMultiple = 3 * Fixed.ONE;
        private long surgeMinVolume = 10_000;
        private long surgePricePct = Fixed.ONE;
        private int surgeCooldownS = 30;
        private java.util.List<String> ohlcvRollups = java.util.List.of("5m", "15m");
        private long ohlcvAllowedLatenessMs = 5_000;
        private long ohlcvClockTickMs = 1_000;
        private long monitorIntervalMs = 5_000;
        private SourceRestartPolicy sourceRestart = SourceRestartPolicy.defaults();
        private int quarantineSize = Quarantine.DEFAULT_CAPACITY;

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
            range("trend.windowS", trendWindowS, 1, 3600);
            range("trend.thresholdPct", trendThresholdPct, 1, 100 * Fixed.ONE);
            range("surge.windowS", surgeWindowS, 1, 3600);
            range("surge.volumeMultiple", surgeVolumeMultiple, 1, 1000 * Fixed.ONE);
            range("surge.minVolume", surgeMinVolume, 0, 1_000_000_000_000L);
            range("surge.pricePct", surgePricePct, 1, 100 * Fixed.ONE);
            range("surge.cooldownS", surgeCooldownS, 0, 3600);
            range("ohlcv.allowedLatenessMs", ohlcvAllowedLatenessMs, 0, 3_600_000L);
            range("monitor.intervalMs", monitorIntervalMs, 100, 3_600_000L);
            if (ohlcvClockTickMs != 0)
            {
                range("ohlcv.clockTickMs", ohlcvClockTickMs, 10, 60_000);
            }
            for (final String tf : ohlcvRollups)
            {
                rollupMinutes(tf);
            }
            range("pipeline.quarantineSize", quarantineSize, 0, Quarantine.MAX_CAPACITY);
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

        private static void ringSize(final String key, final int value)
        {
            ConfigChecks.powerOfTwo(key, value, 64, 1 << 26);
        }

        private static void range(final String key, final long value, final long min, final long max)
        {
            ConfigChecks.range(key, value, min, max);
        }
    }
}
