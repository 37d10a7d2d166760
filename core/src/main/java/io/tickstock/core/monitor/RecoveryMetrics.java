package io.tickstock.core.monitor;

import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.RingView;
import io.tickstock.core.source.SourceSupervisor;

import java.util.List;

import static io.tickstock.core.monitor.PrometheusText.header;
import static io.tickstock.core.monitor.PrometheusText.sample;

/**
 * The recovery series of {@code /metrics}: records quarantined by channel, publishes that waited
 * for room by ring, and source failures and restarts by source (docs/observability.md). Read live
 * from the counters, on the requesting thread. Thread-safe: stateless.
 */
public final class RecoveryMetrics
{
    private RecoveryMetrics()
    {
    }

    /**
     * @param channels    the pipeline's channels, in order.
     * @param publish     its publish ring.
     * @param supervisors one per source.
     */
    public static void render(
        final StringBuilder out,
        final List<? extends Channel<?>> channels,
        final RingView publish,
        final List<? extends SourceSupervisor<?>> supervisors)
    {
        header(out, "tickstock_quarantined_total",
            "Records a channel stage threw on, quarantined (the newest are on /debug/quarantine).", "counter");
        for (final Channel<?> channel : channels)
        {
            sample(out, "tickstock_quarantined_total", "channel", channel.name(), channel.counters().quarantined());
        }
        header(out, "tickstock_ring_full_waits_total",
            "Publishes that found the ring full and waited for room (never dropped), by ring.", "counter");
        for (final Channel<?> channel : channels)
        {
            sample(out, "tickstock_ring_full_waits_total", "ring", channel.name(), channel.fullWaits());
        }
        sample(out, "tickstock_ring_full_waits_total", "ring", publish.name(), publish.fullWaits());
        header(out, "tickstock_source_failures_total", "Times a source's run threw (a failure or a lost connection).", "counter");
        for (final SourceSupervisor<?> supervisor : supervisors)
        {
            sample(out, "tickstock_source_failures_total", "source", supervisor.name(), supervisor.failures());
        }
        header(out, "tickstock_source_restarts_total", "Times a source was run again after a failure, after its backoff.", "counter");
        for (final SourceSupervisor<?> supervisor : supervisors)
        {
            sample(out, "tickstock_source_restarts_total", "source", supervisor.name(), supervisor.restarts());
        }
    }
}
