package io.tickstock.publisher;

import io.netty.channel.Channel;

/**
 * One WebSocket connection: its channel, subscription and delivery accounting ({@code matched =
 * sent + conflated + dropped + queued}).
 *
 * <p>The subscription and counters are guarded by the edge's lock; {@link #lastSendNanos} is
 * written by whichever thread sends and read by the heartbeat.
 */
final class ClientSession
{
    final Channel channel;
    final Subscription subscription = new Subscription();
    long matched;
    long sent;
    long conflated;
    long dropped;
    boolean subscribedOnce;
    boolean dirty;
    volatile long lastSendNanos = System.nanoTime();

    ClientSession(final Channel channel)
    {
        this.channel = channel;
    }
}
