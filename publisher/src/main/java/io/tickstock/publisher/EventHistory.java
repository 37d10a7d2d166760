package io.tickstock.publisher;

import io.netty.buffer.ByteBuf;
import io.tickstock.channels.EventType;

/**
 * The newest events, encoded, for {@code resumeFrom}: a ring indexed by event id (ids are
 * consecutive from 1 within an epoch). Holds one reference to each frame it keeps.
 *
 * <p>Not thread-safe: guarded by the edge's lock.
 */
final class EventHistory
{
    private final int capacity;
    private final ByteBuf[] frames;
    private final EventType[] types;
    private final String[] symbols;
    private final String[] tfs;
    private long newestId;

    EventHistory(final int capacity)
    {
        this.capacity = capacity;
        this.frames = new ByteBuf[capacity];
        this.types = new EventType[capacity];
        this.symbols = new String[capacity];
        this.tfs = new String[capacity];
    }

    /** Keeps the event with the next id; takes a reference to {@code frame}. */
    void add(final long id, final ByteBuf frame, final EventType type, final String symbol, final String tf)
    {
        if (capacity == 0)
        {
            return;
        }
        final int i = index(id);
        if (frames[i] != null)
        {
            frames[i].release();
        }
        frames[i] = frame.retain();
        types[i] = type;
        symbols[i] = symbol;
        tfs[i] = tf;
        newestId = id;
    }

    /** The oldest id still held, or newest + 1 when empty. */
    long oldestId()
    {
        return Math.max(1, newestId - Math.min(capacity, newestId) + 1);
    }

    /** Whether every event after {@code id} up to the newest is held. */
    boolean holdsAfter(final long id)
    {
        return id >= oldestId() - 1 && id <= newestId;
    }

    ByteBuf frame(final long id)
    {
        return frames[index(id)];
    }

    EventType type(final long id)
    {
        return types[index(id)];
    }

    String symbol(final long id)
    {
        return symbols[index(id)];
    }

    String tf(final long id)
    {
        return tfs[index(id)];
    }

    void clear()
    {
        for (int i = 0; i < capacity; i++)
        {
            if (frames[i] != null)
            {
                frames[i].release();
                frames[i] = null;
            }
        }
    }

    private int index(final long id)
    {
        return (int)((id - 1) % capacity);
    }
}
