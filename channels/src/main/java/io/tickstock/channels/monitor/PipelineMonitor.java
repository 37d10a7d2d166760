package io.tickstock.channels.monitor;

import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.alert.AlertRule;
import io.tickstock.core.monitor.RingMonitor;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.RingView;

import java.util.ArrayList;
import java.util.List;

/**
 * A market pipeline's monitoring without a network: its rings read through one shared
 * {@link RingMonitor} (so {@code /health} and the {@code stalled} alert agree, with the stall time
 * of {@code alert.stalled.forS}), its default alert rules, its health and its accounting check.
 * An application that embeds the pipeline builds an {@code AlertEngine} from {@link #alertRules()},
 * starts it on {@link MarketPipeline#housekeeping()}, and reads {@link #health(boolean)} and
 * {@link PipelineAccounting} as it likes; the WebSocket edge serves the same monitor on its port.
 *
 * <p>Thread-safe.
 */
public final class PipelineMonitor
{
    private final MarketPipeline pipeline;
    private final AlertConfig config;
    private final RingMonitor rings;

    private PipelineMonitor(final MarketPipeline pipeline, final AlertConfig config)
    {
        this.pipeline = pipeline;
        this.config = config;
        final List<RingView> views = new ArrayList<>();
        for (final Channel<?> channel : pipeline.channels())
        {
            views.add(channel);
        }
        views.add(pipeline.publishRing());
        this.rings = new RingMonitor(views, config.rule(AlertConfig.STALLED).forS() * 1_000);
    }

    /** Monitors {@code pipeline} with the stall time and rules of {@code config}. */
    public static PipelineMonitor of(final MarketPipeline pipeline, final AlertConfig config)
    {
        return new PipelineMonitor(pipeline, config);
    }

    public MarketPipeline pipeline()
    {
        return pipeline;
    }

    public AlertConfig config()
    {
        return config;
    }

    /** The pipeline's rings, its channels in order then the publish ring, each with its watch. */
    public RingMonitor rings()
    {
        return rings;
    }

    /** The enabled default alert rules ({@link PipelineAlerts}), reading this monitor's rings. */
    public List<AlertRule> alertRules()
    {
        return PipelineAlerts.rules(this);
    }

    /**
     * The pipeline's health now.
     *
     * @param sourcesStarted whether the application has started the sources (the server's ready flag).
     */
    public PipelineHealth health(final boolean sourcesStarted)
    {
        return PipelineHealth.of(pipeline, rings.read(), sourcesStarted);
    }
}
