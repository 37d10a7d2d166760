package io.tickstock.publisher;

/**
 * One client's delivery accounting at one moment: {@code matched = sent + conflated + dropped +
 * queued} holds exactly.
 *
 * @param matched   events that matched the client's subscription.
 * @param sent      events handed to its socket.
 * @param conflated events replaced by a newer one of the same (event, symbol, tf) while queued.
 * @param dropped   events dropped: queue full, or the client closed with events queued.
 * @param queued    events waiting for the socket.
 */
public record ClientCounts(long matched, long sent, long conflated, long dropped, long queued)
{
}
