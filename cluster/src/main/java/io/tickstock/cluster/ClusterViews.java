package io.tickstock.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeron.driver.status.SystemCounterDescriptor;
import io.tickstock.core.monitor.PrometheusText;
import io.tickstock.publisher.NodeView;

import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * What a node of a scale-out shows (docs/scale-out.md, docs/observability.md): an ingest node its
 * stream at {@code /debug/cluster}, an edge node its upstream at {@code /debug/upstream}, each with
 * its media driver's NAKs, retransmits and losses, and the same in {@code /metrics}. Thread-safe:
 * reads what the links publish.
 */
public final class ClusterViews
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The media driver's counts each node shows: name in JSON and metrics, and the counter. */
    private static final SystemCounterDescriptor[] DRIVER_COUNTERS = {
        SystemCounterDescriptor.NAK_MESSAGES_SENT, SystemCounterDescriptor.NAK_MESSAGES_RECEIVED,
        SystemCounterDescriptor.RETRANSMITS_SENT, SystemCounterDescriptor.LOSS_GAP_FILLS,
        SystemCounterDescriptor.STATUS_MESSAGES_RECEIVED, SystemCounterDescriptor.ERRORS};
    private static final String[] DRIVER_NAMES = {"naksSent", "naksReceived", "retransmitsSent", "lossGapFills",
        "statusMessagesReceived", "errors"};

    private ClusterViews()
    {
    }

    /** The ingest node's stream: {@code /debug/cluster}. */
    public static NodeView ingest(final IngestLink link, final String epoch)
    {
        return new NodeView()
        {
            @Override
            public String name()
            {
                return "cluster";
            }

            @Override
            public String json()
            {
                final ObjectNode node = JSON.createObjectNode()
                    .put("role", "ingest")
                    .put("endpoint", link.settings().endpoint().endpoint())
                    .put("recordingControl", link.settings().endpoint().archiveControl().endpoint())
                    .put("epoch", epoch)
                    .put("connectedEdges", link.connectedEdges())
                    .put("lastId", link.lastId())
                    .put("positionBytes", link.position())
                    .put("recordedPositionBytes", link.recordedPosition())
                    .put("recordingId", link.recordingId())
                    .put("recordingStartBytes", link.recordingStart())
                    .put("checkpoints", link.checkpoints())
                    .put("lastCheckpointMicros", link.lastCheckpointMicros())
                    .put("purgeFailures", link.purgeFailures())
                    .put("backPressured", link.backPressured());
                driver(node, link::driverCounter);
                return node.toString();
            }

            @Override
            public void metrics(final StringBuilder out)
            {
                series(out, "gauge", "tickstock_cluster_edges", "Edge nodes connected (their sessions with the recording's control).",
                    link.connectedEdges());
                series(out, "gauge", "tickstock_cluster_last_id", "The newest event id published to the edge nodes.", link.lastId());
                series(out, "gauge", "tickstock_cluster_position_bytes", "Bytes of the event stream published.", link.position());
                series(out, "gauge", "tickstock_cluster_recorded_position_bytes", "Bytes of the event stream recorded.", link.recordedPosition());
                series(out, "gauge", "tickstock_cluster_recording_start_bytes", "Where the recording starts: what came before was purged.",
                    link.recordingStart());
                series(out, "counter", "tickstock_cluster_checkpoints_total", "Checkpoints written into the stream.", link.checkpoints());
                PrometheusText.header(out, "tickstock_cluster_last_checkpoint_seconds",
                    "How long writing the last checkpoint took: live events waited behind it.", "gauge");
                out.append("tickstock_cluster_last_checkpoint_seconds ").append(link.lastCheckpointMicros() / 1e6).append('\n');
                series(out, "counter", "tickstock_cluster_purge_failures_total", "Purges of the recording refused (a segment being replayed), tried again.",
                    link.purgeFailures());
                series(out, "counter", "tickstock_cluster_back_pressure_total",
                    "Events that waited for the recording or the media driver to take them.", link.backPressured());
                driverMetrics(out, link::driverCounter);
            }
        };
    }

    /** The edge node's upstream: {@code /debug/upstream}. */
    public static NodeView edge(final UpstreamLink link)
    {
        return new NodeView()
        {
            @Override
            public String name()
            {
                return "upstream";
            }

            @Override
            public String json()
            {
                final ObjectNode node = JSON.createObjectNode()
                    .put("role", "edge")
                    .put("upstream", link.settings().upstream().endpoint())
                    .put("state", link.state().name().toLowerCase(Locale.ROOT))
                    .put("epoch", link.epoch())
                    .put("lastId", link.lastId())
                    .put("events", link.events())
                    .put("positionBytes", link.position())
                    .put("lagBytes", link.lagBytes())
                    .put("lagEventsEstimate", link.lagEventsEstimate())
                    .put("joins", link.joins())
                    .put("firstId", link.firstId())
                    .put("checkpointStates", link.states())
                    .put("endReason", link.endReason());
                driver(node, link::driverCounter);
                return node.toString();
            }

            @Override
            public void metrics(final StringBuilder out)
            {
                PrometheusText.header(out, "tickstock_upstream_state", "The upstream's state: 1 for the current one.", "gauge");
                for (final UpstreamLink.State state : UpstreamLink.State.values())
                {
                    PrometheusText.sample(out, "tickstock_upstream_state", "state", state.name().toLowerCase(Locale.ROOT),
                        state == link.state() ? 1 : 0);
                }
                series(out, "counter", "tickstock_upstream_events_total", "Events received from the ingest node and served.", link.events());
                series(out, "gauge", "tickstock_upstream_last_id", "The id of the last event received.", link.lastId());
                series(out, "gauge", "tickstock_upstream_position_bytes", "Bytes of the ingest node's stream read.", link.position());
                series(out, "gauge", "tickstock_upstream_lag_bytes", "How far the ingest node's recording is ahead, bytes (checked once a second).",
                    link.lagBytes());
                series(out, "gauge", "tickstock_upstream_lag_events", "How far the ingest node's recording is ahead, events, estimated from the lag in bytes " +
                    "and the mean bytes per event so far.", link.lagEventsEstimate());
                series(out, "counter", "tickstock_upstream_joins_total", "Times the edge joined the stream (1 + rejoins after it broke off).",
                    link.joins());
                driverMetrics(out, link::driverCounter);
            }
        };
    }

    private static void driver(final ObjectNode node, final ToLongFunction<SystemCounterDescriptor> counter)
    {
        final ObjectNode driver = node.putObject("driver");
        for (int i = 0; i < DRIVER_COUNTERS.length; i++)
        {
            driver.put(DRIVER_NAMES[i], counter.applyAsLong(DRIVER_COUNTERS[i]));
        }
    }

    private static void driverMetrics(final StringBuilder out, final ToLongFunction<SystemCounterDescriptor> counter)
    {
        PrometheusText.header(out, "tickstock_aeron_driver_total",
            "The node's Aeron media driver: NAKs sent and received, retransmits, loss gaps filled, status messages, errors.", "counter");
        for (int i = 0; i < DRIVER_COUNTERS.length; i++)
        {
            PrometheusText.sample(out, "tickstock_aeron_driver_total", "counter", DRIVER_NAMES[i], counter.applyAsLong(DRIVER_COUNTERS[i]));
        }
    }

    /** One series without labels: its HELP and TYPE lines and its value. */
    private static void series(final StringBuilder out, final String type, final String name, final String help, final long value)
    {
        PrometheusText.header(out, name, help, type);
        out.append(name).append(' ').append(value).append('\n');
    }
}
