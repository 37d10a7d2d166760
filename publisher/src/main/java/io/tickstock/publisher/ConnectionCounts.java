package io.tickstock.publisher;

/**
 * The edge's connections since it started, read at one moment ({@link WebSocketEdge#connectionCounts()}).
 * A connection is counted as opened when it is accepted and as closed when it has closed, whatever
 * it was: a WebSocket client, an admin stream, a plain HTTP request, or a peer that never finished
 * its upgrade. {@code sessions} counts the WebSocket clients of {@code /ws} whose handshake completed
 * (each was sent a {@code welcome}). The counts are read closed first, so {@code opened >= closed}.
 *
 * @param opened   connections accepted.
 * @param sessions WebSocket client handshakes completed on {@code /ws}.
 * @param closed   connections closed, by either side.
 */
public record ConnectionCounts(long opened, long sessions, long closed)
{
    /** Connections open at that moment. */
    public long open()
    {
        return opened - closed;
    }
}
