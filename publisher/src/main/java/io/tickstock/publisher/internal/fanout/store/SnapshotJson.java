package io.tickstock.publisher.internal.fanout.store;

import io.netty.buffer.ByteBuf;
import io.tickstock.publisher.internal.wire.EventJson;
import io.tickstock.publisher.internal.wire.JsonBytes;

/**
 * Encodes one symbol's {@code snapshot} message (docs/protocol.md §2.2) straight into bytes, as
 * {@link EventJson} does for events: a {@code *} snapshot is thousands of them, encoded on a
 * client's event loop that other clients share.
 *
 * <p>Thread-safe (stateless).
 */
public final class SnapshotJson
{
    private SnapshotJson()
    {
    }

    /** Writes {@code {"type":"snapshot",...}} (no enclosing array) at the buffer's writer index. */
    public static void write(final ByteBuf out, final String symbol, final SnapshotTable.State s)
    {
        JsonBytes.writeAscii(out, "{\"type\":\"snapshot\",\"symbol\":");
        JsonBytes.writeString(out, symbol);
        JsonBytes.writeAscii(out, ",\"state\":{\"last\":");
        JsonBytes.writeFixed(out, s.last);
        JsonBytes.writeAscii(out, ",\"high\":");
        JsonBytes.writeFixed(out, s.high);
        JsonBytes.writeAscii(out, ",\"low\":");
        JsonBytes.writeFixed(out, s.low);
        JsonBytes.writeAscii(out, ",\"volume\":");
        if (s.volume == Long.MIN_VALUE)
        {
            JsonBytes.writeAscii(out, "null");
        }
        else
        {
            JsonBytes.writeLong(out, s.volume);
        }
        final SnapshotTable.Bar bar = s.minuteBar.present ? s.minuteBar : s.secondBar.present ? s.secondBar : null;
        if (bar == null)
        {
            JsonBytes.writeAscii(out, ",\"bar\":null");
        }
        else
        {
            JsonBytes.writeAscii(out, ",\"bar\":{\"tf\":");
            JsonBytes.writeString(out, bar.tf);
            JsonBytes.writeAscii(out, ",\"o\":");
            JsonBytes.writeFixed(out, bar.open);
            JsonBytes.writeAscii(out, ",\"h\":");
            JsonBytes.writeFixed(out, bar.high);
            JsonBytes.writeAscii(out, ",\"l\":");
            JsonBytes.writeFixed(out, bar.low);
            JsonBytes.writeAscii(out, ",\"c\":");
            JsonBytes.writeFixed(out, bar.close);
            JsonBytes.writeAscii(out, ",\"v\":");
            JsonBytes.writeLong(out, bar.volume);
            JsonBytes.writeAscii(out, ",\"vw\":");
            JsonBytes.writeFixed(out, bar.vwap);
            JsonBytes.writeAscii(out, ",\"start\":");
            JsonBytes.writeLong(out, bar.start);
            JsonBytes.writeAscii(out, ",\"end\":");
            JsonBytes.writeLong(out, bar.end);
            out.writeByte('}');
        }
        JsonBytes.writeAscii(out, ",\"fmv\":");
        JsonBytes.writeFixed(out, s.fmv);
        JsonBytes.writeAscii(out, "}}");
    }
}
