package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.internal.fanout.store.SnapshotCopy;
import io.netty.buffer.ByteBuf;

/**
 * One entry of a client's queue, linked in queue order: an event (its id and encoded bytes), a
 * control frame, or a snapshot still to be encoded from a consistent copy. Conflatable events are
 * also linked, oldest first, in a second list, so the oldest can be dropped to make room.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class Outbound
{
    static final int EVENT = 0;
    static final int CONTROL = 1;
    static final int SNAPSHOT = 2;
    /** The conflation key of an event that is never conflated. */
    static final long NO_KEY = -1;

    final int kind;
    final long id;
    /** EVENT: the event's JSON object; CONTROL: the whole frame's JSON array. One reference held. */
    final ByteBuf bytes;
    final long key;
    final SnapshotCopy snapshot;
    /** Replayed for {@code resumeFrom}: never conflated or dropped to make room. */
    boolean replayed;
    Outbound prev;
    Outbound next;
    Outbound olderConflatable;
    Outbound newerConflatable;
    /** The events taken out of the queue between the entry before this one and this one. */
    Hole holeBefore;

    private Outbound(final int kind, final long id, final ByteBuf bytes, final long key, final SnapshotCopy snapshot)
    {
        this.kind = kind;
        this.id = id;
        this.bytes = bytes;
        this.key = key;
        this.snapshot = snapshot;
    }

    static Outbound event(final long id, final ByteBuf event, final long key)
    {
        return new Outbound(EVENT, id, event, key, null);
    }

    static Outbound control(final ByteBuf frame)
    {
        return new Outbound(CONTROL, -1, frame, NO_KEY, null);
    }

    static Outbound snapshot(final SnapshotCopy copy)
    {
        return new Outbound(SNAPSHOT, -1, null, NO_KEY, copy);
    }

    boolean isEvent()
    {
        return kind == EVENT;
    }

    Hole holeBefore()
    {
        if (holeBefore == null)
        {
            holeBefore = new Hole();
        }
        return holeBefore;
    }

    void release()
    {
        if (bytes != null)
        {
            bytes.release();
        }
    }
}
