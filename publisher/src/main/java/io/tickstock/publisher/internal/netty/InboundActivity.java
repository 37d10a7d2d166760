package io.tickstock.publisher.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Tells the client handler that something arrived (any frame, pongs included, which the protocol
 * handler drops before it), so an outstanding liveness ping counts as answered.
 *
 * <p>Not thread-safe: one instance per connection, on its event loop.
 */
public final class InboundActivity extends ChannelInboundHandlerAdapter
{
    private final WebSocketFrameHandler client;

    public InboundActivity(final WebSocketFrameHandler client)
    {
        this.client = client;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        client.onInbound();
        ctx.fireChannelRead(msg);
    }
}
