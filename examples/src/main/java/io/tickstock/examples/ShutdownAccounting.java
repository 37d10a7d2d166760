package io.tickstock.examples;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.source.SourceCounters;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.publisher.ClientCounts;
import io.tickstock.publisher.ConnectionCounts;
import io.tickstock.publisher.WebSocketEdge;

import java.util.ArrayList;
import java.util.List;

/**
 * The accounting a server prints as its last lines once it has stopped (docs/observability.md,
 * "The server stops (SIGTERM)"): every count of docs/semantics.md §7 with each identity written
 * out, figures and all, then a verdict on whether every identity holds and every ring drained.
 * After a restart the process and its {@code /metrics} are gone; these lines are what the operator
 * has left to tell what came in, what became of it and what the clients were given.
 *
 * <p>Read it after {@code pipeline.stop} and {@code edge.close()}: only then are the counts final.
 */
final class ShutdownAccounting
{
    static final String PREFIX = "accounting: ";

    private final List<String> lines = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    private ShutdownAccounting()
    {
    }

    /** The lines, each starting with {@value #PREFIX}, the verdict last. */
    static List<String> of(final MarketPipeline pipeline, final WebSocketEdge edge)
    {
        final ShutdownAccounting accounting = new ShutdownAccounting();
        accounting.source(pipeline);
        long received = 0;
        long events = 0;
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            received += channel.counters().received();
            events += accounting.channel(channel);
        }
        final long routed = pipeline.sourceCounters().routedRecords();
        accounting.line("routed " + routed + " = " + channelsReceived(pipeline) + " received");
        accounting.check(routed == received, "routed " + routed + " != " + received + " received");
        final long published = pipeline.publishRing().ring().getCursor() + 1;
        accounting.line("events " + events + " = published " + published + " = last id " + edge.lastEventId());
        accounting.check(events == published && published == edge.lastEventId(),
            "events " + events + ", published " + published + ", last id " + edge.lastEventId() + " differ");
        accounting.clients(edge);
        accounting.drained(pipeline);
        accounting.lines.add(PREFIX + (accounting.mismatches.isEmpty() ? "exact, every ring drained" :
            "MISMATCH: " + String.join("; ", accounting.mismatches)));
        return List.copyOf(accounting.lines);
    }

    private void source(final MarketPipeline pipeline)
    {
        long read = 0;
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            read += supervisor.recordsRead();
        }
        final SourceCounters source = pipeline.sourceCounters();
        final long routed = source.routedRecords();
        final long rejected = source.rejected();
        line("source read " + read + " = routed " + routed + " + rejected " + rejected + " (" + reasons(source) + ")");
        check(read == routed + rejected, "source read " + read + " != routed " + routed + " + rejected " + rejected);
    }

    /** One channel's line; returns its events. */
    private long channel(final Channel<FeedRecord> channel)
    {
        final ChannelCounters c = channel.counters();
        final StringBuilder reasons = new StringBuilder();
        long byReason = 0;
        for (final String reason : c.rejectReasons())
        {
            reasons.append(reasons.length() == 0 ? "" : ", ").append(reason).append(' ').append(c.rejected(reason));
            byReason += c.rejected(reason);
        }
        final StringBuilder types = new StringBuilder();
        long events = 0;
        for (final String type : c.eventTypes())
        {
            types.append(types.length() == 0 ? "" : ", ").append(type).append(' ').append(c.events(type));
            events += c.events(type);
        }
        line(c.channel() + " received " + c.received() + " = accepted " + c.accepted() + " + duplicates " + c.duplicates() +
            " + rejected " + c.rejected() + " (" + reasons + "); events " + events + " (" + types + ")");
        check(c.received() == c.accepted() + c.duplicates() + c.rejected(), c.channel() + " received " + c.received() +
            " != accepted + duplicates + rejected");
        check(c.rejected() == byReason, c.channel() + " rejected " + c.rejected() + " != " + byReason + " by reason");
        return events;
    }

    private void clients(final WebSocketEdge edge)
    {
        long queued = 0;
        for (final ClientCounts counts : edge.clientCounts())
        {
            queued += counts.queued();
        }
        final ConnectionCounts connections = edge.connectionCounts();
        line("clients sent " + edge.eventsSent() + ", conflated " + edge.eventsConflated() + ", dropped " + edge.eventsDropped() +
            ", queued " + queued + "; connections opened " + connections.opened() + " = closed " + connections.closed() +
            " (client sessions " + connections.sessions() + ")");
        check(queued == 0, queued + " events still queued for clients");
        check(connections.open() == 0, connections.open() + " connections still open");
    }

    /** Every handler of every ring has processed up to the ring's cursor: nothing received is left. */
    private void drained(final MarketPipeline pipeline)
    {
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            for (final long sequence : channel.handlerSequences())
            {
                check(sequence == channel.ring().getCursor(), channel.name() + " ring not drained: a handler at " + sequence +
                    " of " + channel.ring().getCursor());
            }
        }
        for (final long sequence : pipeline.publishRing().consumerSequences())
        {
            check(sequence == pipeline.publishRing().ring().getCursor(), "publish ring not drained: a consumer at " + sequence +
                " of " + pipeline.publishRing().ring().getCursor());
        }
    }

    private static String reasons(final SourceCounters source)
    {
        final StringBuilder out = new StringBuilder();
        for (final String reason : source.reasons())
        {
            out.append(out.length() == 0 ? "" : ", ").append(reason).append(' ').append(source.rejected(reason));
        }
        return out.toString();
    }

    private static String channelsReceived(final MarketPipeline pipeline)
    {
        final StringBuilder out = new StringBuilder();
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            out.append(out.length() == 0 ? "" : " + ").append(channel.name()).append(' ').append(channel.counters().received());
        }
        return out.toString();
    }

    private void line(final String text)
    {
        lines.add(PREFIX + text);
    }

    private void check(final boolean holds, final String mismatch)
    {
        if (!holds)
        {
            mismatches.add(mismatch);
        }
    }
}
