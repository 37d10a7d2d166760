package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packed numeric keys and object keys must answer alike: the packing is invisible but for memory. */
class TradeDedupTest
{
    @ParameterizedTest(name = "exchange {0}, id {1}")
    @CsvSource({
        "4, 7", "4, 72057594037927935", "4, 72057594037927936", "4, 99999999999999999", "4, 123456789012345678",
        "127, 1", "128, 1", "4, A7", "4, 7A", "4, 0"})
    void aRepeatWithinTheWindowIsADuplicateAndItExpiresAfterTwoWindows(final long exchange, final String id)
    {
        final TradeDedup dedup = new TradeDedup(60_000);
        assertFalse(dedup.isDuplicate(trade(exchange, id, 1_000)));
        assertTrue(dedup.isDuplicate(trade(exchange, id, 61_000)));
        assertFalse(dedup.isDuplicate(trade(exchange + 1, id, 1_000)), "another exchange's trade");
        assertEquals(2, dedup.size());
        assertFalse(dedup.isDuplicate(trade(exchange, "Z" + id, 200_000)), "a later trade moves the horizon past both");
        assertEquals(1, dedup.size());
        assertFalse(dedup.isDuplicate(trade(exchange, id, 200_000)), "forgotten: accepted again");
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"7, 007", "0, 00", "10, 010"})
    void idsThatDifferOnlyInLeadingZerosAreDifferentTrades(final String id, final String other)
    {
        final TradeDedup dedup = new TradeDedup(60_000);
        assertFalse(dedup.isDuplicate(trade(4, id, 1_000)));
        assertFalse(dedup.isDuplicate(trade(4, other, 1_000)));
        assertTrue(dedup.isDuplicate(trade(4, other, 1_000)));
        assertTrue(dedup.isDuplicate(trade(4, id, 1_000)));
    }

    private static FeedRecord trade(final long exchange, final String id, final long time)
    {
        final FeedRecord trade = new FeedRecord();
        trade.exchange = exchange;
        trade.tradeId = id;
        trade.time = time;
        trade.price = 1_000_000;
        trade.size = 100;
        return trade;
    }
}
