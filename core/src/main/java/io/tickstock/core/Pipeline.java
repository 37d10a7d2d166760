package io.tickstock.core;

import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelEntry;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.source.Router;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.core.source.SourceSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The lifecycle of a whole pipeline: sources → router → channels → publish ring → consumers.
 *
 * <p>{@link #start()} starts the publish ring and the channels; {@link #startSources()} then starts
 * one thread per source (separately, so a server can wait for its first subscribers); a
 * {@link SourceSupervisor} runs each and restarts it after a failure as the
 * {@link SourceRestartPolicy} says. {@link #stop} stops the sources (cutting any restart backoff
 * short), drains every channel ring and then the publish ring, so that nothing received is left
 * unprocessed. Thread-safe.
 *
 * @param <R> the record and channel ring entry.
 * @param <O> the outbound event.
 */
public final class Pipeline<R extends ChannelEntry, O>
{
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final List<Channel<R>> channels;
    private final PublishRing<O> publishRing;
    private final Router<R> router;
    private final List<Source<R>> sources;
    private final List<SourceSupervisor<R>> supervisors;
    private final List<Thread> sourceThreads = new ArrayList<>();
    private final CountDownLatch sourcesDone;
    private State state = State.NEW;

    private enum State
    {
        NEW, RUNNING, STOPPED
    }

    /** A pipeline whose sources are not restarted when they throw ({@link SourceRestartPolicy#disabled()}). */
    public Pipeline(
        final List<Channel<R>> channels,
        final PublishRing<O> publishRing,
        final Router<R> router,
        final List<Source<R>> sources)
    {
        this(channels, publishRing, router, sources, SourceRestartPolicy.disabled());
    }

    /** @param restartPolicy how a source whose {@code run} throws is restarted, unless it has a policy of its own ({@link Source#restartPolicy()}). */
    public Pipeline(
        final List<Channel<R>> channels,
        final PublishRing<O> publishRing,
        final Router<R> router,
        final List<Source<R>> sources,
        final SourceRestartPolicy restartPolicy)
    {
        this(channels, publishRing, router, sources, restartPolicy, new SplittableRandom(), null);
    }

    /**
     * @param random  draws each supervisor's jitter (split once per source).
     * @param sleeper waits out a backoff; null for the real, stoppable wait.
     */
    Pipeline(
        final List<Channel<R>> channels,
        final PublishRing<O> publishRing,
        final Router<R> router,
        final List<Source<R>> sources,
        final SourceRestartPolicy restartPolicy,
        final SplittableRandom random,
        final LongConsumer sleeper)
    {
        this.channels = List.copyOf(channels);
        this.publishRing = publishRing;
        this.router = router;
        this.sources = List.copyOf(sources);
        this.sourcesDone = new CountDownLatch(this.sources.size());
        final List<SourceSupervisor<R>> list = new ArrayList<>(this.sources.size());
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        for (final Source<R> source : this.sources)
        {
            final SourceRestartPolicy own = source.restartPolicy();
            list.add(new SourceSupervisor<>(
                source, router, router.sourceCounters(), own != null ? own : restartPolicy, random.split(), sleeper));
        }
        this.supervisors = List.copyOf(list);
    }

    public List<Channel<R>> channels()
    {
        return channels;
    }

    public PublishRing<O> publishRing()
    {
        return publishRing;
    }

    public Router<R> router()
    {
        return router;
    }

    public List<Source<R>> sources()
    {
        return sources;
    }

    /** One supervisor per source, in the order of {@link #sources()}: state, failures, restarts. */
    public List<SourceSupervisor<R>> supervisors()
    {
        return supervisors;
    }

    /** Starts the publish ring and the channels (consumers must have been added). */
    public synchronized void start()
    {
        if (state != State.NEW)
        {
            throw new IllegalStateException("pipeline already started");
        }
        publishRing.start();
        channels.forEach(Channel::start);
        state = State.RUNNING;
    }

    /** Starts one thread per source; each runs until its stream ends or {@link #stop} is called. */
    public synchronized void startSources()
    {
        if (state != State.RUNNING || !sourceThreads.isEmpty())
        {
            throw new IllegalStateException("sources start once, after start()");
        }
        for (final SourceSupervisor<R> supervisor : supervisors)
        {
            sourceThreads.add(supervisor.start(sourcesDone::countDown));
        }
    }

    /** Waits until every source has ended: its stream ended, it was stopped, or it was given up. */
    public boolean awaitSources(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return sourcesDone.await(timeout, unit);
    }

    /** Whether every started source has returned. */
    public boolean sourcesFinished()
    {
        return !sourceThreads.isEmpty() && sourcesDone.getCount() == 0;
    }

    /**
     * Stops the sources, then drains the channels, then the publish ring. Idempotent.
     *
     * @return whether everything drained within the timeout (applied to each step).
     */
    public synchronized boolean stop(final long timeout, final TimeUnit unit)
    {
        if (state == State.STOPPED)
        {
            return true;
        }
        boolean drained = true;
        supervisors.forEach(SourceSupervisor::stop);
        for (final Thread thread : sourceThreads)
        {
            try
            {
                thread.join(unit.toMillis(timeout));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive())
            {
                LOG.warn("source thread {} did not stop within {} {}", thread.getName(), timeout, unit);
                drained = false;
            }
        }
        if (state == State.RUNNING)
        {
            for (final Channel<R> channel : channels)
            {
                drained &= channel.drainAndStop(timeout, unit);
            }
            drained &= publishRing.drainAndStop(timeout, unit);
        }
        state = State.STOPPED;
        return drained;
    }
}
