package io.tickstock.core.latency;

import io.tickstock.core.Housekeeping;
import io.tickstock.core.config.ConfigKey;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every stage's latency, rotated into fixed intervals on the pipeline's {@link Housekeeping}
 * thread, so that every reader (metrics, summary line, dashboard, alerts) sees the same last
 * interval. Thread-safe.
 */
public final class LatencyMonitor
{
    /** The stages of docs/observability.md, "Latency stages", in pipeline order. */
    public static final String SOURCE_TO_CHANNEL = "source_to_channel";
    public static final String CHANNEL = "channel";
    public static final String PUBLISH_TO_WRITE = "publish_to_write";
    public static final String END_TO_END = "end_to_end";
    /** A client's op read by its connection to its answer (ack, pong, error) made by the edge's fan-out. */
    public static final String CLIENT_OP = "client_op";

    /** {@code monitor.intervalMs} (docs/configuration.md). */
    public static final ConfigKey INTERVAL_MS = ConfigKey.integer("monitor.intervalMs", 5000, 100, 3_600_000,
        "100..3600000",
        "length of one latency interval: the quantiles on `/metrics`, the summary line and the `e2eP99` alert cover the last completed one (observability.md)");

    private final List<StageLatency> stages = new CopyOnWriteArrayList<>();
    private final long intervalMs;
    private Housekeeping.Task rotation;

    /** @param intervalMs the length of one interval, ms ({@link #INTERVAL_MS}). */
    public LatencyMonitor(final long intervalMs)
    {
        INTERVAL_MS.check(intervalMs);
        this.intervalMs = intervalMs;
    }

    public long intervalMs()
    {
        return intervalMs;
    }

    /** The stage's recorder, created on first use. */
    public synchronized StageLatency stage(final String stage, final String channel)
    {
        for (final StageLatency existing : stages)
        {
            if (existing.stage().equals(stage) && java.util.Objects.equals(existing.channel(), channel))
            {
                return existing;
            }
        }
        final StageLatency created = new StageLatency(stage, channel);
        stages.add(created);
        return created;
    }

    public List<StageLatency> stages()
    {
        return new ArrayList<>(stages);
    }

    /** Starts rotating the intervals every {@link #intervalMs()} on {@code housekeeping}; idempotent. */
    public synchronized void start(final Housekeeping housekeeping)
    {
        if (rotation == null)
        {
            rotation = housekeeping.every(intervalMs, "latency interval rotation", this::rotateAll);
        }
    }

    /** Ends the current interval of every stage now. */
    public void rotateAll()
    {
        for (final StageLatency stage : stages)
        {
            stage.rotate();
        }
    }

    /** Stops rotating; a rotation in progress is waited for. */
    public synchronized void stop()
    {
        if (rotation != null)
        {
            rotation.cancel();
            rotation = null;
        }
    }
}
