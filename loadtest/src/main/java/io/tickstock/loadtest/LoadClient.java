package io.tickstock.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickstock.core.EpochClock;

import java.io.IOException;

/**
 * One simulated client: once the server's {@code welcome} arrives it sends its subscribe op, then
 * reads every frame, timing each event from its receive stamp to the moment the frame was read.
 * The receipt time is taken once per frame, before parsing, so the client's own parsing is not
 * counted against the server. Event loop thread only.
 */
final class LoadClient extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private final String subscribe;
    private final ClientStats stats;
    private long lastId;
    private boolean welcomed;
    private boolean closed;

    /** @param subscribe the subscribe op's JSON text. */
    LoadClient(final String subscribe, final ClientStats stats)
    {
        super(WebSocketFrame.class, true);
        this.subscribe = subscribe;
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
        {
            stats.connected.increment();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof TextWebSocketFrame text)
        {
            final long receivedUs = EpochClock.micros();
            read(ctx, text.content(), receivedUs);
        }
        else if (frame instanceof CloseWebSocketFrame close)
        {
            stats.recordClose(close.statusCode());
            closed = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (!closed)
        {
            stats.recordClose(1006);
        }
        stats.disconnected.increment();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        stats.errors.increment();
        ctx.close();
    }

    private void read(final ChannelHandlerContext ctx, final ByteBuf content, final long receivedUs)
    {
        final int length = content.readableBytes();
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length)
        {
            bytes = new byte[Math.max(length, bytes.length * 2)];
            SCRATCH.set(bytes);
        }
        content.getBytes(content.readerIndex(), bytes, 0, length);
        try (JsonParser json = JSON.createParser(bytes, 0, length))
        {
            if (json.nextToken() != JsonToken.START_ARRAY)
            {
                stats.unreadable.increment();
                return;
            }
            while (json.nextToken() == JsonToken.START_OBJECT)
            {
                message(ctx, json, receivedUs);
            }
        }
        catch (final IOException ex)
        {
            stats.unreadable.increment();
        }
    }

    private void message(final ChannelHandlerContext ctx, final JsonParser json, final long receivedUs) throws IOException
    {
        String type = null;
        String event = null;
        String tf = null;
        long id = 0;
        long start = 0;
        long recvUs = 0;
        long dropped = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = json.currentName();
            final JsonToken value = json.nextToken();
            if (value == JsonToken.START_OBJECT && "src".equals(field))
            {
                while (json.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = json.currentName();
                    json.nextToken();
                    if ("recvUs".equals(name))
                    {
                        recvUs = json.getLongValue();
                    }
                }
            }
            else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)
            {
                json.skipChildren();
            }
            else
            {
                switch (field)
                {
                    case "type" -> type = json.getText();
                    case "event" -> event = json.getText();
                    case "tf" -> tf = json.getText();
                    case "id" -> id = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
                    case "start" -> start = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
                    case "dropped" -> dropped = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
                    default ->
                    {
                    }
                }
            }
        }
        if ("event".equals(type))
        {
            if (id <= lastId)
            {
                stats.outOfOrder.increment();
            }
            lastId = id;
            stats.recordEvent(receivedUs - recvUs);
            if ("bar".equals(event) && "1m".equals(tf))
            {
                stats.recordMinuteBar(start, recvUs, receivedUs);
            }
        }
        else if ("gap".equals(type))
        {
            stats.gaps.increment();
            stats.gapEvents.add(dropped);
        }
        else if ("snapshot".equals(type))
        {
            stats.snapshots.increment();
        }
        else if ("ack".equals(type))
        {
            stats.subscribed.increment();
        }
        else if ("welcome".equals(type) && !welcomed)
        {
            welcomed = true;
            ctx.writeAndFlush(new TextWebSocketFrame(subscribe));
        }
        else if ("error".equals(type))
        {
            stats.errors.increment();
        }
    }
}
