package io.tickstock.core.ring;

import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publish into a full ring is counted as a full wait and then waits for room: it is never
 * dropped. A consumer held on a latch fills the ring exactly; the publish after that waits.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RingFullWaitTest
{
    private static final int RING_SIZE = 8;

    static final class Item extends ChannelEntry
    {
        long value;
    }

    private static List<Long> values(final long count)
    {
        final List<Long> values = new ArrayList<>();
        for (long v = 1; v <= count; v++)
        {
            values.add(v);
        }
        return values;
    }

    @Test
    void shouldCountAChannelPublishThatFindsTheRingFullAndLoseNothing() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final Queue<Long> processed = new ConcurrentLinkedQueue<>();
        final Channel<Item> channel = Channel.builder("held", Item::new)
            .ringSize(RING_SIZE)
            .validate((entry, endOfBatch) -> entry.accept())
            .process((entry, endOfBatch) ->
            {
                release.await();
                processed.add(entry.value);
            })
            .prioritize((entry, endOfBatch) -> { })
            .build();
        channel.start();
        final Thread producer = new Thread(() ->
        {
            for (long v = 1; v <= RING_SIZE + 1; v++)
            {
                channel.publish((entry, sequence, value) -> entry.value = value, v);
            }
        }, "producer");
        producer.start();

        Await.until("the producer waiting for room", 10_000, () -> channel.fullWaits() == 1);
        assertTrue(producer.isAlive(), "the publish after a full ring waits");
        assertTrue(processed.isEmpty());
        release.countDown();
        producer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(producer.isAlive());

        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        assertEquals(1, channel.fullWaits(), "the first " + RING_SIZE + " fitted; only the last waited");
        assertEquals(values(RING_SIZE + 1), new ArrayList<>(processed));
        assertEquals(RING_SIZE + 1, channel.counters().accepted());
    }

    @Test
    void shouldCountAPublishRingPublishThatFindsTheRingFullAndLoseNothing() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final Queue<Long> seen = new ConcurrentLinkedQueue<>();
        final PublishRing<long[]> ring = new PublishRing<>(() -> new long[1], RING_SIZE, WaitStrategyKind.BLOCKING);
        ring.addConsumer("held", (event, sequence, endOfBatch) ->
        {
            release.await();
            seen.add(event[0]);
        });
        ring.start();
        final int events = RING_SIZE + 3;
        final Thread producer = new Thread(() ->
        {
            for (long v = 1; v <= events; v++)
            {
                ring.publish((out, sequence, value) -> out[0] = value, v);
            }
        }, "producer");
        producer.start();

        Await.until("the producer waiting for room", 10_000, () -> ring.fullWaits() == 1);
        assertTrue(producer.isAlive());
        release.countDown();
        producer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(producer.isAlive());

        assertTrue(ring.drainAndStop(10, TimeUnit.SECONDS));
        assertTrue(ring.fullWaits() >= 1, "after the release the consumer may or may not have kept ahead");
        assertEquals(values(events), new ArrayList<>(seen));
    }

    @Test
    void shouldCountNoWaitWhileTheRingHasRoom()
    {
        final Channel<Item> channel = Channel.builder("free", Item::new)
            .ringSize(RING_SIZE)
            .validate((entry, endOfBatch) -> entry.accept())
            .process((entry, endOfBatch) -> { })
            .prioritize((entry, endOfBatch) -> { })
            .build();
        channel.start();
        for (long v = 1; v <= RING_SIZE; v++)
        {
            channel.publish((entry, sequence, value) -> entry.value = value, v);
        }
        assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS));
        assertEquals(0, channel.fullWaits());
        assertEquals(RING_SIZE, channel.counters().accepted());
    }
}
