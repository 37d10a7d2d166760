package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.internal.fanout.store.SnapshotCopy;
import io.tickstock.publisher.internal.fanout.store.DeliveredEvent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.tickstock.channels.EventType;
import io.tickstock.publisher.ClientCounts;
import io.tickstock.publisher.internal.wire.FrameWriter;

/**
 * One WebSocket connection's delivery (docs/protocol.md §2.4), owned by the fan-out thread. Events
 * go straight into this batch's frame while the socket takes writes and nothing waits; otherwise
 * they wait in a bounded queue in id order, where a newer {@code bar}, {@code fmv}, {@code trade}
 * or {@code trend} for the same (event, symbol, tf) replaces the older one (conflation). When the
 * queue is full the oldest conflatable event is dropped; when nothing conflatable is left to drop,
 * a must-deliver event ({@code high}, {@code low}, {@code surge}) cannot be held and the client is
 * closed with 1013.
 *
 * <p>Each hole stays where it was made: an event taken out of the queue leaves its id with the
 * entry queued after it, and a {@code gap} goes out right before that entry, so a gap's
 * {@code fromId} is above the id of every event before it and its {@code toId} below the id of
 * every event after it.
 *
 * <p>Accounting: {@code matched = sent + conflated + dropped + queued}, exact at any time on the
 * fan-out thread and in every copy {@link #counts()} reads.
 *
 * <p>Outside this package a session is only a handle: its connection's handler passes it back to
 * {@link FanOutClients}.
 *
 * <p>Not thread-safe: owned by the fan-out thread; other threads read only {@link #counts()} and
 * the {@code view*} fields it publishes.
 */
public final class ClientSession
{
    final Channel channel;
    final ClientLink link;
    final Subscription subscription = new Subscription();
    /** When the handshake completed, milliseconds since the epoch. */
    final long connectedAtMs = io.tickstock.core.EpochClock.millis();

    /** Published for other threads: the subscription's shape and whether the connection is closing. */
    volatile int viewNamed;
    volatile int viewAllMask;
    volatile int viewUnion;
    volatile boolean viewClosing;

    boolean registered;
    boolean subscribedOnce;
    /**
     * A resume from an id this node had not reached yet (a node following another's stream): the
     * events up to it are not this client's. 0 otherwise.
     */
    long resumesAfter;
    /** In the fan-out's list of sessions touched in this batch (to flush and publish). */
    boolean touched;
    /** In the fan-out's list of sessions with something queued (to drain when the socket takes writes). */
    boolean backlogged;
    long lastSendNanos = System.nanoTime();

    private final int maxQueued;
    private final int slowConsumerCloseMs;
    private final DeliveryTotals totals;
    private final PublishedCounts published = new PublishedCounts();
    private final DeliveryQueue queue = new DeliveryQueue();
    private int queuedEvents;
    /** Queued events replayed for {@code resumeFrom}: not counted against {@code maxQueued}. */
    private int replaying;
    /** A snapshot is being encoded on the event loop: everything else waits behind it. */
    private boolean snapshotPending;
    /** Snapshots queued or being encoded: events that come meanwhile wait behind them unconflated. */
    private int snapshotsAhead;
    private boolean closing;
    private long matched;
    private long sent;
    private long conflated;
    private long dropped;

    ClientSession(final Channel channel, final ClientLink link, final int maxQueued, final int slowConsumerCloseMs,
        final DeliveryTotals totals)
    {
        this.channel = channel;
        this.totals = totals;
        this.link = link;
        this.maxQueued = maxQueued;
        this.slowConsumerCloseMs = slowConsumerCloseMs;
    }

