package io.tickstock.core.latency;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Stage latencies as recorded and read (docs/observability.md, "Latency stages"): exact counts and
 * sums, clamped values, and intervals that end only when rotated. The monitor's own thread rotates
 * on the wall clock and is left to the integration tests.
 */
class LatencyTest
{
    @Test
    void shouldCountAndSumRecordedValuesClampingNegativeOnesToZeroAndHugeOnesToAnHour()
    {
        final StageLatency latency = new StageLatency("channel", "tick");
        latency.record(250);
        latency.record(-40);
        latency.record(Long.MAX_VALUE);
        assertEquals(3, latency.count());
        assertEquals(250 + 3_600_000_000L, latency.sumMicros());
        assertEquals("channel", latency.stage());
        assertEquals("tick", latency.channel());
    }

    @Test
    void shouldShowRecordedValuesOnlyInTheIntervalARotationEnded()
    {
        final StageLatency latency = new StageLatency("end_to_end", null);
        latency.record(100);
        latency.record(300);
        assertEquals(0, latency.lastInterval().getTotalCount(), "nothing rotated yet");
        latency.rotate();
        assertEquals(2, latency.lastInterval().getTotalCount());
        assertEquals(300, latency.lastInterval().getMaxValue());
        latency.rotate();
        assertEquals(0, latency.lastInterval().getTotalCount(), "a new interval starts empty");
    }

    @Test
    void shouldGiveOneRecorderPerStageAndChannelAndRotateThemAll()
    {
        final LatencyMonitor monitor = new LatencyMonitor(1_000);
        assertEquals(1_000, monitor.intervalMs());
        final StageLatency tick = monitor.stage("channel", "tick");
        final StageLatency endToEnd = monitor.stage("end_to_end", null);
        assertSame(tick, monitor.stage("channel", "tick"));
        assertSame(endToEnd, monitor.stage("end_to_end", null));
        assertNotSame(tick, monitor.stage("channel", "fmv"));
        assertNull(endToEnd.channel());
        assertEquals(List.of(tick, endToEnd, monitor.stage("channel", "fmv")), monitor.stages());
        tick.record(5);
        endToEnd.record(7);
        monitor.rotateAll();
        assertEquals(1, tick.lastInterval().getTotalCount());
        assertEquals(1, endToEnd.lastInterval().getTotalCount());
    }

    @Test
    void shouldRefuseAnIntervalOutOfRange()
    {
        assertEquals("monitor.intervalMs: 99 is out of range; allowed: 100..3600000",
            assertThrows(IllegalArgumentException.class, () -> new LatencyMonitor(99)).getMessage());
    }
}
