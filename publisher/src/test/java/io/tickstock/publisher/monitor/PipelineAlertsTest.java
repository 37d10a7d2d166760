package io.tickstock.publisher.monitor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
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
import io.tickstock.publisher.IdleSource;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
        return MarketPipeline.create(MarketConfig.defaults(), List.of(new IdleSource()));
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
        assertEquals("stalled.tick: tick entries waiting without progress > 0 for 5 s (critical)", rules.get("stalled.tick").toString());
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
    void shouldReadRingFillAsPercentOfCapacityBehindTheSlowestHandler()
    {
        final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 8);
        final RingFill fill = new RingFill(ring);
        assertEquals(0.0, fill.read(0), "no handler, nothing waits");
        final Sequence slow = new Sequence(-1);
        final Sequence fast = new Sequence(-1);
        ring.addGatingSequences(slow, fast);
        for (int i = 0; i < 3; i++)
        {
            ring.publish(ring.next());
        }
        fast.set(2);
        assertEquals(37.5, fill.read(0));
        slow.set(1);
        assertEquals(12.5, fill.read(0));
    }

    @Test
    void shouldReadAStallOnlyWhileEntriesWaitAndTheSlowestHandlerStandsStill()
    {
        final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 8);
        final Sequence handler = new Sequence(-1);
        ring.addGatingSequences(handler);
        final RingStall stall = new RingStall(ring);
        assertEquals(0.0, stall.read(0), "idle");
        assertEquals(0.0, stall.read(1_000), "idle for long is no stall");
        for (int i = 0; i < 3; i++)
        {
            ring.publish(ring.next());
        }
        assertEquals(3.0, stall.read(2_000), "3 waiting, handler still at -1 since the last reading");
        handler.set(0);
        assertEquals(0.0, stall.read(3_000), "progress");
        assertEquals(2.0, stall.read(4_000));
        handler.set(2);
        assertEquals(0.0, stall.read(5_000));
        assertEquals(0.0, stall.read(6_000), "drained");

        final RingStall fresh = new RingStall(ring);
        ring.publish(ring.next());
        assertEquals(0.0, fresh.read(0), "the first reading has nothing to compare with");
        assertEquals(1.0, fresh.read(1_000));
    }

    @Test
    void shouldReadRejectsAsAPercentageOfReceivedOverTheSlidingWindow()
    {
        final AtomicLong received = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final RejectRatio ratio = new RejectRatio(received::get, rejected::get, 60_000);
        assertTrue(Double.isNaN(ratio.read(0)), "nothing received yet");
        received.set(100);
        rejected.set(10);
        assertEquals(10.0, ratio.read(30_000), "partial window: since the first reading");
        received.set(200);
        rejected.set(10);
        assertEquals(5.0, ratio.read(60_000), "base: the reading at 0, exactly a window ago");
        received.set(300);
        rejected.set(40);
        assertEquals(100.0 * 40 / 300, ratio.read(89_999), "base still the reading at 0 (nothing received, nothing rejected)");
        assertEquals(15.0, ratio.read(90_000), "base: the reading at 30 s (100 received, 10 rejected)");
        assertEquals(30.0, ratio.read(120_000), "base: the reading at 60 s (200, 10)");
        assertTrue(Double.isNaN(ratio.read(200_000)), "nothing received in the last window");
    }

    @Test
    void shouldReadACounterIncreaseSinceThePreviousReadingOrOverASlidingWindow()
    {
        final AtomicLong counter = new AtomicLong(5);
        final CounterIncrease sincePrevious = new CounterIncrease(counter::get, 0);
        counter.set(7);
        assertEquals(2.0, sincePrevious.read(1_000), "since the metric was made");
        assertEquals(0.0, sincePrevious.read(2_000), "nothing since");
        counter.set(10);
        assertEquals(3.0, sincePrevious.read(3_000));
        assertEquals(0.0, sincePrevious.read(4_000), "resolved at the next evaluation without waits");

        counter.set(0);
        final CounterIncrease window = new CounterIncrease(counter::get, 60_000);
        counter.set(1);
        assertEquals(1.0, window.read(0));
        counter.set(3);
        assertEquals(3.0, window.read(30_000), "base: the reading when made, until one is a window old");
        assertEquals(3.0, window.read(59_999));
        assertEquals(2.0, window.read(60_000), "base: the reading at 0 (1)");
        assertEquals(0.0, window.read(90_000), "base: the reading at 30 s (3)");
        counter.set(4);
        assertEquals(1.0, window.read(150_000), "base: the newest reading at least a window old, at 90 s (3)");
        assertEquals(0.0, window.read(210_000));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFireTheRingFullWaitsRuleOnWaitsSinceThePreviousEvaluationAndResolveWithoutNew() throws InterruptedException
    {
        final MarketPipeline pipeline = MarketPipeline.create(
            MarketConfig.builder().ohlcvClockTickMs(0).publishRingSize(64).build(), List.of(new IdleSource()));
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
