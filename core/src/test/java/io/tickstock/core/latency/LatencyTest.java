package io.tickstock.core.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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

    /**
     * The recorder records into recycled intervals: each interval still holds exactly its own
     * values, the one it replaced is left alone for a whole interval, and from the fourth rotation
     * on nothing is allocated: the histogram published three rotations before comes back.
     */
    @Test
    void shouldKeepEachIntervalExactlyItsOwnAcrossRecycledHistograms()
    {
        final StageLatency latency = new StageLatency("end_to_end", null);
        final List<Histogram> published = new ArrayList<>();
        for (int interval = 1; interval <= 8; interval++)
        {
            for (int k = 0; k < interval; k++)
            {
                latency.record(1_000L * interval + k);
            }
            latency.rotate();
            final Histogram last = latency.lastInterval();
            assertEquals(interval, latency.intervals(), "rotations");
            assertEquals(interval, last.getTotalCount(), "interval " + interval);
            assertEquals(1_000L * interval, last.getMinValue(), "interval " + interval);
            if (interval > 1)
            {
                final Histogram before = published.get(interval - 2);
                assertNotSame(before, last, "the interval just replaced is left to its readers");
                assertEquals(interval - 1, before.getTotalCount(), "the interval before, untouched by this one");
            }
            if (interval > 3)
            {
                assertSame(published.get(interval - 4), last, "recycled at interval " + interval);
            }
            published.add(last);
        }
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
