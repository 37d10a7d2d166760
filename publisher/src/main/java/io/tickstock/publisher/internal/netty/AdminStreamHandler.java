package io.tickstock.publisher.internal.netty;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One admin client's side of {@link AdminStream}: registers it once the handshake completes,
 * pings it when idle and closes it (1001) when a second idle period passes without any frame, and
 * ignores what it sends.
 *
 * <p>Not thread-safe: one instance per connection, on its event loop.
 */
final class AdminStreamHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private final AdminStream stream;
    private boolean upgraded;
    private boolean pingOutstanding;

    AdminStreamHandler(final AdminStream stream)
    {
        this.stream = stream;
    }

    /** Whether the WebSocket handshake has completed. */
    boolean isUpgraded()
    {
        return upgraded;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
        {
            upgraded = true;
            stream.register(ctx.channel());
        }
        else if (event instanceof IdleStateEvent && upgraded)
        {
            if (pingOutstanding)
            {
                ctx.writeAndFlush(new CloseWebSocketFrame(1001, "no answer to ping")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            pingOutstanding = true;
            ctx.writeAndFlush(new PingWebSocketFrame());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        // pongs and anything else prove the client alive; admin clients have nothing to say
        pingOutstanding = false;
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        stream.unregister(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
