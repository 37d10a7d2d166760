package io.tickstock.publisher.internal.fanout;

import io.netty.channel.Channel;
import io.tickstock.core.ring.WakeableWaitStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.concurrent.TimeUnit;

/**
 * How event loops and HTTP handlers reach the fan-out thread, the one writer of subscriptions,
 * client queues, the snapshot table and the history: a bounded many-to-one queue of commands that
 * the fan-out runs between two publish-ring batches (so each lands exactly between two events),
 * and a wake-up for a fan-out waiting on an idle ring.
 *
 * <p>Thread-safe: any number of submitters, one runner.
 */
final class FanOutCommands
{
    /** Commands the queue holds; past that a client op is refused (the connection closes with 1013). */
    static final int CAPACITY = 1 << 16;
    private static final long RETRY_MS = 1;

    private final ManyToOneConcurrentArrayQueue<Runnable> queue = new ManyToOneConcurrentArrayQueue<>(CAPACITY);
    private final WakeableWaitStrategy wakeup;
    private final Runnable whenStopped;

    /** @param whenStopped runs the queue on the submitter's thread while the fan-out's thread is not running. */
    FanOutCommands(final WakeableWaitStrategy wakeup, final Runnable whenStopped)
    {
        this.wakeup = wakeup;
        this.whenStopped = whenStopped;
    }

    /** Queues a command; false when the queue is full. Any thread. */
    boolean offer(final Runnable command)
    {
        if (!queue.offer(command))
        {
            return false;
        }
        wakeup.wake();
        whenStopped.run();
        return true;
    }

    /**
     * Queues a command that must not be lost (a connection's end, a snapshot written): when the
     * queue is full it tries again on the channel's event loop until it is taken.
     */
    void submitFromEventLoop(final Channel channel, final Runnable command)
    {
        if (!offer(command))
        {
            channel.eventLoop().schedule(() -> submitFromEventLoop(channel, command), RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    boolean isEmpty()
    {
        return queue.isEmpty();
    }

    /** Runs up to {@code limit} queued commands; the fan-out thread. */
    int run(final int limit)
    {
        return queue.drain(Runnable::run, limit);
    }
}
