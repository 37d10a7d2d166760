package io.tickstock.core.ring;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tickstock.core.ConfigChecks;
import io.tickstock.core.EpochClock;
import io.tickstock.core.RateLimitedLog;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.latency.StageLatency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One channel: a Disruptor ring and its handler chain, validate + dedup, then process, then
 * prioritize. The chain keeps the accounting of {@link ChannelCounters}: the validate stage's
 * outcome is counted for every record, a stage that throws has the entry counted as a handler
 * error (a {@code handler_error} reject when it is the validate stage), the record is put in the
 * {@link #quarantine()} and the exception among the channel's {@link #recentErrors()}, and the
 * channel goes on. A publish that finds the ring full is counted ({@link #fullWaits()}) and waits
 * for room: nothing is dropped.
 *
 * <p>Any thread may publish; the stages run on the channel's own threads.
 *
 * @param <E> the ring entry.
 */
public final class Channel<E extends ChannelEntry> extends DisruptorRing<E>
{
    private static final Logger LOG = LoggerFactory.getLogger(Channel.class);

    private final String name;
    private final ChannelCounters counters;
    private final List<EventHandler<E>> handlers = new ArrayList<>();
    private final List<String> handlerNames;
    private final Quarantine quarantine;
    private final ThreadLayout layout;

    private Channel(final Builder<E> builder)
    {
        super(new Disruptor<>(
            builder.factory,
            builder.ringSize,
            new NamedThreadFactory("tickstock-" + builder.name, threadNames(builder.layout)),
            ProducerType.MULTI,
            builder.waitStrategy.newStrategy()), builder.name, "uncaught");
        this.name = builder.name;
        this.layout = builder.layout;
        this.counters = new ChannelCounters(builder.name, builder.rejectReasons, builder.eventTypes);
        this.quarantine = builder.quarantine == null ? new Quarantine(Quarantine.DEFAULT_CAPACITY) : builder.quarantine;
        final Failures failures = new Failures(counters, new RateLimitedLog(LOG, 1000), recentErrors(), quarantine);
        final StageLatency sourceLatency = builder.latency == null ? null :
            builder.latency.stage(LatencyMonitor.SOURCE_TO_CHANNEL, null);
        final StageLatency chainLatency = builder.latency == null ? null :
            builder.latency.stage(LatencyMonitor.CHANNEL, builder.name);
        final StageRunner<E> validate = new StageRunner<>(ChannelStageId.VALIDATE, builder.validate, failures, sourceLatency);
        final StageRunner<E> process = new StageRunner<>(ChannelStageId.PROCESS, builder.process, failures, null);
        final StageRunner<E> prioritize = new StageRunner<>(ChannelStageId.PRIORITIZE, builder.prioritize, failures, chainLatency);
        this.handlerNames = threadNames(builder.layout);
        final Disruptor<E> disruptor = disruptor();
        if (builder.layout == ThreadLayout.FUSED)
        {
            final EventHandler<E> fused = (entry, sequence, endOfBatch) ->
            {
                validate.onEvent(entry, sequence, endOfBatch);
                process.onEvent(entry, sequence, endOfBatch);
                prioritize.onEvent(entry, sequence, endOfBatch);
            };
            handlers.add(fused);
            disruptor.handleEventsWith(fused);
        }
        else
        {
            handlers.add(validate);
            handlers.add(process);
            handlers.add(prioritize);
            disruptor.handleEventsWith(validate).then(process).then(prioritize);
        }
    }

    private static List<String> threadNames(final ThreadLayout layout)
    {
        return layout == ThreadLayout.FUSED ? List.of("chain") : List.of("validate", "process", "prioritize");
    }

    public static <E extends ChannelEntry> Builder<E> builder(final String name, final EventFactory<E> factory)
    {
        return new Builder<>(name, factory);
    }

    @Override
    public String name()
    {
        return name;
    }

    public ChannelCounters counters()
    {
        return counters;
    }

    public ThreadLayout layout()
    {
        return layout;
    }

    /** Exceptions that escaped the stages (start and shutdown hooks): normally 0. */
    public long uncaughtErrors()
    {
        return exceptionsCaught();
    }

    public void start()
    {
        startRing();
    }

    /** The records that made a stage of this channel throw (shared with the pipeline's other channels). */
    public Quarantine quarantine()
    {
        return quarantine;
    }

    /**
     * The names of the chain's handlers, in chain order, as in their threads' names: {@code chain}
     * when fused, else {@code validate}, {@code process}, {@code prioritize}.
     */
    @Override
    public List<String> handlerNames()
    {
        return handlerNames;
    }

    /** The sequence each handler of the chain has processed up to, in chain order. */
    @Override
    public long[] handlerSequences()
    {
        return sequences(handlers);
    }

    /**
     * Waits until every published entry has passed the whole chain, then stops the threads.
     * Producers must have stopped first.
     *
     * @return whether the ring drained within the timeout (the threads are stopped either way).
     */
    public boolean drainAndStop(final long timeout, final TimeUnit unit)
    {
        return drain(handlers, timeout, unit);
    }

    /** Builds a channel; {@link #build()} validates and throws naming the bad setting. */
    public static final class Builder<E extends ChannelEntry>
    {
        private final String name;
        private final EventFactory<E> factory;
        private int ringSize = 16_384;
        private WaitStrategyKind waitStrategy = WaitStrategyKind.BLOCKING;
        private ThreadLayout layout = ThreadLayout.FUSED;
        private Stage<E> validate;
        private Stage<E> process;
        private Stage<E> prioritize;
        private List<String> rejectReasons = List.of();
        private List<String> eventTypes = List.of();
        private LatencyMonitor latency;
        private Quarantine quarantine;

        private Builder(final String name, final EventFactory<E> factory)
        {
            this.name = Objects.requireNonNull(name, "name");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Ring capacity in entries: a power of two. */
        public Builder<E> ringSize(final int ringSize)
        {
            this.ringSize = ringSize;
            return this;
        }

        public Builder<E> waitStrategy(final WaitStrategyKind waitStrategy)
        {
            this.waitStrategy = Objects.requireNonNull(waitStrategy, "waitStrategy");
            return this;
        }

        public Builder<E> layout(final ThreadLayout layout)
        {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** The validate + dedup stage: must give every record an outcome. */
        public Builder<E> validate(final Stage<E> stage)
        {
            this.validate = stage;
            return this;
        }

        /** The processing stage: sees only accepted and pass-through entries. */
        public Builder<E> process(final Stage<E> stage)
        {
            this.process = stage;
            return this;
        }

        /** The prioritize stage: publishes the entry's events; sees what the process stage saw. */
        public Builder<E> prioritize(final Stage<E> stage)
        {
            this.prioritize = stage;
            return this;
        }

        public Builder<E> rejectReasons(final List<String> reasons)
        {
            this.rejectReasons = List.copyOf(reasons);
            return this;
        }

        public Builder<E> eventTypes(final List<String> types)
        {
            this.eventTypes = List.copyOf(types);
            return this;
        }

        /** Records this channel's {@code source_to_channel} and {@code channel} latencies into the monitor. */
        public Builder<E> latency(final LatencyMonitor monitor)
        {
            this.latency = monitor;
            return this;
        }

        /** Where the records a stage throws on are kept; default: one of the channel's own, of the default capacity. */
        public Builder<E> quarantine(final Quarantine value)
        {
            this.quarantine = value;
            return this;
        }

        public Channel<E> build()
        {
            ConfigChecks.powerOfTwo(name + ".ringSize", ringSize, 2, 1 << 30);
            Objects.requireNonNull(validate, name + ": validate stage");
            Objects.requireNonNull(process, name + ": process stage");
            Objects.requireNonNull(prioritize, name + ": prioritize stage");
            return new Channel<>(this);
        }
    }

    /**
     * What happens to an entry a stage threw on: counted, quarantined, kept among the recent
     * errors and logged rate-limited. Runs only when a stage threw. Thread-safe: every stage of the
     * channel uses it.
     */
    private static final class Failures
    {
        private final ChannelCounters counters;
        private final RateLimitedLog errorLog;
        private final RecentErrors recentErrors;
        private final Quarantine quarantine;

        Failures(final ChannelCounters counters, final RateLimitedLog errorLog, final RecentErrors recentErrors, final Quarantine quarantine)
        {
            this.counters = counters;
            this.errorLog = errorLog;
            this.recentErrors = recentErrors;
            this.quarantine = quarantine;
        }

        void fail(final ChannelStageId id, final ChannelEntry entry, final Throwable ex)
        {
            entry.markFailed();
            counters.handlerError(id);
            quarantine.record(counters.channel(), id.label(), entry, ex);
            recentErrors.record(id.label(), ex);
            errorLog.warn("stage {} threw; entry counted, quarantined and skipped, channel goes on",
                counters.channel() + "." + id.label(), ex);
        }
    }

    /** Runs one stage with the outcome rules and error isolation; the Disruptor handler of that stage. */
    private static final class StageRunner<E extends ChannelEntry> implements EventHandler<E>
    {
        private final ChannelStageId id;
        private final Stage<E> stage;
        private final ChannelCounters counters;
        private final Failures failures;
        private final StageLatency latency;

        /** @param latency validate: source to channel; prioritize: the whole chain; else null. */
        StageRunner(final ChannelStageId id, final Stage<E> stage, final Failures failures, final StageLatency latency)
        {
            this.id = id;
            this.stage = stage;
            this.counters = failures.counters;
            this.failures = failures;
            this.latency = latency;
        }

        @Override
        public void onEvent(final E entry, final long sequence, final boolean endOfBatch)
        {
            if (id == ChannelStageId.VALIDATE)
            {
                entry.resetOutcome(System.nanoTime());
                if (latency != null && entry.recvUs > 0)
                {
                    latency.record(EpochClock.micros() - entry.recvUs);
                }
                try
                {
                    stage.onEntry(entry, endOfBatch);
                }
                catch (final Throwable ex)
                {
                    entry.reject(counters.handlerErrorReason());
                    fail(entry, ex);
                }
                if (entry.outcome() == ChannelEntry.OUTCOME_NONE)
                {
                    entry.reject(counters.handlerErrorReason());
                    fail(entry, new IllegalStateException("validate stage gave the record no outcome"));
                }
                counters.recordOutcome(entry);
                return;
            }

            final int outcome = entry.outcome();
            if (entry.failed() || (outcome != ChannelEntry.OUTCOME_ACCEPTED && outcome != ChannelEntry.OUTCOME_PASS))
            {
                return;
            }
            try
            {
                stage.onEntry(entry, endOfBatch);
            }
            catch (final Throwable ex)
            {
                fail(entry, ex);
            }
            if (latency != null)
            {
                latency.record((System.nanoTime() - entry.chainStartNanos()) / 1_000);
            }
        }

        private void fail(final E entry, final Throwable ex)
        {
            failures.fail(id, entry, ex);
        }
    }
}
