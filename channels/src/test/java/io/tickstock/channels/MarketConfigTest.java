package io.tickstock.channels;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every key of docs/configuration.md is checked once, at build: a value just outside its range
 * fails naming the key, one at the edge is taken, and each setting reads back as set.
 */
class MarketConfigTest
{
    private record Case(String key, UnaryOperator<MarketConfig.Builder> edge, UnaryOperator<MarketConfig.Builder> outside, String range)
    {
    }

    private static final List<Case> CASES = List.of(
        new Case("tick.ringSize", b -> b.tickRingSize(64), b -> b.tickRingSize(32), "a power of two from 64 to 67108864"),
        new Case("ohlcv.ringSize", b -> b.ohlcvRingSize(1 << 26), b -> b.ohlcvRingSize(1 << 27), "a power of two from 64 to 67108864"),
        new Case("fmv.ringSize", b -> b.fmvRingSize(64), b -> b.fmvRingSize(96), "a power of two from 64 to 67108864"),
        new Case("publish.ringSize", b -> b.publishRingSize(64), b -> b.publishRingSize(32), "a power of two from 64 to 67108864"),
        new Case("tick.dedupWindowMs", b -> b.tickDedupWindowMs(1), b -> b.tickDedupWindowMs(0), "1..86400000"),
        new Case("ohlcv.relVolBars", b -> b.ohlcvRelVolBars(1), b -> b.ohlcvRelVolBars(0), "1..1024"),
        new Case("ohlcv.retainedBars", b -> b.ohlcvRetainedBars(1024), b -> b.ohlcvRetainedBars(9), "10..1024"),
        new Case("fmv.dedupWindowMs", b -> b.fmvDedupWindowMs(86_400_000L), b -> b.fmvDedupWindowMs(86_400_001L), "1..86400000"),
        new Case("fmv.recentTradeMs", b -> b.fmvRecentTradeMs(0), b -> b.fmvRecentTradeMs(-1), "0..86400000"),
        new Case("fmv.outlierPct", b -> b.fmvOutlierPct(1), b -> b.fmvOutlierPct(0), "1..100000000"),
        new Case("fmv.signalPct", b -> b.fmvSignalPct(0), b -> b.fmvSignalPct(-1), "0..100000000"),
        new Case("trend.windowS", b -> b.trendWindowS(3600), b -> b.trendWindowS(3601), "1..3600"),
        new Case("trend.thresholdPct", b -> b.trendThresholdPct(1), b -> b.trendThresholdPct(0), "1..100000000"),
        new Case("surge.windowS", b -> b.surgeWindowS(1), b -> b.surgeWindowS(0), "1..3600"),
        new Case("surge.volumeMultiple", b -> b.surgeVolumeMultiple(1), b -> b.surgeVolumeMultiple(0), "1..1000000000"),
        new Case("surge.minVolume", b -> b.surgeMinVolume(0), b -> b.surgeMinVolume(-1), "0..1000000000000"),
        new Case("surge.pricePct", b -> b.surgePricePct(100 * Fixed.ONE), b -> b.surgePricePct(100 * Fixed.ONE + 1), "1..100000000"),
        new Case("surge.cooldownS", b -> b.surgeCooldownS(0), b -> b.surgeCooldownS(-1), "0..3600"),
        new Case("ohlcv.allowedLatenessMs", b -> b.ohlcvAllowedLatenessMs(3_600_000L), b -> b.ohlcvAllowedLatenessMs(3_600_001L), "0..3600000"),
        new Case("monitor.intervalMs", b -> b.monitorIntervalMs(100), b -> b.monitorIntervalMs(99), "100..3600000"),
        new Case("ohlcv.clockTickMs", b -> b.ohlcvClockTickMs(10), b -> b.ohlcvClockTickMs(9), "10..60000"),
        new Case("pipeline.quarantineSize", b -> b.quarantineSize(0), b -> b.quarantineSize(-1), "0..100000"));

    @Test
    void shouldTakeEveryKeyAtTheEdgeOfItsRange()
    {
        for (final Case c : CASES)
        {
            assertDoesNotThrow(() -> c.edge().apply(MarketConfig.builder()).build(), c.key());
        }
    }

    @Test
    void shouldRefuseEveryKeyJustOutsideItsRangeNamingItAndTheRange()
    {
        for (final Case c : CASES)
        {
            final String message = assertThrows(IllegalArgumentException.class,
                () -> c.outside().apply(MarketConfig.builder()).build(), c.key()).getMessage();
            assertEquals(c.key() + ":", message.substring(0, c.key().length() + 1), message);
            assertEquals(c.range(), message.substring(message.indexOf("allowed: ") + "allowed: ".length()), message);
        }
    }

    @Test
    void shouldTurnTheClockTickOffWithZero()
    {
        assertEquals(0, MarketConfig.builder().ohlcvClockTickMs(0).build().ohlcvClockTickMs());
    }

    @Test
    void shouldReadEverySettingBackAsSet()
    {
        final MarketConfig config = MarketConfig.builder()
            .trendWindowS(30).trendThresholdPct(2 * Fixed.ONE).surgeWindowS(20).surgeVolumeMultiple(4 * Fixed.ONE)
            .surgeMinVolume(500).surgePricePct(3 * Fixed.ONE).surgeCooldownS(45).ohlcvAllowedLatenessMs(2_000)
            .monitorIntervalMs(500).ohlcvRingSize(128).tickDedupWindowMs(30_000).ohlcvRetainedBars(20).ohlcvRelVolBars(5)
            .fmvDedupWindowMs(10_000).fmvRecentTradeMs(60_000).fmvOutlierPct(7 * Fixed.ONE).fmvSignalPct(2 * Fixed.ONE)
            .quarantineSize(50).build();
        assertEquals(List.of(30L, 2 * Fixed.ONE, 20L, 4 * Fixed.ONE, 500L, 3 * Fixed.ONE, 45L, 2_000L, 500L, 128L, 30_000L, 20L, 5L,
                10_000L, 60_000L, 7 * Fixed.ONE, 2 * Fixed.ONE, 50L),
            List.of((long)config.trendWindowS(), config.trendThresholdPct(), (long)config.surgeWindowS(), config.surgeVolumeMultiple(),
                config.surgeMinVolume(), config.surgePricePct(), (long)config.surgeCooldownS(), config.ohlcvAllowedLatenessMs(),
                config.monitorIntervalMs(), (long)config.ohlcvRingSize(), config.tickDedupWindowMs(), (long)config.ohlcvRetainedBars(),
                (long)config.ohlcvRelVolBars(), config.fmvDedupWindowMs(), config.fmvRecentTradeMs(), config.fmvOutlierPct(),
                config.fmvSignalPct(), (long)config.quarantineSize()));
    }

    @Test
    void shouldTakeRollupsThatDivideADayFromTwoMinutesToADay()
    {
        assertEquals(2, MarketConfig.Builder.rollupMinutes("2m"));
        assertEquals(1440, MarketConfig.Builder.rollupMinutes("1440m"));
        for (final String bad : new String[] {"1m", "7m", "2880m", "05m"})
        {
            assertThrows(IllegalArgumentException.class, () -> MarketConfig.Builder.rollupMinutes(bad), bad);
        }
    }
}
