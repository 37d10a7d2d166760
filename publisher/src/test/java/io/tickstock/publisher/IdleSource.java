package io.tickstock.publisher;

import io.tickstock.channels.FeedRecord;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;

import java.util.concurrent.CountDownLatch;

/**
 * A source that publishes nothing and returns when stopped: the edge's tests need no events. Public
 * for the tests of the other packages.
 */
public final class IdleSource implements Source<FeedRecord>
{
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public String name()
    {
        return "idle";
    }

    @Override
    public void run(final RecordSink<FeedRecord> sink) throws InterruptedException
    {
        stopped.await();
    }

    @Override
    public void stop()
    {
        stopped.countDown();
    }
}
