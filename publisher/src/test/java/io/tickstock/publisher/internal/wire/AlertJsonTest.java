package io.tickstock.publisher.internal.wire;

import io.tickstock.core.alert.Alert;
import io.tickstock.core.alert.AlertEngine;
import io.tickstock.core.alert.AlertRule;
import io.tickstock.core.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one JSON form of an alert, on the admin stream, {@code /debug/alerts} and the webhook. */
class AlertJsonTest
{
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void shouldWriteFiringAndResolvedAlertsWithEveryField()
    {
        final double[] value = {73.25};
        final AlertEngine engine = AlertEngine.builder()
            .rule(AlertRule.builder("e2eP99", now -> value[0]).description("end-to-end p99 (ms)").above(50).forMs(0)
                .severity(Severity.WARNING).build())
            .build();
        assertEquals("{\"active\":[],\"recent\":[]}", AlertJson.debug(engine));
        assertEquals("{\"active\":[],\"recent\":[]}", AlertJson.debug(null));

        engine.evaluate(T0);
        final Alert firing = engine.active().get(0);
        final String firingJson = "{\"type\":\"alert\",\"state\":\"firing\",\"id\":1,\"rule\":\"e2eP99\",\"severity\":\"warning\"," +
            "\"value\":73.25,\"threshold\":50,\"firedAt\":" + T0 + ",\"resolvedAt\":null," +
            "\"message\":\"e2eP99: end-to-end p99 (ms) 73.25 > 50\"}";
        assertEquals(firingJson, AlertJson.alert(firing));
        assertEquals("[" + firingJson + "]", AlertJson.frame(List.of(firing)));
        assertEquals("{\"active\":[" + firingJson + "],\"recent\":[" + firingJson + "]}", AlertJson.debug(engine));

        value[0] = 12;
        engine.evaluate(T0 + 1_500);
        final String resolvedJson = "{\"type\":\"alert\",\"state\":\"resolved\",\"id\":1,\"rule\":\"e2eP99\",\"severity\":\"warning\"," +
            "\"value\":73.25,\"threshold\":50,\"firedAt\":" + T0 + ",\"resolvedAt\":" + (T0 + 1_500) + "," +
            "\"message\":\"e2eP99 resolved: end-to-end p99 (ms) 12 <= 50 after 1.5 s firing\"}";
        assertEquals(resolvedJson, AlertJson.alert(engine.recent().get(0)));
        assertEquals("{\"active\":[],\"recent\":[" + resolvedJson + "]}", AlertJson.debug(engine));
    }
}
