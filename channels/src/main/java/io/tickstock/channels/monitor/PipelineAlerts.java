package io.tickstock.channels.monitor;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.alert.AlertMetric;
import io.tickstock.core.alert.AlertRule;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.latency.StageLatency;
import io.tickstock.core.monitor.CounterIncrease;
import io.tickstock.core.monitor.RejectRatio;
import io.tickstock.core.monitor.RingFill;
import io.tickstock.core.monitor.RingStall;
import io.tickstock.core.monitor.RingWatch;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.RingView;
import io.tickstock.core.source.SourceState;
import io.tickstock.core.source.SourceSupervisor;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The default alert rules of a {@link MarketPipeline}, as configured by an
 * {@link AlertConfig}:
 *
 * <ul>
 *   <li>{@code e2eP99}: the end-to-end p99 of the latency monitor's last interval, ms; unknown
 *       while no event reached a client in it.</li>
 *   <li>{@code ringWarn.RING} and {@code ringError.RING}, for {@code tick}, {@code ohlcv},
 *       {@code fmv} and {@code publish}: the ring's fill, percent of its capacity.</li>
 *   <li>{@code stalled.RING}: entries waiting in a ring that {@code /health} calls stalled: its
 *       slowest handler has not advanced for {@code alert.stalled.forS} ({@link RingWatch}).</li>
 *   <li>{@code ringFullWaits.RING}: publishes into the ring that found it full and waited for
 *       room, since the previous evaluation.</li>
 *   <li>{@code rejects}: records rejected (by every channel and before any) as a percentage of
 *       records received (by every channel, plus those rejected before any) over a sliding window.</li>
 *   <li>{@code sourceFailures}: source runs that threw over a sliding window, plus the sources
 *       given up (their restart policy allowed no further restart).</li>
 *   <li>{@code heap}: used heap in bytes, above the heap budget.</li>
 * </ul>
 *
 * A rule that is not enabled is left out.
 */
public final class PipelineAlerts
{
    private PipelineAlerts()
    {
    }

    /**
     * The enabled default rules, with a {@link PipelineMonitor} of their own: an application that
     * also serves {@code /health} makes one monitor and passes it to {@link #rules(PipelineMonitor)},
     * so both see a ring stall at once.
     */
    public static List<AlertRule> rules(final MarketPipeline pipeline, final AlertConfig config)
    {
        return rules(PipelineMonitor.of(pipeline, config));
    }

    /** The enabled default rules of the monitor's configuration; the metrics read the pipeline's live counters and rings. */
    public static List<AlertRule> rules(final PipelineMonitor monitor)
    {
        final MarketPipeline pipeline = monitor.pipeline();
        final AlertConfig config = monitor.config();
        final List<RingView> rings = monitor.rings().rings();

        final List<AlertRule> rules = new ArrayList<>();
        final AlertConfig.Rule e2e = config.rule(AlertConfig.E2E_P99);
        if (e2e.enabled())
        {
            rules.add(rule(AlertConfig.E2E_P99, e2e, endToEndP99Ms(pipeline.latency()), "end-to-end p99 (ms)").build());
        }
        for (final String id : List.of(AlertConfig.RING_WARN, AlertConfig.RING_ERROR))
        {
            final AlertConfig.Rule ring = config.rule(id);
            if (ring.enabled())
            {
                for (final RingView view : rings)
                {
                    rules.add(rule(id + "." + view.name(), ring, new RingFill(view), view.name() + " ring fill (%)").build());
                }
            }
        }
        final AlertConfig.Rule stalled = config.rule(AlertConfig.STALLED);
        if (stalled.enabled())
        {
            // the stall time is the watch's (alert.stalled.forS): the rule fires at the first evaluation that sees it
            final String held = " (no progress for " + stalled.forS() + " s)";
            for (int i = 0; i < rings.size(); i++)
            {
                final String name = rings.get(i).name();
                rules.add(rule(AlertConfig.STALLED + "." + name, stalled, new RingStall(monitor.rings(), i),
                    name + " ring stalled" + held + ", entries waiting").above(0).forMs(0).build());
            }
        }
        final AlertConfig.Rule fullWaits = config.rule(AlertConfig.RING_FULL_WAITS);
        if (fullWaits.enabled())
        {
            for (final RingView view : rings)
            {
                rules.add(rule(AlertConfig.RING_FULL_WAITS + "." + view.name(), fullWaits, new CounterIncrease(view::fullWaits, 0),
                    view.name() + " ring: publishes that waited for room").above(0).build());
            }
        }
        final AlertConfig.Rule rejects = config.rule(AlertConfig.REJECTS);
        if (rejects.enabled())
        {
            rules.add(rule(AlertConfig.REJECTS, rejects,
                new RejectRatio(() -> received(pipeline), () -> rejected(pipeline), config.rejectsWindowS() * 1_000),
                "rejected over " + config.rejectsWindowS() + " s (% of received)").build());
        }
        final AlertConfig.Rule sourceFailures = config.rule(AlertConfig.SOURCE_FAILURES);
        if (sourceFailures.enabled())
        {
            final CounterIncrease failures =
                new CounterIncrease(() -> pipeline.sourceCounters().sourceFailures(), config.sourceFailuresWindowS() * 1_000);
            rules.add(rule(AlertConfig.SOURCE_FAILURES, sourceFailures, nowMs -> failures.read(nowMs) + givenUp(pipeline),
                "source failures over " + config.sourceFailuresWindowS() + " s, plus sources given up").above(0).build());
        }
        final AlertConfig.Rule heap = config.rule(AlertConfig.HEAP);
        final long budget = config.heapBudgetBytes(Runtime.getRuntime().maxMemory());
        if (heap.enabled() && budget > 0)
        {
            final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            rules.add(rule(AlertConfig.HEAP, heap, nowMs -> memory.getHeapMemoryUsage().getUsed(), "heap used (bytes)")
                .above(budget).build());
        }
        return rules;
    }

    private static AlertRule.Builder rule(final String name, final AlertConfig.Rule settings, final AlertMetric metric,
        final String description)
    {
        return AlertRule.builder(name, metric)
            .description(description)
            .above(settings.threshold())
            .forMs(settings.forS() * 1_000)
            .severity(settings.severity())
            .cooldownMs(settings.cooldownS() * 1_000);
    }

    private static AlertMetric endToEndP99Ms(final LatencyMonitor latency)
    {
        final StageLatency stage = latency.stage(LatencyMonitor.END_TO_END, null);
        return nowMs ->
        {
            final Histogram interval = stage.lastInterval();
            return interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(99) / 1_000.0;
        };
    }

    /** Sources whose restart policy allowed no further restart. */
    private static long givenUp(final MarketPipeline pipeline)
    {
        long count = 0;
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            if (supervisor.state() == SourceState.FAILED)
            {
                count++;
            }
        }
        return count;
    }

    /** Every record a channel received, plus those rejected before any channel. */
    private static long received(final MarketPipeline pipeline)
    {
        long sum = pipeline.sourceCounters().rejected();
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            sum += channel.counters().received();
        }
        return sum;
    }

    /** Every record a channel rejected, plus those rejected before any channel. */
    private static long rejected(final MarketPipeline pipeline)
    {
        long sum = pipeline.sourceCounters().rejected();
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            sum += channel.counters().rejected();
        }
        return sum;
    }
}
