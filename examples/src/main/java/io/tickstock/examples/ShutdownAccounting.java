package io.tickstock.examples;

import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.monitor.PipelineAccounting;
import io.tickstock.publisher.ClientCounts;
import io.tickstock.publisher.ConnectionCounts;
import io.tickstock.publisher.WebSocketEdge;

import java.util.List;

/**
 * The accounting a server prints as its last lines once it has stopped (docs/observability.md,
 * "The server stops (SIGTERM)"): the pipeline's identities of docs/semantics.md §7
 * ({@link PipelineAccounting}, with the edge's last event id against the events published), then
 * what the edge's clients were given and that no connection is left open, then the verdict.
 *
 * <p>Read it after {@code pipeline.stop} and {@code edge.close()}: only then are the counts final.
 */
final class ShutdownAccounting
{
    static final String PREFIX = PipelineAccounting.PREFIX;

    private ShutdownAccounting()
    {
    }

    /** The lines, each starting with {@value #PREFIX}, the verdict last. */
    static List<String> of(final MarketPipeline pipeline, final WebSocketEdge edge)
    {
        return of(PipelineAccounting.of(pipeline, edge::lastEventId), edge);
    }

    /** An edge node's lines: its events came from its ingest node, not its channels (docs/scale-out.md). */
    static List<String> ofEdgeNode(final MarketPipeline pipeline, final WebSocketEdge edge, final long upstreamEvents, final long states,
        final long firstId)
    {
        return of(PipelineAccounting.ofUpstream(pipeline, upstreamEvents, states, firstId, edge::lastEventId), edge);
    }

    private static List<String> of(final PipelineAccounting accounting, final WebSocketEdge edge)
    {
        long queued = 0;
        for (final ClientCounts counts : edge.clientCounts())
        {
            queued += counts.queued();
        }
        final ConnectionCounts connections = edge.connectionCounts();
        accounting.line("clients sent " + edge.eventsSent() + ", conflated " + edge.eventsConflated() + ", dropped " +
            edge.eventsDropped() + ", queued " + queued + "; connections opened " + connections.opened() + " = closed " +
            connections.closed() + " (client sessions " + connections.sessions() + ")");
        accounting.check(queued == 0, queued + " events still queued for clients");
        accounting.check(connections.open() == 0, connections.open() + " connections still open");
        return accounting.finish();
    }
}
