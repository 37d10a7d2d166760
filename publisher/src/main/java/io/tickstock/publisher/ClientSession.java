package io.tickstock.publisher;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickstock.channels.EventType;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection: its subscription and its delivery (PROTOCOL.md §2.4). Frames go
 * straight to the socket while it is writable and nothing waits; otherwise they wait in a bounded
 * queue in id order, where a newer {@code bar}, {@code fmv}, {@code trade} or {@code trend} for the
 * same (event, symbol, tf) replaces the older one (conflation). When the queue is full the oldest
 * conflatable event is dropped; when nothing conflatable is left to drop, a must-deliver event
 * ({@code high}, {@code low}, {@code surge}) cannot be held and the client is closed with 1013.
 *
 * <p>Each hole stays where it was made: an event taken out of the queue leaves its id with the
 * frame queued after it, and a {@code gap} goes out right before that frame, so a gap's
 * {@code fromId} is above the id of every event before it and its {@code toId} below the id of
 * every event after it.
 *
 * <p>Accounting: {@code matched = sent + conflated + dropped + queued}, exact at any time under the
 * session's lock.
 *
 * <p>Thread-safe: the fan-out thread delivers, the event loop drains; both under the session's
 * lock. The subscription is guarded by the edge's lock.
 */
final class ClientSession
{
    /** What delivery counts over all sessions. */
    static final class Totals
    {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong conflated = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
    }

    final Channel channel;
    final Subscription subscription = new Subscription();
    /** When the handshake completed, milliseconds since the epoch. */
    final long connectedAtMs = io.tickstock.core.EpochClock.millis();
    boolean subscribedOnce;
    volatile long lastSendNanos = System.nanoTime();

    private final int maxQueued;
    private final int slowConsumerCloseMs;
    private final Totals totals;
    /** The queued conflatable events by key, oldest first (a replaced event leaves; its successor joins at the end). */
    private final LinkedHashMap<ConflationKey, Outbound> conflatable = new LinkedHashMap<>();
    /** The holes after the newest queued frame: they go with the next frame queued. */
    private final Hole trailingHole = new Hole();
    private final Runnable drainTask = this::drain;
    /**
     * Frames the fan-out thread wrote in this batch (and control frames behind them), waiting for
     * one event loop task that writes them all and flushes once: a write from outside the event
     * loop would otherwise cost a task and a wake-up per frame.
     */
    private final java.util.ArrayDeque<WebSocketFrame> outbox = new java.util.ArrayDeque<>();
    private final Runnable outboxTask = this::writeOutbox;
    private boolean outboxScheduled;
    private long outboxBytes;
    private Outbound head;
    private Outbound tail;
    private int queuedEvents;
    /** Queued events replayed for {@code resumeFrom}: not counted against {@code maxQueued}. */
    private int replaying;
    private long matched;
    private long sent;
    private long conflated;
    private long dropped;
    private boolean dirty;
    private boolean closing;
    private boolean drainScheduled;

    ClientSession(final Channel channel, final int maxQueued, final int slowConsumerCloseMs, final Totals totals)
    {
        this.channel = channel;
        this.maxQueued = maxQueued;
        this.slowConsumerCloseMs = slowConsumerCloseMs;
        this.totals = totals;
    }

    /**
     * Delivers one event encoded as a frame's bytes (a JSON array of one message); keeps its own
     * reference to {@code frame}. Fan-out thread.
     *
     * @return whether the write went straight to the channel (flush it at the end of the batch).
     */
    synchronized boolean deliver(final ByteBuf frame, final long id, final EventType type, final String symbol, final String tf)
    {
        matched++;
        if (closing)
        {
            dropped++;
            totals.dropped.incrementAndGet();
            return false;
        }
        // the outbox counts against the channel's write buffer as if it were written already
        if (head == null && trailingHole.isEmpty() && outboxBytes + frame.readableBytes() <= channel.bytesBeforeUnwritable())
        {
            outbox.addLast(new TextWebSocketFrame(frame.retainedDuplicate()));
            outboxBytes += frame.readableBytes();
            sent++;
            totals.sent.incrementAndGet();
            lastSendNanos = System.nanoTime();
            return true;
        }
        final ConflationKey key = isConflatable(type) ? new ConflationKey(type, symbol, tf) : null;
        if (key != null)
        {
            final Outbound older = conflatable.remove(key);
            if (older != null)
            {
                conflated++;
                totals.conflated.incrementAndGet();
                removeLeavingHole(older, false);
            }
        }
        if (queuedEvents - replaying >= maxQueued && !dropOldestConflatable())
        {
            dropped++;
            totals.dropped.incrementAndGet();
            if (key != null)
            {
                trailingHole.add(id, true);
            }
            else
            {
                closeSlowConsumer();
            }
            return false;
        }
        final Outbound queued = new Outbound(id, frame.retainedDuplicate(), key);
        append(queued);
        if (key != null)
        {
            conflatable.put(key, queued);
        }
        queuedEvents++;
        return false;
    }

