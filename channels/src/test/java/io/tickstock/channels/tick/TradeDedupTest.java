package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

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
        final TradeDedup dedup = new TradeDedup(60_000, new SlotPages());
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
        final TradeDedup dedup = new TradeDedup(60_000, new SlotPages());
        assertFalse(dedup.isDuplicate(trade(4, id, 1_000)));
        assertFalse(dedup.isDuplicate(trade(4, other, 1_000)));
        assertTrue(dedup.isDuplicate(trade(4, other, 1_000)));
        assertTrue(dedup.isDuplicate(trade(4, id, 1_000)));
    }

    @ParameterizedTest(name = "id {0}")
    @CsvSource({"1", "A1"})
    void shouldStillDropARepeatOfATradeExactlyTwoWindowsOlderThanTheLatest(final String id)
    {
        final TradeDedup dedup = new TradeDedup(1_000, new SlotPages());
        assertFalse(dedup.isDuplicate(trade(4, id, 10_000)));
        assertFalse(dedup.isDuplicate(trade(4, "B" + id, 12_000)), "the latest trade: its horizon is exactly 10,000");
        assertEquals(2, dedup.size());
        assertTrue(dedup.isDuplicate(trade(4, id, 10_500)), "still remembered, and within the window");
        assertFalse(dedup.isDuplicate(trade(4, "C" + id, 12_001)), "the horizon moves one past it");
        assertEquals(2, dedup.size());
        assertFalse(dedup.isDuplicate(trade(4, id, 10_500)), "forgotten");
    }

    @Test
    void shouldForgetNumericKeysByEventTimeAfterTheirRingWrappedAndGrew()
    {
        final TradeDedup dedup = new TradeDedup(1_000, new SlotPages());
        for (int i = 0; i < 30; i++)
        {
            assertFalse(dedup.isDuplicate(trade(4, Integer.toString(i), i * 100L)));
        }
        assertEquals(21, dedup.size(), "the keys at 900..2900: within two windows of 2900");
        for (int i = 1_000; i < 1_100; i++)
        {
            assertFalse(dedup.isDuplicate(trade(4, Integer.toString(i), 2_900)));
        }
        assertEquals(121, dedup.size());
        assertTrue(dedup.isDuplicate(trade(4, "1050", 2_900)));
        assertTrue(dedup.isDuplicate(trade(4, "29", 2_900)));
        assertFalse(dedup.isDuplicate(trade(4, "2000", 4_901)), "moves the horizon past every key before it");
        assertEquals(1, dedup.size());
        assertFalse(dedup.isDuplicate(trade(4, "1050", 4_901)));
    }

    @Test
    void shouldKeepTradesWithTheSameIdApartAcrossExchangesThatDoNotPack()
    {
        final TradeDedup dedup = new TradeDedup(60_000, new SlotPages());
        assertFalse(dedup.isDuplicate(trade(0, "7", 1_000)));
        assertFalse(dedup.isDuplicate(trade(FeedRecord.NO_EXCHANGE, "7", 1_000)), "no exchange is not exchange 0");
        assertFalse(dedup.isDuplicate(trade(256, "7", 1_000)), "exchange 256 is not exchange 0");
        assertFalse(dedup.isDuplicate(trade(-1, "7", 1_000)));
        assertTrue(dedup.isDuplicate(trade(FeedRecord.NO_EXCHANGE, "7", 1_000)));
        assertEquals(4, dedup.size());
    }

    @Test
    void shouldKeepIdsWithOtherCharactersApartFromNumericOnes()
    {
        final TradeDedup dedup = new TradeDedup(60_000, new SlotPages());
        assertFalse(dedup.isDuplicate(trade(4, "17", 1_000)));
        assertFalse(dedup.isDuplicate(trade(4, "A", 1_000)), "'A' - '0' is 17");
        assertFalse(dedup.isDuplicate(trade(4, "1:", 1_000)), "':' - '0' is 10");
        assertFalse(dedup.isDuplicate(trade(4, "20", 1_000)));
        assertFalse(dedup.isDuplicate(trade(4, "", 1_000)));
        assertTrue(dedup.isDuplicate(trade(4, "", 1_000)));
        assertEquals(5, dedup.size());
    }

    /**
     * The packed-key table against a plain map of each key's most recent accepted time: trades
     * mostly in time order with late ones, repeats from a small id pool, jumps of days (the table
     * moves its base) and bursts that make it grow and sweep. Every answer and every size agree.
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
    void shouldAnswerExactlyAsAMapOfEachKeysLatestAcceptedTime(final long seed)
    {
        final Random random = new Random(seed);
        final long window = 1 + random.nextInt(2_000);
        final TradeDedup dedup = new TradeDedup(window, new SlotPages());
        final Map<Long, Long> model = new HashMap<>();
        long latest = Long.MIN_VALUE;
        long clock = 1_700_000_000_000L;
        for (int i = 0; i < 200_000; i++)
        {
            final int roll = random.nextInt(10_000);
            if (roll == 0)
            {
                clock += (1L << 30) + random.nextInt(1_000_000);  // over 12 days on: the table rebases
            }
            else if (roll < 5_000)
            {
                clock += random.nextInt(3);
            }
            final long time = roll % 10 == 0 ? clock - random.nextInt((int)(4 * window)) : clock;
            final int pool = roll < 100 ? 100_000 : 3_000;
            final long exchange = random.nextInt(3);
            final long id = random.nextInt(pool);
            final long key = exchange << 56 | id;

            final long horizon = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - 2 * window;
            final Long seen = model.get(key);
            final boolean expected = seen != null && seen >= horizon && Math.abs(time - seen) <= window;
            if (!expected)
            {
                model.put(key, time);
                latest = Math.max(latest, time);
            }
            assertEquals(expected, dedup.isDuplicate(trade(exchange, Long.toString(id), time)), "trade " + i);
            if (i % 20_000 == 0)
            {
                final long now = latest - 2 * window;
                assertEquals(model.values().stream().filter(t -> t >= now).count(), dedup.size(), "size at " + i);
            }
        }
    }

    @Test
    void shouldStopGrowingOnceItHoldsTwoWindowsOfASteadyRate()
    {
        final long window = 1_000;
        final TradeDedup dedup = new TradeDedup(window, new SlotPages());
        long id = 0;
        int capacityAfterTwoWindows = 0;
        // 5 trades per ms, each with a new id, for 20 windows
        for (long t = 0; t < 20 * window; t++)
        {
            for (int k = 0; k < 5; k++)
            {
                assertFalse(dedup.isDuplicate(trade(4, Long.toString(id++), t)));
            }
            if (t == 3 * window)
            {
                capacityAfterTwoWindows = dedup.capacity();
            }
        }
        final long live = 5 * (2 * window + 1);
        assertEquals(live, dedup.size(), "the trades of two windows, the latest included");
        assertEquals(capacityAfterTwoWindows, dedup.capacity(), "no growth once the window is full");
        assertTrue(dedup.capacity() <= Math.max(16, 2 * live / 0.525), "capacity " + dedup.capacity() + " for " + live + " live keys");
    }

    /** The decoder and the simulator give a numeric id as a number, a record built by hand as text: one id either way. */
    @ParameterizedTest
    @CsvSource({"4", "-9223372036854775808"})
    void shouldTakeANumericIdAsNumberOrTextAlikeWithOrWithoutAnExchange(final long exchange)
    {
        final TradeDedup dedup = new TradeDedup(60_000, new SlotPages());
        final FeedRecord asNumber = trade(exchange, null, 1_000);
        asNumber.tradeNumber = 123;
        assertFalse(dedup.isDuplicate(asNumber));
        assertTrue(dedup.isDuplicate(trade(exchange, "123", 2_000)), "the same id as text");
        final FeedRecord again = trade(exchange, null, 3_000);
        again.tradeNumber = 123;
        assertTrue(dedup.isDuplicate(again), "the same id as a number");
        assertFalse(dedup.isDuplicate(trade(exchange, "0123", 4_000)), "a different id");
        assertFalse(dedup.isDuplicate(trade(exchange, null, 5_000)), "no id: keyed by its fields");
        assertEquals(3, dedup.size());
    }

    @Test
    void tablesSharingPagesHoldExactlyTheirSlotsAndReuseWhatTheyGiveBack()
    {
        final long window = 1_000;
        final SlotPages pages = new SlotPages();
        final TradeDedup[] symbols = new TradeDedup[300];
        for (int s = 0; s < symbols.length; s++)
        {
            symbols[s] = new TradeDedup(window, pages);
        }
        final SplittableRandom random = new SplittableRandom(7);
        long id = 0;
        // symbol s trades about s / 30 times per ms: tables from 16 to thousands of slots, each
        // doubling several times while its two windows fill, all from the same pages
        for (long t = 0; t < 10 * window; t++)
        {
            for (int s = 0; s < symbols.length; s++)
            {
                for (int k = random.nextInt(1 + s / 15); k > 0; k--)
                {
                    assertFalse(symbols[s].isDuplicate(trade(4, Long.toString(id++), t)));
                }
            }
            if (t % 500 == 0)
            {
                long held = 0;
                for (final TradeDedup symbol : symbols)
                {
                    held += symbol.capacity();
                }
                assertEquals(held, pages.usedSlots(), "slots the tables hold, old ones migrating included, at " + t);
                assertTrue(pages.pageSlots() <= 2 * held + (1 << SlotPages.PAGE_ORDER),
                    "pages " + pages.pageSlots() + " for " + held + " slots held at " + t);
            }
        }
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
