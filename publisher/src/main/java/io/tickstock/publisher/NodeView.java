package io.tickstock.publisher;

/**
 * A part of the node that the edge shows beside its own views: its JSON at {@code /debug/NAME}
 * and its series in {@code /metrics} (an ingest node's stream to its edges, an edge node's
 * upstream: docs/scale-out.md). Added with {@link WebSocketEdge#view} before the edge starts.
 *
 * <p>Implementations are called on the edge's event loops, concurrently: they read what their
 * part publishes and do not wait for it (at most, briefly, while that part shuts down).
 */
public interface NodeView
{
    /** The view's name: its path is {@code /debug/NAME}; letters and digits. */
    String name();

    /** The JSON object served at {@code /debug/NAME}. */
    String json();

    /** Appends this part's series to {@code /metrics} (Prometheus text, each family with its HELP and TYPE lines). */
    void metrics(StringBuilder out);
}
