package io.tickstock.publisher;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the edge's connections as they are accepted, upgraded and closed, so that a
 * connect/disconnect storm can be accounted for exactly: every connection opened is closed
 * once, whichever side ends it and however (close frame, reset, half an upgrade). Thread-safe.
 */
final class ConnectionCounters
{
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final ChannelFutureListener onClose = future -> closed.incrementAndGet();

    /** Counts a connection just accepted, and its close once it has closed. */
    void track(final Channel channel)
    {
        opened.incrementAndGet();
        channel.closeFuture().addListener(onClose);
    }

    /** Counts a WebSocket client whose handshake completed. */
    void sessionOpened()
    {
        sessions.incrementAndGet();
    }

    ConnectionCounts read()
    {
        final long closedSoFar = closed.get();
        final long sessionsSoFar = sessions.get();
        return new ConnectionCounts(opened.get(), sessionsSoFar, closedSoFar);
    }
}
