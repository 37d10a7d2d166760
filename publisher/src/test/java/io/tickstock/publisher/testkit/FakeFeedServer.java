package io.tickstock.publisher.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A feed server on 127.0.0.1 that speaks the Polygon/Massive stocks WebSocket protocol as
 * docs/feeds.md describes it: {@code connected} on open, {@code auth_success} or
 * {@code auth_failed} for the key, {@code success} for a subscription. What it sends after a
 * subscription is the test's script, given each connection in turn. Every message a client sent
 * is kept per connection.
 */
public final class FakeFeedServer implements AutoCloseable
{
    public static final String PATH = "/stocks";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final String key;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Consumer<Connection> onSubscribed = connection -> { };
    private volatile String refuseWith;
    private volatile boolean silent;

    /** @param key the only key it accepts. */
    public FakeFeedServer(final String key) throws InterruptedException
    {
        this.key = key;
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    final Connection connection = new Connection(ch, accepted.getAndIncrement());
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65_536))
                        .addLast(new ChannelOutboundHandlerAdapter()
                        {
                            @Override
                            public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
                            {
                                if (silent && msg instanceof PongWebSocketFrame)
                                {
                                    ReferenceCountUtil.release(msg);
                                    promise.trySuccess();
                                    return;
                                }
                                ctx.write(msg, promise);
                            }
                        })
                        .addLast(new WebSocketServerProtocolHandler(PATH))
                        .addLast(new Handler(connection));
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
    }

    /** {@code ws://127.0.0.1:PORT/stocks}. */
    public String url()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort() + PATH;
    }

    /** What to do with each connection once it has subscribed. */
    public void onSubscribed(final Consumer<Connection> script)
    {
        onSubscribed = script;
    }

    /** Answers every key, right or wrong, with this status (for example {@code max_connections}); null: check the key. */
    public void refuseWith(final String status)
    {
        refuseWith = status;
    }

    /** Answers no ping from now on: a feed that is gone without closing its connection. */
    public void silent()
    {
        silent = true;
    }

    /** The connections handshaken so far, in order. */
    public List<Connection> connections()
    {
        return connections;
    }

    @Override
    public void close()
    {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One client connection: what it sent, and a way to send to it. */
    public static final class Connection
    {
        private final Channel channel;
        private final int index;
        /** Every text message the client sent, in order. */
        public final List<String> received = new CopyOnWriteArrayList<>();

        Connection(final Channel channel, final int index)
        {
            this.channel = channel;
            this.index = index;
        }

        /** 0 for the first connection, 1 for the next, ... */
        public int index()
        {
            return index;
        }

        public void send(final String text)
        {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }

        /** Sends {@code text} after {@code delayMs}: a quiet market, for as long as the test says. */
        public void sendAfter(final long delayMs, final String text)
        {
            channel.eventLoop().schedule(() -> send(text), delayMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Closes the connection after {@code delayMs}. */
        public void closeAfter(final long delayMs)
        {
            channel.eventLoop().schedule(this::close, delayMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Sends a close frame and ends the connection. */
        public void close()
        {
            channel.writeAndFlush(new CloseWebSocketFrame(1001, "going away")).addListener(f -> channel.close());
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        private final Connection connection;

        Handler(final Connection connection)
        {
            this.connection = connection;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
            {
                connections.add(connection);
                connection.send("[{\"ev\":\"status\",\"status\":\"connected\",\"message\":\"Connected Successfully\"}]");
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            final String text = frame.text();
            connection.received.add(text);
            if (text.startsWith("{\"action\":\"auth\""))
            {
                if (refuseWith != null)
                {
                    connection.send("[{\"ev\":\"status\",\"status\":\"" + refuseWith + "\",\"message\":\"refused\"}]");
                    connection.close();
                }
                else if (text.equals("{\"action\":\"auth\",\"params\":\"" + key + "\"}"))
                {
                    connection.send("[{\"ev\":\"status\",\"status\":\"auth_success\",\"message\":\"authenticated\"}]");
                }
                else
                {
                    connection.send("[{\"ev\":\"status\",\"status\":\"auth_failed\",\"message\":\"authentication failed\"}]");
                    connection.close();
                }
            }
            else if (text.startsWith("{\"action\":\"subscribe\""))
            {
                connection.send("[{\"ev\":\"status\",\"status\":\"success\",\"message\":\"subscribed to: T.*\"}]");
                onSubscribed.accept(connection);
            }
        }
    }
}
