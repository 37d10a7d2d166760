package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.internal.fanout.store.EventHistory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tickstock.channels.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history's byte ring: the newest {@code capacity} events come back byte for byte (across the
 * ring's wrap), fewer only when their bytes outgrow the ring (oldest first), and a buffer handed
 * out for a queue or a replay is one per event, shared, and outlives the ring's copy.
 */
class EventHistoryTest
{
    private final List<ByteBuf> handedOut = new ArrayList<>();
    private EventHistory history;

    @AfterEach
    void releaseEverything()
    {
        handedOut.forEach(ByteBuf::release);
        history.clear();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void shouldHoldTheNewestEventsByteForByteAcrossTheWrap(final long seed)
    {
        final int capacity = 64;
        history = new EventHistory(capacity, UnpooledByteBufAllocator.DEFAULT);
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> all = new ArrayList<>();
        // 150-350 bytes each, the size of real events: always within 512 per event on average
        for (long id = 1; id <= 1_000; id++)
        {
            final String json = json(id, 150 + random.nextInt(201));
            all.add(json);
            add(id, json);
            final long oldest = Math.max(1, id - capacity + 1);
            assertEquals(oldest, history.oldestId(), "after " + id);
            assertTrue(history.holdsAfter(oldest - 1));
            assertFalse(history.holdsAfter(oldest - 2));
        }
        for (long id = 1_000 - capacity + 1; id <= 1_000; id++)
        {
            assertEquals(all.get((int)id - 1), text(history.shared(id)), "event " + id);
            assertEquals(EventType.HIGH, history.type(id));
            assertEquals((int)(id % 13), history.symbolId(id));
        }
    }

    @Test
    void shouldForgetTheOldestWhenTheBytesOutgrowTheRing()
    {
        final int capacity = 8;
        history = new EventHistory(capacity, UnpooledByteBufAllocator.DEFAULT);
        // the ring is 8 x 512 = 4,096 bytes: three events of 1,500 bytes do not fit, two do
        add(1, json(1, 1_500));
        add(2, json(2, 1_500));
        assertEquals(1, history.oldestId());
        add(3, json(3, 1_500));
        assertEquals(2, history.oldestId(), "event 1's bytes were overwritten");
        assertFalse(history.holds(1));
        assertEquals(json(2, 1_500), text(history.shared(2)));
        assertEquals(json(3, 1_500), text(history.shared(3)));
    }

    @Test
    void shouldHoldNothingUpToAnEventLargerThanTheRing()
    {
        history = new EventHistory(2, UnpooledByteBufAllocator.DEFAULT);
        add(1, json(1, 200));
        add(2, json(2, 1_500));
        assertEquals(3, history.oldestId());
        assertTrue(history.holdsAfter(2), "nothing after the newest to replay");
        assertFalse(history.holdsAfter(1));
        add(3, json(3, 200));
        assertEquals(json(3, 200), text(history.shared(3)));
    }

    @Test
    void shouldShareOneBufferPerEventThatOutlivesTheRing()
    {
        history = new EventHistory(4, UnpooledByteBufAllocator.DEFAULT);
        add(1, json(1, 300));
        final ByteBuf first = history.shared(1);
        final ByteBuf again = history.shared(1);
        assertSame(first, again, "one buffer per event");
        assertEquals(3, first.refCnt(), "the history's reference and one for each caller");
        for (long id = 2; id <= 20; id++)
        {
            add(id, json(id, 300));
        }
        assertFalse(history.holds(1));
        assertEquals(2, first.refCnt(), "the history let go of it when it forgot the event");
        assertEquals(json(1, 300), text(first), "its bytes survive the ring's reuse");
        final ByteBuf later = history.shared(20);
        assertNotSame(first, later);
    }

    @Test
    void shouldHoldNothingWithNoCapacity()
    {
        history = new EventHistory(0, UnpooledByteBufAllocator.DEFAULT);
        add(1, json(1, 200));
        assertFalse(history.holds(1));
    }

    private void add(final long id, final String json)
    {
        final ByteBuf bytes = Unpooled.copiedBuffer(json, StandardCharsets.US_ASCII);
        history.add(id, bytes, EventType.HIGH, (int)(id % 13));
        bytes.release();
    }

    private String text(final ByteBuf shared)
    {
        handedOut.add(shared);
        return shared.toString(shared.readerIndex(), shared.readableBytes(), StandardCharsets.US_ASCII);
    }

    /** An event-like JSON object of exactly {@code length} bytes. */
    private static String json(final long id, final int length)
    {
        final String head = "{\"id\":" + id + ",\"pad\":\"";
        return head + "x".repeat(length - head.length() - 2) + "\"}";
    }
}
