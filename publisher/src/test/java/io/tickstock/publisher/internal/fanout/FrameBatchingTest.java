package io.tickstock.publisher.internal.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.ring.WakeableWaitStrategy;
import io.tickstock.publisher.ClientCounts;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.wire.FrameWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames batched per client (docs/protocol.md §2.0, docs/architecture.md "Delivery path"): the
 * events a client matched within one publish-ring batch go out as one text frame holding a JSON
 * array, in id order, a new frame once one reaches {@code edge.maxBatchFrameBytes}; without
 * deflate the frame is written with its own WebSocket header, with deflate as a frame object.
 * Clients are in-memory channels that keep what they are sent ({@link RecordingClients}).
 */
class FrameBatchingTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> frames = new ArrayList<>();

    @Test
    void shouldSendEverythingAClientMatchedInOneBatchAsOneFrameInIdOrder() throws Exception
    {
        final EventFanOut fanOut = fanOut(EdgeConfig.builder().build());
        client(fanOut, "{\"op\":\"subscribe\",\"id\":\"s\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":false}");
        assertEquals("ack", JSON.readTree(frames.remove(0)).get(0).path("type").asText());

        fanOut.onEvent(high("AAPL"), 0, false);
        fanOut.onEvent(high("MSFT"), 1, false);
        assertEquals(List.of(), frames, "nothing goes out before the batch ends");
        fanOut.onEvent(high("NVDA"), 2, true);

        assertEquals(1, frames.size(), "one frame for the batch: " + frames);
        final JsonNode frame = JSON.readTree(frames.get(0));
        assertEquals(3, frame.size());
        assertEquals(List.of(1L, 2L, 3L), ids(frame));
        assertEquals(List.of("AAPL", "MSFT", "NVDA"), List.of(frame.get(0).path("symbol").asText(), frame.get(1).path("symbol").asText(),
            frame.get(2).path("symbol").asText()));
    }

    @Test
    void shouldStartANewFrameOnceOneReachesMaxBatchFrameBytes() throws Exception
    {
        final EventFanOut fanOut = fanOut(EdgeConfig.builder().maxBatchFrameBytes(1_024).build());
        client(fanOut, "{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":false}");
        frames.clear();
        for (int i = 0; i < 40; i++)
        {
            fanOut.onEvent(high("SYM" + (char)('A' + i % 26)), i, i == 39);
        }
        assertTrue(frames.size() > 1, "40 events of about 200 bytes do not fit in one 1 KiB frame: " + frames.size());
        final List<Long> ids = new ArrayList<>();
        for (final String text : frames)
        {
            assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= 1_024, "a frame over the cap: " + text.length());
            ids.addAll(ids(JSON.readTree(text)));
        }
        final List<Long> expected = new ArrayList<>();
        for (long id = 1; id <= 40; id++)
        {
            expected.add(id);
        }
        assertEquals(expected, ids, "every event once, in id order, across the frames");
    }

    @Test
    void shouldSendTheSameBatchAsAFrameObjectWhenDeflateIsOn() throws Exception
    {
        final EventFanOut fanOut = fanOut(EdgeConfig.builder().compression(true).build());
        client(fanOut, "{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":false}");
        frames.clear();
        fanOut.onEvent(high("AAPL"), 0, false);
        fanOut.onEvent(high("MSFT"), 1, true);
        assertEquals(1, frames.size());
        assertEquals(List.of(1L, 2L), ids(JSON.readTree(frames.get(0))));
    }

    @Test
    void shouldHoldABatchForTheFlushDelayAndSendItBeforeALaterAnswer() throws Exception
    {
        final EventFanOut fanOut = fanOut(EdgeConfig.builder().flushDelayUs(1_000_000).build());
        final ClientSession session = client(fanOut, "{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":false}");
        assertEquals("ack", JSON.readTree(frames.remove(0)).get(0).path("type").asText(), "an answer is never held");
        fanOut.onEvent(high("AAPL"), 0, true);
        fanOut.onEvent(high("MSFT"), 1, true);
        assertEquals(List.of(), frames, "two batches held: the delay has not passed");
        assertEquals(List.of(new ClientCounts(2, 2, 0, 0, 0)), List.of(session.counts()), "held events count as sent");

        assertTrue(fanOut.clients().answer(session, new FrameWriter(UnpooledByteBufAllocator.DEFAULT).pong("p", 1).toFrame().content(), System.nanoTime()));
        assertEquals(2, frames.size(), "the held events, then the pong: " + frames);
        assertEquals(List.of(1L, 2L), ids(JSON.readTree(frames.get(0))));
        assertEquals("pong", JSON.readTree(frames.get(1)).get(0).path("type").asText());
    }

    private EventFanOut fanOut(final EdgeConfig config)
    {
        return new EventFanOut(config, "epoch", UnpooledByteBufAllocator.DEFAULT, new LatencyMonitor(1_000),
            new WakeableWaitStrategy(WaitStrategyKind.BLOCKING));
    }

    private ClientSession client(final EventFanOut fanOut, final String subscribe) throws Exception
    {
        return RecordingClients.connect(fanOut, subscribe, frames);
    }

    private static MarketEvent high(final String symbol)
    {
        final MarketEvent event = new MarketEvent().reset(EventType.HIGH, symbol, 1_700_000_000_000L);
        event.price = 101_500_000;
        event.prev = 101_000_000;
        event.count = 3;
        event.srcName = "test";
        event.derived = true;
        return event;
    }

    private static List<Long> ids(final JsonNode frame)
    {
        final List<Long> ids = new ArrayList<>();
        for (final JsonNode message : frame)
        {
            assertEquals("event", message.path("type").asText(), message.toString());
            ids.add(message.path("id").asLong());
        }
        return ids;
    }
}
