package io.tickstock.core;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelEntry;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Router;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Pipeline#stop} stops the sources and drains every ring, so everything published before
 * stop reaches the publish ring's consumers (docs/architecture.md, "Lifecycle and shutdown order";
 * docs/semantics.md §7: nothing received is left undrained).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineDrainTest
{
    private static final String BAD = "bad";

    /** The record and the channels' ring entry. */
    static final class Rec extends ChannelEntry
    {
        long value;
        int route;

        void copyFrom(final Rec other)
        {
            value = other.value;
            route = other.route;
        }
    }

    /** The outbound event. */
    static final class Out
    {
        String channel;
        long value;
    }

    private static final EventTranslatorOneArg<Rec, Rec> COPY = (entry, sequence, record) -> entry.copyFrom(record);

    /** Publishes its values then returns; its stop() opens a gate (used to hold a consumer until stop begins). */
    static final class ListSource implements Source<Rec>
    {
        private final String name;
        private final long count;
        private final int route;
        private final CountDownLatch stopCalled = new CountDownLatch(1);

        ListSource(final String name, final long count, final int route)
        {
            this.name = name;
            this.count = count;
            this.route = route;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public void run(final RecordSink<Rec> sink)
        {
            final Rec rec = new Rec();
            for (long v = 1; v <= count; v++)
            {
                rec.value = v;
                rec.route = route;
                if (v % 10 == 0)
                {
                    sink.reject(BAD);
                }
                else
                {
                    sink.publish(rec);
                }
            }
        }

        @Override
        public void stop()
        {
            stopCalled.countDown();
        }
    }

    /** Publishes until stopped, counting what it published. */
    static final class EndlessSource implements Source<Rec>
    {
        private final CountDownLatch running = new CountDownLatch(1);
        private volatile boolean stopped;
        private volatile long published;

        @Override
        public String name()
        {
            return "endless";
        }

        @Override
        public void run(final RecordSink<Rec> sink)
        {
            final Rec rec = new Rec();
            long v = 0;
            while (!stopped)
            {
                rec.value = ++v;
                rec.route = 1;
                sink.publish(rec);
                published = v;
                if (v == 5_000)
                {
                    running.countDown();
                }
            }
        }

        @Override
        public void stop()
        {
            stopped = true;
        }
    }

    private static Channel<Rec> channel(final String name, final int ringSize, final PublishRing<Out> publishRing)
    {
        return channel(name, ringSize, publishRing, WaitStrategyKind.BLOCKING);
    }

    private static Channel<Rec> channel(
        final String name, final int ringSize, final PublishRing<Out> publishRing, final WaitStrategyKind wait)
    {
        final EventTranslatorOneArg<Out, Rec> toOut = (out, sequence, rec) ->
        {
            out.channel = name;
            out.value = rec.value;
        };
        return Channel.builder(name, Rec::new)
            .ringSize(ringSize)
            .waitStrategy(wait)
            .eventTypes(List.of("out"))
            .validate((entry, endOfBatch) -> entry.accept())
            .process((entry, endOfBatch) -> { })
            .prioritize((entry, endOfBatch) -> publishRing.publish(toOut, entry))
            .build();
    }

    @Test
    void shouldDrainEveryRingOnStopSoThatAConsumerSeesEverythingPublishedBeforeStop() throws InterruptedException
    {
        final long records = 1000;
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
        final Channel<Rec> channel = channel("one", 1024, publishRing);
        final ListSource source = new ListSource("list", records, 1);
        final Queue<Long> seen = new ConcurrentLinkedQueue<>();
        // The consumer holds its first event until stop() has begun, so both rings are backlogged when stop is called.
        publishRing.addConsumer("gated", (event, sequence, endOfBatch) ->
        {
            source.stopCalled.await();
            seen.add(event.value);
        });
        final Router<Rec> router = new Router<>(List.of(channel), rec -> rec.route, COPY, new SourceCounters(List.of(BAD)));
        final Pipeline<Rec, Out> pipeline = new Pipeline<>(List.of(channel), publishRing, router, List.of(source));

        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS));
        assertTrue(pipeline.sourcesFinished());
        assertTrue(seen.isEmpty(), "the consumer is still held");

        assertTrue(pipeline.stop(10, TimeUnit.SECONDS), "stop drained every ring");

        final List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= records; v++)
        {
            if (v % 10 != 0)
            {
                expected.add(v);
            }
        }
        assertEquals(expected, new ArrayList<>(seen));
        assertEquals(900, channel.counters().received());
        assertEquals(900, channel.counters().accepted());
        assertEquals(100, router.sourceCounters().rejected(BAD));
        assertEquals(900, router.sourceCounters().routedRecords());
        assertEquals(0, publishRing.consumerErrors());
    }

    /** Every strategy that parks: a lost wake-up would leave records undelivered at stop. */
    @ParameterizedTest
    @EnumSource(value = WaitStrategyKind.class, names = {"BLOCKING", "LITE_BLOCKING", "SLEEPING"})
    void shouldDeliverEveryRecordAnEndlessSourcePublishedBeforeStop(final WaitStrategyKind wait) throws InterruptedException
    {
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, wait);
        final Channel<Rec> channel = channel("one", 64, publishRing, wait);
        final EndlessSource source = new EndlessSource();
        final Queue<Long> seen = new ConcurrentLinkedQueue<>();
        publishRing.addConsumer("collect", (event, sequence, endOfBatch) -> seen.add(event.value));
        final Router<Rec> router = new Router<>(List.of(channel), rec -> rec.route, COPY, new SourceCounters(List.of()));
        final Pipeline<Rec, Out> pipeline = new Pipeline<>(List.of(channel), publishRing, router, List.of(source));

        pipeline.start();
        pipeline.startSources();
        assertTrue(source.running.await(10, TimeUnit.SECONDS));

        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));

        final long published = source.published;
        assertTrue(published >= 5_000);
        assertEquals(published, channel.counters().received());
        assertEquals(published, seen.size());
        long expected = 1;
        for (final long value : seen)
        {
            assertEquals(expected++, value, "in publish order, none missing");
        }
    }

    @Test
    void shouldRouteARecordToEveryChannelOfItsMaskAndDrainThemAll() throws InterruptedException
    {
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
        final Channel<Rec> first = channel("first", 64, publishRing);
        final Channel<Rec> second = channel("second", 64, publishRing);
        final ListSource both = new ListSource("both", 300, 0b11);
        final ListSource onlySecond = new ListSource("second-only", 200, 0b10);
        final Queue<Out> seen = new ConcurrentLinkedQueue<>();
        publishRing.addConsumer("collect", (event, sequence, endOfBatch) ->
        {
            final Out copy = new Out();
            copy.channel = event.channel;
            copy.value = event.value;
            seen.add(copy);
        });
        final Router<Rec> router = new Router<>(List.of(first, second), rec -> rec.route, COPY, new SourceCounters(List.of(BAD)));
        final Pipeline<Rec, Out> pipeline = new Pipeline<>(List.of(first, second), publishRing, router, List.of(both, onlySecond));

        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS));
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));

        assertEquals(270, first.counters().received());
        assertEquals(270 + 180, second.counters().received());
        assertEquals(270 + 180, router.sourceCounters().routedRecords());
        assertEquals(30 + 20, router.sourceCounters().rejected(BAD));
        assertEquals(270, seen.stream().filter(out -> out.channel.equals("first")).count());
        assertEquals(450, seen.stream().filter(out -> out.channel.equals("second")).count());
        assertEquals(0, router.sourceCounters().sourceFailures());
    }

    @Test
    void shouldCountASourceThatThrowsAsFailedAndStillStopCleanly() throws InterruptedException
    {
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
        final Channel<Rec> channel = channel("one", 64, publishRing);
        // route 0 is a programming error: the router throws, the source's thread ends
        final ListSource unrouted = new ListSource("unrouted", 5, 0);
        final Router<Rec> router = new Router<>(List.of(channel), rec -> rec.route, COPY, new SourceCounters(List.of(BAD)));
        final Pipeline<Rec, Out> pipeline = new Pipeline<>(List.of(channel), publishRing, router, List.of(unrouted));

        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS));
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));

        assertEquals(1, router.sourceCounters().sourceFailures());
        assertEquals(0, router.sourceCounters().routedRecords());
        assertEquals(0, channel.counters().received());
    }

    @Test
    void shouldDrainRecordsPublishedRightAfterStartBeforeTheHandlerThreadsRun()
    {
        // Regression: Disruptor's shutdown(timeout) ignores handlers whose thread has not started
        // yet, so a ring stopped right after start lost what was in it. Repeated to hit the window.
        for (int round = 0; round < 50; round++)
        {
            final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
            final Channel<Rec> channel = channel("one", 64, publishRing);
            final Queue<Long> seen = new ConcurrentLinkedQueue<>();
            publishRing.addConsumer("collect", (event, sequence, endOfBatch) -> seen.add(event.value));
            publishRing.start();
            channel.start();
            for (long v = 1; v <= 3; v++)
            {
                channel.publish((entry, sequence, value) -> entry.value = value, v);
            }

            assertTrue(channel.drainAndStop(10, TimeUnit.SECONDS), "round " + round);
            assertTrue(publishRing.drainAndStop(10, TimeUnit.SECONDS), "round " + round);

            assertEquals(3, channel.counters().received(), "round " + round);
            assertEquals(List.of(1L, 2L, 3L), new ArrayList<>(seen), "round " + round);
        }
    }

    @Test
    void shouldKeepAPublishRingConsumerGoingWhenItThrowsAndCountTheErrors()
    {
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
        final Queue<Long> seen = new ConcurrentLinkedQueue<>();
        publishRing.addConsumer("flaky", (event, sequence, endOfBatch) ->
        {
            if (event.value % 4 == 0)
            {
                throw new IllegalStateException("consumer fails on " + event.value);
            }
            seen.add(event.value);
        });
        publishRing.start();

        for (long v = 1; v <= 1000; v++)
        {
            publishRing.publish((out, sequence, value) -> out.value = value, v);
        }

        assertTrue(publishRing.drainAndStop(10, TimeUnit.SECONDS));
        assertEquals(250, publishRing.consumerErrors());
        assertEquals(750, seen.size());
    }

    @Test
    void shouldRefuseAConsumerAddedAfterThePublishRingStarted()
    {
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
        publishRing.start();

        assertThrows(IllegalStateException.class, () -> publishRing.addConsumer("late", (event, sequence, endOfBatch) -> { }));
        assertTrue(publishRing.drainAndStop(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldDrainAPublishRingWithoutConsumers()
    {
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
        publishRing.start();
        for (long v = 1; v <= 200; v++)
        {
            publishRing.publish((out, sequence, value) -> out.value = value, v);
        }

        assertTrue(publishRing.drainAndStop(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldReturnTrueFromARepeatedStopAndFromAStopBeforeStart()
    {
        final PublishRing<Out> publishRing = new PublishRing<>(Out::new, 64, WaitStrategyKind.BLOCKING);
        final Channel<Rec> channel = channel("one", 64, publishRing);
        final Router<Rec> router = new Router<>(List.of(channel), rec -> rec.route, COPY, new SourceCounters(List.of()));
        final Pipeline<Rec, Out> pipeline = new Pipeline<>(List.of(channel), publishRing, router, List.of());

        assertTrue(pipeline.stop(1, TimeUnit.SECONDS));
        assertTrue(pipeline.stop(1, TimeUnit.SECONDS));
        assertFalse(pipeline.sourcesFinished());
    }
}
