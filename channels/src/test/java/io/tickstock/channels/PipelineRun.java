package io.tickstock.channels;

import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.ChannelStageId;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceCounters;
import io.tickstock.core.source.SourceSupervisor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real {@link MarketPipeline} over some sources to the end: start, start the sources,
 * await them, stop (which drains every ring), then holds a copy of every published event and the
 * counters. Checks the accounting identities of docs/semantics.md §7 for every channel on the way.
 */
final class PipelineRun
{
    private final List<MarketEvent> events;
    private final MarketPipeline pipeline;
    private final AtomicLongArray eventsByType;

    private PipelineRun(final MarketPipeline pipeline, final List<MarketEvent> events, final AtomicLongArray eventsByType)
    {
        this.pipeline = pipeline;
        this.events = events;
        this.eventsByType = eventsByType;
    }

    /**
     * Defaults with trend, surge and rollups off and no processing-time clock: the configuration of
     * the tests of the other rules, which then see exactly the events of those rules.
     */
    static MarketConfig.Builder basicRules()
    {
        return MarketConfig.builder().trendEnabled(false).surgeEnabled(false).ohlcvRollups(List.of()).ohlcvClockTickMs(0);
    }

    /** One {@link ListSource} named {@code feed} over these messages, {@link #basicRules()}. */
    static PipelineRun of(final String... messages) throws InterruptedException
    {
        return run(basicRules().build(), List.of(new ListSource("feed", List.of(messages))));
    }

    static PipelineRun run(final MarketConfig config, final List<Source<FeedRecord>> sources) throws InterruptedException
    {
        return run(config, sources, pipeline -> { }, true, 10);
    }

    /**
     * Like {@link #run(MarketConfig, List)}, with a look at the pipeline before it starts (to add a
     * consumer of one's own, or keep a reference for a source), and for long feeds the choice not to
     * keep copies of the events ({@link #events()} is then empty; the accounting still counts every
     * event by type) and a longer wait for the sources.
     */
    static PipelineRun run(final MarketConfig config, final List<Source<FeedRecord>> sources,
        final Consumer<MarketPipeline> beforeStart, final boolean keepEvents, final long sourceTimeoutS)
        throws InterruptedException
    {
        final PipelineRun run = run(MarketPipeline.create(config, sources), beforeStart, keepEvents, sourceTimeoutS);
        run.assertNoFaults();
        return run;
    }

    /**
     * A run with faults injected: every stage passed through {@code wrapper}, sources that may
     * throw. The accounting identities are checked; handler errors and source failures are the
     * test's to assert.
     */
    static PipelineRun faulty(final MarketConfig config, final List<Source<FeedRecord>> sources,
        final MarketPipeline.StageWrapper wrapper) throws InterruptedException
    {
        return run(MarketPipeline.create(config, sources, wrapper), pipeline -> { }, true, 10);
    }

