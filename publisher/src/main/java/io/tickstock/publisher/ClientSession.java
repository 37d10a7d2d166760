package io.tickstock.publisher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickstock.channels.EventType;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection: its subscription and its delivery (PROTOCOL.md §2.4). Frames go
 * straight to the socket while it is writable and nothing waits; otherwise they wait in a bounded
 * queue in id order, where a newer {@code bar}, {@code fmv}, {@code trade} or {@code trend} for the
 * same (event, symbol, tf) replaces the older one (conflation). When the queue is full the oldest
 * conflatable event is dropped; when nothing conflatable is left to drop, a must-deliver event
 * ({@code high}, {@code low}, {@code surge}) cannot be held and the client is closed with 1013. A
 * {@code gap} goes out before the next message that follows any hole.
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
    boolean subscribedOnce;
    volatile long lastSendNanos = System.nanoTime();

    private final int maxQueued;
    private final int slowConsumerCloseMs;
    private final Totals totals;
    private final LinkedHashMap<Object, Outbound> queue = new LinkedHashMap<>();
    private final Runnable drainTask = this::drain;
    private int queuedEvents;
    private long matched;
    private long sent;
    private long conflated;
    private long dropped;
    private long holeCount;
    private long holeFrom = Long.MAX_VALUE;
    private long holeTo;
    private boolean holeDropped;
    private boolean dirty;
    private boolean closing;
    private boolean drainScheduled;
    private long controlKeys;

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
        if (queue.isEmpty() && holeCount == 0 && channel.isWritable())
        {
            channel.write(new TextWebSocketFrame(frame.retainedDuplicate()), channel.voidPromise());
            sent++;
            totals.sent.incrementAndGet();
            lastSendNanos = System.nanoTime();
            return true;
        }
        final boolean conflatable = isConflatable(type);
        final Object key = conflatable ? new ConflationKey(type, symbol, tf) : Long.valueOf(id);
        if (conflatable)
        {
            final Outbound older = queue.remove(key);
            if (older != null)
            {
                older.frame.release();
                queuedEvents--;
                conflated++;
                totals.conflated.incrementAndGet();
                hole(older.id, false);
            }
        }
        if (queuedEvents >= maxQueued && !dropOldestConflatable())
        {
            if (conflatable)
            {
                dropped++;
                totals.dropped.incrementAndGet();
                hole(id, true);
                return false;
            }
            closeSlowConsumer();
            dropped++;
            totals.dropped.incrementAndGet();
            return false;
        }
        final boolean wasEmpty = queue.isEmpty();
        queue.put(key, new Outbound(id, frame.retainedDuplicate(), false));
        queuedEvents++;
        if (wasEmpty)
        {
            scheduleDrain();
        }
        return false;
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
        if (queue.isEmpty() && holeCount == 0)
        {
            channel.eventLoop().execute(() -> channel.writeAndFlush(frame, channel.voidPromise()));
            return;
        }
        final boolean wasEmpty = queue.isEmpty();
        queue.put(new ControlKey(controlKeys++), new Outbound(-1, frame.content(), true));
        if (wasEmpty)
        {
            scheduleDrain();
        }
    }

    /** Flushes what the fan-out wrote straight to the channel in this batch. Fan-out thread. */
    void flushIfDirty()
    {
        if (dirty)
        {
            dirty = false;
            channel.flush();
        }
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

    private synchronized void drain()
    {
        drainScheduled = false;
        boolean wrote = false;
        final Iterator<Outbound> pending = queue.values().iterator();
        while (!closing && pending.hasNext() && channel.isWritable())
        {
            final Outbound next = pending.next();
            pending.remove();
            if (holeCount > 0)
            {
                channel.write(new FrameWriter(channel.alloc())
                    .gap(holeDropped ? "dropped" : "conflated", holeCount, holeFrom, holeTo).toFrame(), channel.voidPromise());
                holeCount = 0;
                holeFrom = Long.MAX_VALUE;
                holeTo = 0;
                holeDropped = false;
            }
            channel.write(new TextWebSocketFrame(next.frame), channel.voidPromise());
            wrote = true;
            if (!next.control)
            {
                queuedEvents--;
                sent++;
                totals.sent.incrementAndGet();
            }
        }
        if (wrote)
        {
            lastSendNanos = System.nanoTime();
            channel.flush();
        }
    }

    private boolean dropOldestConflatable()
    {
        final Iterator<Map.Entry<Object, Outbound>> pending = queue.entrySet().iterator();
        while (pending.hasNext())
        {
            final Map.Entry<Object, Outbound> entry = pending.next();
            if (entry.getKey() instanceof ConflationKey)
            {
                pending.remove();
                entry.getValue().frame.release();
                queuedEvents--;
                dropped++;
                totals.dropped.incrementAndGet();
                hole(entry.getValue().id, true);
                return true;
            }
        }
        return false;
    }

    /** Must-deliver events could not be held: drop everything queued and close with 1013. */
    private void closeSlowConsumer()
    {
        closing = true;
        for (final Outbound pending : queue.values())
        {
            pending.frame.release();
            if (!pending.control)
            {
                dropped++;
                totals.dropped.incrementAndGet();
            }
        }
        queue.clear();
        queuedEvents = 0;
        channel.eventLoop().execute(() ->
        {
            channel.writeAndFlush(new CloseWebSocketFrame(1013, "slow consumer: must-deliver events overflowed"));
            channel.eventLoop().schedule(() -> channel.close(), slowConsumerCloseMs, TimeUnit.MILLISECONDS);
        });
    }

    /** Writes everything queued regardless of writability, for shutdown. Event loop. */
    synchronized void flushAll()
    {
        for (final Outbound pending : queue.values())
        {
            channel.write(new TextWebSocketFrame(pending.frame), channel.voidPromise());
            if (!pending.control)
            {
                sent++;
                totals.sent.incrementAndGet();
            }
        }
        queue.clear();
        queuedEvents = 0;
        channel.flush();
    }

    /** Releases what is queued once the connection is gone; counts queued events as dropped. */
    synchronized void release()
    {
        for (final Outbound pending : queue.values())
        {
            pending.frame.release();
            if (!pending.control)
            {
                dropped++;
                totals.dropped.incrementAndGet();
            }
        }
        queue.clear();
        queuedEvents = 0;
        closing = true;
    }

    private void hole(final long id, final boolean isDrop)
    {
        holeCount++;
        holeFrom = Math.min(holeFrom, id);
        holeTo = Math.max(holeTo, id);
        holeDropped |= isDrop;
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

    /** A queued frame: an event (with its id) or a control message. */
    private record Outbound(long id, ByteBuf frame, boolean control)
    {
    }

    /** Conflation key: one queued event per (event type, symbol, tf). */
    private record ConflationKey(EventType type, String symbol, String tf)
    {
        ConflationKey
        {
            Objects.requireNonNull(type);
        }
    }

    private record ControlKey(long sequence)
    {
    }

    static ByteBufAllocator allocator(final Channel channel)
    {
        return channel.alloc();
    }
}
