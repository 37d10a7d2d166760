package io.tickstock.publisher;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots one client is owed, copied from the snapshot table at the exact point between two
 * events where its subscribe was applied, so they can be encoded on the client's own event loop
 * while the fan-out goes on with everyone's events; the client's own events wait in its queue
 * behind them. Encodes {@code snapshot} messages many per frame, a new frame once one reaches
 * 64 KiB (docs/protocol.md §2.0).
 *
 * <p>Not thread-safe: made on the fan-out thread, then handed whole to one event loop.
 */
final class SnapshotCopy
{
    private static final int FRAME_BYTES = 64 * 1024;

    private final List<String> symbols = new ArrayList<>();
    private final List<SnapshotTable.State> states = new ArrayList<>();

    void add(final String symbol, final SnapshotTable.State state)
    {
        symbols.add(symbol);
        states.add(state.copy());
    }

    int size()
    {
        return symbols.size();
    }

    /** Writes the snapshots to the channel and flushes. The channel's event loop. */
    void writeTo(final Channel channel)
    {
        FrameWriter writer = null;
        for (int i = 0; i < symbols.size(); i++)
        {
            if (writer == null)
            {
                writer = new FrameWriter(channel.alloc());
            }
            writer.snapshot(symbols.get(i), states.get(i));
            if (writer.size() >= FRAME_BYTES)
            {
                write(channel, writer.toFrame());
                writer = null;
            }
        }
        if (writer != null)
        {
            write(channel, writer.toFrame());
        }
        channel.flush();
    }

    private static void write(final Channel channel, final TextWebSocketFrame frame)
    {
        channel.write(frame, channel.voidPromise());
    }
}
