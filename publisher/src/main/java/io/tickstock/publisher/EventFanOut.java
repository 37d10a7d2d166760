package io.tickstock.publisher;

import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.EpochClock;
import io.tickstock.core.LatencyMonitor;
import io.tickstock.core.StageLatency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The edge's consumer of the publish ring and its registry of clients. For each event it assigns
 * the next id, updates the snapshot table, encodes the event once and hands the same bytes to
 * every matching client; it hands the frames for each client it wrote to over to the client's event
 * loop once per batch (or every {@value #FLUSH_EVERY} events), to be written and flushed together.
 *
 * <p>One lock guards subscriptions, the client index and the snapshot table, so that a
 * subscription change and its ack and snapshot fall exactly between two events. The event
 * handler runs on the publish ring's edge thread; the client operations run on Netty's event
 * loops. Thread-safe.
 */
final class EventFanOut implements EventHandler<MarketEvent>
{
    private static final int SNAPSHOT_FRAME_BYTES = 64 * 1024;
    /** Events between two hand-overs to the event loops within one ring batch. */
    private static final int FLUSH_EVERY = 128;

    private final Object lock = new Object();
    private final ByteBufAllocator allocator;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final List<ClientSession> wildcard = new ArrayList<>();
    private final Map<String, List<ClientSession>> bySymbol = new HashMap<>();
    private final SnapshotTable snapshots = new SnapshotTable();
    private final List<ClientSession> dirty = new ArrayList<>();
    private final StageLatency publishToWrite;
    private final StageLatency endToEnd;
    private final EdgeConfig config;
    private final String epoch;
    private final EventHistory history;
    private final ClientSession.Totals totals = new ClientSession.Totals();
    private final ConnectionCounters connections = new ConnectionCounters();
    private volatile long lastId;
    private int subscribedClients;
    private int sinceFlush;

    EventFanOut(final EdgeConfig config, final String epoch, final ByteBufAllocator allocator, final LatencyMonitor latency)
    {
        this.publishToWrite = latency.stage(LatencyMonitor.PUBLISH_TO_WRITE, null);
        this.endToEnd = latency.stage(LatencyMonitor.END_TO_END, null);
        this.config = config;
        this.epoch = epoch;
        this.allocator = allocator;
        this.history = new EventHistory(config.historySize());
    }

    /** A new session for a connection whose handshake completed. */
    ClientSession newSession(final io.netty.channel.Channel channel)
    {
        return new ClientSession(channel, config.maxQueuedEvents(), config.slowConsumerCloseMs(), totals);
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        boolean delivered = false;
        synchronized (lock)
        {
            final long id = lastId + 1;
            lastId = id;
            snapshots.apply(event);
            final int bit = event.type.bit();
            ByteBuf shared = null;
            for (int i = 0, n = wildcard.size(); i < n; i++)
            {
                final ClientSession session = wildcard.get(i);
                if ((session.subscription.allMask() & bit) != 0)
                {
                    shared = deliver(session, shared, event, id);
                }
            }
            final List<ClientSession> named = bySymbol.get(event.symbol);
            if (named != null)
            {
                for (int i = 0, n = named.size(); i < n; i++)
                {
                    final ClientSession session = named.get(i);
                    if ((session.subscription.allMask() & bit) == 0 && (session.subscription.mask(event.symbol) & bit) != 0)
                    {
                        shared = deliver(session, shared, event, id);
                    }
                }
            }
            delivered = shared != null;
            if (config.historySize() > 0)
            {
                if (shared == null)
                {
                    shared = encode(event, id);
                }
                history.add(id, shared, event.type, event.symbol, event.tf);
            }
            if (shared != null)
            {
                shared.release();
            }
        }
        if (delivered && !event.derived)
        {
            publishToWrite.record((System.nanoTime() - event.publishNanos) / 1_000);
            endToEnd.record(EpochClock.micros() - event.recvUs);
        }
        // a long batch (a burst of bars) is handed over in slices, so its first events do not wait for its last
        if (endOfBatch || ++sinceFlush >= FLUSH_EVERY)
        {
            sinceFlush = 0;
            for (int i = 0, n = dirty.size(); i < n; i++)
            {
                dirty.get(i).flushIfDirty();
            }
            dirty.clear();
        }
    }

    private ByteBuf encode(final MarketEvent event, final long id)
    {
        final ByteBuf frame = allocator.directBuffer(384);
        frame.writeByte('[');
        EventJson.write(frame, event, id);
        frame.writeByte(']');
        return frame;
    }

    private ByteBuf deliver(final ClientSession session, final ByteBuf encoded, final MarketEvent event, final long id)
    {
        final ByteBuf shared = encoded == null ? encode(event, id) : encoded;
        if (session.deliver(shared, id, event.type, event.symbol, event.tf) && session.markDirty())
        {
            dirty.add(session);
        }
        return shared;
    }

    /** Registers a connection whose handshake completed and sends its welcome. Event loop thread. */
    void register(final ClientSession session)
    {
        connections.sessionOpened();
        synchronized (lock)
        {
            sessions.add(session);
            session.sendControl(new FrameWriter(allocator).welcome(config.serverName(), epoch, config).toFrame());
        }
    }

    void unregister(final ClientSession session)
    {
        synchronized (lock)
        {
            if (!sessions.remove(session))
            {
                return;
            }
            wildcard.remove(session);
            for (final String symbol : session.subscription.namedSymbols())
            {
                unindex(symbol, session);
            }
        }
        session.release();
    }

    /**
     * Applies a validated subscribe and queues its ack and snapshots on the client's event loop,
     * ordered exactly between the events before and after it.
     *
     * @return false when the op is refused whole; the op then holds the error code and message.
     */
    boolean subscribe(final ClientSession session, final ClientOp op)
    {
        synchronized (lock)
        {
            int added = 0;
            for (final String symbol : op.symbols)
            {
                if (!"*".equals(symbol) && !session.subscription.isNamed(symbol))
                {
                    added++;
                }
            }
            if (session.subscription.namedCount() + added > config.maxSymbols())
            {
                op.fail("too_many_symbols", "more than " + config.maxSymbols() + " symbols on one connection");
                return false;
            }
            if (op.hasResume && epoch.equals(op.resumeEpoch) && op.resumeId > lastId)
            {
                op.fail("bad_request", "resumeFrom.id " + op.resumeId + " is ahead of the newest event " + lastId);
                return false;
            }
            boolean allBecameActive = false;
            final List<String> newlyNamed = new ArrayList<>();
            for (final String symbol : op.symbols)
            {
                if ("*".equals(symbol))
                {
                    if (session.subscription.addAll(op.events))
                    {
                        allBecameActive = true;
                        wildcard.add(session);
                    }
                }
                else if (session.subscription.add(symbol, op.events))
                {
                    newlyNamed.add(symbol);
                    bySymbol.computeIfAbsent(symbol, k -> new ArrayList<>()).add(session);
                }
            }
            if (!session.subscribedOnce)
            {
                session.subscribedOnce = true;
                subscribedClients++;
                lock.notifyAll();
            }
            session.sendControl(new FrameWriter(allocator).ack(op.id, "subscribe", session.subscription).toFrame());
            if (op.hasResume)
            {
                resume(session, op);
            }
            else if (op.snapshot)
            {
                sendSnapshots(session, allBecameActive ? snapshots.symbols() : newlyNamed);
            }
            return true;
        }
    }

    /**
     * Replays from the history every event after the client's id that matches its subscription,
     * through the client's delivery queue; when the epoch differs or the id is no longer held,
     * a {@code gap} with reason {@code history} and a snapshot of every subscribed symbol instead.
     */
    private void resume(final ClientSession session, final ClientOp op)
    {
        final long newest = lastId;
        final boolean sameEpoch = epoch.equals(op.resumeEpoch);
        if (sameEpoch && (op.resumeId == newest || (config.historySize() > 0 && history.holdsAfter(op.resumeId))))
        {
            for (long id = op.resumeId + 1; id <= newest; id++)
            {
                if (session.subscription.matches(history.symbol(id), history.type(id)))
                {
                    session.replay(history.frame(id), id);
                }
            }
            return;
        }
        final long fromId = sameEpoch ? op.resumeId + 1 : 1;
        session.sendControl(new FrameWriter(allocator).gap("history", Math.max(0, newest - fromId + 1), fromId, newest).toFrame());
        final Set<String> subscribed = new HashSet<>();
        if (session.subscription.allMask() != 0)
        {
            subscribed.addAll(snapshots.symbols());
        }
        session.subscription.namedSymbols().forEach(subscribed::add);
        sendSnapshots(session, subscribed);
    }

    void unsubscribe(final ClientSession session, final ClientOp op)
    {
        synchronized (lock)
        {
            final Set<String> before = new HashSet<>();
            session.subscription.namedSymbols().forEach(before::add);
            for (final String symbol : op.symbols)
            {
                if ("*".equals(symbol))
                {
                    session.subscription.removeEverywhere(op.events);
                }
                else
                {
                    session.subscription.remove(symbol, op.events);
                }
            }
            for (final String symbol : before)
            {
                if (!session.subscription.isNamed(symbol))
                {
                    unindex(symbol, session);
                }
            }
            if (session.subscription.allMask() == 0)
            {
                wildcard.remove(session);
            }
            session.sendControl(new FrameWriter(allocator).ack(op.id, "unsubscribe", session.subscription).toFrame());
        }
    }

    /** Sends a control frame in order with the events. Any thread. */
    void sendControl(final ClientSession session, final TextWebSocketFrame frame)
    {
        synchronized (lock)
        {
            session.sendControl(frame);
        }
    }

    private void sendSnapshots(final ClientSession session, final Iterable<String> symbols)
    {
        final List<TextWebSocketFrame> frames = new ArrayList<>();
        snapshotFrames(symbols, frames);
        for (final TextWebSocketFrame frame : frames)
        {
            session.sendControl(frame);
        }
    }

    private void snapshotFrames(final Iterable<String> symbols, final List<TextWebSocketFrame> frames)
    {
        FrameWriter writer = null;
        for (final String symbol : symbols)
        {
            final SnapshotTable.State state = snapshots.get(symbol);
            if (state == null)
            {
                continue;
            }
            if (writer == null)
            {
                writer = new FrameWriter(allocator);
            }
            writer.snapshot(symbol, state);
            if (writer.size() >= SNAPSHOT_FRAME_BYTES)
            {
                frames.add(writer.toFrame());
                writer = null;
            }
        }
        if (writer != null)
        {
            frames.add(writer.toFrame());
        }
    }

    private void unindex(final String symbol, final ClientSession session)
    {
        final List<ClientSession> list = bySymbol.get(symbol);
        if (list != null)
        {
            list.remove(session);
            if (list.isEmpty())
            {
                bySymbol.remove(symbol);
            }
        }
    }

    /** The edge's connections: opened, upgraded to client sessions, closed. */
    ConnectionCounters connections()
    {
        return connections;
    }

    long lastId()
    {
        return lastId;
    }

    int clients()
    {
        synchronized (lock)
        {
            return sessions.size();
        }
    }

    long totalSent()
    {
        return totals.sent.get();
    }

    long totalConflated()
    {
        return totals.conflated.get();
    }

    long totalDropped()
    {
        return totals.dropped.get();
    }

    /**
     * Every connected client, for {@code /debug/clients}: the subscription read under the edge's
     * lock, then each client's counts under its own.
     */
    List<ClientView> clientViews()
    {
        final List<ClientSession> all;
        final int[] named;
        final int[] allMasks;
        final int[] unions;
        synchronized (lock)
        {
            all = new ArrayList<>(sessions);
            named = new int[all.size()];
            allMasks = new int[all.size()];
            unions = new int[all.size()];
            for (int i = 0; i < all.size(); i++)
            {
                final Subscription subscription = all.get(i).subscription;
                named[i] = subscription.namedCount();
                allMasks[i] = subscription.allMask();
                unions[i] = subscription.union();
            }
        }
        final List<ClientView> views = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++)
        {
            final ClientSession session = all.get(i);
            views.add(new ClientView(session.channel.id().asShortText(), ClientView.address(session.channel.remoteAddress()),
                session.connectedAtMs, named[i], allMasks[i] != 0, unions[i], session.counts(), session.isClosing()));
        }
        return views;
    }

    /** Every connected client's delivery counts. */
    List<ClientCounts> clientCounts()
    {
        final List<ClientSession> all;
        synchronized (lock)
        {
            all = new ArrayList<>(sessions);
        }
        final List<ClientCounts> counts = new ArrayList<>(all.size());
        for (final ClientSession session : all)
        {
            counts.add(session.counts());
        }
        return counts;
    }

    /** Releases the history's frames; after the publish ring has drained. */
    void releaseHistory()
    {
        synchronized (lock)
        {
            history.clear();
        }
    }


    /** Waits until {@code count} clients have subscribed at least once. */
    boolean awaitSubscribedClients(final int count, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock)
        {
            long left;
            while (subscribedClients < count && (left = deadline - System.nanoTime()) > 0)
            {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return subscribedClients >= count;
        }
    }

    /** Sends close 1001 to every client after what it is owed, and waits for them to close. */
    void closeAll(final long timeoutMs) throws InterruptedException
    {
        final List<ClientSession> all;
        synchronized (lock)
        {
            all = new ArrayList<>(sessions);
        }
        for (final ClientSession session : all)
        {
            session.channel.eventLoop().execute(() ->
            {
                session.flushAll();
                session.channel.writeAndFlush(new CloseWebSocketFrame(1001, "server shutting down"))
                    .addListener(ChannelFutureListener.CLOSE);
            });
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final ClientSession session : all)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0 || !session.channel.closeFuture().await(TimeUnit.NANOSECONDS.toMillis(left)))
            {
                session.channel.close();
            }
        }
    }
}
