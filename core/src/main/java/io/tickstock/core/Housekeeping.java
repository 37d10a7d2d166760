package io.tickstock.core;

import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread, {@value #THREAD_NAME}, that runs a pipeline's periodic work: the latency
 * intervals' rotation, the ohlcv clock, the alert evaluations, the edge's stats samples and the
 * example server's summary line. Each task runs at a fixed rate; a run that comes more than a
 * period late (a long pause, a slow task before it) skips the beats it missed instead of running
 * them back to back. A task that throws is logged, rate-limited, and runs again at its next beat.
 *
 * <p>Between runs the thread waits in the delay queue of a {@link ScheduledThreadPoolExecutor}
 * (parked, never spinning). It is a daemon, and it ends a second after its last task was
 * cancelled and comes back with the next one, so a pipeline with nothing scheduled keeps no thread.
 * Tasks share the thread and delay one another: each must be short and must never block (a
 * producer into a full ring tries again at its next beat, see {@code Channel.tryPublish}).
 *
 * <p>Thread-safe.
 */
public final class Housekeeping
{
    /** The name of the thread. */
    public static final String THREAD_NAME = "tickstock-housekeeping";

    private final ScheduledThreadPoolExecutor executor;
    private final RateLimitedLog errorLog = new RateLimitedLog(LoggerFactory.getLogger(Housekeeping.class), 60_000);

    public Housekeeping()
    {
        executor = new ScheduledThreadPoolExecutor(1, body ->
        {
            final Thread thread = new Thread(body, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(1, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code task} every {@code periodMs}, the first time one period from now, until the
     * returned handle is {@linkplain Task#cancel() cancelled}.
     *
     * @param what names the task in the log line when it throws.
     */
    public Task every(final long periodMs, final String what, final Runnable task)
    {
        ConfigChecks.range(what + ": period (ms)", periodMs, 1, Long.MAX_VALUE / 1_000_000L);
        final Task scheduled = new Task(what, task, TimeUnit.MILLISECONDS.toNanos(periodMs));
        scheduled.schedule();
        return scheduled;
    }

    /** One periodic task; {@link #cancel()} ends it. Thread-safe. */
    public final class Task
    {
        private final String what;
        private final Runnable body;
        private final long periodNs;
        /** Guarded by this: the next beat and the run that waits for it. */
        private long nextNs;
        private ScheduledFuture<?> pending;
        private boolean cancelled;

        private Task(final String what, final Runnable body, final long periodNs)
        {
            this.what = what;
            this.body = body;
            this.periodNs = periodNs;
            this.nextNs = System.nanoTime() + periodNs;
        }

        private synchronized void schedule()
        {
            if (!cancelled)
            {
                pending = executor.schedule(this::run, nextNs - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }

        /** Holds the task's lock while the body runs, so that {@link #cancel()} waits for a run in progress. */
        private synchronized void run()
        {
            if (cancelled)
            {
                return;
            }
            try
            {
                body.run();
            }
            catch (final RuntimeException ex)
            {
                errorLog.warn("{} threw; it runs again at its next beat", what, ex);
            }
            nextNs += periodNs;
            final long now = System.nanoTime();
            if (now - nextNs > periodNs)
            {
                nextNs = now + periodNs;
            }
            schedule();
        }

        /**
         * Stops the task. A run in progress on the housekeeping thread is waited for, so once this
         * returns the task's body is not running and never runs again. Idempotent.
         */
        public void cancel()
        {
            synchronized (this)
            {
                cancelled = true;
                if (pending != null)
                {
                    pending.cancel(false);
                }
            }
        }
    }
}
