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

    /**
     * A client that moved from a node further along the stream (docs/scale-out.md) resumes from an
     * id this node has not reached: on a node following another's stream it is acknowledged and
     * gets exactly the events after its id as they arrive; on a node of its own stream the same
     * op is refused.
     */
    @Test
    void shouldLetAClientResumeAheadOfANodeFollowingAnotherAndRefuseItElsewhere() throws Exception
    {
        final EventFanOut following = new EventFanOut(EdgeConfig.builder().build(), "epoch", true, UnpooledByteBufAllocator.DEFAULT,
            new LatencyMonitor(1_000), new WakeableWaitStrategy(WaitStrategyKind.BLOCKING));
        final String ahead = "{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"resumeFrom\":{\"epoch\":\"epoch\",\"id\":1004}}";
        publish(following, 1_000);
        following.endOfBatch();
        final List<String> moved = RecordingClients.connect(following, ahead);
        assertEquals(1, moved.size(), moved.toString());
        assertEquals("ack", JSON.readTree(moved.get(0)).get(0).path("type").asText(), moved.toString());
        for (long id = 1_001; id <= 1_006; id++)
        {
            publish(following, id);
        }
        following.endOfBatch();
        assertEquals(List.of(moved.get(0), "[" + event(1_005) + "," + event(1_006) + "]"), moved, "the events after 1004, none before");

        publish(fanOut, 1_000);
        fanOut.endOfBatch();
        final JsonNode refused = JSON.readTree(client(ahead).get(0)).get(0);
        assertEquals("error", refused.path("type").asText());
        assertEquals("resumeFrom.id 1004 is ahead of the newest event 1000", refused.path("message").asText());
    }

    private void publish(final long id)
    {
        assertTrue(publish(fanOut, id), "a client matched " + id);
    }

    /** @return whether any client matched. */
    private static boolean publish(final EventFanOut fanOut, final long id)
    {
        final ByteBuf encoded = Unpooled.copiedBuffer(event(id), StandardCharsets.UTF_8);
        try
        {
            return fanOut.publish(id, EventType.HIGH, "AAPL", null, encoded);
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
