package io.tickstock.cluster;

import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.SymbolTable;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The messages of the stream from an ingest node to its edge nodes (docs/scale-out.md), each one
 * Aeron message, little-endian:
 *
 * <ul>
 *   <li>{@code epoch}: the stream's first message, the ingest node's epoch (docs/protocol.md §2.1);</li>
 *   <li>{@code event}: one event with its id, every field of {@link MarketEvent} that a client or a
 *       snapshot reads, so that an edge encodes the same bytes the ingest node would;</li>
 *   <li>{@code end}: the ingest node stopped after publishing everything up to the id it names;</li>
 *   <li>a checkpoint, now and then, so that the recording before it can be purged: {@code checkpoint}
 *       (the epoch, the first history id, the next id), the last events before it as {@code history}
 *       (event messages of another kind), each symbol's snapshot state as {@code state} messages (its
 *       last trade, one-minute and one-second bar and FMV), then {@code checkpoint-end}.</li>
 * </ul>
 *
 * <p>Thread-safe (stateless); decoding a string allocates it, unless the decoder passes its
 * {@link AsciiStrings}.
 */
public final class EventCodec
{
    public static final byte EPOCH = 1;
    public static final byte EVENT = 2;
    public static final byte END = 3;
    /** A checkpoint begins: the epoch, the first id of the history it carries and the next live id. */
    public static final byte CHECKPOINT = 4;
    /** In a checkpoint: one of the events before it, with its id, for an edge's resume history. */
    public static final byte HISTORY = 5;
    /** In a checkpoint: an event that holds a symbol's snapshot state (its last trade, bar or FMV): applied, not served. */
    public static final byte STATE = 6;
    /** A checkpoint ends. */
    public static final byte CHECKPOINT_END = 7;
    /** The format's version, in the epoch message: an edge refuses a stream of another version. */
    public static final int VERSION = 1;
    /** Room an event needs at most beyond its strings. */
    public static final int MAX_FIXED_BYTES = 256;

    private static final int FLAG_DERIVED = 1;
    private static final int FLAG_UP = 2;
    private static final int FLAG_REVISED = 4;
    private static final int NULL_STRING = -1;

    private EventCodec()
    {
    }

