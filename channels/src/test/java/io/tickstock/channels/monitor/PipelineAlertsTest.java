package io.tickstock.channels.monitor;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.ListSource;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.alert.AlertEngine;
import io.tickstock.core.alert.AlertRule;
import io.tickstock.core.alert.AlertState;
import io.tickstock.core.alert.Severity;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.latency.StageLatency;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default rules and their metrics, read with given counters, rings and times. */
class PipelineAlertsTest
{
    private static MarketPipeline pipeline()
    {
        return MarketPipeline.create(MarketConfig.defaults(), List.of(new ListSource("idle", List.of())));
    }

    private static Map<String, AlertRule> byName(final List<AlertRule> rules)
    {
        return rules.stream().collect(Collectors.toMap(AlertRule::name, r -> r, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void shouldBuildEveryDefaultRuleForEveryRingWithTheDocumentedSettings()
    {
        final Map<String, AlertRule> rules = byName(PipelineAlerts.rules(pipeline(), AlertConfig.defaults()));
        assertEquals(List.of("e2eP99",
            "ringWarn.tick", "ringWarn.ohlcv", "ringWarn.fmv", "ringWarn.publish",
            "ringError.tick", "ringError.ohlcv", "ringError.fmv", "ringError.publish",
            "stalled.tick", "stalled.ohlcv", "stalled.fmv", "stalled.publish",
            "ringFullWaits.tick", "ringFullWaits.ohlcv", "ringFullWaits.fmv", "ringFullWaits.publish",
            "rejects", "sourceFailures", "heap"), List.copyOf(rules.keySet()));
        assertEquals("e2eP99: end-to-end p99 (ms) > 50 for 30 s (warning)", rules.get("e2eP99").toString());
        assertEquals("ringWarn.fmv: fmv ring fill (%) > 80 for 10 s (warning)", rules.get("ringWarn.fmv").toString());
        assertEquals("ringError.publish: publish ring fill (%) > 95 for 10 s (error)", rules.get("ringError.publish").toString());
        assertEquals("stalled.tick: tick ring stalled (no progress for 5 s), entries waiting > 0 (critical)",
            rules.get("stalled.tick").toString());
        assertEquals("rejects: rejected over 60 s (% of received) > 5 (warning)", rules.get("rejects").toString());
        assertEquals("ringFullWaits.publish: publish ring: publishes that waited for room > 0 (warning)",
            rules.get("ringFullWaits.publish").toString());
        assertEquals("sourceFailures: source failures over 60 s, plus sources given up > 0 (error)",
            rules.get("sourceFailures").toString());
        assertEquals((long)(Runtime.getRuntime().maxMemory() * 0.85), (long)rules.get("heap").threshold());
        assertEquals(30_000, rules.get("heap").forMs());
        for (final AlertRule rule : rules.values())
        {
            assertEquals(60_000, rule.cooldownMs(), rule.name());
        }
    }

    @Test
    void shouldCallARingStalledWithOneStallTimeForHealthAndTheAlert()
    {
        final AlertConfig config = AlertConfig.builder()
            .rule(AlertConfig.STALLED, new AlertConfig.Rule(true, 0, 7, Severity.CRITICAL, 60)).build();
        final PipelineMonitor monitor = PipelineMonitor.of(pipeline(), config);
        assertEquals(7_000, monitor.rings().stallMs(), "the rings' watches stall after alert.stalled.forS");
        final AlertRule stalled = byName(monitor.alertRules()).get("stalled.publish");
        assertEquals(0, stalled.forMs(), "the watch holds the stall time; the rule fires at the evaluation that sees it");
        assertEquals(0.0, stalled.metric().read(0), "a ring not running is stopped, not stalled");
        assertEquals("stopped", monitor.health(false).publish().status());
    }

    @Test
    void shouldLeaveOutDisabledRulesAndApplyTheConfiguredSettings()
    {
        final AlertConfig config = AlertConfig.builder()
            .rule(AlertConfig.RING_WARN, new AlertConfig.Rule(false, 80, 10, Severity.WARNING, 60))
            .rule(AlertConfig.RING_ERROR, new AlertConfig.Rule(false, 95, 10, Severity.ERROR, 60))
            .rule(AlertConfig.STALLED, new AlertConfig.Rule(false, 0, 5, Severity.CRITICAL, 60))
            .rule(AlertConfig.RING_FULL_WAITS, new AlertConfig.Rule(false, 0, 0, Severity.WARNING, 60))
            .rule(AlertConfig.SOURCE_FAILURES, new AlertConfig.Rule(false, 0, 0, Severity.ERROR, 60))
            .rule(AlertConfig.E2E_P99, new AlertConfig.Rule(true, 0.25, 0, Severity.INFO, 1))
            .rule(AlertConfig.REJECTS, new AlertConfig.Rule(true, 12.5, 2, Severity.ERROR, 0))
            .heapBudgetBytes(1 << 20)
            .rejectsWindowS(5)
            .build();
        final Map<String, AlertRule> rules = byName(PipelineAlerts.rules(pipeline(), config));
        assertEquals(List.of("e2eP99", "rejects", "heap"), List.copyOf(rules.keySet()));
        assertEquals("e2eP99: end-to-end p99 (ms) > 0.25 (info)", rules.get("e2eP99").toString());
        assertEquals(1_000, rules.get("e2eP99").cooldownMs());
        assertEquals("rejects: rejected over 5 s (% of received) > 12.5 for 2 s (error)", rules.get("rejects").toString());
        assertEquals(1 << 20, (long)rules.get("heap").threshold());
    }

    @Test
    void shouldReadEndToEndP99OfTheLastIntervalInMillisecondsAndUnknownWithoutData()
    {
        final MarketPipeline pipeline = pipeline();
        final AlertRule e2e = byName(PipelineAlerts.rules(pipeline, AlertConfig.defaults())).get("e2eP99");
        assertTrue(Double.isNaN(e2e.metric().read(0)), "no interval yet");
        final StageLatency stage = pipeline.latency().stage(LatencyMonitor.END_TO_END, null);
        for (int i = 1; i <= 100; i++)
        {
            stage.record(i * 1_000L);
        }
        assertTrue(Double.isNaN(e2e.metric().read(0)), "recorded but not rotated into an interval");
        stage.rotate();
        assertEquals(99.0, e2e.metric().read(0), 0.1);
        stage.rotate();
        assertTrue(Double.isNaN(e2e.metric().read(0)), "an empty interval");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFireTheRingFullWaitsRuleOnWaitsSinceThePreviousEvaluationAndResolveWithoutNew() throws InterruptedException
    {
        final MarketPipeline pipeline = MarketPipeline.create(
            MarketConfig.builder().ohlcvClockTickMs(0).publishRingSize(64).build(), List.of(new ListSource("idle", List.of())));
        final CountDownLatch release = new CountDownLatch(1);
        pipeline.addConsumer("held", (event, sequence, endOfBatch) -> release.await());
        final AlertEngine engine = AlertEngine.builder().rules(PipelineAlerts.rules(pipeline, AlertConfig.defaults())).build();
        pipeline.start();
        final Thread producer = new Thread(() ->
        {
            for (int i = 0; i <= 64; i++)
            {
                pipeline.publishRing().publish((event, sequence, symbol) -> event.reset(EventType.TRADE, symbol, 1), "AAPL");
            }
        }, "producer");
        producer.start();
        Await.until("the 65th publish waiting for room", 10_000, () -> pipeline.publishRing().fullWaits() == 1);

        engine.evaluate(1_000);
        assertEquals(AlertState.FIRING, engine.state("ringFullWaits.publish"), "fired at the first evaluation after the wait");
        assertEquals(AlertState.INACTIVE, engine.state("ringFullWaits.tick"));
        assertEquals(1.0, engine.active().stream().filter(a -> a.rule().name().equals("ringFullWaits.publish")).findFirst().orElseThrow().value());
        release.countDown();
        producer.join(10_000);
        engine.evaluate(2_000);
        assertEquals(AlertState.COOLDOWN, engine.state("ringFullWaits.publish"), "no wait since: resolved");
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCountSourceFailuresOverTheWindowAndSourcesGivenUp() throws InterruptedException
    {
        final Source<FeedRecord> failing = new Source<>()
        {
            @Override
            public String name()
            {
                return "broken";
            }

            @Override
            public void run(final RecordSink<FeedRecord> sink) throws IOException
            {
                throw new IOException("no route to host");
            }

            @Override
            public void stop()
            {
            }
        };
        final MarketConfig config = MarketConfig.builder().ohlcvClockTickMs(0)
            .sourceRestart(SourceRestartPolicy.builder().initialBackoffMs(1).maxBackoffMs(1).jitter(0).maxAttempts(2).build())
            .build();
        final MarketPipeline pipeline = MarketPipeline.create(config, List.of(failing));
        final AlertConfig alerts = AlertConfig.builder().sourceFailuresWindowS(10).build();
        final AlertRule rule = byName(PipelineAlerts.rules(pipeline, alerts)).get("sourceFailures");
        assertEquals("sourceFailures: source failures over 10 s, plus sources given up > 0 (error)", rule.toString());
        assertEquals(0.0, rule.metric().read(0));

        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(10, TimeUnit.SECONDS), "given up after two restarts");
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS));

        assertEquals(3, pipeline.supervisors().get(0).failures());
        assertEquals(2, pipeline.supervisors().get(0).restarts());
        assertEquals(3.0 + 1.0, rule.metric().read(1_000), "three failures in the window, one source given up");
        assertEquals(4.0, rule.metric().read(10_999));
        assertEquals(1.0, rule.metric().read(11_000), "the failures left the window; the source stays given up");
    }

    @Test
    void shouldValidateTheAlertSettingsNamingTheKey()
    {
        assertEquals("alert.webhookUrl: 'ftp://example.com/x' is not allowed; allowed: an http:// or https:// URL with a host, " +
            "or empty for none", assertThrows(IllegalArgumentException.class,
                () -> AlertConfig.builder().webhookUrl("ftp://example.com/x").build()).getMessage());
        assertEquals("alert.webhookUrl: 'http://' is not allowed; allowed: an http:// or https:// URL with a host, or empty for none",
            assertThrows(IllegalArgumentException.class, () -> AlertConfig.builder().webhookUrl("http://").build()).getMessage());
        assertEquals("https://hooks.example.com/a?b=c",
            AlertConfig.builder().webhookUrl(" https://hooks.example.com/a?b=c ").build().webhookUrl().toString());
        assertNull(AlertConfig.defaults().webhookUrl());
        assertEquals("alert.ringWarn.thresholdPct: 120 is out of range; allowed: 0..100", assertThrows(IllegalArgumentException.class,
            () -> AlertConfig.builder().rule(AlertConfig.RING_WARN, new AlertConfig.Rule(true, 120, 10, Severity.WARNING, 60)).build())
            .getMessage());
        assertEquals("alert.stalled.forS: 86401 is out of range; allowed: 0..86400", assertThrows(IllegalArgumentException.class,
            () -> AlertConfig.builder().rule(AlertConfig.STALLED, new AlertConfig.Rule(true, 0, 86_401, Severity.CRITICAL, 60)).build())
            .getMessage());
        assertEquals("alert.evaluateMs: 0 is out of range; allowed: 10..3600000",
            assertThrows(IllegalArgumentException.class, () -> AlertConfig.builder().evaluateMs(0).build()).getMessage());
        assertEquals("alert.sourceFailures.windowS: 0 is out of range; allowed: 1..86400",
            assertThrows(IllegalArgumentException.class, () -> AlertConfig.builder().sourceFailuresWindowS(0).build()).getMessage());
        assertEquals("alert.latency: no such default rule; rules: e2eP99, ringWarn, ringError, stalled, ringFullWaits, rejects, " +
            "sourceFailures, heap",
            assertThrows(IllegalArgumentException.class,
                () -> AlertConfig.builder().rule("latency", new AlertConfig.Rule(true, 0, 0, Severity.INFO, 0))).getMessage());
        assertEquals(850, AlertConfig.defaults().heapBudgetBytes(1_000));
        assertEquals(0, AlertConfig.defaults().heapBudgetBytes(Long.MAX_VALUE), "no maximum heap, no budget");
        assertEquals(7, AlertConfig.builder().heapBudgetBytes(7).build().heapBudgetBytes(1_000));
    }
}
