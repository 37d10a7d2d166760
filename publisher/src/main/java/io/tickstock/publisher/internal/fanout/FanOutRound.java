package io.tickstock.publisher.internal.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out's work between two events, once per publish-ring batch (or slice of a long one, or
 * when the ring is idle and a command waits): run the queued commands, drain the clients with a
 * backlog whose sockets take writes, then hand each client touched since the last round its
 * frame with one flush ({@code edge.flushDelayUs} may hold a frame for later rounds, with a
 * timer to bring an idle fan-out back to it) and publish its counts and the totals.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class FanOutRound
{
    private static final int COMMANDS_PER_ROUND = 4_096;

    private final FanOutCommands commands;
    private final FanOutViews views;
    private final DeliveryTotals totals;
    private final long flushDelayNs;
    private final List<ClientSession> touched = new ArrayList<>();
    private final List<ClientSession> backlog = new ArrayList<>();
    private final Runnable flushTimer = () -> flushTimerArmed = false;
    private boolean flushTimerArmed;

    FanOutRound(final FanOutCommands commands, final FanOutViews views, final DeliveryTotals totals, final long flushDelayNs)
    {
        this.commands = commands;
        this.views = views;
        this.totals = totals;
        this.flushDelayNs = flushDelayNs;
    }

    /** The session was written to or changed: flush and publish it at the end of this round. */
    void touch(final ClientSession session)
    {
        if (!session.touched)
        {
            session.touched = true;
            touched.add(session);
        }
    }

    /** Between two events: commands, then drains, then one flush per client written to. */
    void run()
    {
        commands.run(COMMANDS_PER_ROUND);
        for (int i = 0; i < touched.size(); i++)
        {
            final ClientSession session = touched.get(i);
            if (session.hasBacklog() && !session.backlogged)
            {
                session.backlogged = true;
                backlog.add(session);
            }
        }
        for (int i = backlog.size() - 1; i >= 0; i--)
        {
            final ClientSession session = backlog.get(i);
            if (session.link.hasRoom())
            {
                session.drain(commands);
                touch(session);
            }
            if (!session.hasBacklog() || session.isClosing())
            {
                session.backlogged = false;
                backlog.set(i, backlog.get(backlog.size() - 1));
                backlog.remove(backlog.size() - 1);
            }
        }
        flushTouched();
        views.publishTotals(totals);
    }

    private void flushTouched()
    {
        final long now = flushDelayNs == 0 ? 0 : System.nanoTime();
        int waiting = 0;
        for (int i = 0, n = touched.size(); i < n; i++)
        {
            final ClientSession session = touched.get(i);
            session.publishCounts();
            if (flushDelayNs == 0 || session.link.flushDue(now, flushDelayNs) || session.isClosing())
            {
                session.touched = false;
                session.link.flush();
            }
            else
            {
                touched.set(waiting++, session);
            }
        }
        while (touched.size() > waiting)
        {
            touched.remove(touched.size() - 1);
        }
        if (waiting > 0 && !flushTimerArmed)
        {
            // an idle ring would not come back to these frames by itself
            flushTimerArmed = true;
            touched.get(0).channel.eventLoop().schedule(() -> commands.offer(flushTimer), flushDelayNs, TimeUnit.NANOSECONDS);
        }
    }
}
