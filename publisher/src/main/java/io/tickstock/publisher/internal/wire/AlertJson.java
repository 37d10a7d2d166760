package io.tickstock.publisher.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstock.core.alert.Alert;
import io.tickstock.core.alert.AlertEngine;

import java.util.List;

/**
 * The JSON of an alert, the same on {@code /admin/ws}, {@code /debug/alerts} and the webhook:
 *
 * <pre>{@code
 * {"type":"alert","state":"firing","id":3,"rule":"e2eP99","severity":"warning","value":73.2,"threshold":50,
 *  "firedAt":1700000000000,"resolvedAt":null,"message":"e2eP99: end-to-end p99 (ms) 73.2 > 50 for 30 s"}
 * }</pre>
 *
 * Times are epoch milliseconds. Thread-safe.
 */
public final class AlertJson
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson()
    {
    }

    /** One alert as a JSON object. */
    public static String alert(final Alert alert)
    {
        return write(node(alert));
    }

    /** An {@code /admin/ws} frame: a JSON array of alerts, in the order given. */
    public static String frame(final List<Alert> alerts)
    {
        final ArrayNode array = JSON.createArrayNode();
        for (final Alert alert : alerts)
        {
            array.add(node(alert));
        }
        return write(array);
    }

    /** {@code /debug/alerts}: {@code {"active":[...],"recent":[...]}}, each newest first; empty lists without an engine. */
    public static String debug(final AlertEngine engine)
    {
        final ObjectNode root = JSON.createObjectNode();
        final ArrayNode active = root.putArray("active");
        final ArrayNode recent = root.putArray("recent");
        if (engine != null)
        {
            engine.active().forEach(alert -> active.add(node(alert)));
            engine.recent().forEach(alert -> recent.add(node(alert)));
        }
        return write(root);
    }

    private static ObjectNode node(final Alert alert)
    {
        final ObjectNode node = JSON.createObjectNode()
            .put("type", "alert")
            .put("state", alert.isResolved() ? "resolved" : "firing")
            .put("id", alert.id())
            .put("rule", alert.rule().name())
            .put("severity", alert.severity().configName());
        number(node, "value", alert.value());
        number(node, "threshold", alert.rule().threshold());
        node.put("firedAt", alert.firedAtMs());
        if (alert.isResolved())
        {
            node.put("resolvedAt", alert.resolvedAtMs().getAsLong());
        }
        else
        {
            node.putNull("resolvedAt");
        }
        return node.put("message", alert.message());
    }

    /** Whole numbers without a fraction ({@code 50}, not {@code 50.0}); a value that is not finite as null. */
    private static void number(final ObjectNode node, final String name, final double value)
    {
        if (!Double.isFinite(value))
        {
            node.putNull(name);
        }
        else if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            node.put(name, (long)value);
        }
        else
        {
            node.put(name, value);
        }
    }

    private static String write(final Object node)
    {
        try
        {
            return JSON.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("alert JSON", ex);
        }
    }
}
