package io.tickstock.publisher.internal.http;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.source.SourceSupervisor;

/**
 * The recovery series of {@code /metrics}: records quarantined by channel, publishes that waited
 * for room by ring, and source failures and restarts by source (docs/observability.md). Read live
 * from the counters, on the requesting thread. Thread-safe: stateless.
 */
final class RecoveryMetrics
{
    private RecoveryMetrics()
    {
    }

    static void render(final StringBuilder out, final MarketPipeline pipeline)
    {
        header(out, "tickstock_quarantined_total",
            "Records a channel stage threw on, quarantined (the newest are on /debug/quarantine).", "counter");
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            sample(out, "tickstock_quarantined_total", "channel", channel.name(), channel.counters().quarantined());
        }
        header(out, "tickstock_ring_full_waits_total",
            "Publishes that found the ring full and waited for room (never dropped), by ring.", "counter");
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            sample(out, "tickstock_ring_full_waits_total", "ring", channel.name(), channel.fullWaits());
        }
        sample(out, "tickstock_ring_full_waits_total", "ring", "publish", pipeline.publishRing().fullWaits());
        header(out, "tickstock_source_failures_total", "Times a source's run threw (a failure or a lost connection).", "counter");
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            sample(out, "tickstock_source_failures_total", "source", supervisor.name(), supervisor.failures());
        }
        header(out, "tickstock_source_restarts_total", "Times a source was run again after a failure, after its backoff.", "counter");
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            sample(out, "tickstock_source_restarts_total", "source", supervisor.name(), supervisor.restarts());
        }
    }

    private static void header(final StringBuilder out, final String name, final String help, final String type)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(final StringBuilder out, final String name, final String label, final String value, final long count)
    {
        out.append(name).append('{').append(label).append("=\"");
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append("\"} ").append(count).append('\n');
    }
}
