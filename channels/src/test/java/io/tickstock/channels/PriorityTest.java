package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Feed.fmv;
import static io.tickstock.channels.Feed.minuteBar;
import static io.tickstock.channels.Feed.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PriorityTest
{
    private static final long T0 = 1_699_974_000_000L;

    @Test
    void shouldApplyConfiguredPrioritiesAndPerSymbolBoosts() throws InterruptedException
    {
        final PriorityPolicy policy = PriorityPolicy.of(Map.of(EventType.TRADE, 2, EventType.FMV, 2), Map.of("SPY", 1, "QQQ", 3));
        final PipelineRun run = PipelineRun.run(PipelineRun.basicRules().priorities(policy).build(), List.of(new ListSource("feed", List.of(
            trade("AAPL", "10", 1, T0),
            trade("SPY", "400", 1, T0),
            trade("SPY", "401", 1, T0 + 1),
            trade("QQQ", "300", 1, T0),
            trade("QQQ", "301", 1, T0 + 1),
            minuteBar("SPY", "400", "401", "400", "401", 10, T0 - 60_000, T0),
            fmv("AAPL", "10.01", (T0 + 5) * 1_000_000L)))));
        assertEquals(List.of("trade AAPL=2", "trade SPY=1", "trade SPY=1", "high SPY=0", "trade QQQ=0", "trade QQQ=0", "high QQQ=0"),
            run.events(MarketPipeline.TICK).stream().map(e -> e.type.wireName() + " " + e.symbol + "=" + e.priority).toList());
        assertEquals(List.of("bar SPY=2"),
            run.events(MarketPipeline.OHLCV).stream().map(e -> e.type.wireName() + " " + e.symbol + "=" + e.priority).toList());
        assertEquals(List.of("fmv AAPL=2"),
            run.events(MarketPipeline.FMV).stream().map(e -> e.type.wireName() + " " + e.symbol + "=" + e.priority).toList());
    }

    @Test
    void shouldRefuseAPriorityOutsideZeroToThreeNamingTheKey()
    {
        assertEquals("priority.trend: 4 is out of range; allowed: 0..3",
            assertThrows(IllegalArgumentException.class, () -> PriorityPolicy.of(Map.of(EventType.TREND, 4), Map.of())).getMessage());
        assertEquals("priority.boost: 'spy' is not a valid symbol",
            assertThrows(IllegalArgumentException.class, () -> PriorityPolicy.of(Map.of(), Map.of("spy", 1))).getMessage());
    }
}
