package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.testkit.WebSocketTestClient;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One client's view of its stream, checked message by message: event ids strictly increase,
 * and each gap stands in the place of its hole (after the last event before it, before the
 * next event after it). Keeps counts, not messages. Thread-safe.
 */
final class DeliveryLog implements WebSocketTestClient.Observer
{
    final Recorder latencyUs = new Recorder(3);
    private final boolean recordLatency;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Long> gapReasons = new TreeMap<>();
    private final Map<String, Long> eventTypes = new TreeMap<>();
    private final Set<String> symbols = new java.util.TreeSet<>();
    private long acks;
    private long pongs;
    private long events;
    private long gaps;
    private long gapDropped;
    private long lastEventId;
    private long lastGapToId;
    private long maxGapSpan;

    DeliveryLog(final boolean recordLatency)
    {
        this.recordLatency = recordLatency;
    }

    @Override
    public synchronized void onMessage(final JsonNode message, final long receivedUs)
    {
        switch (message.path("type").asText())
        {
            case "ack":
                acks++;
                break;
            case "event":
                onEvent(message, receivedUs);
                break;
            case "gap":
                onGap(message);
                break;
            case "welcome":
            case "heartbeat":
                break;
            case "pong":
                pongs++;
                break;
            default:
                violation("unexpected message " + message);
                break;
        }
    }

    private void onEvent(final JsonNode event, final long receivedUs)
    {
        final long id = event.path("id").asLong();
        if (id <= lastEventId)
        {
            violation("event id " + id + " after " + lastEventId);
        }
        if (id <= lastGapToId)
        {
            violation("event id " + id + " after a gap up to " + lastGapToId);
        }
        lastEventId = id;
        events++;
        eventTypes.merge(event.path("event").asText(), 1L, Long::sum);
        symbols.add(event.path("symbol").asText());
        if (recordLatency && "tick".equals(event.path("channel").asText()))
        {
            latencyUs.recordValue(Math.max(0, receivedUs - event.path("src").path("recvUs").asLong()));
        }
    }

    private void onGap(final JsonNode gap)
    {
        final long fromId = gap.path("fromId").asLong();
        final long toId = gap.path("toId").asLong();
        final long dropped = gap.path("dropped").asLong();
        gaps++;
        gapDropped += dropped;
        gapReasons.merge(gap.path("reason").asText(), 1L, Long::sum);
        maxGapSpan = Math.max(maxGapSpan, toId - fromId + 1);
        if (fromId > toId || dropped <= 0 || dropped > toId - fromId + 1)
        {
            violation("malformed gap " + gap);
        }
        if (fromId <= Math.max(lastEventId, lastGapToId))
        {
            violation("gap " + gap + " after event " + lastEventId + " and a gap up to " + lastGapToId);
        }
        lastGapToId = Math.max(lastGapToId, toId);
    }

    private void violation(final String what)
    {
        if (violations.size() < 10)
        {
            violations.add(what);
        }
    }

    synchronized long acks()
    {
        return acks;
    }

    synchronized long pongs()
    {
        return pongs;
    }

    synchronized long events()
    {
        return events;
    }

    synchronized long gaps()
    {
        return gaps;
    }

    synchronized long gapDropped()
    {
        return gapDropped;
    }

    synchronized long lastEventId()
    {
        return lastEventId;
    }

    synchronized List<String> violations()
    {
        return List.copyOf(violations);
    }

    synchronized Set<String> gapReasons()
    {
        return Set.copyOf(gapReasons.keySet());
    }

    synchronized Set<String> eventTypes()
    {
        return Set.copyOf(eventTypes.keySet());
    }

    synchronized Set<String> symbols()
    {
        return Set.copyOf(symbols);
    }

    @Override
    public synchronized String toString()
    {
        return "events " + events + " " + eventTypes + ", last id " + lastEventId + ", gaps " + gaps + " " + gapReasons +
            " reporting " + gapDropped + " (widest " + maxGapSpan + " ids)" + (violations.isEmpty() ? "" : ", violations " + violations);
    }
}
