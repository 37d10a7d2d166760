package io.tickstock.channels;

import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.SourceRestartPolicy;

import java.util.List;

/**
 * The pipeline's settings as {@link MarketConfig.Builder} collects them, starting from the
 * defaults of {@link MarketKeys}, and the checks {@link MarketConfig.Builder#build()} runs (each
 * key's range from {@link MarketKeys}, the rules between keys here) before a {@link MarketConfig}
 * keeps a copy.
 *
 * <p>Not thread-safe: one builder's, or (copied, checked, never changed again) one configuration's.
 */
final class MarketSettings
{
    int tickRingSize = MarketKeys.TICK_RING_SIZE.defaultInt();
    int ohlcvRingSize = MarketKeys.OHLCV_RING_SIZE.defaultInt();
    int fmvRingSize = MarketKeys.FMV_RING_SIZE.defaultInt();
    int publishRingSize = MarketKeys.PUBLISH_RING_SIZE.defaultInt();
    WaitStrategyKind waitStrategy = WaitStrategyKind.fromConfig(MarketKeys.PIPELINE_WAIT_STRATEGY.name(), MarketKeys.PIPELINE_WAIT_STRATEGY.defaultValue());
    ThreadLayout layout = ThreadLayout.fromConfig(MarketKeys.PIPELINE_LAYOUT.name(), MarketKeys.PIPELINE_LAYOUT.defaultValue());
    long tickDedupWindowMs = MarketKeys.TICK_DEDUP_WINDOW_MS.defaultLong();
    int ohlcvRetainedBars = MarketKeys.OHLCV_RETAINED_BARS.defaultInt();
    int ohlcvRelVolBars = MarketKeys.OHLCV_REL_VOL_BARS.defaultInt();
    long fmvDedupWindowMs = MarketKeys.FMV_DEDUP_WINDOW_MS.defaultLong();
    long fmvRecentTradeMs = MarketKeys.FMV_RECENT_TRADE_MS.defaultLong();
    long fmvOutlierPct = MarketKeys.FMV_OUTLIER_PCT.defaultLong();
    long fmvSignalPct = MarketKeys.FMV_SIGNAL_PCT.defaultLong();
    PriorityPolicy priorities = PriorityPolicy.defaults();
    boolean trendEnabled = MarketKeys.TREND_ENABLED.defaultBoolean();
    boolean surgeEnabled = MarketKeys.SURGE_ENABLED.defaultBoolean();
    int trendWindowS = MarketKeys.TREND_WINDOW_S.defaultInt();
    long trendThresholdPct = MarketKeys.TREND_THRESHOLD_PCT.defaultLong();
    int surgeWindowS = MarketKeys.SURGE_WINDOW_S.defaultInt();
    long surgeVolumeMultiple = MarketKeys.SURGE_VOLUME_MULTIPLE.defaultLong();
    long surgeMinVolume = MarketKeys.SURGE_MIN_VOLUME.defaultLong();
    long surgePricePct = MarketKeys.SURGE_PRICE_PCT.defaultLong();
    int surgeCooldownS = MarketKeys.SURGE_COOLDOWN_S.defaultInt();
    List<String> ohlcvRollups = MarketKeys.rollups(MarketKeys.OHLCV_ROLLUPS.defaultValue());
    long ohlcvAllowedLatenessMs = MarketKeys.OHLCV_ALLOWED_LATENESS_MS.defaultLong();
    long ohlcvClockTickMs = MarketKeys.OHLCV_CLOCK_TICK_MS.defaultLong();
    long monitorIntervalMs = MarketKeys.MONITOR_INTERVAL_MS.defaultLong();
    SourceRestartPolicy sourceRestart = SourceRestartPolicy.defaults();
    int quarantineSize = MarketKeys.PIPELINE_QUARANTINE_SIZE.defaultInt();

    /** A copy to keep: the builder may go on changing its own. */
    MarketSettings copy()
    {
        final MarketSettings copy = new MarketSettings();
        copy.tickRingSize = tickRingSize;
        copy.ohlcvRingSize = ohlcvRingSize;
        copy.fmvRingSize = fmvRingSize;
        copy.publishRingSize = publishRingSize;
        copy.waitStrategy = waitStrategy;
        copy.layout = layout;
        copy.tickDedupWindowMs = tickDedupWindowMs;
        copy.ohlcvRetainedBars = ohlcvRetainedBars;
        copy.ohlcvRelVolBars = ohlcvRelVolBars;
        copy.fmvDedupWindowMs = fmvDedupWindowMs;
        copy.fmvRecentTradeMs = fmvRecentTradeMs;
        copy.fmvOutlierPct = fmvOutlierPct;
        copy.fmvSignalPct = fmvSignalPct;
        copy.priorities = priorities;
        copy.trendEnabled = trendEnabled;
        copy.surgeEnabled = surgeEnabled;
        copy.trendWindowS = trendWindowS;
        copy.trendThresholdPct = trendThresholdPct;
        copy.surgeWindowS = surgeWindowS;
        copy.surgeVolumeMultiple = surgeVolumeMultiple;
        copy.surgeMinVolume = surgeMinVolume;
        copy.surgePricePct = surgePricePct;
        copy.surgeCooldownS = surgeCooldownS;
        copy.ohlcvRollups = ohlcvRollups;
        copy.ohlcvAllowedLatenessMs = ohlcvAllowedLatenessMs;
        copy.ohlcvClockTickMs = ohlcvClockTickMs;
        copy.monitorIntervalMs = monitorIntervalMs;
        copy.sourceRestart = sourceRestart;
        copy.quarantineSize = quarantineSize;
        return copy;
    }

    /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
    void check()
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
    }

    /**
     * The minutes of a rollup timeframe such as {@code 5m}.
     *
     * @throws IllegalArgumentException naming {@code ohlcv.rollups} and the allowed values.
     */
    static int rollupMinutes(final String tf)
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
