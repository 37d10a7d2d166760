package io.tickstock.channels.monitor;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.monitor.RingReading;
import io.tickstock.core.monitor.RingWatch;
import io.tickstock.core.source.SourceSupervisor;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a pipeline can serve (docs/observability.md, "/health"): ready once the sources have
 * started, none was given up, and every ring is {@link RingWatch#OK ok}. Immutable.
 *
 * @param ready         sources started, none given up, every ring {@code ok}.
 * @param status        {@code up} (ready), {@code starting} (the sources have not started) or {@code degraded}.
 * @param sources       {@code waiting}, {@code running}, {@code finished}, or {@code failed} once a source was given up.
 * @param failedSources each source given up, with why.
 * @param rings         every ring's reading: the channels in order, then the publish ring.
 */
public record PipelineHealth(
    boolean ready,
    String status,
    String sources,
    List<FailedSource> failedSources,
    List<RingReading> rings)
{
    /**
     * A source given up, and why: its failures in a row, the last exception's class and the
     * {@code source.restart.*} setting that ended it (not the exception's message, which may name
     * hosts of the feed).
     */
    public record FailedSource(String name, String reason)
    {
    }

    /** @param rings the rings as read now, with their status. */
    static PipelineHealth of(final MarketPipeline pipeline, final List<RingReading> rings, final boolean sourcesStarted)
    {
        boolean ringsOk = true;
        for (final RingReading reading : rings)
        {
            ringsOk &= RingWatch.OK.equals(reading.status());
        }
        final List<FailedSource> failed = new ArrayList<>();
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            final String reason = supervisor.givenUpReason();
            if (reason != null)
            {
                failed.add(new FailedSource(supervisor.name(), reason));
            }
        }
        final boolean ready = sourcesStarted && ringsOk && failed.isEmpty();
        final String sources = !failed.isEmpty() ? "failed" :
            pipeline.sourcesFinished() ? "finished" : sourcesStarted ? "running" : "waiting";
        return new PipelineHealth(ready, ready ? "up" : sourcesStarted ? "degraded" : "starting", sources, List.copyOf(failed),
            List.copyOf(rings));
    }

    /** The publish ring's reading: the last. */
    public RingReading publish()
    {
        return rings.get(rings.size() - 1);
    }
}
