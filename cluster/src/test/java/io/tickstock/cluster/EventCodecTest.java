package io.tickstock.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickstock.channels.EventType;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;
import io.tickstock.publisher.internal.wire.EventJson;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream between nodes carries an event whole: decoded on an edge, it encodes to the same
 * client JSON, byte for byte, as on the ingest node, for every event type, with nulls, negative
 * values and non-ASCII text.
 */
class EventCodecTest
{
    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldGiveAnEdgeTheSameJsonAsTheIngestNode(final EventType type)
    {
        final SplittableRandom random = new SplittableRandom(type.ordinal() * 31L + 7);
        final AsciiStrings strings = new AsciiStrings();
        for (int i = 0; i < 200; i++)
        {
            final MarketEvent original = randomEvent(type, random, i);
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(EventCodec.maxLength(original));
            final int length = EventCodec.encodeEvent(buffer, 0, original, 1_000 + i);
            assertTrue(length <= EventCodec.maxLength(original), "within maxLength");
            final MarketEvent decoded = new MarketEvent();
            assertEquals(EventCodec.EVENT, EventCodec.kind(buffer, 0));
            assertEquals(1_000 + i, EventCodec.decodeEvent(buffer, 0, decoded));

            assertEquals(json(original, 1_000 + i), json(decoded, decoded.id));
            final MarketEvent cachedStrings = new MarketEvent();
            EventCodec.decodeEvent(buffer, 0, cachedStrings, strings);
            assertEquals(json(original, 1_000 + i), json(cachedStrings, cachedStrings.id));
            assertEquals(original.toString(), decoded.toString());
            assertEquals(original.derived, decoded.derived);
            assertEquals(original.sessionHigh, decoded.sessionHigh);
            assertEquals(original.sessionLow, decoded.sessionLow);
            assertEquals(original.sessionVolume, decoded.sessionVolume);
            assertEquals(original.lastPrice, decoded.lastPrice);
        }
    }

    @Test
    void shouldMakeEachAsciiStringOnceAndEveryOtherStringRight()
    {
        final AsciiStrings strings = new AsciiStrings();
        final MarketEvent first = new MarketEvent();
        final MarketEvent second = new MarketEvent();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (final String symbol : new String[] {"AAPL", "BRK.B", "ÄPFEL", "X".repeat(AsciiStrings.MAX_CACHED_LENGTH + 1)})
        {
            final MarketEvent event = randomEvent(EventType.BAR, new SplittableRandom(3), 1);
            event.symbol = symbol;
            EventCodec.encodeEvent(buffer, 0, event, 1);
            EventCodec.decodeEvent(buffer, 0, first, strings);
            EventCodec.decodeEvent(buffer, 0, second, strings);
            assertEquals(symbol, first.symbol);
            assertEquals(symbol, second.symbol);
            assertEquals(event.srcName, second.srcName);
            assertEquals(event.tf, second.tf);
            // ASCII up to the limit is found again, the same object; the rest is made each time
            final boolean cached = symbol.length() <= AsciiStrings.MAX_CACHED_LENGTH && symbol.chars().allMatch(c -> c < 0x80);
            assertEquals(cached, first.symbol == second.symbol, symbol);
            assertSame(first.srcName, second.srcName);
            assertSame(first.tf, second.tf);
        }
    }

