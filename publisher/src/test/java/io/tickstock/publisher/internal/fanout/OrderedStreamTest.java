package io.tickstock.publisher.internal.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tickstock.channels.EventType;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.ring.WakeableWaitStrategy;
import io.tickstock.publisher.EdgeConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out fed as a remote node would feed it: an ordered stream of events already encoded,
 * with their ids, joined mid-epoch ({@code EventFanOut.publish}). Clients get exactly those bytes;
 * an id out of order is refused; resume works against the stream's own ids, and a resume from
 * before the stream's first id gets a {@code history} gap.
 */
class OrderedStreamTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventFanOut fanOut = new EventFanOut(EdgeConfig.builder().build(), "epoch", UnpooledByteBufAllocator.DEFAULT,
        new LatencyMonitor(1_000), new WakeableWaitStrategy(WaitStrategyKind.BLOCKING));

    @Test
    void shouldDeliverTheStreamsOwnBytesAndIdsAndResumeAgainstThem() throws Exception
    {
        final List<String> live = client("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":false}");
        live.clear();
        for (long id = 1_000; id <= 1_002; id++)
        {
            publish(id);
        }
        fanOut.endOfBatch();
        assertEquals(List.of("[" + event(1_000) + "," + event(1_001) + "," + event(1_002) + "]"), live, "the stream's bytes, as they came");

        final IllegalArgumentException skipped = assertThrows(IllegalArgumentException.class, () -> publish(1_005));
        assertEquals("event id 1005 where 1003 was next", skipped.getMessage());
        assertEquals(1_002, fanOut.views().lastId());

        final List<String> resumed = client("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"resumeFrom\":{\"epoch\":\"epoch\",\"id\":1000}}");
        assertEquals("ack", JSON.readTree(resumed.get(0)).get(0).path("type").asText());
        assertEquals("[" + event(1_001) + "," + event(1_002) + "]", resumed.get(1), "the events after 1000, replayed");

        final List<String> tooOld = client("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"resumeFrom\":{\"epoch\":\"epoch\",\"id\":500}}");
        final JsonNode gap = JSON.readTree(tooOld.get(1)).get(0);
        assertEquals("gap", gap.path("type").asText(), tooOld.toString());
        assertEquals("history", gap.path("reason").asText());
        assertEquals(501, gap.path("fromId").asLong());
        assertEquals(1_002, gap.path("toId").asLong());
        assertEquals(502, gap.path("dropped").asLong());
    }

    private void publish(final long id)
    {
        final ByteBuf encoded = Unpooled.copiedBuffer(event(id), StandardCharsets.UTF_8);
        try
        {
            assertTrue(fanOut.publish(id, EventType.HIGH, "AAPL", null, encoded));
        }
        finally
        {
            encoded.release();
        }
    }

    private static String event(final long id)
    {
        return "{\"type\":\"event\",\"id\":" + id + ",\"event\":\"high\",\"symbol\":\"AAPL\",\"price\":101.5}";
    }

    /** Connects a client and subscribes; the list fills with the text of each frame it is sent. */
    private List<String> client(final String subscribe) throws Exception
    {
        return RecordingClients.connect(fanOut, subscribe);
    }
}
