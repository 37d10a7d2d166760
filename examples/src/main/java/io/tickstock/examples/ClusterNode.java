package io.tickstock.examples;

import io.tickstock.channels.MarketPipeline;
import io.tickstock.cluster.ClusterSettings;
import io.tickstock.cluster.ClusterViews;
import io.tickstock.cluster.IngestLink;
import io.tickstock.cluster.UpstreamLink;
import io.tickstock.publisher.WebSocketEdge;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The example server's place in a scale-out (docs/scale-out.md): nothing for a standalone server;
 * an ingest node's link to its edges; an edge node's link to its ingest node. {@link TickStockApp}
 * calls it at each step of starting and stopping. Thread-safe: its links are.
 */
final class ClusterNode
{
    /** An edge node's exit status when its ingest node was lost rather than stopped. */
    static final int EXIT_UPSTREAM_LOST = 3;
    private static final long UPSTREAM_RETRY_MS = 2_000;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final ClusterSettings settings;
    private final PrintStream out;
    /** Edge: the ingest node's stream, joined; null in the other roles. */
    private final UpstreamLink upstream;
    /** Ingest: the stream to the edge nodes, once attached; null in the other roles. */
    private volatile IngestLink ingest;

    private ClusterNode(final ClusterSettings settings, final PrintStream out, final UpstreamLink upstream)
    {
        this.settings = settings;
        this.out = out;
        this.upstream = upstream;
    }

    /** A node in {@code settings}' role; an edge joins its ingest node first, trying again every 2 s until it answers. */
    static ClusterNode join(final ClusterSettings settings, final PrintStream out) throws InterruptedException
    {
        if (settings.role() != ClusterSettings.Role.EDGE)
        {
            return new ClusterNode(settings, out, null);
        }
        while (true)
        {
            try
            {
                final UpstreamLink link = UpstreamLink.join(settings, JOIN_TIMEOUT);
                out.printf("edge node: joined the ingest node at %s, epoch %s%n", settings.upstream(), link.epoch());
                return new ClusterNode(settings, out, link);
            }
            catch (final RuntimeException ex)
            {
                // no ingest node yet, or one that went away while this edge joined: try again
                out.printf("edge node: waiting for the ingest node: %s%n", ex.getMessage());
                Thread.sleep(UPSTREAM_RETRY_MS);
            }
        }
    }

    boolean isEdge()
    {
        return upstream != null;
    }

    /** Edge: the ingest node's epoch, which the edge serves; null in the other roles. */
    String epoch()
    {
        return upstream == null ? null : upstream.epoch();
    }

    /**
     * Before the pipeline starts: an ingest node adds its stream as a publish-ring consumer
     * ({@code tickstock-publish-aeron}); both roles show their link on the edge ({@code /debug/cluster},
     * {@code /debug/upstream}).
     *
     * @throws IllegalArgumentException when the ingest node's stream cannot start (its ports).
     */
    void attach(final MarketPipeline pipeline, final WebSocketEdge edge)
    {
        if (settings.role() == ClusterSettings.Role.INGEST)
        {
            try
            {
                ingest = new IngestLink(settings, edge.epoch());
            }
            catch (final IllegalStateException ex)
            {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
            pipeline.addConsumer("aeron", ingest);
            edge.view(ClusterViews.ingest(ingest, edge.epoch()));
        }
        if (upstream != null)
        {
            edge.view(ClusterViews.edge(upstream));
        }
    }

    /**
     * Edge, after the pipeline started: reads the ingest node's recording into the edge (snapshots
     * and resume history) until the link reaches the live stream, with a progress line every 5 s;
     * the port opens after, so the first clients get snapshots of everything published before.
     *
     * @param ended runs once, on the link's thread, when the stream ended or was lost.
     */
    void replay(final MarketPipeline pipeline, final Consumer<String> ended) throws InterruptedException
    {
        if (upstream == null)
        {
            return;
        }
        final CountDownLatch merged = new CountDownLatch(1);
        final long started = System.nanoTime();
        upstream.start(pipeline.publishRing(), merged::countDown, ended);
        while (!merged.await(5, TimeUnit.SECONDS))
        {
            if (upstream.endReason() != null)
            {
                throw new IllegalArgumentException("cluster.upstream: the stream ended before this edge caught up: " + upstream.endReason());
            }
            out.printf("edge node: replaying the ingest node's recording: %,d events so far%n", upstream.events());
        }
        out.printf(Locale.ROOT, "edge node: live after replaying %,d events in %.1f s%n", upstream.events(),
            (System.nanoTime() - started) / 1e9);
    }

    /** Once listening: where an ingest node's edges join. */
    void printListening(final String epoch)
    {
        if (settings.role() == ClusterSettings.Role.INGEST)
        {
            out.printf("ingest node: edge nodes join at %s (recording control at %s), epoch %s%n", settings.endpoint(),
                settings.endpoint().archiveControl(), epoch);
        }
    }

    /** Edge: prints how the stream ended; returns the process's exit status for it. */
    int ended(final String reason)
    {
        out.printf("edge node: upstream %s: %s%n", upstream.state().name().toLowerCase(Locale.ROOT), reason);
        return upstream.state() == UpstreamLink.State.ENDED ? 0 : EXIT_UPSTREAM_LOST;
    }

    /** Edge: the events the ingest node sent. */
    long upstreamEvents()
    {
        return upstream.events();
    }

    /** Edge: its accounting lines (ShutdownAccounting). */
    java.util.List<String> accounting(final MarketPipeline pipeline, final WebSocketEdge edge)
    {
        return ShutdownAccounting.ofEdgeNode(pipeline, edge, upstream.events(), upstream.states(), upstream.firstId());
    }

    /** Before the pipeline stops: an edge's link, the publish ring's producer, stops first. */
    void stopUpstream()
    {
        if (upstream != null)
        {
            upstream.close();
        }
    }

    /** After the pipeline drained: an ingest node's stream has published its end; waits until it was sent and recorded. */
    void closeIngest()
    {
        final IngestLink link = ingest;
        if (link != null)
        {
            link.close();
        }
    }
}