    /**
     * Delivers one event: its bytes go into this batch's frame, or a buffer of their own is queued.
     *
     * @return whether the client was closed with 1013 by this event.
     */
    boolean deliver(final DeliveredEvent delivered, final long key)
    {
        final ByteBuf event = delivered.bytes();
        final long id = delivered.id();
        if (id <= resumesAfter)
        {
            return false;  // the client had it from the node it moved from
        }
        matched++;
        if (closing)
        {
            dropped++;
            totals.dropped++;
            return false;
        }
        if (queue.isEmpty() && !snapshotPending && link.fits(event.readableBytes()))
        {
            link.appendEvent(event);
            sent++;
            totals.sent++;
            lastSendNanos = System.nanoTime();
            return false;
        }
        if (snapshotsAhead > 0)
        {
            // the client is not slow, its snapshot is being made: hold its events as a replay is held
            hold(delivered.retained(), id);
            return false;
        }
        if (key != Outbound.NO_KEY)
        {
            final Outbound older = queue.conflate(key);
            if (older != null)
            {
                conflated++;
                totals.conflated++;
                taken(older);
            }
        }
        if (queuedEvents - replaying >= maxQueued && !dropOldestConflatable())
        {
            dropped++;
            totals.dropped++;
            if (key != Outbound.NO_KEY)
            {
                queue.trailingHole.add(id, true);
                return false;
            }
            closeSlowConsumer();
            return true;
        }
        queue.append(Outbound.event(id, delivered.retained(), key));
        queuedEvents++;
        return false;
    }

    /**
     * Queues one event replayed from the history for {@code resumeFrom}, behind everything already
     * sent or queued for this connection (its subscribe's ack included). Never conflated or dropped
     * to make room, and not counted against {@code maxQueued}; later events queue behind it. Events
     * that come while a snapshot is being made for the client are held the same way. Takes
     * {@code event}'s reference.
     */
    void replay(final ByteBuf event, final long id)
    {
        matched++;
        if (closing)
        {
            event.release();
            dropped++;
            totals.dropped++;
            return;
        }
        hold(event, id);
    }

    /**
     * Queues an event that is never conflated or dropped to make room, and not counted against
     * {@code maxQueued}; takes {@code event}'s reference.
     */
    private void hold(final ByteBuf event, final long id)
    {
        final Outbound queued = Outbound.event(id, event, Outbound.NO_KEY);
        queued.replayed = true;
        queue.append(queued);
        queuedEvents++;
        replaying++;
    }

    /**
     * Sends a control frame (ack, error, pong, heartbeat, replay gap) in order with the events: at
     * once when nothing waits, else behind what waits. Never conflated or dropped. Takes
     * ownership of {@code frame}, the frame's whole JSON array.
     */
    void control(final ByteBuf frame)
    {
        if (closing)
        {
            frame.release();
            return;
        }
        lastSendNanos = System.nanoTime();
        if (queue.isEmpty() && !snapshotPending)
        {
            link.writeControl(frame);
            return;
        }
        queue.append(Outbound.control(frame));
    }

    /** Queues snapshots to be encoded from {@code copy} once everything before them has gone out. */
    void snapshot(final SnapshotCopy copy)
    {
        if (!closing && copy.size() > 0)
        {
            queue.append(Outbound.snapshot(copy));
            snapshotsAhead++;
        }
    }

    /** Whether anything waits: queued entries, a gap still to send, or a snapshot being encoded. */
    boolean hasBacklog()
    {
        return !queue.isEmpty() || snapshotPending;
    }

    /**
     * Moves what waits into this batch's frames while the socket takes writes. A snapshot entry
     * is handed to the event loop to encode; nothing after it moves until {@link #snapshotWritten()}.
     *
     * @param commands where the event loop reports the snapshot written.
     */
    void drain(final FanOutCommands commands)
    {
        while (!closing && !snapshotPending && queue.head() != null && link.hasRoom())
        {
            final Outbound next = queue.poll();
            if (next.kind == Outbound.SNAPSHOT)
            {
                writeGapBefore(next);
                snapshotPending = true;
                link.flush();
                final SnapshotCopy copy = next.snapshot;
                channel.eventLoop().execute(() -> copy.writeTo(channel, () -> commands.submitFromEventLoop(channel, this::snapshotWritten)));
            }
            else
            {
                write(next);
            }
            lastSendNanos = System.nanoTime();
        }
        if (!closing && !snapshotPending && queue.head() == null && !queue.trailingHole.isEmpty() && link.hasRoom())
        {
            writeGap(queue.trailingHole);
        }
    }

