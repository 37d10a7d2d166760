package io.tickstock.channels;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The event types of docs/protocol.md §2.3: wire names both ways, their channels and their mask bits. */
class EventTypeTest
{
    @Test
    void shouldFindEveryTypeByItsWireNameAndOrdinalAndNoneByAnotherName()
    {
        for (final EventType type : EventType.values())
        {
            assertEquals(type, EventType.ofWireName(type.wireName()));
            assertEquals(type, EventType.ofOrdinal(type.ordinal()));
        }
        assertNull(EventType.ofWireName("TRADE"));
    }

    @Test
    void shouldGiveEachTypeItsOwnBitAndAllOfThemTheFullMask()
    {
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64), java.util.Arrays.stream(EventType.values()).map(EventType::bit).toList());
        assertEquals(127, EventType.allMask());
        assertEquals(List.of(EventType.TRADE, EventType.HIGH, EventType.LOW, EventType.TREND, EventType.SURGE), EventType.ofChannel("tick"));
    }

    @Test
    void shouldKeepEveryEventOfARecordThatCausesMoreThanItsInitialRoom()
    {
        final FeedRecord record = new FeedRecord();
        record.clear();
        record.symbol = "AAPL";
        for (int i = 0; i < 20; i++)
        {
            record.addEvent(EventType.TRADE, i).size = i;
        }
        assertEquals(20, record.eventCount());
        for (int i = 0; i < 20; i++)
        {
            assertEquals("trade AAPL ts=" + i + " price=0 size=" + i, record.event(i).toString());
        }
    }
}
