package io.tickstock.publisher.internal.http;

import io.tickstock.channels.monitor.PipelineMonitor;
import io.tickstock.publisher.internal.fanout.EventFanOut;

import java.util.function.BooleanSupplier;

/**
 * What the edge's monitoring endpoints read: the pipeline's {@link PipelineMonitor} (its rings'
 * health for {@code /health}, shared with the alert rules), the debug views ({@code /debug/channels},
 * {@code /debug/clients}), the sampled history ({@code /debug/stats}, sampled on the pipeline's
 * housekeeping thread) and the dashboard's files. Started and closed with the edge. Thread-safe.
 */
public final class EdgeMonitoring implements AutoCloseable
{
    final PipelineMonitor monitor;
    final AdminJson json;
    final StatsSampler stats;
    final DashboardAssets dashboard = new DashboardAssets();

    /** @param sourcesStarted whether the server has started its sources (the edge's ready flag). */
    public EdgeMonitoring(final PipelineMonitor monitor, final EventFanOut fanOut, final BooleanSupplier sourcesStarted)
    {
        this.monitor = monitor;
        this.json = new AdminJson(monitor, fanOut, sourcesStarted);
        this.stats = new StatsSampler(monitor, fanOut);
    }

    /** Whether {@code /health} would answer 200 now. */
    public boolean ready()
    {
        return json.health().ready();
    }

    public void start()
    {
        stats.start();
    }

    @Override
    public void close()
    {
        stats.close();
    }
}
