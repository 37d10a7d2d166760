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
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.core.source.SourceState;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source whose run throws is restarted by its {@link SourceSupervisor} after the policy's backoff,
 * counted, given up after the policy's limit, and never restarted once the pipeline stops. The
 * backoff waits go through a recording sleeper (no wall-clock waits) except where the real wait's
 * response to stop is the point.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SourceRestartTest
{
    private static final long SEED = 7;

    /** The record and ring entry: one value. */
    static final class Rec extends ChannelEntry
    {
        long value;
    }

    private static final EventTranslatorOneArg<Rec, Rec> COPY = (entry, sequence, record) -> entry.value = record.value;

    /**
     * Publishes 1..total over its runs, going on where the last run stopped; run {@code k} throws
     * after publishing {@code failAfter[k]} records of its own (a run past the script's end, or
     * with -1, publishes to the end and returns).
     */
    static final class ScriptedSource implements Source<Rec>
    {
        private final long total;
        private final int[] failAfter;
        private final Rec rec = new Rec();
        private long next = 1;
        private int runs;

        ScriptedSource(final long total, final int... failAfter)
        {
            this.total = total;
            this.failAfter = failAfter.clone();
        }

        @Override
        public String name()
        {
            return "scripted";
        }

        @Override
        public void run(final RecordSink<Rec> sink) throws IOException
        {
            final int run = runs++;
            final int limit = run < failAfter.length ? failAfter[run] : -1;
            int published = 0;
            while (next <= total)
            {
                if (published == limit)
                {
                    throw new IOException("connection reset in run " + run);
                }
                rec.value = next++;
                sink.publish(rec);
                published++;
            }
            if (published == limit)
            {
                throw new IOException("connection reset at the end in run " + run);
            }
        }

        @Override
        public void stop()
        {
        }
    }

    /** A pipeline of one channel whose events the consumer collects; restart waits recorded, not slept. */
    private static final class Harness
    {
        final PublishRing<long[]> publishRing = new PublishRing<>(() -> new long[1], 64, WaitStrategyKind.BLOCKING);
        final Channel<Rec> channel;
        final Router<Rec> router;
        final Pipeline<Rec, long[]> pipeline;
        final Queue<Long> seen = new ConcurrentLinkedQueue<>();
        final List<Long> delays = new ArrayList<>();

        Harness(final Source<Rec> source, final SourceRestartPolicy policy, final boolean realWait)
        {
            channel = Channel.builder("one", Rec::new)
                .ringSize(64)
                .eventTypes(List.of("out"))
                .validate((entry, endOfBatch) -> entry.accept())
                .process((entry, endOfBatch) -> { })
                .prioritize((entry, endOfBatch) -> publishRing.publish((out, sequence, value) -> out[0] = value, entry.value))
                .build();
            publishRing.addConsumer("collect", (event, sequence, endOfBatch) -> seen.add(event[0]));
            router = new Router<>(List.of(channel), rec -> 1, COPY, new SourceCounters(List.of()));
            final LongConsumer sleeper = realWait ? null : delays::add;
            pipeline = new Pipeline<>(List.of(channel), publishRing, router, List.of(source), policy, new SplittableRandom(SEED), sleeper);
        }

        SourceSupervisor<Rec> supervisor()
        {
            return pipeline.supervisors().get(0);
        }

        void runToTheEnd() throws InterruptedException
        {
            pipeline.start();
            pipeline.startSources();
            assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS), "the source's thread ended");
            assertTrue(pipeline.sourcesFinished());
            assertTrue(pipeline.stop(10, TimeUnit.SECONDS), "every ring drained");
        }
    }

    private static SourceRestartPolicy policy(final int maxAttempts)
    {
        return SourceRestartPolicy.builder().initialBackoffMs(100).maxBackoffMs(1_000).jitter(0.5).maxAttempts(maxAttempts).build();
    }

    /*
     * The expected delays below are worked out by hand, not by the policy: the supervisor's draws are
     * those of new SplittableRandom(SEED).split() (the pipeline splits its random once per source):
     * 0.98209, 0.49517, 0.60967, 0.15606, 0.87320; a delay is base - floor(base * 0.5 * draw) with
     * base = 100 ms doubled for each failure in a row before this one (configuration.md, source.restart).
     */

    private static List<Long> values(final long from, final long to)
    {
        final List<Long> values = new ArrayList<>();
        for (long v = from; v <= to; v++)
        {
            values.add(v);
        }
        return values;
    }

    @Test
    void shouldRestartASourceThatThrowsMidStreamAndDeliverEveryRecordExactlyOnce() throws InterruptedException
    {
        final SourceRestartPolicy policy = policy(0);
        final Harness harness = new Harness(new ScriptedSource(100, 30, 0, 0), policy, false);

        final long before = EpochClock.millis();
        harness.runToTheEnd();
        final long after = EpochClock.millis();

        final SourceSupervisor<Rec> supervisor = harness.supervisor();
        assertEquals(SourceState.FINISHED, supervisor.state());
        assertEquals(3, supervisor.failures());
        assertEquals(3, supervisor.restarts());
        assertEquals("java.io.IOException: connection reset in run 2", supervisor.lastError());
        assertTrue(supervisor.lastFailureMs() >= before && supervisor.lastFailureMs() <= after,
            supervisor.lastFailureMs() + " between " + before + " and " + after);
        assertEquals(3, harness.router.sourceCounters().sourceFailures());
        // 100 - 49, 200 - 49, 400 - 121
        assertEquals(List.of(51L, 151L, 279L), harness.delays, "30 records read, then two runs that read none");
        assertEquals(100, harness.router.sourceCounters().routedRecords());
        assertEquals(100, supervisor.recordsRead(), "records read over the four runs = routed + source rejects");
        assertEquals(100, harness.channel.counters().received());
        assertEquals(100, harness.channel.counters().accepted());
        assertEquals(values(1, 100), new ArrayList<>(harness.seen), "every record once, in order");
    }

    @Test
    void shouldGiveUpASourceThatFailsMoreTimesInARowThanThePolicyAllows() throws InterruptedException
    {
        final SourceRestartPolicy policy = policy(4);
        final Harness harness = new Harness(new ScriptedSource(10, 0, 0, 0, 0, 0, 0, 0), policy, false);

        harness.runToTheEnd();

        final SourceSupervisor<Rec> supervisor = harness.supervisor();
        assertEquals(SourceState.FAILED, supervisor.state());
        assertEquals(5, supervisor.failures(), "the first run and four restarts failed");
        assertEquals(4, supervisor.restarts());
        assertEquals("5 failures in a row (last: java.io.IOException); source.restart.maxAttempts = 4", supervisor.givenUpReason());
        // 100 - 49, 200 - 49, 400 - 121, 800 - 62
        assertEquals(List.of(51L, 151L, 279L, 738L), harness.delays);
        assertEquals(List.of(100L, 200L, 400L, 800L), List.of(policy.backoffMs(1, 0), policy.backoffMs(2, 0),
            policy.backoffMs(3, 0), policy.backoffMs(4, 0)), "doubling before jitter");
        assertEquals(0, harness.channel.counters().received());
    }

    @Test
    void shouldStartTheCountInARowAgainAfterARunThatReadRecords() throws InterruptedException
    {
        final SourceRestartPolicy policy = policy(1);
        final Harness harness = new Harness(new ScriptedSource(10, 1, 1, 1, 1, 1), policy, false);

        harness.runToTheEnd();

        final SourceSupervisor<Rec> supervisor = harness.supervisor();
        assertEquals(SourceState.FINISHED, supervisor.state(), "never two failures in a row: never given up");
        assertNull(supervisor.givenUpReason());
        assertEquals(5, supervisor.failures());
        assertEquals(5, supervisor.restarts());
        // base 100 each time: 100 - 49, 100 - 24, 100 - 30, 100 - 7, 100 - 43
        assertEquals(List.of(51L, 76L, 70L, 93L, 57L), harness.delays);
        assertEquals(values(1, 10), new ArrayList<>(harness.seen));
    }

    @Test
    void shouldNotRestartASourceWhoseStreamEnded() throws InterruptedException
    {
        final Harness harness = new Harness(new ScriptedSource(20), policy(0), false);

        harness.runToTheEnd();

        assertEquals(SourceState.FINISHED, harness.supervisor().state());
        assertEquals(0, harness.supervisor().failures());
        assertEquals(0, harness.supervisor().restarts());
        assertEquals(null, harness.supervisor().lastError());
        assertEquals(List.of(), harness.delays);
        assertEquals(values(1, 20), new ArrayList<>(harness.seen));
    }

    @Test
    void shouldNotRestartASourceWhenRestartsAreDisabled() throws InterruptedException
    {
        final Harness harness = new Harness(new ScriptedSource(20, 5), SourceRestartPolicy.disabled(), false);

        harness.runToTheEnd();

        assertEquals(SourceState.FAILED, harness.supervisor().state());
        assertEquals("1 failure (java.io.IOException); source.restart.enabled = false", harness.supervisor().givenUpReason());
        assertEquals(1, harness.supervisor().failures());
        assertEquals(0, harness.supervisor().restarts());
        assertEquals(List.of(), harness.delays);
        assertEquals(values(1, 5), new ArrayList<>(harness.seen));
    }

    @Test
    void shouldCutTheBackoffShortWhenThePipelineStops() throws InterruptedException
    {
        final SourceRestartPolicy hour = SourceRestartPolicy.builder().initialBackoffMs(3_600_000).maxBackoffMs(3_600_000).jitter(0).build();
        final Harness harness = new Harness(new ScriptedSource(10, 3), hour, true);
        harness.pipeline.start();
        harness.pipeline.startSources();
        Await.until("the source backing off", 10_000, () -> harness.supervisor().state() == SourceState.BACKING_OFF);

        assertTrue(harness.pipeline.stop(10, TimeUnit.SECONDS), "the source thread left its hour-long backoff and every ring drained");

        assertEquals(SourceState.STOPPED, harness.supervisor().state());
        assertEquals(1, harness.supervisor().failures());
        assertEquals(0, harness.supervisor().restarts());
        assertTrue(harness.pipeline.awaitSources(1, TimeUnit.SECONDS));
        assertEquals(values(1, 3), new ArrayList<>(harness.seen));
    }

    @Test
    void shouldNotRestartASourceThatThrowsWhileStopping() throws InterruptedException
    {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch stopCalled = new CountDownLatch(1);
        final Source<Rec> source = new Source<>()
        {
            @Override
            public String name()
            {
                return "closing";
            }

            @Override
            public void run(final RecordSink<Rec> sink) throws InterruptedException, IOException
            {
                running.countDown();
                stopCalled.await();
                throw new IOException("socket closed under the reader");
            }

            @Override
            public void stop()
            {
                stopCalled.countDown();
            }
        };
        final Harness harness = new Harness(source, policy(0), false);
        harness.pipeline.start();
        harness.pipeline.startSources();
        assertTrue(running.await(10, TimeUnit.SECONDS));

        assertTrue(harness.pipeline.stop(10, TimeUnit.SECONDS));

        assertEquals(SourceState.STOPPED, harness.supervisor().state());
        assertEquals(1, harness.supervisor().failures());
        assertEquals(0, harness.supervisor().restarts());
        assertEquals(List.of(), harness.delays, "no backoff once stopping");
    }
}
