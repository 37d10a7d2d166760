package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.internal.fanout.store.SnapshotTable;
import io.tickstock.publisher.internal.fanout.store.SnapshotCopy;
import io.tickstock.publisher.internal.fanout.store.EventHistory;
import io.netty.buffer.ByteBufAllocator;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.wire.FrameWriter;

import java.util.BitSet;

/**
 * Applies a client's {@code subscribe} and {@code unsubscribe} (docs/protocol.md §2.1, §2.4) on the
 * fan-out thread, between two events: the subscription and the index change, the ack is sent in
 * order with the client's events, then the replay of a resume (queued from the history) or the
 * snapshots (copied from the table now, encoded on the client's event loop).
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class ClientOps
{
    private final EdgeConfig config;
    private final String epoch;
    private final boolean followsUpstream;
    private final ByteBufAllocator allocator;
    private final SubscriptionIndex index;
    private final SnapshotTable snapshots;
    private final EventHistory history;

    ClientOps(final EdgeConfig config, final String epoch, final boolean followsUpstream, final ByteBufAllocator allocator,
        final SubscriptionIndex index, final SnapshotTable snapshots, final EventHistory history)
    {
        this.config = config;
        this.epoch = epoch;
        this.followsUpstream = followsUpstream;
        this.allocator = allocator;
        this.index = index;
        this.snapshots = snapshots;
        this.history = history;
    }

    /**
     * Applies a validated subscribe; {@code lastId} is the newest event's id.
     *
     * @return false when the op is refused whole; the op then holds the error code and message.
     */
    boolean subscribe(final ClientSession session, final ClientOp op, final long lastId)
    {
        final Subscription subscription = session.subscription;
        int added = 0;
        for (final String symbol : op.symbols)
        {
            if (!"*".equals(symbol))
            {
                final int id = index.symbols.find(symbol);
                if (id == EdgeSymbols.NONE || !subscription.isNamed(id))
                {
                    added++;
                }
            }
        }
        if (subscription.namedCount() + added > config.maxSymbols())
        {
            op.fail("too_many_symbols", "more than " + config.maxSymbols() + " symbols on one connection");
            return false;
        }
        // a node following another's stream may be behind the node a client moved from: the client
        // waits for the ids after its own (docs/protocol.md §2.1); anywhere else such an id is wrong
        final boolean ahead = op.hasResume && epoch.equals(op.resumeEpoch) && op.resumeId > lastId;
        if (ahead && !followsUpstream)
        {
            op.fail("bad_request", "resumeFrom.id " + op.resumeId + " is ahead of the newest event " + lastId);
            return false;
        }
        boolean allBecameActive = false;
        final BitSet newlyNamed = new BitSet();
        for (final String symbol : op.symbols)
        {
            if ("*".equals(symbol))
            {
                allBecameActive |= subscription.addAll(op.events);
            }
            else
            {
                final int id = index.symbols.idOf(symbol);
                if (!subscription.isNamed(id))
                {
                    newlyNamed.set(id);
                }
                subscription.add(id, op.events);
                index.updateNamed(session, id);
            }
        }
        index.updateWildcard(session);
        publishView(session);
        session.control(new FrameWriter(allocator).ack(op.id, "subscribe", subscription.namedCount(), subscription.allMask() != 0,
            subscription.union()).toFrame().content());
        if (ahead)
        {
            session.resumesAfter = op.resumeId;
        }
        else if (op.hasResume)
        {
            resume(session, op, lastId);
        }
        else if (op.snapshot)
        {
            session.snapshot(copy(allBecameActive ? withState() : newlyNamed));
        }
        return true;
    }

    void unsubscribe(final ClientSession session, final ClientOp op)
    {
        final Subscription subscription = session.subscription;
        final int[] namedBefore = subscription.namedIds();
        for (final String symbol : op.symbols)
        {
            if ("*".equals(symbol))
            {
                subscription.removeEverywhere(op.events);
            }
            else
            {
                final int id = index.symbols.find(symbol);
                if (id != EdgeSymbols.NONE)
                {
                    subscription.remove(id, op.events);
                }
            }
        }
        for (final int id : namedBefore)
        {
            index.updateNamed(session, id);
        }
        index.updateWildcard(session);
        publishView(session);
        session.control(new FrameWriter(allocator).ack(op.id, "unsubscribe", subscription.namedCount(), subscription.allMask() != 0,
            subscription.union()).toFrame().content());
    }

    /**
     * Replays from the history every event after the client's id that matches its subscription,
     * through the client's queue; when the epoch differs or the id is no longer held, a {@code gap}
     * with reason {@code history} and a snapshot of every subscribed symbol instead.
     */
    private void resume(final ClientSession session, final ClientOp op, final long newest)
    {
        final boolean sameEpoch = epoch.equals(op.resumeEpoch);
        if (sameEpoch && (op.resumeId == newest || (config.historySize() > 0 && history.holdsAfter(op.resumeId))))
        {
            for (long id = op.resumeId + 1; id <= newest; id++)
            {
                if (session.subscription.matches(history.symbolId(id), history.type(id)))
                {
                    session.replay(history.shared(id), id);
                }
            }
            return;
        }
        final long fromId = sameEpoch ? op.resumeId + 1 : 1;
        session.control(new FrameWriter(allocator).gap("history", Math.max(0, newest - fromId + 1), fromId, newest).toFrame().content());
        final BitSet subscribed = session.subscription.allMask() != 0 ? withState() : new BitSet();
        for (final int id : session.subscription.namedIds())
        {
            subscribed.set(id);
        }
        session.snapshot(copy(subscribed));
    }

    private BitSet withState()
    {
        final BitSet ids = new BitSet();
        for (int id = 0, n = index.symbols.size(); id < n; id++)
        {
            if (snapshots.get(id) != null)
            {
                ids.set(id);
            }
        }
        return ids;
    }

    private SnapshotCopy copy(final BitSet ids)
    {
        final SnapshotCopy copy = new SnapshotCopy();
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1))
        {
            final SnapshotTable.State state = snapshots.get(id);
            if (state != null)
            {
                copy.add(index.symbols.name(id), state);
            }
        }
        return copy;
    }

    static void publishView(final ClientSession session)
    {
        session.viewNamed = session.subscription.namedCount();
        session.viewAllMask = session.subscription.allMask();
        session.viewUnion = session.subscription.union();
    }
}
