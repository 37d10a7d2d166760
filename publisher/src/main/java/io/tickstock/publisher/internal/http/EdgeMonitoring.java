package io.tickstock.publisher.internal.http;

import io.tickstock.channels.MarketPipeline;
import io.tickstock.publisher.internal.fanout.EventFanOut;

import java.util.function.BooleanSupplier;

/**
 * What the edge's monitoring endpoints read: the rings' health ({@code /health}), the debug views
 * ({@code /debug/channels}, {@code /debug/clients}), the sampled history ({@code /debug/stats}) and
 * the dashboard's files. Started and closed with the edge. Thread-safe.
 */
public final class EdgeMonitoring implements AutoCloseable
{
    final RingMonitor rings;
    final AdminJson json;
    final StatsSampler stats;
    final DashboardAssets dashboard = new DashboardAssets();

    /** @param sourcesStarted whether the server has started its sources (the edge's ready flag). */
    public EdgeMonitoring(final MarketPipeline pipeline, final EventFanOut fanOut, final BooleanSupplier sourcesStarted)
    {
        this.rings = new RingMonitor(pipeline);
        this.json = new AdminJson(pipeline, fanOut, rings, sourcesStarted);
        this.stats = new StatsSampler(pipeline, fanOut, rings);
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
