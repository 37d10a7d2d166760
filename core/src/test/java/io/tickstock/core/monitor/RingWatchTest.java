package io.tickstock.core.monitor;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RingWatchTest
{
    private static final long STALL_NS = TimeUnit.MILLISECONDS.toNanos(RingWatch.DEFAULT_STALL_MS);

    @Test
    void shouldBeOkWhileIdleHoweverLong()
    {
        final RingWatch watch = new RingWatch(RingWatch.DEFAULT_STALL_MS);
        assertEquals(RingWatch.OK, watch.status(true, 41, 41, 0));
        assertEquals(RingWatch.OK, watch.status(true, 41, 41, 10 * STALL_NS));
    }

    @Test
    void shouldBeOkWhileTheSlowestHandlerAdvancesHoweverFull()
    {
        final RingWatch watch = new RingWatch(RingWatch.DEFAULT_STALL_MS);
        long now = 0;
        for (long slowest = 0; slowest < 10; slowest++)
        {
            assertEquals(RingWatch.OK, watch.status(true, 1_000_000, slowest, now));
            now += STALL_NS;
        }
    }

    @Test
    void shouldBeStalledOnceEntriesWaitAndTheSlowestHandlerSitsStillForTheStallTime()
    {
        final RingWatch watch = new RingWatch(RingWatch.DEFAULT_STALL_MS);
        assertEquals(RingWatch.OK, watch.status(true, 10, 5, 0));
        assertEquals(RingWatch.OK, watch.status(true, 12, 5, STALL_NS - 1));
        assertEquals(RingWatch.STALLED, watch.status(true, 12, 5, STALL_NS));
        assertEquals(RingWatch.OK, watch.status(true, 12, 6, STALL_NS + 1), "progress clears it at once");
        assertEquals(RingWatch.STALLED, watch.status(true, 12, 6, 2 * STALL_NS + 1));
        assertEquals(RingWatch.OK, watch.status(true, 12, 12, 2 * STALL_NS + 2), "caught up");
    }

    @Test
    void shouldBeStoppedWhenNotRunningAndStartAfreshAfterwards()
    {
        final RingWatch watch = new RingWatch(RingWatch.DEFAULT_STALL_MS);
        assertEquals(RingWatch.OK, watch.status(true, 10, 5, 0));
        assertEquals(RingWatch.STOPPED, watch.status(false, 10, 5, STALL_NS));
        assertEquals(RingWatch.OK, watch.status(true, 10, 5, 2 * STALL_NS), "the stall clock restarts with the ring");
        assertEquals(RingWatch.STALLED, watch.status(true, 10, 5, 3 * STALL_NS));
    }
}
