package io.tickstock.publisher.internal.fanout.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstock.channels.EventType;

/**
 * The newest events, encoded, for {@code resumeFrom}: their bytes copied one after another into
 * one direct buffer used as a ring, and beside it, per event id (ids are consecutive from 1 within
 * an epoch), where its bytes start, their length, its type and its symbol. Keeping an event costs
 * one copy of its bytes and nothing allocated; a buffer of its own is made only when some client
 * must queue the event or have it replayed ({@link #shared}), once per event, and shared by every
 * client that needs it.
 *
 * <p>Bounds: the newest {@code capacity} events, and fewer only when their bytes do not fit in
 * {@value #BYTES_PER_EVENT} bytes per event on average (an event's JSON is 150-350 bytes): the
 * oldest are forgotten first, and a resume from before them gets a {@code gap} (docs/protocol.md).
 * Memory: {@code capacity} x {@value #BYTES_PER_EVENT} bytes of direct memory, rounded up to a
 * power of two and at most 1 GiB, plus 29 bytes of arrays per event.
 *
 * <p>Not thread-safe: owned by the fan-out thread; {@link #ringBytes} is for anyone sizing memory.
 */
public final class EventHistory
{
    /** The ring's bytes per event of capacity. */
    static final int BYTES_PER_EVENT = 512;
    /** The ring's largest size (a history of more than two million events holds fewer, by bytes). */
    static final long MAX_RING_BYTES = 1L << 30;

    private final int capacity;
    private final ByteBufAllocator allocator;
    private final long[] starts;
    private final int[] lengths;
    private final ByteBuf[] shared;
    private final EventType[] types;
    private final int[] symbolIds;
    private final int ringBytes;
    private ByteBuf ring;
    /** Where the next event's bytes go, in bytes written since the start (the ring wraps at {@link #ringBytes}). */
    private long writePosition;
    private long newestId;
    /** The oldest id still held; {@link #newestId} + 1 when none is. */
    private long oldestId = 1;
    /** The first id the history was given: a stream joined mid-epoch holds nothing before it. */
    private long firstId;

    public EventHistory(final int capacity, final ByteBufAllocator allocator)
    {
        this.capacity = capacity;
        this.allocator = allocator;
        this.starts = new long[capacity];
        this.lengths = new int[capacity];
        this.shared = new ByteBuf[capacity];
        this.types = new EventType[capacity];
        this.symbolIds = new int[capacity];
        this.ringBytes = ringBytes(capacity);
    }

    /** The ring's direct memory for a history of {@code capacity} events, bytes. */
    public static int ringBytes(final int capacity)
    {
        final long wanted = (long)capacity * BYTES_PER_EVENT;
        return capacity == 0 ? 0 : (int)Math.min(MAX_RING_BYTES, Long.highestOneBit(wanted - 1) << 1);
    }

    /** Keeps a copy of the event with the next id (does not take {@code event}'s reference). */
    public void add(final long id, final ByteBuf event, final EventType type, final int symbolId)
    {
        if (capacity == 0)
        {
            return;
        }
        if (firstId == 0)
        {
            firstId = id;
            oldestId = id;
        }
        newestId = id;
        if (id - oldestId + 1 > capacity)
        {
            forgetOldest();
        }
        final int length = event.readableBytes();
        if (length > ringBytes)
        {
            // cannot be held: the history now holds nothing up to this event
            while (oldestId <= id)
            {
                forgetOldest();
            }
            return;
        }
        if (ring == null)
        {
            ring = allocator.directBuffer(ringBytes, ringBytes);
        }
        int offset = (int)(writePosition & (ringBytes - 1));
        if (offset + length > ringBytes)
        {
            writePosition += ringBytes - offset;
            offset = 0;
        }
        ring.setBytes(offset, event, event.readerIndex(), length);
        final int i = index(id);
        starts[i] = writePosition;
        lengths[i] = length;
        types[i] = type;
        symbolIds[i] = symbolId;
        writePosition += length;
        while (oldestId < id && starts[index(oldestId)] < writePosition - ringBytes)
        {
            forgetOldest();
        }
    }

    private void forgetOldest()
    {
        final int i = index(oldestId);
        if (shared[i] != null)
        {
            shared[i].release();
            shared[i] = null;
        }
        oldestId++;
    }

    /** The oldest id still held, or newest + 1 when empty. */
    public long oldestId()
    {
        return oldestId;
    }

    /** Whether every event after {@code id} up to the newest is held. */
    public boolean holdsAfter(final long id)
    {
        return id >= oldestId - 1 && id <= newestId;
    }

    /** Whether the event is held. */
    public boolean holds(final long id)
    {
        return id >= oldestId && id <= newestId;
    }

    /**
     * A held event's bytes in a buffer of their own, with a reference for the caller: made on the
     * first call for the event and shared by the later ones, so it outlives the ring's copy.
     */
    public ByteBuf shared(final long id)
    {
        final int i = index(id);
        if (shared[i] == null)
        {
            final int offset = (int)(starts[i] & (ringBytes - 1));
            shared[i] = allocator.directBuffer(lengths[i], lengths[i]).writeBytes(ring, offset, lengths[i]);
        }
        return shared[i].retain();
    }

    public EventType type(final long id)
    {
        return types[index(id)];
    }

    public int symbolId(final long id)
    {
        return symbolIds[index(id)];
    }

    /** Forgets every event and frees the ring. */
    public void clear()
    {
        while (oldestId <= newestId)
        {
            forgetOldest();
        }
        if (ring != null)
        {
            ring.release();
            ring = null;
        }
    }

    private int index(final long id)
    {
        return (int)((id - 1) % capacity);
    }
}
