package io.tickstock.core.alert;

import io.tickstock.core.Housekeeping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule state machine driven by {@link AlertEngine#evaluate(long)} on a fake clock: exact
 * states, times and handler calls at every step.
 */
class AlertEngineTest
{
    private static final long T0 = 1_700_000_000_000L;

    /** The metric under test: whatever the test set last. */
    private static final class Gauge
    {
        double value = Double.NaN;

        AlertMetric metric()
        {
            return nowMs -> value;
        }
    }

    /** Remembers every transition it is told of, as {@code firing#ID@T} or {@code resolved#ID@T}. */
    private static final class Recorder implements AlertHandler
    {
        final List<Alert> alerts = new ArrayList<>();

        @Override
        public void onAlert(final Alert alert)
        {
            alerts.add(alert);
        }

        List<String> seen()
        {
            final List<String> out = new ArrayList<>();
            for (final Alert alert : alerts)
            {
                out.add(alert.isResolved() ?
                    "resolved#" + alert.id() + "@" + (alert.resolvedAtMs().getAsLong() - T0) :
                    "firing#" + alert.id() + "@" + (alert.firedAtMs() - T0));
            }
            return out;
        }
    }

    private final Gauge gauge = new Gauge();
    private final Recorder recorder = new Recorder();

    private AlertEngine engine(final long forMs, final long cooldownMs)
    {
        return AlertEngine.builder()
            .rule(AlertRule.builder("p99", gauge.metric()).description("p99 (ms)").above(50).forMs(forMs)
                .severity(Severity.ERROR).cooldownMs(cooldownMs).build())
            .handler(recorder)
            .build();
    }

    /** Sets the gauge, evaluates at T0 + offset, and returns the rule's state. */
    private AlertState at(final AlertEngine engine, final long offsetMs, final double value)
    {
        gauge.value = value;
        engine.evaluate(T0 + offsetMs);
        return engine.state("p99");
    }

    @Test
    void shouldFireAtTheFirstEvaluationAfterTheConditionHeldForExactlyTheDuration()
    {
        final AlertEngine engine = engine(3_000, 0);
        assertEquals(AlertState.INACTIVE, at(engine, 0, 50));
        assertEquals(AlertState.PENDING, at(engine, 1_000, 50.5));
        assertEquals(AlertState.PENDING, at(engine, 2_000, 70));
        assertEquals(AlertState.PENDING, at(engine, 3_999, 70));
        assertEquals(List.of(), recorder.seen());
        assertEquals(List.of(), engine.active());
        assertEquals(AlertState.FIRING, at(engine, 4_000, 71.25));
        assertEquals(List.of("firing#1@4000"), recorder.seen());

        final Alert alert = recorder.alerts.get(0);
        assertEquals("p99", alert.rule().name());
        assertEquals(Severity.ERROR, alert.severity());
        assertEquals(71.25, alert.value());
        assertEquals(T0 + 4_000, alert.firedAtMs());
        assertEquals(OptionalLong.empty(), alert.resolvedAtMs());
        assertEquals("p99: p99 (ms) 71.25 > 50 for 3 s", alert.message());
        assertEquals(List.of(alert), engine.active());
        assertEquals(List.of(alert), engine.recent());

        assertEquals(AlertState.FIRING, at(engine, 5_000, 90));
        assertEquals(List.of("firing#1@4000"), recorder.seen(), "no second call while it keeps firing");
    }

    @Test
    void shouldStartThePendingTimeAgainWhenTheConditionClearsBeforeTheDuration()
    {
        final AlertEngine engine = engine(3_000, 0);
        assertEquals(AlertState.PENDING, at(engine, 0, 60));
        assertEquals(AlertState.PENDING, at(engine, 2_000, 60));
        assertEquals(AlertState.INACTIVE, at(engine, 2_500, 50));
        assertEquals(AlertState.PENDING, at(engine, 3_000, 60));
        assertEquals(AlertState.PENDING, at(engine, 5_999, 60));
        assertEquals(List.of(), recorder.seen());
        assertEquals(AlertState.FIRING, at(engine, 6_000, 60));
        assertEquals(List.of("firing#1@6000"), recorder.seen());
    }

    @Test
    void shouldResolveAtTheEvaluationTheConditionClearsAndKeepTheRuleQuietForExactlyTheCooldown()
    {
        final AlertEngine engine = engine(1_000, 10_000);
        at(engine, 0, 60);
        assertEquals(AlertState.FIRING, at(engine, 1_000, 60));
        assertEquals(AlertState.FIRING, at(engine, 2_000, 55));
        assertEquals(AlertState.COOLDOWN, at(engine, 2_500, 49));
        assertEquals(List.of("firing#1@1000", "resolved#1@2500"), recorder.seen());

        final Alert resolved = recorder.alerts.get(1);
        assertEquals(1, resolved.id());
        assertEquals(OptionalLong.of(T0 + 2_500), resolved.resolvedAtMs());
        assertEquals(T0 + 1_000, resolved.firedAtMs());
        assertEquals(60, resolved.value(), "the value that fired it");
        assertEquals("p99 resolved: p99 (ms) 49 <= 50 after 1.5 s firing", resolved.message());
        assertEquals(List.of(), engine.active());
        assertEquals(List.of(resolved), engine.recent());

        assertEquals(AlertState.COOLDOWN, at(engine, 3_000, 99));
        assertEquals(AlertState.COOLDOWN, at(engine, 12_499, 99));
        assertEquals(AlertState.PENDING, at(engine, 12_500, 99), "cooldown ends 10 s after the resolution");
        assertEquals(AlertState.PENDING, at(engine, 13_499, 99));
        assertEquals(AlertState.FIRING, at(engine, 13_500, 99));
        assertEquals(List.of("firing#1@1000", "resolved#1@2500", "firing#2@13500"), recorder.seen());
    }

    @Test
    void shouldGoBackToInactiveAfterTheCooldownWhenTheConditionNoLongerHolds()
    {
        final AlertEngine engine = engine(0, 5_000);
        assertEquals(AlertState.FIRING, at(engine, 0, 51));
        assertEquals(AlertState.COOLDOWN, at(engine, 1_000, 0));
        assertEquals(AlertState.INACTIVE, at(engine, 6_000, 0));
        assertEquals(AlertState.FIRING, at(engine, 7_000, 51));
        assertEquals(List.of("firing#1@0", "resolved#1@1000", "firing#2@7000"), recorder.seen());
    }

    @Test
    void shouldFireAtOnceWithNoDurationAndFireAgainAtOnceWithNoCooldown()
    {
        final AlertEngine engine = engine(0, 0);
        assertEquals(AlertState.FIRING, at(engine, 0, 51));
        assertEquals(AlertState.INACTIVE, at(engine, 1, 50));
        assertEquals(AlertState.FIRING, at(engine, 2, 51));
        assertEquals(List.of("firing#1@0", "resolved#1@1", "firing#2@2"), recorder.seen());
        assertEquals(2, engine.active().get(0).id());
        assertEquals(List.of(2L, 1L), engine.recent().stream().map(Alert::id).toList());
    }

    @Test
    void shouldNeverFireOnAnUnknownValueAndTreatItAsTheConditionNotHolding()
    {
        final AlertEngine engine = engine(0, 0);
        for (int t = 0; t < 10; t++)
        {
            assertEquals(AlertState.INACTIVE, at(engine, t * 1_000L, Double.NaN));
        }
        assertEquals(List.of(), recorder.seen());

        final AlertEngine slow = engine(2_000, 0);
        assertEquals(AlertState.PENDING, at(slow, 0, 60));
        assertEquals(AlertState.INACTIVE, at(slow, 1_000, Double.NaN), "unknown ends pending");
        assertEquals(AlertState.PENDING, at(slow, 2_000, 60));
        assertEquals(AlertState.FIRING, at(slow, 4_000, 60));
        assertEquals(AlertState.INACTIVE, at(slow, 5_000, Double.NaN), "unknown resolves");
        assertEquals(List.of("firing#1@4000", "resolved#1@5000"), recorder.seen());
        assertEquals("p99 resolved: p99 (ms) unknown after 1 s firing", recorder.alerts.get(1).message());
    }

    @Test
    void shouldReadAMetricThatThrowsAsUnknownAndCountIt()
    {
        final AlertEngine engine = AlertEngine.builder()
            .rule(AlertRule.builder("broken", nowMs ->
            {
                throw new IllegalStateException("no data");
            }).build())
            .handler(recorder)
            .build();
        engine.evaluate(T0);
        engine.evaluate(T0 + 1_000);
        assertEquals(AlertState.INACTIVE, engine.state("broken"));
        assertEquals(2, engine.metricErrors());
        assertEquals(List.of(), recorder.seen());
    }

    @Test
    void shouldNotFireARuleBelowZeroOnAMetricThatThrows()
    {
        final AlertEngine engine = AlertEngine.builder()
            .rule(AlertRule.builder("broken", nowMs ->
            {
                throw new IllegalStateException("no data");
            }).above(-1).build())
            .handler(recorder)
            .build();
        engine.evaluate(T0);
        assertEquals(AlertState.INACTIVE, engine.state("broken"), "unknown, not 0, which would be above -1");
        assertEquals(List.of(), recorder.seen());
    }

    @Test
    void shouldResolveAnAlertThatNewerOnesPushedOutOfTheRecentList()
    {
        final Gauge a = new Gauge();
        final Gauge b = new Gauge();
        final AlertEngine engine = AlertEngine.builder()
            .recentSize(1)
            .rule(AlertRule.builder("a", a.metric()).above(0).build())
            .rule(AlertRule.builder("b", b.metric()).above(0).build())
            .handler(recorder)
            .build();
        a.value = 1;
        engine.evaluate(T0);
        b.value = 1;
        engine.evaluate(T0 + 1_000);
        a.value = 0;
        engine.evaluate(T0 + 2_000);
        assertEquals(List.of("firing#1@0", "firing#2@1000", "resolved#1@2000"), recorder.seen());
        assertEquals(List.of("b"), engine.active().stream().map(x -> x.rule().name()).toList());
        assertEquals(List.of(2L), engine.recent().stream().map(Alert::id).toList());
    }

    @Test
    void shouldCallEveryHandlerExactlyOncePerTransition()
    {
        final Recorder second = new Recorder();
        final Recorder third = new Recorder();
        final AlertEngine engine = engine(0, 0);
        engine.addHandler(second);
        engine.addHandler(third);
        at(engine, 0, 60);
        at(engine, 1_000, 60);
        at(engine, 2_000, 10);
        at(engine, 3_000, 10);
        for (final Recorder r : List.of(recorder, second, third))
        {
            assertEquals(List.of("firing#1@0", "resolved#1@2000"), r.seen());
        }
        assertEquals(0, engine.handlerErrors());
    }

    @Test
    void shouldStillCallTheOtherHandlersWhenOneThrows()
    {
        final Recorder after = new Recorder();
        final AlertEngine engine = engine(0, 0);
        engine.addHandler(alert ->
        {
            throw new IllegalStateException("handler down");
        });
        engine.addHandler(after);
        at(engine, 0, 60);
        at(engine, 1_000, 10);
        assertEquals(List.of("firing#1@0", "resolved#1@1000"), recorder.seen());
        assertEquals(List.of("firing#1@0", "resolved#1@1000"), after.seen());
        assertEquals(2, engine.handlerErrors());
        assertEquals(AlertState.INACTIVE, engine.state("p99"));
    }

    @Test
    void shouldTellHandlersOfTransitionsInRuleOrderAndKeepActiveAndRecentNewestFirstAndBounded()
    {
        final Gauge a = new Gauge();
        final Gauge b = new Gauge();
        final Gauge c = new Gauge();
        final AlertEngine engine = AlertEngine.builder()
            .recentSize(2)
            .rule(AlertRule.builder("a", a.metric()).above(0).severity(Severity.INFO).build())
            .rule(AlertRule.builder("b", b.metric()).above(0).severity(Severity.WARNING).build())
            .rule(AlertRule.builder("c", c.metric()).above(0).severity(Severity.CRITICAL).build())
            .handler(recorder)
            .build();
        a.value = 1;
        b.value = 1;
        engine.evaluate(T0);
        assertEquals(List.of("firing#1@0", "firing#2@0"), recorder.seen());
        assertEquals(List.of("b", "a"), engine.active().stream().map(x -> x.rule().name()).toList());

        a.value = 0;
        c.value = 1;
        engine.evaluate(T0 + 1_000);
        assertEquals(List.of("firing#1@0", "firing#2@0", "resolved#1@1000", "firing#3@1000"), recorder.seen());
        assertEquals(List.of("c", "b"), engine.active().stream().map(x -> x.rule().name()).toList());
        assertEquals(List.of(3L, 2L), engine.recent().stream().map(Alert::id).toList(), "bounded to 2, newest first");

        b.value = 0;
        engine.evaluate(T0 + 2_000);
        assertEquals(List.of("c"), engine.active().stream().map(x -> x.rule().name()).toList());
        assertEquals(List.of(false, true), engine.recent().stream().map(Alert::isResolved).toList(),
            "the resolved alert keeps its place");
        assertEquals(OptionalLong.of(T0 + 2_000), engine.recent().get(1).resolvedAtMs());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldEvaluateOnTheHousekeepingThreadUntilStopped() throws InterruptedException
    {
        final CountDownLatch fired = new CountDownLatch(1);
        final AtomicReference<String> threadName = new AtomicReference<>();
        final AlertEngine engine = AlertEngine.builder()
            .evaluateMs(10)
            .rule(AlertRule.builder("always", AlertMetric.of(() -> 1)).above(0).build())
            .handler(alert ->
            {
                threadName.set(Thread.currentThread().getName());
                fired.countDown();
            })
            .build();
        engine.start(new Housekeeping());
        try
        {
            assertTrue(fired.await(5, TimeUnit.SECONDS), "fired within 5 s");
            assertEquals(Housekeeping.THREAD_NAME, threadName.get());
            assertEquals(AlertState.FIRING, engine.state("always"));
        }
        finally
        {
            engine.stop();
        }
        engine.stop();
    }

    @Test
    void shouldRefuseBadSettingsNamingThem()
    {
        final AlertMetric zero = AlertMetric.of(() -> 0);
        assertEquals("alert rules: two rules are named 'x'", assertThrows(IllegalArgumentException.class,
            () -> AlertEngine.builder().rule(AlertRule.builder("x", zero).build()).rule(AlertRule.builder("x", zero).build()).build())
            .getMessage());
        assertEquals("alert.evaluateMs: 5 is out of range; allowed: 10..3600000",
            assertThrows(IllegalArgumentException.class, () -> AlertEngine.builder().evaluateMs(5).build()).getMessage());
        assertEquals("x.forMs: -1 is out of range; allowed: 0..604800000",
            assertThrows(IllegalArgumentException.class, () -> AlertRule.builder("x", zero).forMs(-1).build()).getMessage());
        assertEquals("x.threshold: NaN is not allowed; allowed: a finite number",
            assertThrows(IllegalArgumentException.class, () -> AlertRule.builder("x", zero).above(Double.NaN).build()).getMessage());
        assertEquals("alert rule name: 'a b' is not allowed; allowed: 1 to 128 of A-Z a-z 0-9 . _ : -",
            assertThrows(IllegalArgumentException.class, () -> AlertRule.builder("a b", zero).build()).getMessage());
        assertEquals("alert.x.severity: 'fatal' is not allowed; allowed: info, warning, error, critical",
            assertThrows(IllegalArgumentException.class, () -> Severity.fromConfig("alert.x.severity", "fatal")).getMessage());
        assertEquals(Severity.CRITICAL, Severity.fromConfig("k", "critical"));
    }
}
