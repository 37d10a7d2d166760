package io.tickstock.publisher.internal.wire;

import io.netty.buffer.ByteBuf;
import io.tickstock.channels.MarketEvent;

/**
 * Encodes one pipeline event as the client protocol's {@code event} message (docs/protocol.md §2.3),
 * once, into bytes every matching client shares.
 *
 * <p>Public only so that the benchmarks module can measure the encoding on its own
 * ({@code EventJsonBenchmark}); the edge is its one caller in the library. Thread-safe (stateless).
 */
public final class EventJson
{
    private EventJson()
    {
    }

    /** Writes {@code {"type":"event",...}} (no enclosing array) at the buffer's writer index. */
    public static void write(final ByteBuf out, final MarketEvent e, final long id)
    {
        JsonBytes.writeAscii(out, "{\"type\":\"event\",\"id\":");
        JsonBytes.writeLong(out, id);
        JsonBytes.writeAscii(out, ",\"event\":\"");
        JsonBytes.writeAscii(out, e.type.wireName());
        JsonBytes.writeAscii(out, "\",\"channel\":\"");
        JsonBytes.writeAscii(out, e.type.channel());
        JsonBytes.writeAscii(out, "\",\"symbol\":");
        JsonBytes.writeString(out, e.symbol);
        JsonBytes.writeAscii(out, ",\"priority\":");
        JsonBytes.writeLong(out, e.priority);
        JsonBytes.writeAscii(out, ",\"ts\":");
        JsonBytes.writeLong(out, e.ts);
        switch (e.type)
        {
            case TRADE:
                fixed(out, ",\"price\":", e.price);
                number(out, ",\"size\":", e.size);
                break;
            case HIGH:
            case LOW:
                fixed(out, ",\"price\":", e.price);
                fixed(out, ",\"prev\":", e.prev);
                number(out, ",\"count\":", e.count);
                break;
            case TREND:
                direction(out, e);
                fixed(out, ",\"pct\":", e.pct);
                number(out, ",\"windowS\":", e.windowS);
                break;
            case SURGE:
                direction(out, e);
                JsonBytes.writeAscii(out, ",\"trigger\":\"");
                JsonBytes.writeAscii(out, MarketEvent.triggerName(e.trigger));
                out.writeByte('"');
                fixed(out, ",\"volRatio\":", e.volRatio);
                fixed(out, ",\"pct\":", e.pct);
                number(out, ",\"windowS\":", e.windowS);
                break;
            case BAR:
                JsonBytes.writeAscii(out, ",\"tf\":");
                JsonBytes.writeString(out, e.tf);
                fixed(out, ",\"o\":", e.open);
                fixed(out, ",\"h\":", e.high);
                fixed(out, ",\"l\":", e.low);
                fixed(out, ",\"c\":", e.close);
                number(out, ",\"v\":", e.volume);
                fixed(out, ",\"vw\":", e.vwap);
                number(out, ",\"start\":", e.start);
                number(out, ",\"end\":", e.end);
                fixed(out, ",\"pct\":", e.pct);
                fixed(out, ",\"relVol\":", e.relVol);
                JsonBytes.writeAscii(out, e.revised ? ",\"revised\":true" : ",\"revised\":false");
                break;
            case FMV:
                fixed(out, ",\"fmv\":", e.fmv);
                fixed(out, ",\"last\":", e.last);
                fixed(out, ",\"pct\":", e.pct);
                JsonBytes.writeAscii(out, ",\"signal\":");
                if (e.signal == null)
                {
                    JsonBytes.writeAscii(out, "null");
                }
                else
                {
                    JsonBytes.writeString(out, e.signal);
                }
                break;
            default:
                throw new IllegalStateException("no encoding for " + e.type);
        }
        JsonBytes.writeAscii(out, ",\"src\":{\"name\":");
        JsonBytes.writeString(out, e.srcName);
        number(out, ",\"seq\":", e.srcSeq);
        number(out, ",\"recvUs\":", e.recvUs);
        JsonBytes.writeAscii(out, "}}");
    }

    private static void direction(final ByteBuf out, final MarketEvent e)
    {
        JsonBytes.writeAscii(out, e.up ? ",\"direction\":\"up\"" : ",\"direction\":\"down\"");
    }


    private static void fixed(final ByteBuf out, final String name, final long micros)
    {
        JsonBytes.writeAscii(out, name);
        JsonBytes.writeFixed(out, micros);
    }

    private static void number(final ByteBuf out, final String name, final long value)
    {
        JsonBytes.writeAscii(out, name);
        JsonBytes.writeLong(out, value);
    }
}
