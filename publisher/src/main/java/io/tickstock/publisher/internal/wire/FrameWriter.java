package io.tickstock.publisher.internal.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickstock.channels.EventType;
import io.tickstock.publisher.EdgeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds one server frame of control messages (welcome, ack, error, gap, heartbeat, pong): a JSON
 * array of one or more objects, as docs/protocol.md §2.2 has them. Not on the event path: events
 * are encoded by {@link EventJson}, snapshots by the fan-out's {@code SnapshotJson}.
 *
 * <p>Every writer must end in {@link #toFrame()}, which hands its buffer to the frame.
 *
 * <p>Not thread-safe: one frame, one thread.
 */
public final class FrameWriter
{
    private static final JsonFactory JSON = new JsonFactory();

    private final ByteBuf buffer;
    private final JsonGenerator json;

    public FrameWriter(final ByteBufAllocator allocator)
    {
        buffer = allocator.buffer(256);
        try
        {
            json = JSON.createGenerator((java.io.OutputStream)new ByteBufOutputStream(buffer));
            json.writeStartArray();
        }
        catch (final IOException ex)
        {
            buffer.release();
            throw new UncheckedIOException(ex);
        }
    }

    /** Bytes written so far (approximate until flushed). */
    int size()
    {
        try
        {
            json.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return buffer.readableBytes();
    }

    public FrameWriter welcome(final String server, final String epoch, final EdgeConfig config)
    {
        return message(() ->
        {
            json.writeStringField("type", "welcome");
            json.writeNumberField("protocol", 1);
            json.writeStringField("server", server);
            json.writeStringField("epoch", epoch);
            json.writeNumberField("heartbeatMs", config.heartbeatMs());
            json.writeObjectFieldStart("limits");
            json.writeNumberField("maxSymbols", config.maxSymbols());
            json.writeNumberField("maxFrameBytes", config.maxFrameBytes());
            json.writeNumberField("maxOpsPerSecond", config.maxOpsPerSecond());
            json.writeEndObject();
        });
    }

    /**
     * @param symbols named symbols now subscribed.
     * @param all     whether {@code *} is subscribed for some event type.
     * @param events  the union of the event types subscribed, a mask over {@link EventType#bit()}.
     */
    public FrameWriter ack(final String id, final String op, final int symbols, final boolean all, final int events)
    {
        return message(() ->
        {
            json.writeStringField("type", "ack");
            if (id != null)
            {
                json.writeStringField("id", id);
            }
            json.writeStringField("op", op);
            json.writeNumberField("symbols", symbols);
            json.writeBooleanField("all", all);
            json.writeArrayFieldStart("events");
            for (final EventType type : EventType.values())
            {
                if ((events & type.bit()) != 0)
                {
                    json.writeString(type.wireName());
                }
            }
            json.writeEndArray();
        });
    }

    public FrameWriter error(final String id, final String code, final String text)
    {
        return message(() ->
        {
            json.writeStringField("type", "error");
            if (id != null)
            {
                json.writeStringField("id", id);
            }
            json.writeStringField("code", code);
            json.writeStringField("message", text);
        });
    }

    public FrameWriter pong(final String id, final long ts)
    {
        return message(() ->
        {
            json.writeStringField("type", "pong");
            if (id != null)
            {
                json.writeStringField("id", id);
            }
            json.writeNumberField("ts", ts);
        });
    }

    public FrameWriter heartbeat(final long ts, final long lastId)
    {
        return message(() ->
        {
            json.writeStringField("type", "heartbeat");
            json.writeNumberField("ts", ts);
            json.writeNumberField("lastId", lastId);
        });
    }

    public FrameWriter gap(final String reason, final long dropped, final long fromId, final long toId)
    {
        return message(() ->
        {
            json.writeStringField("type", "gap");
            json.writeStringField("reason", reason);
            json.writeNumberField("dropped", dropped);
            json.writeNumberField("fromId", fromId);
            json.writeNumberField("toId", toId);
        });
    }

    /** Ends the array and returns the frame; the writer must not be used afterwards. */
    public TextWebSocketFrame toFrame()
    {
        try
        {
            json.writeEndArray();
            json.close();
        }
        catch (final IOException ex)
        {
            buffer.release();
            throw new UncheckedIOException(ex);
        }
        return new TextWebSocketFrame(buffer);
    }

    private interface Body
    {
        void write() throws IOException;
    }

    private FrameWriter message(final Body body)
    {
        try
        {
            json.writeStartObject();
            body.write();
            json.writeEndObject();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
