package io.tickstock.publisher.internal.fanout.store;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots one client is owed, copied from the snapshot table at the exact point between two
 * events where its subscribe was applied, so they can be encoded on the client's own event loop
 * while the fan-out goes on with everyone's events; the client's own events wait in its queue
 * behind them. Encodes {@code snapshot} messages many per frame, a new frame once one reaches
 * 64 KiB (docs/protocol.md §2.0), {@value #SLICE} symbols per event-loop task, so that the other
 * connections on that event loop are written in between.
 *
 * <p>Not thread-safe: made on the fan-out thread, then handed whole to one event loop.
 */
public final class SnapshotCopy
{
    private static final int FRAME_BYTES = 64 * 1024;
    static final int SLICE = 256;

    private final List<String> symbols = new ArrayList<>();
    private final List<SnapshotTable.State> states = new ArrayList<>();

    public void add(final String symbol, final SnapshotTable.State state)
    {
        symbols.add(symbol);
        states.add(state.copy());
    }

    public int size()
    {
        return symbols.size();
    }

    /**
     * Writes the snapshots to the channel in slices of {@value #SLICE} symbols, each its own task
     * on the channel's event loop, then runs {@code done} there. The channel's event loop.
     */
    public void writeTo(final Channel channel, final Runnable done)
    {
        writeSlice(channel, 0, done);
    }

    private void writeSlice(final Channel channel, final int from, final Runnable done)
    {
        final int to = Math.min(symbols.size(), from + SLICE);
        writeFrames(channel, from, to);
        if (to < symbols.size())
        {
            channel.eventLoop().execute(() -> writeSlice(channel, to, done));
        }
        else
        {
            done.run();
        }
    }

    /** Writes every snapshot at once, for shutdown: any thread. */
    public void writeAll(final Channel channel)
    {
        writeFrames(channel, 0, symbols.size());
    }

    private void writeFrames(final Channel channel, final int from, final int to)
    {
        ByteBuf frame = null;
        for (int i = from; i < to; i++)
        {
            if (frame == null)
            {
                frame = channel.alloc().buffer(FRAME_BYTES + 1_024);
                frame.writeByte('[');
            }
            else
            {
                frame.writeByte(',');
            }
            SnapshotJson.write(frame, symbols.get(i), states.get(i));
            if (frame.readableBytes() >= FRAME_BYTES)
            {
                frame.writeByte(']');
                channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
                frame = null;
            }
        }
        if (frame != null)
        {
            frame.writeByte(']');
            channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
        }
        channel.flush();
    }
}