    /**
     * Queues one event replayed from the history for {@code resumeFrom}, behind everything already
     * submitted to this connection (the subscribe's ack included): replayed on the event loop, a
     * direct write would overtake those. Never conflated or dropped to make room, and not counted
     * against {@code maxQueued}; later events queue behind it. Keeps its own reference to
     * {@code frame}. Under the edge's lock.
     */
    synchronized void replay(final ByteBuf frame, final long id)
    {
        matched++;
        if (closing)
        {
            dropped++;
            totals.dropped.incrementAndGet();
            return;
        }
        final Outbound queued = new Outbound(id, frame.retainedDuplicate(), null);
        queued.replayed = true;
        append(queued);
        queuedEvents++;
        replaying++;
    }

    /**
     * Sends a control frame (ack, snapshot, error, pong, heartbeat, replay gap) in order with the
     * events: at once when nothing waits, else behind what waits. Never conflated or dropped.
     * Takes ownership of {@code frame}. Any thread.
     */
    synchronized void sendControl(final TextWebSocketFrame frame)
    {
        if (closing)
        {
            frame.release();
            return;
        }
        lastSendNanos = System.nanoTime();
        if (head == null && trailingHole.isEmpty())
        {
            outbox.addLast(frame);
            scheduleOutbox();
            return;
        }
        append(new Outbound(-1, frame.content(), null));
    }

    /** Hands what the fan-out wrote in this batch to the event loop, to be written and flushed at once. Fan-out thread. */
    void flushIfDirty()
    {
        if (dirty)
        {
            dirty = false;
            synchronized (this)
            {
                scheduleOutbox();
            }
        }
    }

    private void scheduleOutbox()
    {
        if (!outboxScheduled && !outbox.isEmpty())
        {
            outboxScheduled = true;
            channel.eventLoop().execute(outboxTask);
        }
    }

    private synchronized void writeOutbox()
    {
        outboxScheduled = false;
        if (writeOutboxFrames())
        {
            lastSendNanos = System.nanoTime();
            channel.flush();
        }
    }

    /** Writes the outbox without flushing; everything queued comes after it. Event loop, under the lock. */
    private boolean writeOutboxFrames()
    {
        boolean wrote = false;
        for (WebSocketFrame frame = outbox.pollFirst(); frame != null; frame = outbox.pollFirst())
        {
            channel.write(frame, channel.voidPromise());
            wrote = true;
        }
        outboxBytes = 0;
        return wrote;
    }

    /** Marks the channel as written to in this batch; returns whether it was not marked yet. Fan-out thread. */
    boolean markDirty()
    {
        if (dirty)
        {
            return false;
        }
        dirty = true;
        return true;
    }

    /** The channel became writable again: drain in order behind any writes already submitted. Event loop. */
    void onWritable()
    {
        scheduleDrain();
    }

    private void scheduleDrain()
    {
        if (!drainScheduled)
        {
            drainScheduled = true;
            channel.eventLoop().execute(drainTask);
        }
    }

    /** Queues a frame after the newest one; the holes made since that one go with it. */
    private void append(final Outbound queued)
    {
        if (!trailingHole.isEmpty())
        {
            queued.holeBefore().addAll(trailingHole);
            trailingHole.clear();
        }
        queued.prev = tail;
        if (tail == null)
        {
            head = queued;
            scheduleDrain();
        }
        else
        {
            tail.next = queued;
        }
        tail = queued;
    }

    /** Takes a queued event out (conflated or dropped); its id and the holes before it go with the frame after it. */
    private void removeLeavingHole(final Outbound removed, final boolean isDrop)
    {
        final Hole hole = removed.next == null ? trailingHole : removed.next.holeBefore();
        if (removed.holeBefore != null)
        {
            hole.addAll(removed.holeBefore);
        }
        hole.add(removed.id, isDrop);
        if (removed.prev == null)
        {
            head = removed.next;
        }
        else
        {
            removed.prev.next = removed.next;
        }
        if (removed.next == null)
        {
            tail = removed.prev;
        }
        else
        {
            removed.next.prev = removed.prev;
        }
        removed.prev = null;
        removed.next = null;
        removed.frame.release();
        queuedEvents--;
    }

    private Outbound pollHead()
    {
        final Outbound first = head;
        head = first.next;
        if (head == null)
        {
            tail = null;
        }
        else
        {
            head.prev = null;
        }
        first.next = null;
        if (first.key != null)
        {
            conflatable.remove(first.key);
        }
        return first;
    }

    private synchronized void drain()
    {
        drainScheduled = false;
        boolean wrote = writeOutboxFrames();
        while (!closing && head != null && channel.isWritable())
        {
            write(pollHead());
            wrote = true;
        }
        if (!closing && head == null && !trailingHole.isEmpty())
        {
            writeGap(trailingHole);
            wrote = true;
        }
        if (wrote)
        {
            lastSendNanos = System.nanoTime();
            channel.flush();
        }
    }

