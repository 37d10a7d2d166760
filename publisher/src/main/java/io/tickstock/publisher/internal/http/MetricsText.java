package io.tickstock.publisher.internal.http;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.monitor.ProcessMetrics;
import io.tickstock.core.monitor.RecoveryMetrics;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.ChannelStageId;
import io.tickstock.core.source.SourceCounters;
import io.tickstock.publisher.ClientCounts;
import io.tickstock.publisher.ConnectionCounts;
import io.tickstock.publisher.internal.fanout.EventFanOut;
import io.tickstock.publisher.internal.netty.ConnectionCounters;
import io.tickstock.publisher.internal.socketio.SocketIoHub;

import static io.tickstock.core.monitor.PrometheusText.header;

/**
 * The {@code /metrics} page in the Prometheus text format (version 0.0.4), with the metric names
 * and labels of docs/semantics.md §7 and docs/observability.md ("Metrics"). Counts are read live;
 * once the pipeline is drained they are exact.
 */
public final class MetricsText
{
    private MetricsText()
    {
    }

    /** One per process, made by {@link #watchProcess()} when the edge starts. */
    private static final class Process
    {
        static final ProcessMetrics METRICS = new ProcessMetrics();
    }

    /** Starts watching the process (GC pauses from here on); idempotent. */
    public static void watchProcess()
    {
        Process.METRICS.getClass();
    }

    /**
     * @param socketIo the Socket.IO compatibility endpoint, whose series are added; null when it is off.
     * @param views    the node's own parts, whose series are added.
     */
    static String render(final MarketPipeline pipeline, final EventFanOut fanOut, final ConnectionCounters counters, final SocketIoHub socketIo,
        final java.util.List<io.tickstock.publisher.NodeView> views)
    {
        final StringBuilder out = new StringBuilder(4096);
        header(out, "tickstock_records_total", "Records received by each channel, by outcome.", "counter");
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final ChannelCounters c = channel.counters();
            sample(out, "tickstock_records_total", "channel", c.channel(), "outcome", "accepted", c.accepted());
            sample(out, "tickstock_records_total", "channel", c.channel(), "outcome", "duplicate", c.duplicates());
            sample(out, "tickstock_records_total", "channel", c.channel(), "outcome", "rejected", c.rejected());
        }
        header(out, "tickstock_rejects_total", "Records rejected, by channel (or source) and reason.", "counter");
        final SourceCounters source = pipeline.sourceCounters();
        for (final String reason : source.reasons())
        {
            sample(out, "tickstock_rejects_total", "channel", "source", "reason", reason, source.rejected(reason));
        }
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final ChannelCounters c = channel.counters();
            for (final String reason : c.rejectReasons())
            {
                sample(out, "tickstock_rejects_total", "channel", c.channel(), "reason", reason, c.rejected(reason));
            }
        }
        header(out, "tickstock_events_total", "Events emitted, by channel and event type.", "counter");
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final ChannelCounters c = channel.counters();
            for (final String event : c.eventTypes())
            {
                sample(out, "tickstock_events_total", "channel", c.channel(), "event", event, c.events(event));
            }
        }
        header(out, "tickstock_handler_errors_total", "Exceptions thrown by a channel stage, counted and skipped.", "counter");
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final ChannelCounters c = channel.counters();
            for (final ChannelStageId stage : ChannelStageId.values())
            {
                sample(out, "tickstock_handler_errors_total", "channel", c.channel(), "stage", stage.label(), c.handlerErrors(stage));
            }
        }
        RecoveryMetrics.render(out, pipeline.channels(), pipeline.publishRing(), pipeline.supervisors());
        FeedViews.metrics(out, pipeline);
        header(out, "tickstock_client_events_total", "Events matched to clients, by what became of them.", "counter");
        sample(out, "tickstock_client_events_total", "outcome", "sent", null, null, fanOut.views().totalSent());
        sample(out, "tickstock_client_events_total", "outcome", "conflated", null, null, fanOut.views().totalConflated());
        sample(out, "tickstock_client_events_total", "outcome", "dropped", null, null, fanOut.views().totalDropped());
        header(out, "tickstock_client_queued_events", "Events waiting in client queues (slow clients).", "gauge");
        long queued = 0;
        for (final ClientCounts counts : fanOut.views().clientCounts())
        {
            queued += counts.queued();
        }
        out.append("tickstock_client_queued_events ").append(queued).append('\n');
        latency(out, pipeline.latency());
        header(out, "tickstock_clients", "Connected WebSocket clients.", "gauge");
        out.append("tickstock_clients ").append(fanOut.views().clients()).append('\n');
        final ConnectionCounts connections = counters.read();
        header(out, "tickstock_connections_opened_total",
            "Connections accepted: WebSocket clients, admin streams, plain HTTP, unfinished upgrades.", "counter");
        out.append("tickstock_connections_opened_total ").append(connections.opened()).append('\n');
        header(out, "tickstock_connections_closed_total", "Connections closed, by either side and however.", "counter");
        out.append("tickstock_connections_closed_total ").append(connections.closed()).append('\n');
        header(out, "tickstock_client_sessions_total", "WebSocket clients whose handshake on /ws completed.", "counter");
        out.append("tickstock_client_sessions_total ").append(connections.sessions()).append('\n');
        header(out, "tickstock_client_closes_total", "Close frames the edge sent to WebSocket clients, by status code.", "counter");
        counters.closeFramesSent().forEach((code, count) ->
            out.append("tickstock_client_closes_total{code=\"").append(code).append("\"} ").append(count).append('\n'));
        if (socketIo != null)
        {
            socketIo.metrics(out);
        }
        views.forEach(view -> view.metrics(out));
        Process.METRICS.render(out);
        return out.toString();
    }

    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};

    /** Each stage as a summary: quantiles over the last interval, count and sum since start. */
    private static void latency(final StringBuilder out, final io.tickstock.core.latency.LatencyMonitor monitor)
    {
        header(out, "tickstock_latency_seconds", "Stage latency: quantiles over the last " + monitor.intervalMs() +
            " ms interval (HdrHistogram; a paced source stamps records with their due time, so stalls are not omitted), count and sum since start.",
            "summary");
        for (final io.tickstock.core.latency.StageLatency stage : monitor.stages())
        {
            final String labels = stage.channel() == null ? "stage=\"" + stage.stage() + "\"" :
                "stage=\"" + stage.stage() + "\",channel=\"" + stage.channel() + "\"";
            final org.HdrHistogram.Histogram interval = stage.lastInterval();
            for (final double quantile : QUANTILES)
            {
                final long micros = interval.getTotalCount() == 0 ? 0 :
                    quantile >= 1.0 ? interval.getMaxValue() : interval.getValueAtPercentile(quantile * 100);
                out.append("tickstock_latency_seconds{").append(labels).append(",quantile=\"").append(quantile).append("\"} ")
                    .append(micros / 1e6).append('\n');
            }
            out.append("tickstock_latency_seconds_count{").append(labels).append("} ").append(stage.count()).append('\n');
            out.append("tickstock_latency_seconds_sum{").append(labels).append("} ").append(stage.sumMicros() / 1e6).append('\n');
        }
    }

    /** One sample with one label, or two ({@code label2} null for one). */
    static void sample(
        final StringBuilder out,
        final String name,
        final String label1,
        final String value1,
        final String label2,
        final String value2,
        final long value)
    {
        out.append(name).append('{').append(label1).append("=\"").append(value1).append('"');
        if (label2 != null)
        {
            out.append(',').append(label2).append("=\"").append(value2).append('"');
        }
        out.append("} ").append(value).append('\n');
    }
}
