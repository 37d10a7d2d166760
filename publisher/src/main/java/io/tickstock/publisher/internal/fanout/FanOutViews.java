package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.ClientCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fan-out publishes for every other thread ({@code /health}, {@code /metrics},
 * {@code /debug/clients}, the Java API): delivery totals and the newest id (ordered stores once a
 * round), the connected sessions (an array replaced on connect and disconnect), and through them
 * each session's subscription shape and counts. Readers never wait for the fan-out, and the
 * fan-out never waits for them.
 *
 * <p>Thread-safe: the fan-out thread publishes, any thread reads.
 */
public final class FanOutViews
{
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong conflated = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastId = new AtomicLong();
    private final Object subscribedLock = new Object();
    private volatile ClientSession[] sessions = new ClientSession[0];
    private int subscribedClients;

    // ---- the fan-out thread ----

    void publishLastId(final long id)
    {
        lastId.lazySet(id);
    }

    void publishTotals(final DeliveryTotals totals)
    {
        sent.lazySet(totals.sent);
        conflated.lazySet(totals.conflated);
        dropped.lazySet(totals.dropped);
    }

    void publishSessions(final List<ClientSession> connected)
    {
        sessions = connected.toArray(new ClientSession[0]);
    }

    /** A client's first accepted subscribe. */
    void subscribedOnce()
    {
        synchronized (subscribedLock)
        {
            subscribedClients++;
            subscribedLock.notifyAll();
        }
    }

    // ---- any thread ----

    public long lastId()
    {
        return lastId.get();
    }

    public int clients()
    {
        return sessions.length;
    }

    public long totalSent()
    {
        return sent.get();
    }

    public long totalConflated()
    {
        return conflated.get();
    }

    public long totalDropped()
    {
        return dropped.get();
    }

    /** Every connected client, for {@code /debug/clients}, each as last published. */
    public List<ClientView> clientViews()
    {
        final ClientSession[] all = sessions;
        final List<ClientView> views = new ArrayList<>(all.length);
        for (final ClientSession session : all)
        {
            views.add(new ClientView(session.channel.id().asShortText(), ClientView.address(session.channel.remoteAddress()),
                session.connectedAtMs, session.viewNamed, session.viewAllMask != 0, session.viewUnion, session.counts(),
                session.viewClosing));
        }
        return views;
    }

    /** Every connected client's delivery counts, each a consistent copy. */
    public List<ClientCounts> clientCounts()
    {
        final ClientSession[] all = sessions;
        final List<ClientCounts> counts = new ArrayList<>(all.length);
        for (final ClientSession session : all)
        {
            counts.add(session.counts());
        }
        return counts;
    }

    /** Waits until {@code count} clients have subscribed at least once. */
    public boolean awaitSubscribedClients(final int count, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (subscribedLock)
        {
            long left;
            while (subscribedClients < count && (left = deadline - System.nanoTime()) > 0)
            {
                TimeUnit.NANOSECONDS.timedWait(subscribedLock, left);
            }
            return subscribedClients >= count;
        }
    }
}
