package io.tickstock.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.tickstock.core.EpochClock;

import java.util.concurrent.TimeUnit;

/**
 * One connection's WebSocket side: registers the client once the handshake completes (welcome),
 * answers its ops (PROTOCOL.md §2.1), refuses binary frames with 1003 and sends a heartbeat when
 * nothing else was sent for {@code heartbeatMs}.
 *
 * <p>Not thread-safe: one instance per connection, on its event loop.
 */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventFanOut fanOut;
    private final EdgeConfig config;
    private ClientSession session;
    private ScheduledFuture<?> heartbeat;

    WebSocketFrameHandler(final EventFanOut fanOut, final EdgeConfig config)
    {
        this.fanOut = fanOut;
        this.config = config;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
        {
            session = new ClientSession(ctx.channel());
            fanOut.register(session);
            final long periodMs = Math.max(10, config.heartbeatMs() / 4);
            heartbeat = ctx.executor().scheduleAtFixedRate(this::heartbeatIfQuiet, periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, event);
    }

    private void heartbeatIfQuiet()
    {
        if (System.nanoTime() - session.lastSendNanos >= TimeUnit.MILLISECONDS.toNanos(config.heartbeatMs()))
        {
            fanOut.sendControl(session, new FrameWriter(session.channel.alloc()).heartbeat(EpochClock.millis(), fanOut.lastId()).toFrame());
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (heartbeat != null)
        {
            heartbeat.cancel(false);
        }
        if (session != null)
        {
            fanOut.unregister(session);
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (!(frame instanceof TextWebSocketFrame))
        {
            ctx.writeAndFlush(new CloseWebSocketFrame(1003, "binary frames are not accepted"))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        final JsonNode root;
        try
        {
            root = JSON.readTree(((TextWebSocketFrame)frame).text());
        }
        catch (final JsonProcessingException ex)
        {
            error(null, "bad_json", "not JSON: " + ex.getOriginalMessage());
            return;
        }
        if (root == null || root.isMissingNode())
        {
            error(null, "bad_json", "empty frame");
            return;
        }
        if (root.isArray())
        {
            if (root.isEmpty())
            {
                error(null, "bad_request", "an array of ops must not be empty");
            }
            for (final JsonNode node : root)
            {
                handle(ClientOp.parse(node));
            }
        }
        else
        {
            handle(ClientOp.parse(root));
        }
    }

    private void handle(final ClientOp op)
    {
        if (op.isError())
        {
            error(op.id, op.errorCode, op.errorMessage);
            return;
        }
        switch (op.op)
        {
            case ClientOp.SUBSCRIBE:
                final String refused = fanOut.subscribe(session, op);
                if (refused != null)
                {
                    error(op.id, refused, "more than " + config.maxSymbols() + " symbols on one connection");
                }
                break;
            case ClientOp.UNSUBSCRIBE:
                fanOut.unsubscribe(session, op);
                break;
            default:
                fanOut.sendControl(session, new FrameWriter(session.channel.alloc()).pong(op.id, EpochClock.millis()).toFrame());
                break;
        }
    }

    private void error(final String id, final String code, final String message)
    {
        fanOut.sendControl(session, new FrameWriter(session.channel.alloc()).error(id, code, message).toFrame());
    }
}
