package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Expected.tradeEvent;
import static io.tickstock.channels.Expected.high;
import static io.tickstock.channels.Expected.low;
import static io.tickstock.channels.Feed.DAY;
import static io.tickstock.channels.Feed.NY_MIDNIGHT;
import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tick channel's sessions and its {@code trade}, {@code high} and {@code low} events
 * (docs/semantics.md §2, "Sessions, high, low, trade"), through the real pipeline: the session
 * state per symbol, the events' priorities, and where a New York session starts and ends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TickSessionTest
{
    @Test
    void shouldEmitOnlyTradeForTheFirstTradeOfASession() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(trade("AAPL", "187.42", 100, T0));

        assertEquals(List.of(tradeEvent("AAPL", T0, "187.42", 100)), run.describe(TICK));
        assertEquals("received=1 accepted=1 duplicates=0 rejected=0", run.outcomes(TICK));
    }

    @Test
    void shouldEmitHighWhenPriceExceedsSessionHighAndLowWhenBelowSessionLowWithPrevAndCount() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 100, T0),
            trade("AAPL", "11", 100, T0 + 1),
            trade("AAPL", "10.5", 100, T0 + 2),
            trade("AAPL", "9", 100, T0 + 3),
            trade("AAPL", "12", 100, T0 + 4),
            trade("AAPL", "12", 100, T0 + 5),
            trade("AAPL", "8.5", 100, T0 + 6),
            trade("AAPL", "8.5", 100, T0 + 7),
            trade("AAPL", "12.000001", 100, T0 + 8));

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0 + 1, "11", 100),
            high("AAPL", T0 + 1, "11", "10", 1),
            tradeEvent("AAPL", T0 + 2, "10.5", 100),
            tradeEvent("AAPL", T0 + 3, "9", 100),
            low("AAPL", T0 + 3, "9", "10", 1),
            tradeEvent("AAPL", T0 + 4, "12", 100),
            high("AAPL", T0 + 4, "12", "11", 2),
            tradeEvent("AAPL", T0 + 5, "12", 100),
            tradeEvent("AAPL", T0 + 6, "8.5", 100),
            low("AAPL", T0 + 6, "8.5", "9", 2),
            tradeEvent("AAPL", T0 + 7, "8.5", 100),
            tradeEvent("AAPL", T0 + 8, "12.000001", 100),
            high("AAPL", T0 + 8, "12.000001", "12", 3)), run.describe(TICK));
        assertEquals(3, run.counters(TICK).events("high"));
        assertEquals(2, run.counters(TICK).events("low"));
        assertEquals(9, run.counters(TICK).events("trade"));
    }

    @Test
    void shouldKeepSessionStatePerSymbol() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, T0),
            trade("MSFT", "20", 1, T0 + 1),
            trade("AAPL", "11", 1, T0 + 2),
            trade("MSFT", "19", 1, T0 + 3),
            trade("AAPL", "10.5", 1, T0 + 4));

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 1),
            tradeEvent("MSFT", T0 + 1, "20", 1),
            tradeEvent("AAPL", T0 + 2, "11", 1),
            high("AAPL", T0 + 2, "11", "10", 1),
            tradeEvent("MSFT", T0 + 3, "19", 1),
            low("MSFT", T0 + 3, "19", "20", 1),
            tradeEvent("AAPL", T0 + 4, "10.5", 1)), run.describe(TICK));
    }

    @Test
    void shouldGiveHighAndLowPriority1AndTradePriority3() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, T0),
            trade("AAPL", "11", 1, T0 + 1),
            trade("AAPL", "9", 1, T0 + 2));

        assertEquals(List.of("trade=3", "trade=3", "high=1", "trade=3", "low=1"),
            run.events(TICK).stream().map(event -> event.type.wireName() + "=" + event.priority).toList());
    }

    @Test
    void shouldCarrySessionStateAfterTheTradeOnTheTradeEvent() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 100, T0 + 10),
            trade("AAPL", "12", 50, T0 + 20),
            trade("AAPL", "9", 25, T0 + 5));

        final List<MarketEvent> trades = run.events(TICK).stream().filter(event -> event.type == EventType.TRADE).toList();
        assertEquals(3, trades.size());
        final MarketEvent last = trades.get(2);
        assertEquals(12_000_000L, last.sessionHigh);
        assertEquals(9_000_000L, last.sessionLow);
        assertEquals(175, last.sessionVolume);
        assertEquals(12_000_000L, last.lastPrice, "the last price is that of the trade with the latest t");
    }

    @Test
    void shouldStartANewSessionWhenATradeOfALaterNewYorkDateArrives() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, T0),
            trade("AAPL", "11", 1, T0 + 1),
            trade("AAPL", "9", 1, T0 + 2),
            trade("AAPL", "20", 1, T0 + DAY),
            trade("AAPL", "21", 1, T0 + DAY + 1),
            trade("AAPL", "19", 1, T0 + DAY + 2));

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 1),
            tradeEvent("AAPL", T0 + 1, "11", 1),
            high("AAPL", T0 + 1, "11", "10", 1),
            tradeEvent("AAPL", T0 + 2, "9", 1),
            low("AAPL", T0 + 2, "9", "10", 1),
            tradeEvent("AAPL", T0 + DAY, "20", 1),
            tradeEvent("AAPL", T0 + DAY + 1, "21", 1),
            high("AAPL", T0 + DAY + 1, "21", "20", 1),
            tradeEvent("AAPL", T0 + DAY + 2, "19", 1),
            low("AAPL", T0 + DAY + 2, "19", "20", 1)), run.describe(TICK));
    }

    @Test
    void shouldEmitTradeOnlyAndChangeNoStateForATradeOfAnEarlierSession() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "20", 10, T0 + DAY),
            trade("AAPL", "21", 10, T0 + DAY + 1),
            trade("AAPL", "30", 10, T0),
            trade("AAPL", "5", 10, T0 + 1),
            trade("AAPL", "22", 10, T0 + DAY + 2),
            trade("AAPL", "19", 10, T0 + DAY + 3));

        assertEquals(List.of(
            tradeEvent("AAPL", T0 + DAY, "20", 10),
            tradeEvent("AAPL", T0 + DAY + 1, "21", 10),
            high("AAPL", T0 + DAY + 1, "21", "20", 1),
            tradeEvent("AAPL", T0, "30", 10),
            tradeEvent("AAPL", T0 + 1, "5", 10),
            tradeEvent("AAPL", T0 + DAY + 2, "22", 10),
            high("AAPL", T0 + DAY + 2, "22", "21", 2),
            tradeEvent("AAPL", T0 + DAY + 3, "19", 10),
            low("AAPL", T0 + DAY + 3, "19", "20", 1)), run.describe(TICK));
        final MarketEvent earlier = run.events(TICK).get(3);
        assertEquals(30_000_000L, earlier.price);
        assertEquals(21_000_000L, earlier.sessionHigh, "the current session's high, unchanged");
        assertEquals(20_000_000L, earlier.sessionLow);
        assertEquals(20, earlier.sessionVolume, "the earlier session's trade adds no volume");
        assertEquals("received=6 accepted=6 duplicates=0 rejected=0", run.outcomes(TICK), "earlier-session trades are accepted");
    }

    @Test
    void shouldStartTheSessionAtNewYorkMidnightNotUtcMidnight() throws InterruptedException
    {
        final long utc2330 = NY_MIDNIGHT - 19_800_000L; // 2023-11-13T23:30Z = 18:30 EST on the 13th
        final long utc0030 = NY_MIDNIGHT - 16_200_000L; // 2023-11-14T00:30Z = 19:30 EST on the 13th
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, utc2330),
            trade("AAPL", "11", 1, utc0030),
            trade("AAPL", "12", 1, NY_MIDNIGHT - 1),
            trade("AAPL", "13", 1, NY_MIDNIGHT),
            trade("AAPL", "14", 1, NY_MIDNIGHT + 1));

        assertEquals(List.of(
            tradeEvent("AAPL", utc2330, "10", 1),
            tradeEvent("AAPL", utc0030, "11", 1),
            high("AAPL", utc0030, "11", "10", 1),
            tradeEvent("AAPL", NY_MIDNIGHT - 1, "12", 1),
            high("AAPL", NY_MIDNIGHT - 1, "12", "11", 2),
            tradeEvent("AAPL", NY_MIDNIGHT, "13", 1),
            tradeEvent("AAPL", NY_MIDNIGHT + 1, "14", 1),
            high("AAPL", NY_MIDNIGHT + 1, "14", "13", 1)), run.describe(TICK));
    }

    @Test
    void shouldStartTheSessionAtNewYorkMidnightUnderDaylightSavingTime() throws InterruptedException
    {
        final long edtMidnight = 1_689_307_200_000L; // 2023-07-14T04:00Z = midnight EDT
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, edtMidnight - 1),
            trade("AAPL", "20", 1, edtMidnight),
            trade("AAPL", "21", 1, edtMidnight + 3_600_000L)); // 05:00Z is no boundary in summer

        assertEquals(List.of(
            tradeEvent("AAPL", edtMidnight - 1, "10", 1),
            tradeEvent("AAPL", edtMidnight, "20", 1),
            tradeEvent("AAPL", edtMidnight + 3_600_000L, "21", 1),
            high("AAPL", edtMidnight + 3_600_000L, "21", "20", 1)), run.describe(TICK));
    }
}
