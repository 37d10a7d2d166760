package io.tickstock.publisher.internal.fanout;

import io.netty.buffer.ByteBuf;
import io.tickstock.channels.EventType;

/**
 * The newest events, encoded, for {@code resumeFrom}: a ring indexed by event id (ids are
 * consecutive from 1 within an epoch). Holds one reference to each event's bytes it keeps.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class EventHistory
{
    private final int capacity;
    private final ByteBuf[] events;
    private final EventType[] types;
    private final int[] symbolIds;
    private long newestId;
    /** The first id the history was given: a stream joined mid-epoch holds nothing before it. */
    private long firstId;

    EventHistory(final int capacity)
    {
        this.capacity = capacity;
        this.events = new ByteBuf[capacity];
        this.types = new EventType[capacity];
        this.symbolIds = new int[capacity];
    }

    /** Keeps the event with the next id; takes a reference to {@code event}. */
    void add(final long id, final ByteBuf event, final EventType type, final int symbolId)
    {
        if (capacity == 0)
        {
            return;
        }
        if (firstId == 0)
        {
            firstId = id;
        }
        final int i = index(id);
        if (events[i] != null)
        {
            events[i].release();
        }
        events[i] = event.retain();
        types[i] = type;
        symbolIds[i] = symbolId;
        newestId = id;
    }

    /** The oldest id still held, or newest + 1 when empty. */
    long oldestId()
    {
        return Math.max(Math.max(1, firstId), newestId - Math.min(capacity, newestId) + 1);
    }

    /** Whether every event after {@code id} up to the newest is held. */
    boolean holdsAfter(final long id)
    {
        return id >= oldestId() - 1 && id <= newestId;
    }

    ByteBuf event(final long id)
    {
        return events[index(id)];
    }

    EventType type(final long id)
    {
        return types[index(id)];
    }

    int symbolId(final long id)
    {
        return symbolIds[index(id)];
    }

    void clear()
    {
        for (int i = 0; i < capacity; i++)
        {
            if (events[i] != null)
            {
                events[i].release();
                events[i] = null;
            }
        }
    }

    private int index(final long id)
    {
        return (int)((id - 1) % capacity);
    }
}
