package io.tickstock.benchmarks;

import io.tickstock.channels.FeedRecord;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A source whose thread hands its sink (the router) to the benchmark thread and parks until
 * stopped: the benchmark thread then publishes as the one source thread. Thread-safe.
 */
final class HeldSource implements Source<FeedRecord>
{
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile RecordSink<FeedRecord> sink;
    private volatile boolean stopped;
    private volatile Thread thread;

    @Override
    public String name()
    {
        return "bench";
    }

    @Override
    public void run(final RecordSink<FeedRecord> recordSink)
    {
        thread = Thread.currentThread();
        sink = recordSink;
        ready.countDown();
        while (!stopped)
        {
            LockSupport.park(this);
        }
    }

    @Override
    public void stop()
    {
        stopped = true;
        final Thread parked = thread;
        if (parked != null)
        {
            LockSupport.unpark(parked);
        }
    }

    RecordSink<FeedRecord> awaitSink() throws InterruptedException
    {
        if (!ready.await(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("the source thread did not start");
        }
        return sink;
    }
}
