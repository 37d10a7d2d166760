package io.tickstock.channels;

import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.core.Source;
import io.tickstock.core.ThreadLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Expected.tradeEvent;
import static io.tickstock.channels.Expected.high;
import static io.tickstock.channels.Expected.low;
import static io.tickstock.channels.Feed.DAY;
import static io.tickstock.channels.Feed.NY_MIDNIGHT;
import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.FMV;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tick channel's rules (docs/semantics.md §2), through the real pipeline. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TickChannelTest
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
    void shouldRejectInvalidSymbolsAsBadSymbol() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("aapl", "10", 1, T0),
            trade("", "10", 1, T0),
            trade("1ABC", "10", 1, T0),
            trade("ABCDEFGHIJKLMNOPQ", "10", 1, T0),
            trade("AB CD", "10", 1, T0),
            trade(".A", "10", 1, T0),
            trade("BRK.B", "10", 1, T0),
            trade("ABCDEFGHIJKLMNOP", "10", 1, T0),
            trade("A-1", "10", 1, T0));

        assertEquals("received=9 accepted=3 duplicates=0 rejected=6", run.outcomes(TICK));
        assertEquals("bad_symbol=6", run.rejects(TICK));
        assertEquals(List.of(
            tradeEvent("BRK.B", T0, "10", 1),
            tradeEvent("ABCDEFGHIJKLMNOP", T0, "10", 1),
            tradeEvent("A-1", T0, "10", 1)), run.describe(TICK));
    }

    @Test
    void shouldRejectPriceThatIsNotPositiveOrNotFiniteAfterFixedPointRounding() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "0", 1, T0),
            trade("AAPL", "-1.5", 1, T0 + 1),
            trade("AAPL", "1e400", 1, T0 + 2),
            trade("AAPL", "99999999999999999999", 1, T0 + 3),
            trade("AAPL", "9223372036855", 1, T0 + 4),
            trade("AAPL", "0.0000004", 1, T0 + 5),
            trade("AAPL", "0.0000005", 1, T0 + 6),
            trade("AAPL", "1.5e2", 1, T0 + 7));

        assertEquals("received=8 accepted=2 duplicates=0 rejected=6", run.outcomes(TICK));
        assertEquals("bad_price=6", run.rejects(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0 + 6, "0.000001", 1),
            tradeEvent("AAPL", T0 + 7, "150", 1),
            high("AAPL", T0 + 7, "150", "0.000001", 1)), run.describe(TICK));
    }

    @Test
    void shouldRejectNegativeSizeAsBadSizeAndAcceptZeroSize() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", -1, T0),
            trade("AAPL", "10", 0, T0 + 1));

        assertEquals("received=2 accepted=1 duplicates=0 rejected=1", run.outcomes(TICK));
        assertEquals("bad_size=1", run.rejects(TICK));
        assertEquals(List.of(tradeEvent("AAPL", T0 + 1, "10", 0)), run.describe(TICK));
    }

    @Test
    void shouldRejectTimeThatIsNotPositiveAsBadTime() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, 0),
            trade("AAPL", "10", 1, -5),
            trade("AAPL", "10", 1, 1));

        assertEquals("received=3 accepted=1 duplicates=0 rejected=2", run.outcomes(TICK));
        assertEquals("bad_time=2", run.rejects(TICK));
        assertEquals(List.of(tradeEvent("AAPL", 1, "10", 1)), run.describe(TICK));
    }

    @Test
    void shouldNameTheFirstFailingCheckInTheListedOrder() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("bad", "0", -1, 0),
            trade("AAPL", "0", -1, 0),
            trade("AAPL", "10", -1, 0),
            trade("AAPL", "10", 1, 0));

        assertEquals("received=4 accepted=0 duplicates=0 rejected=4", run.outcomes(TICK));
        assertEquals("bad_symbol=1 bad_price=1 bad_size=1 bad_time=1", run.rejects(TICK));
        assertEquals(List.of(), run.events());
    }

    @Test
    void shouldDropRepeatOfSymbolExchangeAndTradeIdWithinTheWindow() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 100, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10.5", 200, T0 + 30_000, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"i\":\"1\",\"x\":5"),
            trade("AAPL", "10", 100, T0, "\"i\":\"2\",\"x\":4"),
            trade("MSFT", "10", 100, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"i\":\"1\""),
            trade("AAPL", "10", 100, T0 + 1, "\"i\":\"1\",\"x\":null"),
            trade("AAPL", "10", 100, T0 - 60_000, "\"i\":\"1\",\"x\":5"));

        assertEquals("received=8 accepted=5 duplicates=3 rejected=0", run.outcomes(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("MSFT", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100)), run.describe(TICK));
    }

    @Test
    void shouldDropRepeatOfTimePriceSizeAndExchangeWhenTheTradeHasNoId() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 100, T0, "\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"x\":4"),
            trade("AAPL", "10.000000", 100, T0, "\"x\":4,\"i\":null"),
            trade("AAPL", "10", 200, T0, "\"x\":4"),
            trade("AAPL", "10.01", 100, T0, "\"x\":4"),
            trade("AAPL", "10", 100, T0 + 1, "\"x\":4"),
            trade("AAPL", "10", 100, T0, "\"x\":5"),
            trade("AAPL", "10", 100, T0),
            trade("AAPL", "10", 100, T0, "\"x\":null"),
            trade("AAPL", "10", 100, T0, "\"x\":4,\"i\":\"9\""));

        assertEquals("received=10 accepted=7 duplicates=3 rejected=0", run.outcomes(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 200),
            tradeEvent("AAPL", T0, "10.01", 100),
            high("AAPL", T0, "10.01", "10", 1),
            tradeEvent("AAPL", T0 + 1, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100),
            tradeEvent("AAPL", T0, "10", 100)), run.describe(TICK));
    }

    @Test
    void shouldTreatRepeatsAtMostTheWindowApartAsDuplicatesAndFartherOnesAsNewTrades() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 1, T0 + 60_000, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "10", 1, T0 + 60_001, "\"i\":\"1\",\"x\":4"),
            trade("MSFT", "10", 1, T0 + 100_000, "\"i\":\"1\",\"x\":4"),
            trade("MSFT", "10", 1, T0 + 40_000, "\"i\":\"1\",\"x\":4"),
            trade("MSFT", "10", 1, T0 + 39_999, "\"i\":\"1\",\"x\":4"));

        assertEquals("received=6 accepted=4 duplicates=2 rejected=0", run.outcomes(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 1),
            tradeEvent("AAPL", T0 + 60_001, "10", 1),
            tradeEvent("MSFT", T0 + 100_000, "10", 1),
            tradeEvent("MSFT", T0 + 39_999, "10", 1)), run.describe(TICK));
    }

    @Test
    void shouldCountTheSameTradeFromTwoSourcesOnce() throws InterruptedException
    {
        final List<String> feed = List.of(
            trade("AAPL", "10", 100, T0, "\"i\":\"1\",\"x\":4"),
            trade("AAPL", "11", 100, T0 + 1, "\"i\":\"2\",\"x\":4"),
            trade("AAPL", "12", 100, T0 + 2));
        final List<Source<FeedRecord>> sources = List.of(new ListSource("feedA", feed), new ListSource("feedB", feed));

        final PipelineRun run = PipelineRun.run(PipelineRun.basicRules().build(), sources);

        assertEquals("received=6 accepted=3 duplicates=3 rejected=0", run.outcomes(TICK));
        assertEquals(3, run.counters(TICK).events("trade"));
        for (final MarketEvent event : run.events(TICK))
        {
            assertTrue(event.srcName.equals("feedA") || event.srcName.equals("feedB"), event.srcName);
        }
        assertEquals(0, run.counters(FMV).received(), "forwarded trades are not fmv records");
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

    @Test
    void shouldStampEveryEventWithTheSourceContextOfItsRecord() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, T0),
            trade("AAPL", "11", 1, T0 + 1, "\"q\":500"),
            "[" + trade("AAPL", "9", 1, T0 + 2) + "," + trade("AAPL", "12", 1, T0 + 3) + "]");

        assertEquals(List.of(
            "trade feed/1/" + ListSource.recvUs(0),
            "trade feed/500/" + ListSource.recvUs(1),
            "high feed/500/" + ListSource.recvUs(1),
            "trade feed/3/" + ListSource.recvUs(2),
            "low feed/3/" + ListSource.recvUs(2),
            "trade feed/4/" + ListSource.recvUs(2),
            "high feed/4/" + ListSource.recvUs(2)),
            run.events(TICK).stream()
                .map(event -> event.type.wireName() + " " + event.srcName + "/" + event.srcSeq + "/" + event.recvUs)
                .toList());
    }

    @Test
    void shouldCountSourceRejectsOutsideTheChannelAndStillNumberThemInTheStream() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            "not json",
            "{\"ev\":\"Q\",\"sym\":\"AAPL\"}",
            "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":10,\"s\":1}",
            "",
            trade("AAPL", "10", 1, T0));

        assertEquals(2, run.sourceCounters().rejected("malformed"));
        assertEquals(1, run.sourceCounters().rejected("unknown_type"));
        assertEquals(1, run.sourceCounters().routedRecords());
        assertEquals("received=1 accepted=1 duplicates=0 rejected=0", run.outcomes(TICK));
        assertEquals(4, run.events(TICK).get(0).srcSeq, "rejected records take positions; a blank line does not");
    }

    @Test
    void shouldGiveTheSameEventsAndCountsInBothThreadLayouts() throws InterruptedException
    {
        final List<String> feed = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            // a saw-tooth between 100 and 149.99; every 10th trade repeated; every 25th with a bad size
            final String price = Fixed.toString(100 * Fixed.ONE + (i * 37L % 5000) * 10_000L);
            final String id = "\"i\":\"" + i + "\",\"x\":1";
            feed.add(trade("AAPL", price, i % 25 == 0 ? -1 : 100, T0 + i, id));
            if (i % 10 == 0)
            {
                feed.add(trade("AAPL", price, 100, T0 + i, id));
            }
        }
        final List<List<String>> describedByLayout = new ArrayList<>();
        for (final ThreadLayout layout : ThreadLayout.values())
        {
            final MarketConfig config = PipelineRun.basicRules().layout(layout).tickRingSize(64).fmvRingSize(64)
                .publishRingSize(64).build();

            final PipelineRun run = PipelineRun.run(config, List.of(new ListSource("feed", feed)));

            // 20 bad sizes; of the 50 repeats, the 10 whose original had a bad size are new trades
            assertEquals("received=550 accepted=490 duplicates=40 rejected=20", run.outcomes(TICK), layout.configName());
            assertEquals("bad_size=20", run.rejects(TICK), layout.configName());
            assertEquals(490, run.counters(TICK).events("trade"), layout.configName());
            describedByLayout.add(run.describe(TICK));
        }
        assertEquals(describedByLayout.get(0), describedByLayout.get(1));
        assertEquals(List.of(tradeEvent("AAPL", T0, "100", 100)), describedByLayout.get(0).subList(0, 1));
    }

    @Test
    void shouldReplayAFeedFileThroughThePipelineAtFullSpeed(@TempDir final Path dir) throws IOException, InterruptedException
    {
        final Path file = dir.resolve("feed.ndjson");
        Files.writeString(file, String.join("\r\n",
            trade("AAPL", "10", 1, T0),
            "",
            trade("AAPL", "11", 1, T0 + 1),
            "[" + trade("AAPL", "9", 1, T0 + 2) + "]"), StandardCharsets.UTF_8);

        final PipelineRun run = PipelineRun.run(PipelineRun.basicRules().build(), List.of(ReplaySource.builder(file).speed(0).build()));

        assertEquals(List.of(
            tradeEvent("AAPL", T0, "10", 1),
            tradeEvent("AAPL", T0 + 1, "11", 1),
            high("AAPL", T0 + 1, "11", "10", 1),
            tradeEvent("AAPL", T0 + 2, "9", 1),
            low("AAPL", T0 + 2, "9", "10", 1)), run.describe(TICK));
        assertEquals(List.of("replay/1", "replay/2", "replay/2", "replay/3", "replay/3"),
            run.events(TICK).stream().map(event -> event.srcName + "/" + event.srcSeq).toList());
    }
}
