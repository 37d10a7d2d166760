package io.tickstock.core.alert;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How rules and alerts read in messages and logs (docs/observability.md), and the rule's settings. */
class AlertRuleTest
{
    private static final AlertMetric ZERO = nowMs -> 0;

    @Test
    void shouldFormatValuesWithAtMostThreeDecimalsAndNoExponent()
    {
        assertEquals("73.2", AlertRule.format(73.2));
        assertEquals("50", AlertRule.format(50.0));
        assertEquals("0.001", AlertRule.format(0.0005));
        assertEquals("0", AlertRule.format(-0.0004));
        assertEquals("12345678901", AlertRule.format(1.2345678901e10));
        assertEquals("unknown", AlertRule.format(Double.NaN));
        assertEquals("infinity", AlertRule.format(Double.POSITIVE_INFINITY));
        assertEquals("-infinity", AlertRule.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void shouldDescribeARuleWithItsDurationOnlyWhenItHasOne()
    {
        final AlertRule held = AlertRule.builder("e2eP99", ZERO).description("end-to-end p99 (ms)").above(50).forMs(30_500)
            .severity(Severity.ERROR).build();
        assertEquals("e2eP99: end-to-end p99 (ms) > 50 for 30.5 s (error)", held.toString());
        final AlertRule instant = AlertRule.builder("lag", ZERO).above(0.5).build();
        assertEquals("lag: lag > 0.5 (warning)", instant.toString(), "the description defaults to the name");
    }

    @Test
    void shouldWordFiringAndResolvedAlertsWithTheDurationOnlyWhenTheRuleHasOne()
    {
        final AlertRule held = AlertRule.builder("p99", ZERO).description("p99 (ms)").above(50).forMs(30_000).build();
        final Alert firing = Alert.firing(7, held, 73.25, 1_000);
        assertEquals("p99: p99 (ms) 73.25 > 50 for 30 s", firing.message());
        assertEquals("alert #7 firing [warning] p99: p99 (ms) 73.25 > 50 for 30 s", firing.toString());
        final Alert resolved = firing.resolved(91_000, 12);
        assertEquals("alert #7 resolved [warning] p99 resolved: p99 (ms) 12 <= 50 after 90 s firing", resolved.toString());

        final AlertRule instant = AlertRule.builder("p99", ZERO).description("p99 (ms)").above(50).forMs(0).build();
        assertEquals("p99: p99 (ms) 51 > 50", Alert.firing(1, instant, 51, 0).message());
    }

    @Test
    void shouldAcceptAWeekAsDurationAndCooldownButNotOneMillisecondMore()
    {
        final long week = 7 * 86_400_000L;
        final AlertRule rule = AlertRule.builder("r", ZERO).forMs(week).cooldownMs(week).build();
        assertEquals(List.of(week, week), List.of(rule.forMs(), rule.cooldownMs()));
        assertEquals("r.forMs: 604800001 is out of range; allowed: 0..604800000",
            assertThrows(IllegalArgumentException.class, () -> AlertRule.builder("r", ZERO).forMs(week + 1).build()).getMessage());
        assertEquals("r.cooldownMs: 604800001 is out of range; allowed: 0..604800000",
            assertThrows(IllegalArgumentException.class, () -> AlertRule.builder("r", ZERO).cooldownMs(week + 1).build()).getMessage());
    }

    @Test
    void shouldKeepTheEngineSettingsAsBuiltAndRefuseAnEvaluationPeriodOutOfRange()
    {
        final AlertRule rule = AlertRule.builder("r", ZERO).build();
        final AlertEngine engine = AlertEngine.builder().evaluateMs(250).rules(List.of(rule)).build();
        assertEquals(250, engine.evaluateMs());
        assertEquals(List.of(rule), engine.rules());
        assertEquals("alert.evaluateMs: 9 is out of range; allowed: 10..3600000",
            assertThrows(IllegalArgumentException.class, () -> AlertEngine.builder().evaluateMs(9).build()).getMessage());
        assertEquals("alert.recentSize: 0 is out of range; allowed: 1..100000",
            assertThrows(IllegalArgumentException.class, () -> AlertEngine.builder().recentSize(0).build()).getMessage());
    }
}
