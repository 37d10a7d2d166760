package io.tickstock.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the publish ring tells its monitors: consumers by name, their sequences, their errors. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PublishRingTest
{
    /** The outbound event. */
    static final class Out
    {
        long value;
    }

    @Test
    void shouldReportConsumerSequencesAndKeepConsumerErrors()
    {
        final PublishRing<Out> ring = new PublishRing<>(Out::new, 16, WaitStrategyKind.BLOCKING);
        ring.addConsumer("good", (event, sequence, endOfBatch) -> { });
        ring.addConsumer("picky", (event, sequence, endOfBatch) ->
        {
            if (event.value % 4 == 0)
            {
                throw new IllegalStateException("picky on " + event.value);
            }
        });
        assertEquals(List.of("good", "picky"), ring.consumerNames());
        assertArrayEquals(new long[] {-1, -1}, ring.consumerSequences());
        assertFalse(ring.isRunning());
        ring.start();
        assertTrue(ring.isRunning());

        for (long v = 1; v <= 40; v++)
        {
            ring.publish((event, sequence, value) -> event.value = value, v);
        }

        assertTrue(ring.drainAndStop(10, TimeUnit.SECONDS));
        assertFalse(ring.isRunning());
        assertArrayEquals(new long[] {39, 39}, ring.consumerSequences());
        assertEquals(10, ring.consumerErrors());
        assertEquals(10, ring.recentErrors().total());
        final List<RecentErrors.Entry> kept = ring.recentErrors().snapshot();
        assertEquals(RecentErrors.DEFAULT_CAPACITY, kept.size());
        assertEquals("IllegalStateException: picky on 40", kept.get(0).message());
        assertEquals("consumer", kept.get(0).stage());
    }
}
