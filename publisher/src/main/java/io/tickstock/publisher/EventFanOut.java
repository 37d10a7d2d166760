package io.tickstock.publisher;

import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.EpochClock;
import io.tickstock.core.LatencyMonitor;
import io.tickstock.core.StageLatency;
import io.tickstock.core.WakeableWaitStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The edge's consumer of the publish ring, and the one writer of everything the event path
 * touches: subscriptions, client queues, the snapshot table and the history. For each event it
 * assigns the next id, updates the snapshot table, encodes the event once and adds the same bytes
 * to every matching client's frame for this batch; at the end of each batch (or every {@value
 * #SLICE} events of a long one) it runs the commands the event loops queued (connects,
 * subscriptions, pings, closes), drains the queues of clients whose sockets take writes again, and
 * hands each client's frame to its event loop with one flush.
 *
 * <p>Other threads never wait for it: they queue {@link FanOutCommands} and read what it publishes
 * (totals, the newest id, each client's counts and subscription shape).
 *
 * <p>Not thread-safe: owned by the publish ring's edge thread; the methods marked "any thread" read
 * published copies.
 */
final class EventFanOut implements EventHandler<MarketEvent>
{
    /** Events between two rounds of commands, drains and flushes within one long ring batch. */
    static final int SLICE = 128;

    private final EdgeConfig config;
    private final String epoch;
    private final ByteBufAllocator allocator;
    private final StageLatency publishToWrite;
    private final StageLatency endToEnd;
    private final StageLatency clientOp;
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final SnapshotTable snapshots = new SnapshotTable();
    private final EventHistory history;
    private final ClientOps ops;
    private final FanOutCommands commands;
    private final WakeableWaitStrategy wakeup;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final DeliveryTotals totals = new DeliveryTotals();
    private final FanOutViews views = new FanOutViews();
    private final Runnable heartbeats = this::heartbeats;
    private final FanOutRound round;
    private final Object stoppedLock = new Object();
    private volatile boolean running;
    private long lastId;
    private int sinceRound;
    private boolean inRound;

    EventFanOut(final EdgeConfig config, final String epoch, final ByteBufAllocator allocator, final LatencyMonitor latency,
        final WakeableWaitStrategy wakeup)
    {
        this.publishToWrite = latency.stage(LatencyMonitor.PUBLISH_TO_WRITE, null);
        this.endToEnd = latency.stage(LatencyMonitor.END_TO_END, null);
        this.clientOp = latency.stage(LatencyMonitor.CLIENT_OP, null);
        this.config = config;
        this.epoch = epoch;
        this.allocator = allocator;
        this.history = new EventHistory(config.historySize());
        this.wakeup = wakeup;
        this.commands = new FanOutCommands(wakeup, this::runIfStopped);
        this.ops = new ClientOps(config, epoch, allocator, index, snapshots, history);
        this.round = new FanOutRound(commands, views, totals, TimeUnit.MICROSECONDS.toNanos(config.flushDelayUs()));
    }

    /** A new session for a connection whose handshake completed. Its event loop. */
    ClientSession newSession(final Channel channel)
    {
        final ClientLink link = new ClientLink(channel, !config.compression(), config.maxBatchFrameBytes());
        return new ClientSession(channel, link, config.maxQueuedEvents(), config.slowConsumerCloseMs(), totals);
    }

    @Override
    public void onStart()
    {
        wakeup.watch(() -> !commands.isEmpty());
        synchronized (stoppedLock)
        {
            running = true;
        }
    }

    @Override
    public void onShutdown()
    {
        synchronized (stoppedLock)
        {
            round();
            running = false;
        }
    }

    /**
     * Before the publish ring starts and after it stopped there are no events, and whoever queues a
     * command runs the queue (one at a time, under a lock that the fan-out thread takes only when
     * it starts and stops): clients are still answered, and there is still one writer.
     */
    private void runIfStopped()
    {
        if (!running)
        {
            synchronized (stoppedLock)
            {
                // a write inside a round can call back here on the same thread (a writability
                // change): the command waits for the next round (a heartbeat round at the latest)
                if (!running && !inRound)
                {
                    round();
                }
            }
        }
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        final long id = lastId + 1;
        snapshots.apply(event, index.symbols.idOf(event.symbol));
        final ByteBuf encoded = encode(event, id);
        final boolean delivered = publish(id, event.type, event.symbol, event.tf, encoded);
        encoded.release();
        if (delivered && !event.derived)
        {
            publishToWrite.record((System.nanoTime() - event.publishNanos) / 1_000);
            endToEnd.record(EpochClock.micros() - event.recvUs);
        }
        if (endOfBatch || ++sinceRound >= SLICE)
        {
            round();
        }
    }

    /** The ring is idle and a command waits: run it. */
    @Override
    public void onTimeout(final long sequence)
    {
        round();
    }

    /**
     * The fan-out's input: the next event of an ordered stream, already encoded (its JSON object)
     * with its id. The local publish ring feeds it through {@link #onEvent}, which also keeps the
     * snapshot table; a stream from another node would feed it the same way, ending each of its
     * batches with {@link #endOfBatch()}. The first id may be any id (a stream joined mid-epoch);
     * after it, ids go up by one. Does not take {@code encoded}'s reference.
     *
     * @return whether any client matched.
     * @throws IllegalArgumentException if {@code id} is not the next id: the event is not delivered.
     */
    boolean publish(final long id, final EventType type, final String symbol, final String tf, final ByteBuf encoded)
    {
        if (lastId != 0 && id != lastId + 1 || id < 1)
        {
            throw new IllegalArgumentException("event id " + id + " where " + (lastId + 1) + " was next");
        }
        lastId = id;
        views.publishLastId(id);
        final int symbolId = index.symbols.idOf(symbol);
        final int bit = type.bit();
        final int tfId = index.symbols.tfId(tf);
        final long key = ClientSession.isConflatable(type) ? ((long)symbolId << 16) | ((long)tfId << 8) | type.ordinal() : Outbound.NO_KEY;
        boolean matched = false;
        final SessionList wildcard = index.wildcard(type);
        for (int i = 0, n = wildcard.size(); i < n; i++)
        {
            deliver(wildcard.session(i), encoded, id, key);
            matched = true;
        }
        final SessionList named = index.named(symbolId);
        for (int i = 0, n = named.size(); i < n; i++)
        {
            final ClientSession session = named.session(i);
            if ((named.mask(i) & bit) != 0 && (session.subscription.allMask() & bit) == 0)
            {
                deliver(session, encoded, id, key);
                matched = true;
            }
        }
        history.add(id, encoded, type, symbolId);
        return matched;
    }

    /** Ends a batch of {@link #publish}ed events: commands, drains, one flush per client. */
    void endOfBatch()
    {
        round();
    }

    private void deliver(final ClientSession session, final ByteBuf encoded, final long id, final long key)
    {
        session.deliver(encoded, id, key);
        touch(session);
    }

    private ByteBuf encode(final MarketEvent event, final long id)
    {
        final ByteBuf bytes = allocator.directBuffer(384);
        EventJson.write(bytes, event, id);
        return bytes;
    }

    private void touch(final ClientSession session)
    {
        round.touch(session);
    }

    private void round()
    {
        sinceRound = 0;
        inRound = true;
        try
        {
            round.run();
        }
        finally
        {
            inRound = false;
        }
    }

    // ---- commands, run on the fan-out thread ----

    /** Registers a connection whose welcome its event loop has written; false when the command queue is full. */
    boolean register(final ClientSession session)
    {
        return commands.offer(() ->
        {
            session.registered = true;
            sessions.add(session);
            views.publishSessions(sessions);
        });
    }

    void unregister(final ClientSession session)
    {
        commands.submitFromEventLoop(session.channel, () -> remove(session));
    }

    private void remove(final ClientSession session)
    {
        if (!session.registered)
        {
            return;
        }
        session.registered = false;
        index.remove(session);
        session.release();
        session.publishCounts();
        views.publishTotals(totals);
        sessions.remove(session);
        views.publishSessions(sessions);
    }

    /**
     * Applies a subscribe between two events; a refused op is answered with its error.
     *
     * @param readNanos when the connection read the op ({@link System#nanoTime()}), for the {@code client_op} latency.
     */
    boolean subscribe(final ClientSession session, final ClientOp op, final long readNanos)
    {
        return commands.offer(() ->
        {
            if (!session.registered)
            {
                return;
            }
            answered(readNanos);
            if (!ops.subscribe(session, op, lastId))
            {
                session.control(new FrameWriter(allocator).error(op.id, op.errorCode, op.errorMessage).toFrame().content());
            }
            else if (!session.subscribedOnce)
            {
                session.subscribedOnce = true;
                views.subscribedOnce();
            }
            touch(session);
        });
    }

    boolean unsubscribe(final ClientSession session, final ClientOp op, final long readNanos)
    {
        return commands.offer(() ->
        {
            if (session.registered)
            {
                answered(readNanos);
                ops.unsubscribe(session, op);
                touch(session);
            }
        });
    }

    /**
     * Sends the answer to an op (a pong or an error; the frame's JSON array) in order with the
     * events; takes ownership of {@code frame}.
     */
    boolean answer(final ClientSession session, final ByteBuf frame, final long readNanos)
    {
        final boolean taken = commands.offer(() ->
        {
            if (session.registered)
            {
                answered(readNanos);
                session.control(frame);
                touch(session);
            }
            else
            {
                frame.release();
            }
        });
        if (!taken)
        {
            frame.release();
        }
        return taken;
    }

    private void answered(final long readNanos)
    {
        clientOp.record((System.nanoTime() - readNanos) / 1_000);
    }

    /** Closes a client after everything it was sent, dropping what waits. */
    void close(final ClientSession session, final int code, final String reason)
    {
        commands.submitFromEventLoop(session.channel, () ->
        {
            if (session.registered)
            {
                session.close(code, reason);
                touch(session);
            }
        });
    }

    /** The client's socket takes writes again: drain what waits for it. */
    void writable(final ClientSession session)
    {
        commands.offer(() ->
        {
            if (session.registered && session.hasBacklog())
            {
                touch(session);
            }
        });
    }

    /** Queues one round of heartbeats; any thread (a timer). */
    void heartbeatTick()
    {
        commands.offer(heartbeats);
    }

    private void heartbeats()
    {
        final long now = System.nanoTime();
        final long quietNs = TimeUnit.MILLISECONDS.toNanos(config.heartbeatMs());
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final ClientSession session = sessions.get(i);
            if (now - session.lastSendNanos >= quietNs && !session.isClosing())
            {
                session.control(new FrameWriter(allocator).heartbeat(EpochClock.millis(), lastId).toFrame().content());
                touch(session);
            }
        }
    }

    // ---- published views, any thread ----

    FanOutViews views()
    {
        return views;
    }

    // ---- shutdown ----

    /**
     * Sends close 1001 to every client after everything it is owed (its queue and gaps written
     * regardless of writability), and waits for them to close. Runs on the fan-out thread while
     * it runs, else (the publish ring drained and stopped) on the caller's.
     */
    void closeAll(final long timeoutMs) throws InterruptedException
    {
        final List<ClientSession> closing = new ArrayList<>();
        onFanOut(() ->
        {
            for (final ClientSession session : sessions)
            {
                session.flushAll();
                session.close(1001, "server shutting down");
                closing.add(session);
            }
        }, timeoutMs);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final ClientSession session : closing)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0 || !session.channel.closeFuture().await(TimeUnit.NANOSECONDS.toMillis(left)))
            {
                session.channel.close();
            }
        }
    }

    /** After the event loops stopped: runs what they queued last (connections ending) and releases the history. */
    void releaseAll() throws InterruptedException
    {
        onFanOut(() ->
        {
            for (final ClientSession session : new ArrayList<>(sessions))
            {
                remove(session);
            }
            history.clear();
        }, 1_000);
    }

    /**
     * Runs a task as the fan-out's one writer: as a command while the fan-out runs (waiting up to
     * {@code timeoutMs} for it), else here under the lock of a stopped fan-out.
     */
    private void onFanOut(final Runnable task, final long timeoutMs) throws InterruptedException
    {
        final CountDownLatch done = new CountDownLatch(1);
        if (!commands.offer(() ->
        {
            task.run();
            done.countDown();
        }))
        {
            throw new IllegalStateException("the edge's command queue is full");
        }
        done.await(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
