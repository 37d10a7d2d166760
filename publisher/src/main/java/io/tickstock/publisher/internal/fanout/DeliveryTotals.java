package io.tickstock.publisher.internal.fanout;

/**
 * Events sent, conflated and dropped over every client the edge has had, counted by the fan-out
 * as it counts each client's.
 *
 * <p>Not thread-safe: owned by the fan-out thread, which publishes copies for other threads.
 */
final class DeliveryTotals
{
    long sent;
    long conflated;
    long dropped;
}
