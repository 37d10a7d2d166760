package io.tickstock.channels.monitor;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.RingView;
import io.tickstock.core.source.SourceCounters;
import io.tickstock.core.source.SourceSupervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The accounting identities of docs/semantics.md §7 over a stopped pipeline, each written out with
 * its figures (docs/observability.md, "The server stops"): what the sources read, what each channel
 * received and made of it, what was routed, the events against what was published, and that every
 * ring drained. A consumer of the pipeline adds its own identities with {@link #line} and
 * {@link #check} (the WebSocket edge: what its clients were given) before {@link #finish()} writes
 * the verdict. After a restart the process and its {@code /metrics} are gone; these lines are what
 * an operator has left.
 *
 * <p>Read it after {@code pipeline.stop} (and after closing the consumers): only then are the counts
 * final. Not thread-safe: one thread builds it.
 */
public final class PipelineAccounting
{
    /** Every line starts with this. */
    public static final String PREFIX = "accounting: ";

    private final MarketPipeline pipeline;
    private final List<String> lines = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    private PipelineAccounting(final MarketPipeline pipeline)
    {
        this.pipeline = pipeline;
    }

    /**
     * The pipeline's identities, up to its events against the publish ring.
     *
     * @param lastEventId the id a consumer gave the last event, when it numbers them one by one from
     *                    1 (the edge); null when no consumer does.
     */
    public static PipelineAccounting of(final MarketPipeline pipeline, final LongSupplier lastEventId)
    {
        final PipelineAccounting accounting = new PipelineAccounting(pipeline);
        accounting.source();
        long received = 0;
        long events = 0;
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            received += channel.counters().received();
            events += accounting.channel(channel);
        }
        final long routed = pipeline.sourceCounters().routedRecords();
        accounting.line("routed " + routed + " = " + accounting.channelsReceived() + " received");
        accounting.check(routed == received, "routed " + routed + " != " + received + " received");
        final long published = pipeline.publishRing().cursor() + 1;
        if (lastEventId == null)
        {
            accounting.line("events " + events + " = published " + published);
            accounting.check(events == published, "events " + events + ", published " + published + " differ");
        }
        else
        {
            final long lastId = lastEventId.getAsLong();
            accounting.line("events " + events + " = published " + published + " = last id " + lastId);
            accounting.check(events == published && published == lastId,
                "events " + events + ", published " + published + ", last id " + lastId + " differ");
        }
        return accounting;
    }

    /**
     * An edge node's identities (docs/scale-out.md): its publish ring carries another node's events,
     * not its own channels' (which have none), from the first id it served (1, or the first history
     * id of the checkpoint it started at), and the snapshot states of that checkpoint.
     *
     * @param upstreamEvents the events the node received from upstream and served.
     * @param states         the snapshot states it applied from a checkpoint (not events).
     * @param firstId        the first id it served.
     * @param lastEventId    the id the edge gave the last event (the upstream's).
     */
    public static PipelineAccounting ofUpstream(final MarketPipeline pipeline, final long upstreamEvents, final long states,
        final long firstId, final LongSupplier lastEventId)
    {
        final PipelineAccounting accounting = new PipelineAccounting(pipeline);
        final long published = pipeline.publishRing().cursor() + 1;
        final long lastId = lastEventId.getAsLong();
        accounting.line("upstream events " + upstreamEvents + " + states " + states + " = published " + published + "; ids " + firstId +
            ".." + lastId);
        accounting.check(upstreamEvents + states == published && (upstreamEvents == 0 || lastId == firstId - 1 + upstreamEvents),
            "upstream events " + upstreamEvents + ", states " + states + ", published " + published + ", ids " + firstId + ".." + lastId +
            " differ");
        return accounting;
    }

    /** Adds one line of figures. */
    public void line(final String text)
    {
        lines.add(PREFIX + text);
    }

    /** Records {@code mismatch} for the verdict unless the identity {@code holds}. */
    public void check(final boolean holds, final String mismatch)
    {
        if (!holds)
        {
            mismatches.add(mismatch);
        }
    }

    /**
     * Checks that every ring drained and returns the lines, each starting with {@value #PREFIX},
     * the verdict last: {@code exact, every ring drained} or {@code MISMATCH: ...}.
     */
    public List<String> finish()
    {
        drained();
        final List<String> out = new ArrayList<>(lines);
        out.add(PREFIX + (mismatches.isEmpty() ? "exact, every ring drained" : "MISMATCH: " + String.join("; ", mismatches)));
        return List.copyOf(out);
    }

    private void source()
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

    /** Every handler of every ring has processed up to the ring's cursor: nothing received is left. */
    private void drained()
    {
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            drained(channel, channel.name() + " ring not drained: a handler at ");
        }
        drained(pipeline.publishRing(), "publish ring not drained: a consumer at ");
    }

    private void drained(final RingView ring, final String mismatch)
    {
        for (final long sequence : ring.handlerSequences())
        {
            check(sequence == ring.cursor(), mismatch + sequence + " of " + ring.cursor());
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

    private String channelsReceived()
    {
        final StringBuilder out = new StringBuilder();
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            out.append(out.length() == 0 ? "" : " + ").append(channel.name()).append(' ').append(channel.counters().received());
        }
        return out.toString();
    }
}
