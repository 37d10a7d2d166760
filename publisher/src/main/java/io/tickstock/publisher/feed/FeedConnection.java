package io.tickstock.publisher.feed;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.tickstock.core.EpochClock;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket connection to a feed, on Netty's client: connects, shakes hands, and hands what
 * arrives to the feed source's thread through an inbox, in order: the handshake's completion,
 * each text frame (its bytes, retained, with the time it arrived) and, last, how the connection
 * ended. When more than {@value #HIGH_FRAMES} frames wait, the connection stops reading until the
 * source has taken them down to {@value #LOW_FRAMES}, so a slow pipeline slows the feed's TCP
 * connection instead of filling the heap.
 *
 * <p>Thread-safe: the event loop fills the inbox, the source's thread takes from it and sends.
 */
final class FeedConnection implements AutoCloseable
{
    static final int HIGH_FRAMES = 256;
    static final int LOW_FRAMES = 64;

    /** In the inbox once the WebSocket handshake has completed. */
    static final Object OPEN = new Object();

    /** A text frame: its payload (the taker releases it) and when it arrived, epoch microseconds. */
    record Frame(ByteBuf payload, long recvUs)
    {
    }

    /** Last in the inbox: why the connection ended. */
    record Ended(FeedDisconnect cause, String detail)
    {
    }

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger framesWaiting = new AtomicInteger();
    private final Channel channel;
    private volatile boolean open;

    private FeedConnection(final EventLoopGroup group, final FeedSettings settings, final SslContext tls, final FeedStats stats)
    {
        final WebSocketClientProtocolConfig protocol = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(settings.url())
            .maxFramePayloadLength(settings.maxFrameBytes())
            .handshakeTimeoutMillis(settings.connectTimeoutMs())
            .handleCloseFrames(false)
            .build();
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)settings.connectTimeoutMs())
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (tls != null)
                    {
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), settings.url().getHost(), settings.port()));
                    }
                    ch.pipeline()
                        .addLast("http", new HttpClientCodec())
                        .addLast("http-aggregator", new HttpObjectAggregator(65_536))
                        .addLast("websocket", new WebSocketClientProtocolHandler(protocol))
                        .addLast("frame-aggregator", new WebSocketFrameAggregator(settings.maxFrameBytes()))
                        .addLast("feed", new Inbound(stats));
                }
            });
        channel = bootstrap.connect(settings.url().getHost(), settings.port())
            .addListener((ChannelFutureListener)future ->
            {
                if (!future.isSuccess())
                {
                    end(FeedDisconnect.CONNECT_FAILED, describe(future.cause()));
                }
            })
            .channel();
    }

    /** Starts connecting to the feed; what follows arrives in the inbox. */
    static FeedConnection open(final EventLoopGroup group, final FeedSettings settings, final SslContext tls, final FeedStats stats)
    {
        return new FeedConnection(group, settings, tls, stats);
    }

    /**
     * The next thing that arrived: {@link #OPEN}, a {@link Frame} or, last, {@link Ended}; null when
     * nothing arrived within {@code timeoutMs}.
     */
    Object poll(final long timeoutMs) throws InterruptedException
    {
        final Object next = inbox.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (next instanceof Frame && framesWaiting.decrementAndGet() == LOW_FRAMES && !channel.config().isAutoRead())
        {
            channel.config().setAutoRead(true);
        }
        return next;
    }

    /** Sends a text message (the auth and subscribe actions). */
    void send(final String text)
    {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** Closes the connection (with a close frame when it is open) and releases every frame not taken. */
    @Override
    public void close()
    {
        try
        {
            if (open && channel.isActive())
            {
                channel.writeAndFlush(new CloseWebSocketFrame(1000, "closing")).addListener(ChannelFutureListener.CLOSE);
            }
            else
            {
                channel.close();
            }
            channel.closeFuture().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        catch (final RuntimeException ex)
        {
            // the event loop already shut down (the source was stopped): the channel is closed with it
        }
        Object left;
        while ((left = inbox.poll()) != null)
        {
            if (left instanceof Frame frame)
            {
                frame.payload().release();
            }
        }
    }

    private void end(final FeedDisconnect cause, final String detail)
    {
        inbox.add(new Ended(cause, detail));
    }

    private static String describe(final Throwable cause)
    {
        return cause == null ? "unknown" : cause.getMessage() == null ? cause.getClass().getSimpleName() :
            cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The end of the channel's pipeline, on the event loop. */
    private final class Inbound extends ChannelInboundHandlerAdapter
    {
        private final FeedStats stats;
        private boolean ended;

        Inbound(final FeedStats stats)
        {
            this.stats = stats;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                open = true;
                inbox.add(OPEN);
            }
            else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                endOnce(FeedDisconnect.CONNECT_FAILED, "the WebSocket handshake timed out");
                ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)
            {
                final ByteBuf payload = ((io.netty.buffer.ByteBufHolder)msg).content();
                stats.frameArrived(EpochClock.millis());
                inbox.add(new Frame(payload, EpochClock.micros()));
                if (framesWaiting.incrementAndGet() >= HIGH_FRAMES)
                {
                    ctx.channel().config().setAutoRead(false);
                }
                return;
            }
            if (msg instanceof CloseWebSocketFrame close)
            {
                endOnce(FeedDisconnect.CLOSED, "the feed closed the connection: " + close.statusCode() +
                    (close.reasonText().isEmpty() ? "" : " " + close.reasonText()));
                close.release();
                ctx.close();
                return;
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            endOnce(open ? FeedDisconnect.CLOSED : FeedDisconnect.CONNECT_FAILED,
                open ? "the connection ended without a close frame" : "the connection ended before the WebSocket handshake completed");
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            endOnce(open ? FeedDisconnect.ERROR : FeedDisconnect.CONNECT_FAILED, describe(cause));
            ctx.close();
        }

        private void endOnce(final FeedDisconnect cause, final String detail)
        {
            if (!ended)
            {
                ended = true;
                end(cause, detail);
            }
        }
    }
}