    /** Writes one queued frame, after the gap for the holes before it. Event loop, under the lock. */
    private void write(final Outbound next)
    {
        if (next.holeBefore != null && !next.holeBefore.isEmpty())
        {
            writeGap(next.holeBefore);
        }
        channel.write(new TextWebSocketFrame(next.frame), channel.voidPromise());
        if (next.isEvent())
        {
            if (next.replayed)
            {
                replaying--;
            }
            queuedEvents--;
            sent++;
            totals.sent.incrementAndGet();
        }
    }

    private void writeGap(final Hole hole)
    {
        channel.write(new FrameWriter(channel.alloc()).gap(hole.dropped ? "dropped" : "conflated", hole.count, hole.from, hole.to).toFrame(),
            channel.voidPromise());
        hole.clear();
    }

    private boolean dropOldestConflatable()
    {
        final Iterator<Outbound> oldest = conflatable.values().iterator();
        if (!oldest.hasNext())
        {
            return false;
        }
        final Outbound victim = oldest.next();
        oldest.remove();
        dropped++;
        totals.dropped.incrementAndGet();
        removeLeavingHole(victim, true);
        return true;
    }

    /** Must-deliver events could not be held: drop everything queued and close with 1013. */
    private void closeSlowConsumer()
    {
        closing = true;
        discardQueued();
        channel.eventLoop().execute(() ->
        {
            synchronized (this)
            {
                writeOutboxFrames();
            }
            channel.writeAndFlush(new CloseWebSocketFrame(1013, "slow consumer: must-deliver events overflowed"));
            channel.eventLoop().schedule(() -> channel.close(), slowConsumerCloseMs, TimeUnit.MILLISECONDS);
        });
    }

    /** Releases every queued frame, counting the events as dropped. */
    private void discardQueued()
    {
        for (Outbound queued = head; queued != null; queued = queued.next)
        {
            queued.frame.release();
            if (queued.isEvent())
            {
                dropped++;
                totals.dropped.incrementAndGet();
            }
        }
        head = null;
        tail = null;
        conflatable.clear();
        trailingHole.clear();
        queuedEvents = 0;
        replaying = 0;
    }

    /** Writes everything queued regardless of writability, with its gaps, for shutdown. Event loop. */
    synchronized void flushAll()
    {
        writeOutboxFrames();
        while (head != null)
        {
            write(pollHead());
        }
        if (!trailingHole.isEmpty())
        {
            writeGap(trailingHole);
        }
        channel.flush();
    }

    /** Releases what is queued once the connection is gone; counts queued events as dropped. */
    synchronized void release()
    {
        for (WebSocketFrame frame = outbox.pollFirst(); frame != null; frame = outbox.pollFirst())
        {
            frame.release();
        }
        outboxBytes = 0;
        discardQueued();
        closing = true;
    }

    /** A consistent copy of the delivery counts. */
    synchronized ClientCounts counts()
    {
        return new ClientCounts(matched, sent, conflated, dropped, queuedEvents);
    }

    synchronized boolean isClosing()
    {
        return closing;
    }

    static boolean isConflatable(final EventType type)
    {
        return type == EventType.BAR || type == EventType.FMV || type == EventType.TRADE || type == EventType.TREND;
    }

    /** A queued frame, an event (with its id) or a control message (id -1), linked in queue order. */
    private static final class Outbound
    {
        final long id;
        final ByteBuf frame;
        final ConflationKey key;
        /** Replayed for {@code resumeFrom}: never conflated or dropped to make room. */
        boolean replayed;
        Outbound prev;
        Outbound next;
        /** The events taken out of the queue between the frame before this one and this one. */
        Hole holeBefore;

        Outbound(final long id, final ByteBuf frame, final ConflationKey key)
        {
            this.id = id;
            this.frame = frame;
            this.key = key;
        }

        boolean isEvent()
        {
            return id > 0;
        }

        Hole holeBefore()
        {
            if (holeBefore == null)
            {
                holeBefore = new Hole();
            }
            return holeBefore;
        }
    }

    /** Events taken out of the queue at one place in it: how many, the lowest and highest id, whether any was dropped. */
    private static final class Hole
    {
        long count;
        long from = Long.MAX_VALUE;
        long to;
        boolean dropped;

        boolean isEmpty()
        {
            return count == 0;
        }

        void add(final long id, final boolean isDrop)
        {
            count++;
            from = Math.min(from, id);
            to = Math.max(to, id);
            dropped |= isDrop;
        }

        void addAll(final Hole other)
        {
            count += other.count;
            from = Math.min(from, other.from);
            to = Math.max(to, other.to);
            dropped |= other.dropped;
        }

        void clear()
        {
            count = 0;
            from = Long.MAX_VALUE;
            to = 0;
            dropped = false;
        }
    }

    /** Conflation key: one queued event per (event type, symbol, tf). */
    private record ConflationKey(EventType type, String symbol, String tf)
    {
        ConflationKey
        {
            Objects.requireNonNull(type);
        }
    }
}
