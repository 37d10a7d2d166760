package io.tickstock.channels.tick;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.ChannelEntry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tick channel's field checks, its validate stage and its session calendar on their own
 * (docs/semantics.md §2), each at its exact edge.
 */
class TickStagesTest
{
    /** 2023-11-14T15:00:00Z: 10:00 in New York. */
    private static final long T0 = 1_699_974_000_000L;
    /** 2023-11-14T05:00:00Z: midnight in New York (EST). */
    private static final long NY_MIDNIGHT = 1_699_938_000_000L;
    private static final long DAY = 86_400_000L;

    private final SymbolTable symbols = new SymbolTable();

    @Test
    void shouldAcceptTheSmallestPositivePriceZeroSizeAndTheFirstMillisecond()
    {
        assertEquals(TickRules.VALID, TickRules.check(trade("AAPL", 1, 0, 1), 0));
    }

    @Test
    void shouldRejectEachFieldJustPastItsEdge()
    {
        assertEquals(TickRules.BAD_SYMBOL, TickRules.check(trade("AAPL", 1, 0, 1), SymbolTable.INVALID));
        assertEquals(TickRules.BAD_PRICE, TickRules.check(trade("AAPL", 0, 0, 1), 0));
        assertEquals(TickRules.BAD_PRICE, TickRules.check(trade("AAPL", -1, 0, 1), 0));
        assertEquals(TickRules.BAD_PRICE, TickRules.check(trade("AAPL", Fixed.NOT_FINITE, 0, 1), 0));
        assertEquals(TickRules.BAD_SIZE, TickRules.check(trade("AAPL", 1, -1, 1), 0));
        assertEquals(TickRules.BAD_TIME, TickRules.check(trade("AAPL", 1, 0, 0), 0));
    }

    @Test
    void shouldRejectDropAndAcceptInTheValidateStageAndRememberKeysPerSymbol()
    {
        final TickValidator validator = new TickValidator(symbols, 60_000);
        assertEquals("rejected:bad_symbol", validate(validator, trade("aapl", Fixed.ONE, 1, T0)));
        assertEquals("rejected:bad_price", validate(validator, trade("AAPL", 0, 1, T0)));
        assertEquals("accepted", validate(validator, withId(trade("AAPL", Fixed.ONE, 1, T0), "1")));
        assertEquals("duplicate", validate(validator, withId(trade("AAPL", Fixed.ONE, 1, T0 + 60_000), "1")));
        assertEquals("accepted", validate(validator, withId(trade("MSFT", Fixed.ONE, 1, T0), "1")), "another symbol's trade 1");
        assertEquals("accepted", validate(validator, trade("MSFT", Fixed.ONE, 1, T0)), "no id: keyed by its fields");
        assertEquals(3, validator.rememberedKeys());
    }

    @Test
    void shouldGiveTheNewYorkDateAndMoveToTheNextExactlyAtMidnight()
    {
        final SessionCalendar calendar = new SessionCalendar(SessionCalendar.NEW_YORK);
        final long day = calendar.sessionOf(T0);
        assertEquals(19_675, day, "2023-11-14 as an epoch day");
        assertEquals(day, calendar.sessionOf(NY_MIDNIGHT), "the first millisecond of the day");
        assertEquals(day, calendar.sessionOf(NY_MIDNIGHT + DAY - 1), "the last millisecond of the day");
        assertEquals(day + 1, calendar.sessionOf(NY_MIDNIGHT + DAY), "midnight starts the next day");
        assertEquals(day, calendar.sessionOf(NY_MIDNIGHT + DAY - 1), "and back");
        assertEquals(day - 1, calendar.sessionOf(NY_MIDNIGHT - 1));
    }

    @Test
    void shouldGiveASurgeItsVolRatioFromExactlyTwoWindowsAfterTheSessionsFirstTrade()
    {
        assertEquals("surge AAPL ts=" + (T0 + 19_999) + " up trigger=price volRatio=null pct=1 windowS=10", surgeAfter(19_999));
        assertEquals("surge AAPL ts=" + (T0 + 20_000) + " up trigger=price volRatio=1 pct=1 windowS=10", surgeAfter(20_000));
    }

    @Test
    void shouldEmitOnlyTheEventsOfTheLatestTradeWhenTheRingReusesAnEntry()
    {
        final TickProcessor processor = new TickProcessor(symbols, SessionCalendar.NEW_YORK, MarketConfig.builder().build());
        final FeedRecord trade = trade("AAPL", 100 * Fixed.ONE, 100, T0);
        processor.onEntry(trade, true);
        processor.onEntry(trade, true);
        assertEquals(1, trade.eventCount());
        assertEquals("trade AAPL ts=" + T0 + " price=100 size=100", trade.event(0).toString());
    }

    /** The surge event of a 1 % move {@code afterMs} after the session's first trade (surge window 10 s). */
    private String surgeAfter(final long afterMs)
    {
        final TickProcessor processor = new TickProcessor(symbols, SessionCalendar.NEW_YORK,
            MarketConfig.builder().trendEnabled(false).build());
        processor.onEntry(trade("AAPL", 100 * Fixed.ONE, 100, T0), true);
        final FeedRecord move = trade("AAPL", 101 * Fixed.ONE, 100, T0 + afterMs);
        processor.onEntry(move, true);
        for (int i = 0; i < move.eventCount(); i++)
        {
            if (move.event(i).type == EventType.SURGE)
            {
                return move.event(i).toString();
            }
        }
        return "no surge";
    }

    private String validate(final TickValidator validator, final FeedRecord trade)
    {
        validator.onEntry(trade, true);
        switch (trade.outcome())
        {
            case ChannelEntry.OUTCOME_ACCEPTED:
                return "accepted";
            case ChannelEntry.OUTCOME_DUPLICATE:
                return "duplicate";
            case ChannelEntry.OUTCOME_REJECTED:
                return "rejected:" + TickRules.REJECT_REASONS.get(trade.rejectReason());
            default:
                return "outcome " + trade.outcome();
        }
    }

    private static FeedRecord withId(final FeedRecord trade, final String id)
    {
        trade.tradeId = id;
        trade.exchange = 4;
        return trade;
    }

    private static FeedRecord trade(final String symbol, final long price, final long size, final long time)
    {
        final FeedRecord trade = new FeedRecord();
        trade.clear();
        trade.kind = RecordKind.TRADE;
        trade.symbol = symbol;
        trade.price = price;
        trade.size = size;
        trade.time = time;
        return trade;
    }
}
