package io.tickstock.core.monitor;

import io.tickstock.core.ring.RecentErrors;
import io.tickstock.core.ring.RingView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alert metrics over rings and counters, read with given rings, counters and times. */
class RingMetricsTest
{
    /** A ring of 8 whose cursor and handler sequences the test sets. */
    private static final class FakeRing implements RingView
    {
        long cursor = -1;
        long[] sequences;

        FakeRing(final int handlers)
        {
            sequences = new long[handlers];
            java.util.Arrays.fill(sequences, -1);
        }

        @Override
        public String name()
        {
            return "fake";
        }

        @Override
        public boolean isRunning()
        {
            return true;
        }

        @Override
        public int capacity()
        {
            return 8;
        }

        @Override
        public long cursor()
        {
            return cursor;
        }

        @Override
        public List<String> handlerNames()
        {
            return java.util.Collections.nCopies(sequences.length, "h");
        }

        @Override
        public long[] handlerSequences()
        {
            return sequences.clone();
        }

        @Override
        public long fullWaits()
        {
            return 0;
        }

        @Override
        public RecentErrors recentErrors()
        {
            return new RecentErrors(1);
        }
    }

    @Test
    void shouldReadRingFillAsPercentOfCapacityBehindTheSlowestHandler()
    {
        assertEquals(0.0, new RingFill(new FakeRing(0)).read(0), "no handler, nothing waits");
        final FakeRing ring = new FakeRing(2);
        final RingFill fill = new RingFill(ring);
        ring.cursor = 2;
        ring.sequences[1] = 2;
        assertEquals(37.5, fill.read(0));
        ring.sequences[0] = 1;
        assertEquals(12.5, fill.read(0));
    }

    @Test
    void shouldReadAStallOnlyWhileTheRingWatchCallsTheRingStalled()
    {
        final FakeRing ring = new FakeRing(1);
        // a stall time of 0: stalled at the first reading that finds entries waiting and no progress since the one before
        final RingStall stall = new RingStall(new RingMonitor(List.of(ring), 0), 0);
        assertEquals(0.0, stall.read(0), "idle");
        assertEquals(0.0, stall.read(1_000), "idle for long is no stall");
        ring.cursor = 2;
        assertEquals(3.0, stall.read(2_000), "3 waiting, handler still at -1 since the last reading");
        ring.sequences[0] = 0;
        assertEquals(0.0, stall.read(3_000), "progress");
        assertEquals(2.0, stall.read(4_000));
        ring.sequences[0] = 2;
        assertEquals(0.0, stall.read(5_000));
        assertEquals(0.0, stall.read(6_000), "drained");

        final FakeRing other = new FakeRing(1);
        final RingStall fresh = new RingStall(new RingMonitor(List.of(other), 0), 0);
        other.cursor = 0;
        assertEquals(0.0, fresh.read(0), "the first reading has nothing to compare with");
        assertEquals(1.0, fresh.read(1_000));

        final RingStall patient = new RingStall(new RingMonitor(List.of(other), 3_600_000), 0);
        assertEquals(0.0, patient.read(0));
        assertEquals(0.0, patient.read(1_000), "waiting without progress, but not for the stall time yet");
    }

    @Test
    void shouldReadRejectsAsAPercentageOfReceivedOverTheSlidingWindow()
    {
        final AtomicLong received = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final RejectRatio ratio = new RejectRatio(received::get, rejected::get, 60_000);
        assertTrue(Double.isNaN(ratio.read(0)), "nothing received yet");
        received.set(100);
        rejected.set(10);
        assertEquals(10.0, ratio.read(30_000), "partial window: since the first reading");
        received.set(200);
        rejected.set(10);
        assertEquals(5.0, ratio.read(60_000), "base: the reading at 0, exactly a window ago");
        received.set(300);
        rejected.set(40);
        assertEquals(100.0 * 40 / 300, ratio.read(89_999), "base still the reading at 0 (nothing received, nothing rejected)");
        assertEquals(15.0, ratio.read(90_000), "base: the reading at 30 s (100 received, 10 rejected)");
        assertEquals(30.0, ratio.read(120_000), "base: the reading at 60 s (200, 10)");
        assertTrue(Double.isNaN(ratio.read(200_000)), "nothing received in the last window");
    }

    @Test
    void shouldReadACounterIncreaseSinceThePreviousReadingOrOverASlidingWindow()
    {
        final AtomicLong counter = new AtomicLong(5);
        final CounterIncrease sincePrevious = new CounterIncrease(counter::get, 0);
        counter.set(7);
        assertEquals(2.0, sincePrevious.read(1_000), "since the metric was made");
        assertEquals(0.0, sincePrevious.read(2_000), "nothing since");
        counter.set(10);
        assertEquals(3.0, sincePrevious.read(3_000));
        assertEquals(0.0, sincePrevious.read(4_000), "resolved at the next evaluation without waits");

        counter.set(0);
        final CounterIncrease window = new CounterIncrease(counter::get, 60_000);
        counter.set(1);
        assertEquals(1.0, window.read(0));
        counter.set(3);
        assertEquals(3.0, window.read(30_000), "base: the reading when made, until one is a window old");
        assertEquals(3.0, window.read(59_999));
        assertEquals(2.0, window.read(60_000), "base: the reading at 0 (1)");
        assertEquals(0.0, window.read(90_000), "base: the reading at 30 s (3)");
        counter.set(4);
        assertEquals(1.0, window.read(150_000), "base: the newest reading at least a window old, at 90 s (3)");
        assertEquals(0.0, window.read(210_000));
    }
}
