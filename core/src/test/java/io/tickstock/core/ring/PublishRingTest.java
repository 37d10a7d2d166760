package io.tickstock.core.ring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        assertEquals(List.of("good", "picky"), ring.handlerNames());
        assertArrayEquals(new long[] {-1, -1}, ring.handlerSequences());
        assertFalse(ring.isRunning());
        ring.start();
        assertTrue(ring.isRunning());

        for (long v = 1; v <= 40; v++)
        {
            ring.publish((event, sequence, value) -> event.value = value, v);
        }

        assertTrue(ring.drainAndStop(10, TimeUnit.SECONDS));
        assertFalse(ring.isRunning());
        assertArrayEquals(new long[] {39, 39}, ring.handlerSequences());
        assertEquals(10, ring.consumerErrors());
        assertEquals(10, ring.recentErrors().total());
        final List<RecentErrors.Entry> kept = ring.recentErrors().snapshot();
        assertEquals(RecentErrors.DEFAULT_CAPACITY, kept.size());
        assertEquals("IllegalStateException: picky on 40", kept.get(0).message());
        assertEquals("consumer", kept.get(0).stage());
    }

    /**
     * No wake-up is lost (WakeableWaitStrategy): two publishers hand 50,000 events each to two
     * consumers one at a time, each waiting until both consumers saw its event, so the consumers
     * wait for nearly every event and race the publishers' signals. A lost wake-up leaves a
     * consumer waiting for good: a publisher then gives up after 10 s without both consumers seeing
     * its event, and the test fails naming it; otherwise each consumer sees every event once.
     */
    @Test
    void shouldWakeAWaitingConsumerForEveryPublish() throws InterruptedException
    {
        for (final WaitStrategyKind kind : List.of(WaitStrategyKind.BLOCKING, WaitStrategyKind.LITE_BLOCKING))
        {
            final PublishRing<Out> ring = new PublishRing<>(Out::new, 64, kind);
            final Semaphore[] seen = {new Semaphore(0), new Semaphore(0)};
            final long[][] sums = new long[2][2];
            final AtomicReference<String> lost = new AtomicReference<>();
            for (int c = 0; c < 2; c++)
            {
                final int consumer = c;
                ring.addConsumer("c" + c, (event, sequence, endOfBatch) ->
                {
                    sums[consumer][0]++;
                    sums[consumer][1] += event.value;
                    seen[(int)(event.value & 1)].release();
                });
            }
            ring.start();
            final int perPublisher = 50_000;
            final Thread[] publishers = new Thread[2];
            for (int p = 0; p < 2; p++)
            {
                final int publisher = p;
                publishers[p] = new Thread(() ->
                {
                    try
                    {
                        for (long i = 0; i < perPublisher; i++)
                        {
                            ring.publish((event, sequence, value) -> event.value = value, 2 * i + publisher);
                            if (!seen[publisher].tryAcquire(2, 10, TimeUnit.SECONDS))
                            {
                                lost.compareAndSet(null, kind + ": event " + (2 * i + publisher) + " not seen by both within 10 s");
                                return;
                            }
                        }
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                });
                publishers[p].setDaemon(true);
                publishers[p].start();
            }
            for (final Thread publisher : publishers)
            {
                publisher.join();
            }
            assertNull(lost.get(), "a lost wake-up");
            assertTrue(ring.drainAndStop(10, TimeUnit.SECONDS));
            final long n = 2L * perPublisher;
            for (final long[] sum : sums)
            {
                assertEquals(n, sum[0], kind + ": events");
                assertEquals(n * (n - 1) / 2, sum[1], kind + ": every value once");
            }
        }
    }

    @Test
    void shouldRunAConsumersWholeLoopInsideTheBodyItWasAddedWith() throws InterruptedException
    {
        final ThreadLocal<String> inside = new ThreadLocal<>();
        final PublishRing<Out> ring = new PublishRing<>(Out::new, 16, WaitStrategyKind.BLOCKING);
        final List<String> seen = new CopyOnWriteArrayList<>();
        ring.addConsumer("wrapped", (event, sequence, endOfBatch) -> seen.add(event.value + ":" + inside.get()),
            loop -> () ->
            {
                inside.set("inside");
                loop.run();
            });
        ring.addConsumer("plain", (event, sequence, endOfBatch) -> seen.add(event.value + ":plain " + inside.get()));
        ring.start();
        for (long v = 1; v <= 3; v++)
        {
            ring.publish((event, sequence, value) -> event.value = value, v);
        }
        assertTrue(ring.drainAndStop(10, TimeUnit.SECONDS));
        assertEquals(List.of("1:inside", "2:inside", "3:inside"), seen.stream().filter(e -> !e.contains("plain")).toList());
        assertEquals(List.of("1:plain null", "2:plain null", "3:plain null"), seen.stream().filter(e -> e.contains("plain")).toList());
    }
}
