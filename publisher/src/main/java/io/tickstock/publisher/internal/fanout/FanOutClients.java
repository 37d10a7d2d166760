package io.tickstock.publisher.internal.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.tickstock.core.EpochClock;
import io.tickstock.core.latency.StageLatency;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.wire.FrameWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The fan-out's connected clients and everything other threads ask of it for them: a
 * connection's registration and end, {@code subscribe} and {@code unsubscribe}, answers, closes,
 * "the socket takes writes again", the heartbeat round, and closing every client at shutdown.
 * Each request is queued on {@link FanOutCommands} and applied by the fan-out thread between two
 * events, so an ack, an error or a close lands exactly between the events before and after it.
 * Kept apart from {@link EventFanOut}, whose per-event path never looks at this list.
 *
 * <p>Thread-safe: any thread queues; the commands themselves run on the fan-out thread (or,
 * while it is not running, on the submitter's under the fan-out's lock).
 */
public final class FanOutClients
{
    private final EdgeConfig config;
    private final ByteBufAllocator allocator;
    private final StageLatency clientOp;
    private final SubscriptionIndex index;
    private final ClientOps ops;
    /** Frees the history and the encoding buffer; once, at the end. */
    private final Runnable releaseBuffers;
    private final FanOutCommands commands;
    private final FanOutRound round;
    private final FanOutViews views;
    private final DeliveryTotals totals;
    /** The newest event's id, as the fan-out thread sees it. */
    private final LongSupplier lastId;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final Runnable heartbeats = this::heartbeats;

    FanOutClients(
        final EdgeConfig config,
        final ByteBufAllocator allocator,
        final StageLatency clientOp,
        final SubscriptionIndex index,
        final ClientOps ops,
        final Runnable releaseBuffers,
        final FanOutCommands commands,
        final FanOutRound round,
        final FanOutViews views,
        final DeliveryTotals totals,
        final LongSupplier lastId)
    {
        this.config = config;
        this.allocator = allocator;
        this.clientOp = clientOp;
        this.index = index;
        this.ops = ops;
        this.releaseBuffers = releaseBuffers;
        this.commands = commands;
        this.round = round;
        this.views = views;
        this.totals = totals;
        this.lastId = lastId;
    }

    /** A new session for a connection whose handshake completed. Its event loop. */
    public ClientSession newSession(final Channel channel)
    {
        final ClientLink link = new ClientLink(channel, !config.compression(), config.maxBatchFrameBytes());
        return new ClientSession(channel, link, config.maxQueuedEvents(), config.slowConsumerCloseMs(), totals);
    }

    /** Registers a connection whose welcome its event loop has written; false when the command queue is full. */
    public boolean register(final ClientSession session)
    {
        return commands.offer(() ->
        {
            session.registered = true;
            sessions.add(session);
            views.publishSessions(sessions);
        });
    }

    public void unregister(final ClientSession session)
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
    public boolean subscribe(final ClientSession session, final ClientOp op, final long readNanos)
    {
        return commands.offer(() ->
        {
            if (!session.registered)
            {
                return;
            }
            answered(readNanos);
            if (!ops.subscribe(session, op, lastId.getAsLong()))
            {
                session.control(new FrameWriter(allocator).error(op.id, op.errorCode, op.errorMessage).toFrame().content());
            }
            else if (!session.subscribedOnce)
            {
                session.subscribedOnce = true;
                views.subscribedOnce();
            }
            round.touch(session);
        });
    }

    public boolean unsubscribe(final ClientSession session, final ClientOp op, final long readNanos)
    {
        return commands.offer(() ->
        {
            if (session.registered)
            {
                answered(readNanos);
                ops.unsubscribe(session, op);
                round.touch(session);
            }
        });
    }

    /**
     * Sends the answer to an op (a pong or an error; the frame's JSON array) in order with the
     * events; takes ownership of {@code frame}.
     */
    public boolean answer(final ClientSession session, final ByteBuf frame, final long readNanos)
    {
        final boolean taken = commands.offer(() ->
        {
            if (session.registered)
            {
                answered(readNanos);
                session.control(frame);
                round.touch(session);
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
    public void close(final ClientSession session, final int code, final String reason)
    {
        commands.submitFromEventLoop(session.channel, () ->
        {
            if (session.registered)
            {
                session.close(code, reason);
                round.touch(session);
            }
        });
    }

    /** The client's socket takes writes again: drain what waits for it. */
    public void writable(final ClientSession session)
    {
        commands.offer(() ->
        {
            if (session.registered && session.hasBacklog())
            {
                round.touch(session);
            }
        });
    }

    /** Queues one round of heartbeats; any thread (a timer). */
    public void heartbeatTick()
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
                session.control(new FrameWriter(allocator).heartbeat(EpochClock.millis(), lastId.getAsLong()).toFrame().content());
                round.touch(session);
            }
        }
    }

    // ---- shutdown ----

    /**
     * Sends close 1001 to every client after everything it is owed (its queue and gaps written
     * regardless of writability), and waits for them to close. Runs on the fan-out thread while
     * it runs, else (the publish ring drained and stopped) on the caller's.
     */
    public void closeAll(final long timeoutMs) throws InterruptedException
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

    /** After the event loops stopped: runs what they queued last (connections ending) and frees the history. */
    public void releaseAll() throws InterruptedException
    {
        onFanOut(() ->
        {
            for (final ClientSession session : new ArrayList<>(sessions))
            {
                remove(session);
            }
            releaseBuffers.run();
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