    /** Moves a queued event or control frame into this round's frames, after the gap before it. */
    private void write(final Outbound next)
    {
        writeGapBefore(next);
        if (next.kind == Outbound.CONTROL)
        {
            link.writeControl(next.bytes);
            return;
        }
        link.appendEvent(next.bytes);
        next.release();
        if (next.replayed)
        {
            replaying--;
        }
        queuedEvents--;
        sent++;
        totals.sent++;
    }

    private void writeGapBefore(final Outbound next)
    {
        if (next.holeBefore != null && !next.holeBefore.isEmpty())
        {
            writeGap(next.holeBefore);
        }
    }

    /** The event loop wrote the snapshot: what waited behind it may go. */
    void snapshotWritten()
    {
        snapshotPending = false;
        snapshotsAhead--;
    }

    /** Must-deliver events could not be held: drop everything queued and close with 1013. */
    private void closeSlowConsumer()
    {
        close(1013, "slow consumer: must-deliver events overflowed");
    }

    /** Closes after what the socket holds; everything queued is dropped. */
    void close(final int code, final String reason)
    {
        if (closing)
        {
            return;
        }
        closing = true;
        viewClosing = true;
        discardQueued();
        link.close(code, reason, slowConsumerCloseMs);
    }

    /** Writes everything queued regardless of writability, with its gaps, for shutdown (the snapshot too). */
    void flushAll()
    {
        while (queue.head() != null)
        {
            final Outbound next = queue.poll();
            if (next.kind == Outbound.SNAPSHOT)
            {
                writeGapBefore(next);
                link.flush();
                next.snapshot.writeAll(channel);
                snapshotsAhead--;
            }
            else
            {
                write(next);
            }
        }
        if (!queue.trailingHole.isEmpty())
        {
            writeGap(queue.trailingHole);
        }
        link.flush();
    }

    /** The connection is gone: releases what is queued, counting queued events as dropped. */
    void release()
    {
        closing = true;
        viewClosing = true;
        discardQueued();
        link.discard();
    }

    /** Publishes the counts for other threads: a consistent copy. */
    void publishCounts()
    {
        published.publish(matched, sent, conflated, dropped, queuedEvents);
    }

    /** A consistent copy of the delivery counts as last published. Any thread. */
    ClientCounts counts()
    {
        return published.read();
    }

    boolean isClosing()
    {
        return closing;
    }

    static boolean isConflatable(final EventType type)
    {
        return type == EventType.BAR || type == EventType.FMV || type == EventType.TRADE || type == EventType.TREND;
    }

    /** A queued event was taken out (conflated or dropped): it no longer waits. */
    private void taken(final Outbound event)
    {
        event.release();
        queuedEvents--;
    }

    private void writeGap(final Hole hole)
    {
        link.writeControl(new FrameWriter(channel.alloc()).gap(hole.dropped ? "dropped" : "conflated", hole.count, hole.from, hole.to)
            .toFrame().content());
        hole.clear();
    }

    private boolean dropOldestConflatable()
    {
        final Outbound victim = queue.dropOldestConflatable();
        if (victim == null)
        {
            return false;
        }
        dropped++;
        totals.dropped++;
        taken(victim);
        return true;
    }

    /** Releases every queued entry, counting the events as dropped. */
    private void discardQueued()
    {
        for (Outbound queued = queue.head(); queued != null; queued = queued.next)
        {
            queued.release();
            if (queued.isEvent())
            {
                dropped++;
                totals.dropped++;
            }
        }
        queue.clear();
        queuedEvents = 0;
        replaying = 0;
        snapshotsAhead = snapshotPending ? 1 : 0;
    }
}
