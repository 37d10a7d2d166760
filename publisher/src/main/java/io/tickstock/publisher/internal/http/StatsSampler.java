package io.tickstock.publisher.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.monitor.PipelineMonitor;
import io.tickstock.core.EpochClock;
import io.tickstock.core.Housekeeping;
import io.tickstock.core.latency.StageLatency;
import io.tickstock.core.monitor.RingMonitor;
import io.tickstock.core.monitor.RingReading;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.publisher.ClientCounts;
import io.tickstock.publisher.internal.fanout.EventFanOut;
import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the pipeline once a second for {@code /debug/stats} and the dashboard: records in and
 * events out per second, client deliveries per second, clients, ring fill, and each latency
 * stage's p50, p99 and max over the {@link io.tickstock.core.latency.LatencyMonitor}'s last interval. Keeps
 * the last {@link #HISTORY} samples, so a page opened late still draws five minutes.
 *
 * <p>Thread-safe: the pipeline's housekeeping thread samples; any thread renders.
 */
final class StatsSampler implements AutoCloseable
{
    static final long INTERVAL_MS = 1_000;
    static final int HISTORY = 300;

    private final MarketPipeline pipeline;
    private final EventFanOut fanOut;
    private final RingMonitor rings;
    private final Housekeeping housekeeping;
    private final ArrayDeque<ObjectNode> history = new ArrayDeque<>(HISTORY);
    /** The percentiles of each stage's last interval, computed once per interval. */
    private final Map<StageLatency, Percentiles> percentiles = new IdentityHashMap<>();
    private final long startedMs = EpochClock.millis();
    private Housekeeping.Task sampling;
    private long seq;
    private long lastNs;
    private long lastRecords;
    private long lastEvents;
    private long lastSent;
    private long lastConflated;
    private long lastDropped;

    private record Percentiles(long interval, long p50, long p99, long max, long count)
    {
    }

    StatsSampler(final PipelineMonitor monitor, final EventFanOut fanOut)
    {
        this.pipeline = monitor.pipeline();
        this.fanOut = fanOut;
        this.rings = monitor.rings();
        this.housekeeping = pipeline.housekeeping();
    }

    synchronized void start()
    {
        if (sampling == null)
        {
            baseline();
            sampling = housekeeping.every(INTERVAL_MS, "stats sample", this::sample);
        }
    }

    /** Stops sampling; a sample in progress is waited for. */
    @Override
    public synchronized void close()
    {
        if (sampling != null)
        {
            sampling.cancel();
            sampling = null;
        }
    }

    private void baseline()
    {
        lastNs = System.nanoTime();
        lastRecords = recordsIn();
        lastEvents = eventsOut();
        lastSent = fanOut.views().totalSent();
        lastConflated = fanOut.views().totalConflated();
        lastDropped = fanOut.views().totalDropped();
    }

    /** Takes one sample now. Housekeeping thread (or a test). */
    void sample()
    {
        final long now = System.nanoTime();
        final double seconds = Math.max(1e-3, (now - lastNs) / 1e9);
        final long records = recordsIn();
        final long events = eventsOut();
        final long sent = fanOut.views().totalSent();
        final long conflated = fanOut.views().totalConflated();
        final long dropped = fanOut.views().totalDropped();
        long queued = 0;
        for (final ClientCounts counts : fanOut.views().clientCounts())
        {
            queued += counts.queued();
        }
        final ObjectNode sample = AdminJson.JSON.createObjectNode()
            .put("seq", ++seq)
            .put("timeMs", EpochClock.millis())
            .put("recordsIn", rate(records - lastRecords, seconds))
            .put("eventsOut", rate(events - lastEvents, seconds))
            .put("sent", rate(sent - lastSent, seconds))
            .put("conflated", rate(conflated - lastConflated, seconds))
            .put("dropped", rate(dropped - lastDropped, seconds))
            .put("clients", fanOut.views().clients())
            .put("queued", queued);
        final ObjectNode ringsNode = sample.putObject("rings");
        for (final RingReading reading : rings.read())
        {
            ringsNode.putObject(reading.name())
                .put("fill", reading.fill())
                .put("fillRatio", reading.fillRatio())
                .put("status", reading.status());
        }
        final ObjectNode latency = sample.putObject("latency");
        for (final StageLatency stage : pipeline.latency().stages())
        {
            final Percentiles p = percentiles(stage);
            latency.putObject(stage.channel() == null ? stage.stage() : stage.stage() + ":" + stage.channel())
                .put("p50", p.p50())
                .put("p99", p.p99())
                .put("max", p.max())
                .put("count", p.count());
        }
        lastNs = now;
        lastRecords = records;
        lastEvents = events;
        lastSent = sent;
        lastConflated = conflated;
        lastDropped = dropped;
        synchronized (history)
        {
            if (history.size() == HISTORY)
            {
                history.removeFirst();
            }
            history.addLast(sample);
        }
    }

    private Percentiles percentiles(final StageLatency stage)
    {
        // the number first: a rotation between the two reads only makes the next sample compute again
        final long number = stage.intervals();
        final Histogram interval = stage.lastInterval();
        Percentiles p = percentiles.get(stage);
        if (p == null || p.interval() != number)
        {
            final long count = interval.getTotalCount();
            p = count == 0 ? new Percentiles(number, 0, 0, 0, 0) : new Percentiles(number,
                interval.getValueAtPercentile(50), interval.getValueAtPercentile(99), interval.getMaxValue(), count);
            percentiles.put(stage, p);
        }
        return p;
    }

    private static double rate(final long delta, final double seconds)
    {
        return Math.round(delta / seconds * 10) / 10.0;
    }

    /** Records read from the sources: routed to a channel or rejected before any; each record once. */
    private long recordsIn()
    {
        return pipeline.sourceCounters().routedRecords() + pipeline.sourceCounters().rejected();
    }

    /** Events the channels emitted, every type. */
    private long eventsOut()
    {
        long sum = 0;
        final List<Channel<FeedRecord>> channels = pipeline.channels();
        for (final Channel<FeedRecord> channel : channels)
        {
            final ChannelCounters c = channel.counters();
            for (final String type : c.eventTypes())
            {
                sum += c.events(type);
            }
        }
        return sum;
    }

    /** {@code /debug/stats}: the samples after {@code since} (0 for every sample kept), oldest first. */
    String render(final long since)
    {
        final ObjectNode root = AdminJson.JSON.createObjectNode()
            .put("startedMs", startedMs)
            .put("intervalMs", INTERVAL_MS)
            .put("latencyIntervalMs", pipeline.latency().intervalMs())
            .put("stallMs", rings.stallMs());
        final ArrayNode samples = root.putArray("samples");
        synchronized (history)
        {
            for (final ObjectNode sample : history)
            {
                if (sample.get("seq").asLong() > since)
                {
                    samples.add(sample);
                }
            }
        }
        return AdminJson.write(root);
    }
}
