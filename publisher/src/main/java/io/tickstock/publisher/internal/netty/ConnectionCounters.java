package io.tickstock.publisher.internal.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.tickstock.publisher.ConnectionCounts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the edge's connections as they are accepted, upgraded and closed, so that a
 * connect/disconnect storm can be accounted for exactly: every connection opened is closed
 * once, whichever side ends it and however (close frame, reset, half an upgrade); and the close
 * frames the edge sends its WebSocket clients, by status code. Thread-safe.
 */
public final class ConnectionCounters
{
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final ChannelFutureListener onClose = future -> closed.incrementAndGet();
    private final Map<Integer, AtomicLong> closeFrames = new ConcurrentHashMap<>();
    private final ChannelHandler closeFrameCounter = new CloseFrameCounter();
    /** Every connection still open, HTTP ones included (a closed channel leaves the group by itself). */
    private final ChannelGroup open = new DefaultChannelGroup("tickstock-edge", GlobalEventExecutor.INSTANCE);

    /** Counts a connection just accepted, and its close once it has closed. */
    public void track(final Channel channel)
    {
        opened.incrementAndGet();
        open.add(channel);
        channel.closeFuture().addListener(onClose);
    }

    /**
     * Closes every connection still open (keep-alive HTTP ones, handshakes under way) and waits
     * up to {@code timeoutMs} for them: before the event loops stop, so that each close is seen
     * and counted.
     */
    public void closeAll(final long timeoutMs)
    {
        open.close().awaitUninterruptibly(timeoutMs);
    }

    /** Counts a WebSocket client whose handshake completed. */
    void sessionOpened()
    {
        sessions.incrementAndGet();
    }

    /**
     * Counts every close frame written through it, whoever wrote it. Placed right after Netty's
     * {@code wsencoder}, so that it also sees the 1002 and 1007 that Netty's own frame decoder
     * sends, which pass no handler above the decoder.
     */
    ChannelHandler closeFrameCounter()
    {
        return closeFrameCounter;
    }

    /** Close frames sent to clients so far, by status code, in code order. */
    public Map<Integer, Long> closeFramesSent()
    {
        final Map<Integer, Long> byCode = new TreeMap<>();
        closeFrames.forEach((code, count) -> byCode.put(code, count.get()));
        return byCode;
    }

    public ConnectionCounts read()
    {
        final long closedSoFar = closed.get();
        final long sessionsSoFar = sessions.get();
        return new ConnectionCounts(opened.get(), sessionsSoFar, closedSoFar);
    }

    @ChannelHandler.Sharable
    private final class CloseFrameCounter extends ChannelOutboundHandlerAdapter
    {
        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            if (msg instanceof CloseWebSocketFrame)
            {
                closeFrames.computeIfAbsent(((CloseWebSocketFrame)msg).statusCode(), code -> new AtomicLong()).incrementAndGet();
            }
            ctx.write(msg, promise);
        }
    }
}
