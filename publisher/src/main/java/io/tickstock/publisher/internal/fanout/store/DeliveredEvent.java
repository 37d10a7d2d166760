package io.tickstock.publisher.internal.fanout.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The event the fan-out is delivering: its encoded bytes, valid only until the next event (they
 * are copied into each matching client's frame), and, for a client that must queue the event
 * instead, a buffer of its own, made on the first such client and shared by the others: the
 * history's when it holds the event, else one made here and released after the event.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
public final class DeliveredEvent
{
    private final EventHistory history;
    private final ByteBufAllocator allocator;
    private ByteBuf bytes;
    private long id;
    private ByteBuf own;

    public DeliveredEvent(final EventHistory history, final ByteBufAllocator allocator)
    {
        this.history = history;
        this.allocator = allocator;
    }

    /** The event's bytes (its JSON object), until the next event. */
    public ByteBuf bytes()
    {
        return bytes;
    }

    /** The event's id. */
    public long id()
    {
        return id;
    }

    public void start(final ByteBuf bytes, final long id)
    {
        this.bytes = bytes;
        this.id = id;
    }

    /** The event's bytes in a buffer that outlives it, with a reference for the caller. */
    public ByteBuf retained()
    {
        if (history.holds(id))
        {
            return history.shared(id);
        }
        if (own == null)
        {
            final int length = bytes.readableBytes();
            own = allocator.directBuffer(length, length).writeBytes(bytes, bytes.readerIndex(), length);
        }
        return own.retain();
    }

    /** The event has been delivered to every matching client. */
    public void done()
    {
        bytes = null;
        if (own != null)
        {
            own.release();
            own = null;
        }
    }
}