    @Test
    void shouldCarryTheEpochAndTheEnd()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        EventCodec.encodeEpoch(buffer, 0, "1796670521073");
        assertEquals(EventCodec.EPOCH, EventCodec.kind(buffer, 0));
        assertEquals("1796670521073", EventCodec.decodeEpoch(buffer, 0));
        EventCodec.encodeEnd(buffer, 0, 123_456_789L);
        assertEquals(EventCodec.END, EventCodec.kind(buffer, 0));
        assertEquals(123_456_789L, EventCodec.decodeEnd(buffer, 0));
    }

    @Test
    void shouldRefuseAStreamOfAnotherVersion()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        EventCodec.encodeEpoch(buffer, 0, "1");
        buffer.putInt(1, EventCodec.VERSION + 1);
        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EventCodec.decodeEpoch(buffer, 0));
        assertEquals("the ingest node's stream is version 2; this edge reads version 1", refused.getMessage());
        // an edge that starts at a checkpoint never sees the epoch message: the checkpoint says the version too
        EventCodec.encodeCheckpoint(buffer, 0, "1796670521073", 10, 20);
        assertEquals("1796670521073", EventCodec.checkpointEpoch(buffer, 0));
        assertEquals(10, EventCodec.checkpointFirstHistoryId(buffer, 0));
        assertEquals(20, EventCodec.checkpointNextId(buffer, 0));
        buffer.putInt(17, EventCodec.VERSION + 1);
        assertEquals("the ingest node's stream is version 2; this edge reads version 1",
            assertThrows(IllegalStateException.class, () -> EventCodec.checkpointEpoch(buffer, 0)).getMessage());
    }

    private static String json(final MarketEvent event, final long id)
    {
        final ByteBuf out = Unpooled.buffer();
        EventJson.write(out, event, id);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static MarketEvent randomEvent(final EventType type, final SplittableRandom random, final int i)
    {
        final MarketEvent event = new MarketEvent().reset(type, i % 7 == 0 ? "BRK.B" : i % 11 == 0 ? "ÄPFEL\"\\" : "S" + random.nextInt(8_000),
            1_700_000_000_000L + random.nextLong(1_000_000_000L));
        event.priority = random.nextInt(1, 4);
        event.srcName = "sim-" + random.nextInt(3);
        event.srcSeq = random.nextLong(Long.MAX_VALUE);
        event.recvUs = 1_700_000_000_000_000L + random.nextLong(1_000_000_000L);
        event.derived = random.nextBoolean();
        event.price = random.nextLong(-5_000_000L, 900_000_000_000L);
        event.size = random.nextLong(1_000_000);
        event.prev = random.nextLong(900_000_000_000L);
        event.count = random.nextLong(10_000);
        event.up = random.nextBoolean();
        event.pct = random.nextInt(4) == 0 ? Fixed.NULL : random.nextLong(-100_000_000L, 100_000_000L);
        event.windowS = random.nextInt(1, 3_600);
        event.trigger = random.nextInt(4);
        event.volRatio = random.nextInt(4) == 0 ? Fixed.NULL : random.nextLong(100_000_000L);
        event.tf = type == EventType.BAR ? (random.nextBoolean() ? "1m" : "1s") : null;
        event.open = random.nextLong(900_000_000_000L);
        event.high = random.nextLong(900_000_000_000L);
        event.low = random.nextLong(900_000_000_000L);
        event.close = random.nextLong(900_000_000_000L);
        event.volume = random.nextLong(1_000_000_000L);
        event.vwap = random.nextInt(4) == 0 ? Fixed.NULL : random.nextLong(900_000_000_000L);
        event.start = 1_700_000_000_000L + random.nextLong(1_000_000);
        event.end = event.start + 60_000;
        event.relVol = random.nextInt(4) == 0 ? Fixed.NULL : random.nextLong(10_000_000L);
        event.revised = random.nextBoolean();
        event.fmv = random.nextLong(900_000_000_000L);
        event.last = random.nextInt(4) == 0 ? Fixed.NULL : random.nextLong(900_000_000_000L);
        event.signal = type == EventType.FMV ? new String[] {"undervalued", "overvalued", "fair", null}[random.nextInt(4)] : null;
        event.sessionHigh = random.nextLong(900_000_000_000L);
        event.sessionLow = random.nextLong(900_000_000_000L);
        event.sessionVolume = random.nextLong(1_000_000_000L);
        event.lastPrice = random.nextLong(900_000_000_000L);
        return event;
    }
}
