package io.tickstock.publisher.internal.wire;

import io.netty.buffer.ByteBuf;
import io.tickstock.channels.EventType;
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
    // the message's constant parts, encoded once: one copy each instead of a write per byte
    private static final byte[] OPEN = JsonBytes.ascii("{\"type\":\"event\",\"id\":");
    /** By {@link EventType} ordinal: {@code ,"event":"high","channel":"tick","symbol":}. */
    private static final byte[][] TYPE_PREFIX = new byte[EventType.values().length][];
    private static final byte[] PRIORITY = JsonBytes.ascii(",\"priority\":");
    private static final byte[] TS = JsonBytes.ascii(",\"ts\":");
    private static final byte[] PRICE = JsonBytes.ascii(",\"price\":");
    private static final byte[] SIZE = JsonBytes.ascii(",\"size\":");
    private static final byte[] PREV = JsonBytes.ascii(",\"prev\":");
    private static final byte[] COUNT = JsonBytes.ascii(",\"count\":");
    private static final byte[] UP = JsonBytes.ascii(",\"direction\":\"up\"");
    private static final byte[] DOWN = JsonBytes.ascii(",\"direction\":\"down\"");
    private static final byte[] PCT = JsonBytes.ascii(",\"pct\":");
    private static final byte[] WINDOW_S = JsonBytes.ascii(",\"windowS\":");
    private static final byte[] TRIGGER = JsonBytes.ascii(",\"trigger\":\"");
    private static final byte[] VOL_RATIO = JsonBytes.ascii(",\"volRatio\":");
    private static final byte[] TF = JsonBytes.ascii(",\"tf\":");
    private static final byte[] O = JsonBytes.ascii(",\"o\":");
    private static final byte[] H = JsonBytes.ascii(",\"h\":");
    private static final byte[] L = JsonBytes.ascii(",\"l\":");
    private static final byte[] C = JsonBytes.ascii(",\"c\":");
    private static final byte[] V = JsonBytes.ascii(",\"v\":");
    private static final byte[] VW = JsonBytes.ascii(",\"vw\":");
    private static final byte[] START = JsonBytes.ascii(",\"start\":");
    private static final byte[] END = JsonBytes.ascii(",\"end\":");
    private static final byte[] REL_VOL = JsonBytes.ascii(",\"relVol\":");
    private static final byte[] REVISED = JsonBytes.ascii(",\"revised\":true");
    private static final byte[] NOT_REVISED = JsonBytes.ascii(",\"revised\":false");
    private static final byte[] FMV = JsonBytes.ascii(",\"fmv\":");
    private static final byte[] LAST = JsonBytes.ascii(",\"last\":");
    private static final byte[] SIGNAL = JsonBytes.ascii(",\"signal\":");
    private static final byte[] NULL = JsonBytes.ascii("null");
    private static final byte[] SRC_NAME = JsonBytes.ascii(",\"src\":{\"name\":");
    private static final byte[] SEQ = JsonBytes.ascii(",\"seq\":");
    private static final byte[] RECV_US = JsonBytes.ascii(",\"recvUs\":");
    private static final byte[] CLOSE = JsonBytes.ascii("}}");

    static
    {
        for (final EventType type : EventType.values())
        {
            TYPE_PREFIX[type.ordinal()] = JsonBytes.ascii(",\"event\":\"" + type.wireName() + "\",\"channel\":\"" + type.channel() + "\",\"symbol\":");
        }
    }

    private EventJson()
    {
    }

    /** Writes {@code {"type":"event",...}} (no enclosing array) at the buffer's writer index. */
    public static void write(final ByteBuf out, final MarketEvent e, final long id)
    {
        out.writeBytes(OPEN);
        JsonBytes.writeLong(out, id);
        out.writeBytes(TYPE_PREFIX[e.type.ordinal()]);
        JsonBytes.writeString(out, e.symbol);
        out.writeBytes(PRIORITY);
        JsonBytes.writeLong(out, e.priority);
        out.writeBytes(TS);
        JsonBytes.writeLong(out, e.ts);
        switch (e.type)
        {
            case TRADE:
                fixed(out, PRICE, e.price);
                number(out, SIZE, e.size);
                break;
            case HIGH:
            case LOW:
                fixed(out, PRICE, e.price);
                fixed(out, PREV, e.prev);
                number(out, COUNT, e.count);
                break;
            case TREND:
                out.writeBytes(e.up ? UP : DOWN);
                fixed(out, PCT, e.pct);
                number(out, WINDOW_S, e.windowS);
                break;
            case SURGE:
                out.writeBytes(e.up ? UP : DOWN);
                out.writeBytes(TRIGGER);
                JsonBytes.writeAscii(out, MarketEvent.triggerName(e.trigger));
                out.writeByte('"');
                fixed(out, VOL_RATIO, e.volRatio);
                fixed(out, PCT, e.pct);
                number(out, WINDOW_S, e.windowS);
                break;
            case BAR:
                out.writeBytes(TF);
                JsonBytes.writeString(out, e.tf);
                fixed(out, O, e.open);
                fixed(out, H, e.high);
                fixed(out, L, e.low);
                fixed(out, C, e.close);
                number(out, V, e.volume);
                fixed(out, VW, e.vwap);
                number(out, START, e.start);
                number(out, END, e.end);
                fixed(out, PCT, e.pct);
                fixed(out, REL_VOL, e.relVol);
                out.writeBytes(e.revised ? REVISED : NOT_REVISED);
                break;
            case FMV:
                fixed(out, FMV, e.fmv);
                fixed(out, LAST, e.last);
                fixed(out, PCT, e.pct);
                out.writeBytes(SIGNAL);
                if (e.signal == null)
                {
                    out.writeBytes(NULL);
                }
                else
                {
                    JsonBytes.writeString(out, e.signal);
                }
                break;
            default:
                throw new IllegalStateException("no encoding for " + e.type);
        }
        out.writeBytes(SRC_NAME);
        JsonBytes.writeString(out, e.srcName);
        number(out, SEQ, e.srcSeq);
        number(out, RECV_US, e.recvUs);
        out.writeBytes(CLOSE);
    }

    private static void fixed(final ByteBuf out, final byte[] name, final long micros)
    {
        out.writeBytes(name);
        JsonBytes.writeFixed(out, micros);
    }

    private static void number(final ByteBuf out, final byte[] name, final long value)
    {
        out.writeBytes(name);
        JsonBytes.writeLong(out, value);
    }
}
