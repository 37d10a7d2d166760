package io.tickstock.core.source;

import io.tickstock.core.EpochClock;
import io.tickstock.core.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Runs one {@link Source} on the pipeline's thread for it and restarts it, as its
 * {@link SourceRestartPolicy} says, when its {@code run} throws. A {@code run} that returns ends
 * the source (its stream ended); so does {@link #stop()}, which also cuts a backoff short.
 * Counts every failure ({@code run} threw) and every restart, and keeps the last error.
 *
 * <p>Thread-safe: {@code run} is called on the source's own thread; the counters, the state and
 * the last error may be read from any thread, and {@link #stop()} called from any thread.
 *
 * @param <R> the decoded record.
 */
public final class SourceSupervisor<R>
{
    private static final Logger LOG = LoggerFactory.getLogger(SourceSupervisor.class);

    private final Source<R> source;
    private final CountingSink<R> sink;
    private final SourceRestartPolicy policy;
    private final SplittableRandom random;
    private final LongConsumer sleeper;
    private final SourceCounters counters;
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 1_000);
    private volatile boolean stopped;
    private volatile Thread thread;
    private volatile SourceState state = SourceState.WAITING;
    private volatile long failures;
    private volatile long restarts;
    private volatile long lastFailureMs;
    private volatile String lastError;
    private volatile String givenUpReason;
    private int failuresInARow;

    /**
     * @param sleeper waits out a backoff of the given milliseconds, returning early once
     *                {@link #stop()} is called; null for the real wait (the thread parks).
     */
    public SourceSupervisor(
        final Source<R> source,
        final RecordSink<R> sink,
        final SourceCounters counters,
        final SourceRestartPolicy policy,
        final SplittableRandom random,
        final LongConsumer sleeper)
    {
        this.source = source;
        this.sink = new CountingSink<>(sink);
        this.counters = counters;
        this.policy = policy;
        this.random = random;
        this.sleeper = sleeper == null ? this::park : sleeper;
    }

    /** The source's name. */
    public String name()
    {
        return source.name();
    }

    public Source<R> source()
    {
        return source;
    }

    public SourceState state()
    {
        return state;
    }

    /** Times the source's {@code run} threw. */
    public long failures()
    {
        return failures;
    }

    /** Times the source was run again after a failure. */
    public long restarts()
    {
        return restarts;
    }

    /** When {@code run} last threw, epoch milliseconds ({@link EpochClock}); 0 if it never did. */
    public long lastFailureMs()
    {
        return lastFailureMs;
    }

    /** The exception {@code run} last threw, as its class name and message; null if it never threw. */
    public String lastError()
    {
        return lastError;
    }

    /**
     * Why the source was given up, once {@link #state()} is {@link SourceState#FAILED}: the failures
     * in a row, the class of the last exception (not its message, which {@link #lastError()} has) and
     * the {@code source.restart.*} setting that allowed no further restart, for example
     * {@code 3 failures in a row (last: java.net.ConnectException); source.restart.maxAttempts = 2}.
     * Null while it was not given up.
     */
    public String givenUpReason()
    {
        return givenUpReason;
    }

    /**
     * Records the source handed on, published or rejected, over all its runs: with the router's
     * counts, {@code records read = routed + source rejects}. Exact once the source's thread has
     * ended ({@code Pipeline.stop}); while it runs, a recent value.
     */
    public long recordsRead()
    {
        return sink.total.get();
    }

    /** Asks the source to stop and cuts a backoff short. Any thread; idempotent. */
    public void stop()
    {
        stopped = true;
        source.stop();
        final Thread running = thread;
        if (running != null)
        {
            LockSupport.unpark(running);
        }
    }

    /**
     * Starts the source's daemon thread, {@code tickstock-source-NAME}, which runs the source (and
     * restarts it as the policy allows) and then {@code onEnd}. Once only; the pipeline calls it.
     */
    public Thread start(final Runnable onEnd)
    {
        final Thread started = new Thread(() ->
        {
            try
            {
                run();
            }
            finally
            {
                onEnd.run();
            }
        }, "tickstock-source-" + name());
        started.setDaemon(true);
        thread = started;
        started.start();
        return started;
    }

    /** Runs the source until its stream ends, it is stopped or it is given up. On the source's thread. */
    void run()
    {
        while (!stopped)
        {
            state = SourceState.RUNNING;
            sink.read = 0;
            try
            {
                source.run(sink);
                state = stopped ? SourceState.STOPPED : SourceState.FINISHED;
                return;
            }
            catch (final Throwable ex)
            {
                if (!restartAfter(ex))
                {
                    return;
                }
            }
        }
        state = SourceState.STOPPED;
    }

    /** Counts the failure and waits out the backoff; returns whether to run the source again. */
    private boolean restartAfter(final Throwable ex)
    {
        lastFailureMs = EpochClock.millis();
        lastError = ex.getMessage() == null ? ex.getClass().getName() : ex.getClass().getName() + ": " + ex.getMessage();
        failures = failures + 1;
        counters.sourceFailed();
        failuresInARow = sink.read > 0 ? 1 : failuresInARow + 1;
        if (stopped)
        {
            state = SourceState.STOPPED;
            LOG.info("source {} threw while stopping; not restarted", source.name(), ex);
            return false;
        }
        if (!policy.allowsRestart(failuresInARow))
        {
            givenUpReason = (failuresInARow == 1 ? "1 failure (" : failuresInARow + " failures in a row (last: ") +
                ex.getClass().getName() + "); " + (policy.enabled() ? policy.maxAttemptsKey() + " = " + policy.maxAttempts() : "source.restart.enabled = false");
            state = SourceState.FAILED;
            LOG.error("source {} failed {} time(s) in a row; given up ({})", source.name(), failuresInARow, policy, ex);
            return false;
        }
        final long delayMs = policy.backoffMs(failuresInARow, random.nextDouble());
        state = SourceState.BACKING_OFF;
        failureLog.warn("source {} failed; restarting after its backoff", source.name() + " (" + failuresInARow +
            " in a row, " + delayMs + " ms)", ex);
        sleeper.accept(delayMs);
        if (stopped)
        {
            state = SourceState.STOPPED;
            return false;
        }
        restarts = restarts + 1;
        return true;
    }

    private void park(final long delayMs)
    {
        final long deadline = System.nanoTime() + delayMs * 1_000_000L;
        long remaining;
        while (!stopped && (remaining = deadline - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(this, remaining);
        }
    }

    /**
     * Hands every record on and counts those of the current run (a run that read any made progress)
     * and those of all runs. Both are written by the source's thread only.
     */
    private static final class CountingSink<R> implements RecordSink<R>
    {
        private final RecordSink<R> next;
        private final AtomicLong total = new AtomicLong();
        long read;

        CountingSink(final RecordSink<R> next)
        {
            this.next = next;
        }

        @Override
        public void publish(final R record)
        {
            next.publish(record);
            read++;
            total.lazySet(total.get() + 1);
        }

        @Override
        public void reject(final String reason)
        {
            next.reject(reason);
            read++;
            total.lazySet(total.get() + 1);
        }
    }
}
