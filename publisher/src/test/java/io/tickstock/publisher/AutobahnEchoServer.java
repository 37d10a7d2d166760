package io.tickstock.publisher;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.tickstock.publisher.internal.netty.WebSocketFrameHandler;

/**
 * The server the Autobahn|Testsuite fuzzing client checks ({@code AutobahnIT}, profile {@code autobahn}): the edge's
 * own WebSocket frame handling ({@link WebSocketFrameHandler#protocolConfig}, on path {@code /} as the suite
 * connects there; the same frame aggregation
 * and limits) with an echo in place of the client protocol, since the suite expects text and
 * binary messages echoed. Listens on 127.0.0.1 only, on the port given as the first argument (or,
 * from a test, {@link #start}).
 */
public final class AutobahnEchoServer
{
    private AutobahnEchoServer()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try
        {
            start(group, Integer.parseInt(args[0])).closeFuture().sync();
        }
        finally
        {
            group.shutdownGracefully();
        }
    }

    /** Binds the echo server on 127.0.0.1 at {@code port} (0 for any free port) on {@code group}. */
    static Channel start(final EventLoopGroup group, final int port) throws InterruptedException
    {
        final EdgeConfig config = EdgeConfig.builder().host("127.0.0.1").port(port).build();
        return new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65_536))
                        .addLast(new WebSocketServerProtocolHandler(WebSocketFrameHandler.protocolConfig(config, "/")))
                        .addLast(new WebSocketFrameAggregator(config.maxFrameBytes()))
                        .addLast(new Echo());
                }
            })
            .bind(config.host(), config.port()).sync().channel();
    }

    /** Echoes text and binary messages; the protocol handler answers pings and close frames. */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (frame instanceof TextWebSocketFrame)
            {
                ctx.writeAndFlush(new TextWebSocketFrame(frame.content().retain()));
            }
            else if (frame instanceof BinaryWebSocketFrame)
            {
                ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
            }
        }
    }
}
