package io.tickstock.cluster;

import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * What an ingest node's checkpoint carries (docs/scale-out.md): the last events of the stream, for
 * an edge's resume history, and each symbol's snapshot state as the events that made it (its last
 * trade, its latest one-minute and one-second bars, its last FMV: what an edge's snapshot table
 * keeps). An edge that starts at a checkpoint has everything an edge that read the stream from
 * the start has, so the recording before it can be purged.
 *
 * <p>Sized by the history and the symbols, never by the trade rate: {@code history} slots of
 * {@value #SLOT_BYTES} bytes (direct memory), and four slots per symbol seen. Nothing is allocated
 * per event once a symbol has its slots.
 *
 * <p>Not thread-safe: the ingest link's consumer thread.
 */
final class Checkpoint
{
    /** Room for one encoded event: at most about 330 bytes (symbols have at most 16 characters, source names 64). */
    static final int SLOT_BYTES = 512;
    /** The most history a checkpoint carries: its slots are one direct buffer (512 MiB at this). */
    static final int MAX_HISTORY = 1_000_000;
    private static final int TRADE = 0;
    private static final int MINUTE_BAR = 1;
    private static final int SECOND_BAR = 2;
    private static final int FMV = 3;

    /** Writes one message of the checkpoint to the stream. */
    interface Sink
    {
        void offer(DirectBuffer buffer, int offset, int length);
    }

    private final int capacity;
    private final UnsafeBuffer history;
    private final int[] historyLength;
    private final Map<String, SymbolState> states = new HashMap<>();
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(SLOT_BYTES));
    private long newestId;
    private int held;

    /** @param capacity the events of history each checkpoint carries (0: none). */
    Checkpoint(final int capacity)
    {
        this.capacity = capacity;
        if (capacity < 0 || capacity > MAX_HISTORY)
        {
            throw new IllegalArgumentException("cluster.checkpointHistory: " + capacity + " is not allowed; allowed: 0.." + MAX_HISTORY);
        }
        this.history = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(1, capacity) * SLOT_BYTES));
        this.historyLength = new int[Math.max(1, capacity)];
    }

    /** Keeps {@code event}, encoded in {@code encoded}'s first {@code length} bytes with {@code id} (ids go up by one). */
    void record(final DirectBuffer encoded, final int length, final MarketEvent event, final long id)
    {
        if (length > SLOT_BYTES)
        {
            throw new IllegalStateException("an encoded event of " + length + " bytes does not fit a checkpoint slot of " + SLOT_BYTES);
        }
        if (capacity > 0)
        {
            final int slot = (int)(id % capacity);
            history.putBytes(slot * SLOT_BYTES, encoded, 0, length);
            historyLength[slot] = length;
            newestId = id;
            held = Math.min(capacity, held + 1);
        }
        final int kind = stateKind(event);
        if (kind >= 0)
        {
            SymbolState state = states.get(event.symbol);
            if (state == null)
            {
                state = new SymbolState();
                states.put(event.symbol, state);
            }
            state.keep(kind, encoded, length, event);
        }
    }

    /** Which state slot an event fills, or -1: the snapshot table keeps trades, 1m and 1s bars, FMVs. */
    private static int stateKind(final MarketEvent event)
    {
        if (event.type == EventType.TRADE)
        {
            return TRADE;
        }
        if (event.type == EventType.FMV)
        {
            return FMV;
        }
        if (event.type == EventType.BAR)
        {
            return "1m".equals(event.tf) ? MINUTE_BAR : "1s".equals(event.tf) ? SECOND_BAR : -1;
        }
        return -1;
    }

    /** Writes a whole checkpoint before the event with {@code nextId}: begin, history (oldest first), states, end. */
    void write(final Sink sink, final String epoch, final long nextId)
    {
        final long firstHistoryId = held == 0 ? nextId : newestId - held + 1;
        sink.offer(message, 0, EventCodec.encodeCheckpoint(message, 0, epoch, firstHistoryId, nextId));
        for (long id = firstHistoryId; id < firstHistoryId + held; id++)
        {
            final int slot = (int)(id % capacity);
            message.putBytes(0, history, slot * SLOT_BYTES, historyLength[slot]);
            message.putByte(0, EventCodec.HISTORY);
            sink.offer(message, 0, historyLength[slot]);
        }
        for (final SymbolState state : states.values())
        {
            for (int kind = TRADE; kind <= FMV; kind++)
            {
                if (state.length[kind] > 0)
                {
                    message.putBytes(0, state.slots[kind], 0, state.length[kind]);
                    message.putByte(0, EventCodec.STATE);
                    sink.offer(message, 0, state.length[kind]);
                }
            }
        }
        sink.offer(message, 0, EventCodec.encodeCheckpointEnd(message, 0));
    }

    /** One symbol's last trade, latest bars and last FMV, encoded. */
    private static final class SymbolState
    {
        final UnsafeBuffer[] slots = new UnsafeBuffer[4];
        final int[] length = new int[4];
        final long[] barStart = new long[4];

        void keep(final int kind, final DirectBuffer encoded, final int bytes, final MarketEvent event)
        {
            // a bar replaces the kept one only when it starts as late or later, as the snapshot table does
            if ((kind == MINUTE_BAR || kind == SECOND_BAR) && length[kind] > 0 && event.start < barStart[kind])
            {
                return;
            }
            if (slots[kind] == null)
            {
                slots[kind] = new UnsafeBuffer(new byte[SLOT_BYTES]);
            }
            slots[kind].putBytes(0, encoded, 0, bytes);
            length[kind] = bytes;
            barStart[kind] = event.start;
        }
    }
}