    private static PipelineRun run(final MarketPipeline pipeline, final Consumer<MarketPipeline> beforeStart,
        final boolean keepEvents, final long sourceTimeoutS) throws InterruptedException
    {
        final List<MarketEvent> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicLongArray byType = new AtomicLongArray(EventType.values().length);
        pipeline.addConsumer("test", (event, sequence, endOfBatch) ->
        {
            byType.incrementAndGet(event.type.ordinal());
            if (keepEvents)
            {
                final MarketEvent copy = new MarketEvent();
                copy.copyFrom(event);
                events.add(copy);
            }
        });
        beforeStart.accept(pipeline);
        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(sourceTimeoutS, TimeUnit.SECONDS), "sources finished");
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS), "every ring drained");
        final PipelineRun run = new PipelineRun(pipeline, List.copyOf(events), byType);
        run.assertAccounting();
        run.assertSymbolIds();
        return run;
    }

    /**
     * Every published event, rollups included, carries the router's id for its symbol (a consumer
     * indexes per-symbol state by it): one id per symbol and one symbol per id.
     */
    private void assertSymbolIds()
    {
        final Map<String, Integer> idBySymbol = new HashMap<>();
        final Map<Integer, String> symbolById = new HashMap<>();
        for (final MarketEvent event : events)
        {
            assertTrue(event.symbolId >= 0, () -> "a resolved symbol id: " + event);
            assertEquals(idBySymbol.computeIfAbsent(event.symbol, s -> event.symbolId), event.symbolId, event::toString);
            assertEquals(symbolById.computeIfAbsent(event.symbolId, id -> event.symbol), event.symbol, event::toString);
        }
    }

    MarketPipeline pipeline()
    {
        return pipeline;
    }

    /** Every published event, in publish-ring order. */
    List<MarketEvent> events()
    {
        return events;
    }

    /** The events of one channel, in the order the channel emitted them (deterministic). */
    List<MarketEvent> events(final String channel)
    {
        return events.stream().filter(event -> event.channel().equals(channel)).toList();
    }

    /** {@link MarketEvent#toString()} of each event of one channel. */
    List<String> describe(final String channel)
    {
        return events(channel).stream().map(MarketEvent::toString).toList();
    }

    ChannelCounters counters(final String channel)
    {
        return pipeline.counters(channel);
    }

    SourceCounters sourceCounters()
    {
        return pipeline.sourceCounters();
    }

    /** The received / accepted / duplicates / rejected counts of a channel, for one-line asserts. */
    String outcomes(final String channel)
    {
        final ChannelCounters c = counters(channel);
        return "received=" + c.received() + " accepted=" + c.accepted() + " duplicates=" + c.duplicates() +
            " rejected=" + c.rejected();
    }

    /** The channel's non-zero reject counts by reason, e.g. {@code bad_price=2 bad_size=1}. */
    String rejects(final String channel)
    {
        final ChannelCounters c = counters(channel);
        final StringBuilder out = new StringBuilder();
        for (final String reason : c.rejectReasons())
        {
            if (c.rejected(reason) != 0)
            {
                out.append(out.length() == 0 ? "" : " ").append(reason).append('=').append(c.rejected(reason));
            }
        }
        return out.toString();
    }

    private void assertAccounting()
    {
        for (final String channel : List.of(MarketPipeline.TICK, MarketPipeline.OHLCV, MarketPipeline.FMV))
        {
            final ChannelCounters c = counters(channel);
            assertEquals(c.received(), c.accepted() + c.duplicates() + c.rejected(),
                channel + ": received = accepted + duplicates + rejected");
            long byReason = 0;
            for (final String reason : c.rejectReasons())
            {
                byReason += c.rejected(reason);
            }
            assertEquals(c.rejected(), byReason, channel + ": rejected = sum by reason");
            long handlerErrors = 0;
            for (final ChannelStageId stage : ChannelStageId.values())
            {
                handlerErrors += c.handlerErrors(stage);
            }
            assertEquals(handlerErrors, c.quarantined(), channel + ": one record quarantined per handler error");
            for (final EventType type : EventType.ofChannel(channel))
            {
                assertEquals(eventsByType.get(type.ordinal()), c.events(type.wireName()),
                    channel + ": events counted by type " + type.wireName());
            }
        }
        long quarantined = 0;
        for (final String channel : List.of(MarketPipeline.TICK, MarketPipeline.OHLCV, MarketPipeline.FMV))
        {
            quarantined += counters(channel).quarantined();
        }
        assertEquals(quarantined, pipeline.quarantine().total(), "the quarantine holds every channel's");
        long failures = 0;
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            failures += supervisor.failures();
        }
        assertEquals(failures, sourceCounters().sourceFailures(), "source failures = sum over the sources");
        assertEquals(0, pipeline.publishRing().consumerErrors());
    }

    private void assertNoFaults()
    {
        for (final String channel : List.of(MarketPipeline.TICK, MarketPipeline.OHLCV, MarketPipeline.FMV))
        {
            assertEquals(0, counters(channel).rejected(ChannelCounters.HANDLER_ERROR), channel + ": no handler errors");
            assertEquals(0, counters(channel).quarantined(), channel + ": nothing quarantined");
        }
        assertEquals(0, sourceCounters().sourceFailures());
    }
}