    /** The kind of the message at {@code offset}: {@link #EPOCH}, {@link #EVENT} or {@link #END}. */
    public static byte kind(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset);
    }

    /** @return the message's length. */
    public static int encodeEpoch(final MutableDirectBuffer buffer, final int offset, final String epoch)
    {
        buffer.putByte(offset, EPOCH);
        buffer.putInt(offset + 1, VERSION);
        return 5 + putString(buffer, offset + 5, epoch);
    }

    /** The epoch of an {@link #EPOCH} message. */
    public static String decodeEpoch(final DirectBuffer buffer, final int offset)
    {
        checkVersion(buffer.getInt(offset + 1));
        return getString(buffer, offset + 5);
    }

    /** @return the message's length. */
    public static int encodeEnd(final MutableDirectBuffer buffer, final int offset, final long lastId)
    {
        buffer.putByte(offset, END);
        buffer.putLong(offset + 1, lastId);
        return 9;
    }

    /** @return the message's length. */
    public static int encodeCheckpoint(final MutableDirectBuffer buffer, final int offset, final String epoch, final long firstHistoryId,
        final long nextId)
    {
        buffer.putByte(offset, CHECKPOINT);
        buffer.putLong(offset + 1, firstHistoryId);
        buffer.putLong(offset + 9, nextId);
        buffer.putInt(offset + 17, VERSION);
        return 21 + putString(buffer, offset + 21, epoch);
    }

    /**
     * The epoch of a {@link #CHECKPOINT} message: an edge that starts at a checkpoint never sees the
     * epoch message, so the checkpoint carries the format's version too.
     *
     * @throws IllegalStateException when the stream is of another version.
     */
    public static String checkpointEpoch(final DirectBuffer buffer, final int offset)
    {
        checkVersion(buffer.getInt(offset + 17));
        return getString(buffer, offset + 21);
    }

    private static void checkVersion(final int version)
    {
        if (version != VERSION)
        {
            throw new IllegalStateException("the ingest node's stream is version " + version + "; this edge reads version " + VERSION);
        }
    }

    /** The first id of the history a {@link #CHECKPOINT} carries. */
    public static long checkpointFirstHistoryId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 1);
    }

    /** The id of the first live event after a {@link #CHECKPOINT}. */
    public static long checkpointNextId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 9);
    }

    /** @return the message's length. */
    public static int encodeCheckpointEnd(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, CHECKPOINT_END);
        return 1;
    }

    /** The id of an event message of any kind ({@link #EVENT}, {@link #HISTORY}, {@link #STATE}). */
    public static long eventId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 1);
    }

    /** The last id an {@link #END} message names. */
    public static long decodeEnd(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 1);
    }

    /** The longest event message {@code event} encodes to. */
    public static int maxLength(final MarketEvent event)
    {
        return MAX_FIXED_BYTES + 4 * 4 + length(event.symbol) + length(event.srcName) + length(event.tf) + length(event.signal);
    }

    /**
     * Encodes {@code event} with {@code id}; the buffer has {@link #maxLength} bytes from {@code offset}.
     *
     * @return the message's length.
     */
    public static int encodeEvent(final MutableDirectBuffer buffer, final int offset, final MarketEvent event, final long id)
    {
        int at = offset;
        buffer.putByte(at, EVENT);
        buffer.putLong(at + 1, id);
        buffer.putByte(at + 9, (byte)event.type.ordinal());
        buffer.putByte(at + 10, (byte)((event.derived ? FLAG_DERIVED : 0) | (event.up ? FLAG_UP : 0) | (event.revised ? FLAG_REVISED : 0)));
        buffer.putInt(at + 11, event.priority);
        buffer.putInt(at + 15, event.windowS);
        buffer.putInt(at + 19, event.trigger);
        at += 23;
        buffer.putLong(at + 0, event.ts);
        buffer.putLong(at + 8, event.srcSeq);
        buffer.putLong(at + 16, event.recvUs);
        buffer.putLong(at + 24, event.price);
        buffer.putLong(at + 32, event.size);
        buffer.putLong(at + 40, event.prev);
        buffer.putLong(at + 48, event.count);
        buffer.putLong(at + 56, event.pct);
        buffer.putLong(at + 64, event.volRatio);
        buffer.putLong(at + 72, event.open);
        buffer.putLong(at + 80, event.high);
        buffer.putLong(at + 88, event.low);
        buffer.putLong(at + 96, event.close);
        buffer.putLong(at + 104, event.volume);
        buffer.putLong(at + 112, event.vwap);
        buffer.putLong(at + 120, event.start);
        buffer.putLong(at + 128, event.end);
        buffer.putLong(at + 136, event.relVol);
        buffer.putLong(at + 144, event.fmv);
        buffer.putLong(at + 152, event.last);
        buffer.putLong(at + 160, event.sessionHigh);
        buffer.putLong(at + 168, event.sessionLow);
        buffer.putLong(at + 176, event.sessionVolume);
        buffer.putLong(at + 184, event.lastPrice);
        at += 192;
        at += putString(buffer, at, event.symbol);
        at += putString(buffer, at, event.srcName);
        at += putString(buffer, at, event.tf);
        at += putString(buffer, at, event.signal);
        return at - offset;
    }

    /**
     * Fills {@code event} from an {@link #EVENT} message, its id included; {@code publishNanos} is
     * left to the caller (a time of this process).
     *
     * @return the event's id.
     */
    public static long decodeEvent(final DirectBuffer buffer, final int offset, final MarketEvent event)
    {
        return decodeEvent(buffer, offset, event, null);
    }

    /** {@link #decodeEvent(DirectBuffer, int, MarketEvent)}, finding its strings in {@code strings} (null: made anew). */
    static long decodeEvent(final DirectBuffer buffer, final int offset, final MarketEvent event, final AsciiStrings strings)
    {
        int at = offset;
        event.id = buffer.getLong(at + 1);
        event.type = EventType.ofOrdinal(buffer.getByte(at + 9));
        final int flags = buffer.getByte(at + 10);
        event.derived = (flags & FLAG_DERIVED) != 0;
        event.up = (flags & FLAG_UP) != 0;
        event.revised = (flags & FLAG_REVISED) != 0;
        event.priority = buffer.getInt(at + 11);
        event.windowS = buffer.getInt(at + 15);
        event.trigger = buffer.getInt(at + 19);
        at += 23;
        event.ts = buffer.getLong(at);
        event.srcSeq = buffer.getLong(at + 8);
        event.recvUs = buffer.getLong(at + 16);
        event.price = buffer.getLong(at + 24);
        event.size = buffer.getLong(at + 32);
        event.prev = buffer.getLong(at + 40);
        event.count = buffer.getLong(at + 48);
        event.pct = buffer.getLong(at + 56);
        event.volRatio = buffer.getLong(at + 64);
        event.open = buffer.getLong(at + 72);
        event.high = buffer.getLong(at + 80);
        event.low = buffer.getLong(at + 88);
        event.close = buffer.getLong(at + 96);
        event.volume = buffer.getLong(at + 104);
        event.vwap = buffer.getLong(at + 112);
        event.start = buffer.getLong(at + 120);
        event.end = buffer.getLong(at + 128);
        event.relVol = buffer.getLong(at + 136);
        event.fmv = buffer.getLong(at + 144);
        event.last = buffer.getLong(at + 152);
        event.sessionHigh = buffer.getLong(at + 160);
        event.sessionLow = buffer.getLong(at + 168);
        event.sessionVolume = buffer.getLong(at + 176);
        event.lastPrice = buffer.getLong(at + 184);
        at += 192;
        event.symbol = getString(buffer, at, strings);
        // the ingest node's symbol ids are not this node's: the edge resolves the string
        event.symbolId = SymbolTable.UNRESOLVED;
        at += 4 + Math.max(0, buffer.getInt(at));
        event.srcName = getString(buffer, at, strings);
        at += 4 + Math.max(0, buffer.getInt(at));
        event.tf = getString(buffer, at, strings);
        at += 4 + Math.max(0, buffer.getInt(at));
        event.signal = getString(buffer, at, strings);
        return event.id;
    }

    private static int length(final String value)
    {
        return value == null ? 0 : value.length() * 3;
    }

    private static int putString(final MutableDirectBuffer buffer, final int offset, final String value)
    {
        if (value == null)
        {
            buffer.putInt(offset, NULL_STRING);
            return 4;
        }
        return buffer.putStringUtf8(offset, value);
    }

    private static String getString(final DirectBuffer buffer, final int offset)
    {
        return getString(buffer, offset, null);
    }

    private static String getString(final DirectBuffer buffer, final int offset, final AsciiStrings strings)
    {
        final int length = buffer.getInt(offset);
        if (length == NULL_STRING)
        {
            return null;
        }
        if (strings != null)
        {
            return strings.get(buffer, offset + 4, length);
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
