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
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.tickstock.core.EpochClock;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket connection to a feed, on Netty's client: connects, shakes hands, and hands what
 * arrives to the feed source's thread through an inbox, in order: the handshake's completion,
 * each text frame (its bytes, retained, with the time it arrived) and, last, how the connection
 * ended. When more than {@value #HIGH_FRAMES} frames wait, the connection stops reading until the
 * source has taken them down to {@value #LOW_FRAMES}, so a slow pipeline slows the feed's TCP
 * connection instead of filling the heap. It pings the feed every third of
 * {@code feed.idleTimeoutMs}; each pong is {@link #ALIVE} in the inbox, so a quiet market is not
 * taken for a lost connection.
 *
 * <p>Thread-safe: the event loop fills the inbox, the source's thread takes from it and sends.
 */
final class FeedConnection implements AutoCloseable
{
    static final int HIGH_FRAMES = 256;
    static final int LOW_FRAMES = 64;

    /** In the inbox once the WebSocket handshake has completed. */
    static final Object OPEN = new Object();
    /** In the inbox when the feed answered our ping: a connection alive in a quiet market. */
    static final Object ALIVE = new Object();

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
    private final long pingEveryMs;
    private volatile boolean open;
    /** Set by {@link #close()}: frames that arrive after it are released, not queued. */
    private volatile boolean closed;
    /** Whether reading is paused for the inbox's sake; read and written on the event loop only. */
    private boolean paused;

    private FeedConnection(final EventLoopGroup group, final FeedSettings settings, final SslContext tls, final FeedStats stats)
    {
        // a quiet market sends nothing for minutes: a ping every third of the idle timeout, whose
        // pong counts as life, keeps feed.idleTimeoutMs for connections that are really gone
        this.pingEveryMs = Math.max(1, settings.idleTimeoutMs() / 3);
        final WebSocketClientProtocolConfig protocol = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(settings.url())
            .maxFramePayloadLength(settings.maxFrameBytes())
            .handshakeTimeoutMillis(settings.connectTimeoutMs())
            .handleCloseFrames(false)
            .dropPongFrames(false)
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
        if (next instanceof Frame && framesWaiting.decrementAndGet() <= LOW_FRAMES)
        {
            // the event loop alone pauses and resumes reading, so the two can never cross
            channel.eventLoop().execute(this::resumeIfDrained);
        }
        return next;
    }

    /** On the event loop: reads again once the source has taken the inbox down to {@value #LOW_FRAMES} frames. */
    private void resumeIfDrained()
    {
        if (paused && framesWaiting.get() <= LOW_FRAMES)
        {
            paused = false;
            channel.config().setAutoRead(true);
        }
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
        closed = true;
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
        releaseInbox();
        // a frame the event loop was queueing as the flag was set is released once the channel is closed
        channel.closeFuture().addListener(future -> releaseInbox());
    }

    private void releaseInbox()
    {
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
                final ScheduledFuture<?> pings = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new PingWebSocketFrame()),
                    pingEveryMs, pingEveryMs, TimeUnit.MILLISECONDS);
                ctx.channel().closeFuture().addListener(future -> pings.cancel(false));
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
            if (closed)
            {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)
            {
                final ByteBuf payload = ((io.netty.buffer.ByteBufHolder)msg).content();
                stats.frameArrived(EpochClock.millis());
                inbox.add(new Frame(payload, EpochClock.micros()));
                if (framesWaiting.incrementAndGet() >= HIGH_FRAMES && !paused)
                {
                    paused = true;
                    ctx.channel().config().setAutoRead(false);
                }
                return;
            }
            if (msg instanceof PongWebSocketFrame pong)
            {
                pong.release();
                inbox.add(ALIVE);
                return;
            }
            if (msg instanceof CloseWebSocketFrame close)
            {
                endOnce(FeedDisconnect.CLOSED, "the feed closed the connection: " + close.statusCode() +
                    (close.reasonText().isEmpty() ? "" : " " + close.reasonText()));
                final int code = close.statusCode();
                close.release();
                // echo the close, as RFC 6455 expects, then end the connection
                ctx.writeAndFlush(new CloseWebSocketFrame(code == -1 ? 1000 : code, "")).addListener(ChannelFutureListener.CLOSE);
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
