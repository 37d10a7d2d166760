package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.internal.fanout.store.SnapshotTable;
import io.tickstock.publisher.internal.fanout.store.EventHistory;
import io.tickstock.publisher.internal.fanout.store.DeliveredEvent;
import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.EpochClock;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.latency.StageLatency;
import io.tickstock.core.ring.WakeableWaitStrategy;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.wire.EventJson;

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
 * <p>Other threads never wait for it: they ask {@link #clients()}, which queues
 * {@link FanOutCommands}, and read what it publishes ({@link #views()}: totals, the newest id, each
 * client's counts and subscription shape).
 *
 * <p>Not thread-safe: owned by the publish ring's edge thread; {@link #clients()} and
 * {@link #views()} may be used from any thread.
 */
public final class EventFanOut implements EventHandler<MarketEvent>
{
    /** Events between two rounds of commands, drains and flushes within one long ring batch. */
    static final int SLICE = 128;
    private static final int SCRATCH_BYTES = 1024;

    private final StageLatency publishToWrite;
    private final StageLatency endToEnd;
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final SnapshotTable snapshots = new SnapshotTable();
    private final EventHistory history;
    private final DeliveredEvent delivered;
    /** Each event is encoded here, then copied into the history and the frames that want it. */
    private final ByteBuf scratch;
    private final FanOutCommands commands;
    private final WakeableWaitStrategy wakeup;
    private final DeliveryTotals totals = new DeliveryTotals();
    private final FanOutViews views = new FanOutViews();
    private final FanOutRound round;
    private final FanOutClients clients;
    private final Object stoppedLock = new Object();
    private volatile boolean running;
    /** Set before the fan-out starts, or null. */
    private EventTap tap;
    private long lastId;
    private int sinceRound;
    private boolean inRound;

    public EventFanOut(final EdgeConfig config, final String epoch, final ByteBufAllocator allocator, final LatencyMonitor latency,
        final WakeableWaitStrategy wakeup)
    {
        this(config, epoch, false, allocator, latency, wakeup);
    }

    /**
     * @param followsUpstream whether the events come from another node (an edge node,
     *                        docs/scale-out.md): a client that moved from a node further along the
     *                        same stream may then resume from an id this one has not reached yet.
     */
    public EventFanOut(final EdgeConfig config, final String epoch, final boolean followsUpstream, final ByteBufAllocator allocator,
        final LatencyMonitor latency, final WakeableWaitStrategy wakeup)
    {
        this.publishToWrite = latency.stage(LatencyMonitor.PUBLISH_TO_WRITE, null);
        this.endToEnd = latency.stage(LatencyMonitor.END_TO_END, null);
        final StageLatency clientOp = latency.stage(LatencyMonitor.CLIENT_OP, null);
        this.history = new EventHistory(config.historySize(), allocator);
        this.delivered = new DeliveredEvent(history, allocator);
        this.scratch = allocator.directBuffer(SCRATCH_BYTES);
        this.wakeup = wakeup;
        this.commands = new FanOutCommands(wakeup, this::runIfStopped);
        final ClientOps ops = new ClientOps(config, epoch, followsUpstream, allocator, index, snapshots, history);
        this.round = new FanOutRound(commands, views, totals, TimeUnit.MICROSECONDS.toNanos(config.flushDelayUs()));
        this.clients = new FanOutClients(config, allocator, clientOp, index, ops, this::releaseBuffers, commands, round, views, totals,
            this::lastId);
    }

    /**
     * Lets {@code value} see every event with its id, on this thread: call before the publish ring
     * starts. A view that would otherwise be a publish-ring consumer of its own saves the ring a
     * thread to wake for every batch.
     */
    public void tap(final EventTap value)
    {
        tap = value;
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
        // an event from another node keeps the id it was given there (docs/scale-out.md)
        final long id = event.id != 0 ? event.id : lastId + 1;
        final int symbolId = index.symbols.idOf(event);
        snapshots.apply(event, symbolId);
        if (id == MarketEvent.STATE_ONLY)
        {
            // a symbol's state from a checkpoint: it makes snapshots right, it is not an event of the stream
            if (endOfBatch || ++sinceRound >= SLICE)
            {
                round();
            }
            return;
        }
        if (tap != null)
        {
            tap.event(event, id);
        }
        scratch.clear();
        EventJson.write(scratch, event, id);
        final boolean matched = publish(id, event.type, symbolId, event.tf, scratch);
        if (matched && !event.derived)
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
        return publish(id, type, index.symbols.idOf(symbol), tf, encoded);
    }

    private boolean publish(final long id, final EventType type, final int symbolId, final String tf, final ByteBuf encoded)
    {
        if (lastId != 0 && id != lastId + 1 || id < 1)
        {
            throw new IllegalArgumentException("event id " + id + " where " + (lastId + 1) + " was next");
        }
        lastId = id;
        views.publishLastId(id);
        history.add(id, encoded, type, symbolId);
        delivered.start(encoded, id);
        final int bit = type.bit();
        final int tfId = index.symbols.tfId(tf);
        final long key = ClientSession.isConflatable(type) ? ((long)symbolId << 16) | ((long)tfId << 8) | type.ordinal() : Outbound.NO_KEY;
        boolean matched = false;
        final SessionList wildcard = index.wildcard(type);
        for (int i = 0, n = wildcard.size(); i < n; i++)
        {
            deliver(wildcard.session(i), key);
            matched = true;
        }
        final SessionList named = index.named(symbolId);
        for (int i = 0, n = named.size(); i < n; i++)
        {
            final ClientSession session = named.session(i);
            if ((named.mask(i) & bit) != 0 && (session.subscription.allMask() & bit) == 0)
            {
                deliver(session, key);
                matched = true;
            }
        }
        delivered.done();
        return matched;
    }

    /** Ends a batch of {@link #publish}ed events: commands, drains, one flush per client. */
    void endOfBatch()
    {
        round();
    }

    private void deliver(final ClientSession session, final long key)
    {
        session.deliver(delivered, key);
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

    private void releaseBuffers()
    {
        history.clear();
        scratch.release();
    }

    /** The newest event's id; the fan-out thread. */
    private long lastId()
    {
        return lastId;
    }

    // ---- any thread ----

    /** Connections, client ops, closes, heartbeats and shutdown, each queued as a command. */
    public FanOutClients clients()
    {
        return clients;
    }

    public FanOutViews views()
    {
        return views;
    }
}
