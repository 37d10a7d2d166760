package io.tickstock.channels;

import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Feed.bar;
import static io.tickstock.channels.MarketPipeline.OHLCV;
import static io.tickstock.channels.Rollups.barEvent;
import static io.tickstock.channels.Rollups.feedMessage;
import static io.tickstock.channels.Rollups.flatMinuteBar;
import static io.tickstock.channels.Rollups.flatMinuteEvent;
import static io.tickstock.channels.Rollups.minute;
import static io.tickstock.channels.Rollups.minuteBar;
import static io.tickstock.channels.Rollups.minuteEvent;
import static io.tickstock.channels.Rollups.only;
import static io.tickstock.channels.Rollups.rollup;
import static io.tickstock.channels.Rollups.rollups;
import static io.tickstock.channels.Rollups.run;
import static io.tickstock.channels.Rollups.src;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ohlcv channel's rollups (docs/semantics.md §3, "Rollups"): 5m and 15m windows built from 1m
 * bars and emitted by the channel's event clock once it reaches the window's end plus the allowed
 * lateness ({@link RollupRevisionTest} has their re-emission as revised). Clock ticks are off
 * ({@link PipelineRun#basicRules()}) except in the one test that turns them on.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RollupTest
{
    /**
     * Found by the reference model (seed 20): this window's vw is exactly 432.3960675, half a micro
     * between two values; summed in doubles it came out as 432.39606749999996 and was rounded down.
     * Rounded half away from zero (docs/semantics.md §8 f) it is 432.396068.
     */
    @Test
    void shouldRoundTheRollupVwapOfAnExactHalfMicroAwayFromZero() throws InterruptedException
    {
        final List<String> feed = List.of(
            minuteBar("SPY", 0, "434.38 434.4 432.65 433.21", 3_575, "433.555"),
            minuteBar("SPY", 1, "432.14 432.47 430.47 431.24", 877, "432.3636"),
            minuteBar("SPY", 2, "433.26 433.4 433.07 433.09", 980, "433.1917"),
            minuteBar("SPY", 3, "432.46 432.56 430.02 430.92", 4_088, "431.1988"),
            bar("A", "MSFT", "20", "20", "20", "20", 1, minute(5) + 4_000, minute(5) + 5_000, ""));

        final PipelineRun run = run(rollups(), feed);

        assertEquals(rollup("SPY", 5, 0, "434.38 434.4 430.02 430.92", 9_520, "432.396068", "-0.796538", false),
            only(run, "5m", false, 0).toString());
    }

    @Test
    void shouldRollFiveOneMinuteBarsUpOnceTheClockReachesTheWindowEndPlus5s() throws InterruptedException
    {
        final List<String> feed = List.of(
            minuteBar("AAPL", 0, "10 11 9.5 10.5", 1_000, "10.2"),
            minuteBar("AAPL", 1, "10.5 12 10 11", 2_000, "11"),
            minuteBar("AAPL", 2, "11 11.5 10.8 11.2", 500, "11.1"),
            minuteBar("AAPL", 3, "11.2 11.3 8 9", 1_500, "9.5"),
            minuteBar("AAPL", 4, "9 9.5 8.5 9.25", 1_000, "9.1"),
            // 1s bars of another symbol move the clock: to end + 4 s (not yet), then to end + 5 s
            bar("A", "MSFT", "20", "20", "20", "20", 1, minute(5) + 3_000, minute(5) + 4_000, ""),
            bar("A", "MSFT", "20", "20", "20", "20", 1, minute(5) + 4_000, minute(5) + 5_000, ""));

        final PipelineRun run = run(rollups(), feed);

        assertEquals(List.of(
            minuteEvent("AAPL", 0, "10 11 9.5 10.5", 1_000, "10.2", "5", "null", false),
            minuteEvent("AAPL", 1, "10.5 12 10 11", 2_000, "11", "4.761905", "null", false),
            minuteEvent("AAPL", 2, "11 11.5 10.8 11.2", 500, "11.1", "1.818182", "null", false),
            minuteEvent("AAPL", 3, "11.2 11.3 8 9", 1_500, "9.5", "-19.642857", "null", false),
            minuteEvent("AAPL", 4, "9 9.5 8.5 9.25", 1_000, "9.1", "2.777778", "null", false),
            barEvent("MSFT", "1s", minute(5) + 3_000, minute(5) + 4_000, "20 20 20 20", 1, "null", "0", "null", false),
            barEvent("MSFT", "1s", minute(5) + 4_000, minute(5) + 5_000, "20 20 20 20", 1, "null", "0", "null", false),
            // vw = (10.2 x 1000 + 11 x 2000 + 11.1 x 500 + 9.5 x 1500 + 9.1 x 1000) / 6000 = 61100 / 6000
            rollup("AAPL", 5, 0, "10 12 8 9.25", 6_000, "10.183333", "-7.5", false)), run.describe(OHLCV));
        final MarketEvent fiveMinutes = only(run, "5m", false, 0);
        assertEquals(feedMessage(4), src(fiveMinutes), "the source context of the window's last bar");
        assertEquals(minute(5), fiveMinutes.ts);
        assertEquals(3, fiveMinutes.priority);
        assertEquals("received=7 accepted=7 duplicates=0 rejected=0", run.outcomes(OHLCV));
        assertEquals(8, run.counters(OHLCV).events("bar"));
    }

    @Test
    void shouldRollFifteenMinutesAndPartialWindowsOnlyFromOneMinuteBars() throws InterruptedException
    {
        final List<String> feed = new ArrayList<>();
        final List<String> expected = new ArrayList<>();
        int lastAaplBar = -1;
        for (int n = 0; n < 15; n++)
        {
            final String price = Integer.toString(10 + n);
            lastAaplBar = feed.size();
            feed.add(flatMinuteBar("AAPL", n, price, 100));
            expected.add(flatMinuteEvent("AAPL", n, price, 100, n < 10 ? "null" : "1"));
            if (n == 3)
            {
                // a 1s bar does not roll up, however big
                feed.add(bar("A", "AAPL", "100", "100", "100", "100", 1_000_000, minute(3) + 1_000, minute(3) + 2_000, ""));
                expected.add(barEvent("AAPL", "1s", minute(3) + 1_000, minute(3) + 2_000, "100 100 100 100", 1_000_000,
                    "null", "0", "null", false));
            }
            if (n == 5)
            {
                expected.add(rollup("AAPL", 5, 0, "10 14 10 14", 500, "12", "40", false));
            }
            if (n == 10)
            {
                expected.add(rollup("AAPL", 5, 5, "15 19 15 19", 500, "17", "26.666667", false));
            }
        }
        // clock minute 17: closes AAPL's windows ending at minute 15, 5m before 15m
        feed.add(minuteBar("MSFT", 16, "50 50 50 50", 10, null));
        expected.add(minuteEvent("MSFT", 16, "50 50 50 50", 10, "null", "0", "null", false));
        expected.add(rollup("AAPL", 5, 10, "20 24 20 24", 500, "22", "20", false));
        expected.add(rollup("AAPL", 15, 0, "10 24 10 24", 1_500, "17", "140", false));
        // clock minute 22: closes MSFT's partial 5m window of one bar; its 15m window (to minute 30) stays open
        feed.add(flatMinuteBar("ZZZ", 21, "5", 1));
        expected.add(flatMinuteEvent("ZZZ", 21, "5", 1, "null"));
        expected.add(rollup("MSFT", 5, 15, "50 50 50 50", 10, "null", "0", false));

        final PipelineRun run = run(rollups(), feed);

        assertEquals(expected, run.describe(OHLCV));
        assertEquals(feedMessage(lastAaplBar), src(only(run, "15m", false, 0)));
        assertEquals(feedMessage(16), src(only(run, "5m", false, 15)), "MSFT's only bar");
        assertEquals("received=18 accepted=18 duplicates=0 rejected=0", run.outcomes(OHLCV));
    }

    @Test
    void shouldEmitTheWindowsTheClockClosesByEndThenTimeframeThenSymbol() throws InterruptedException
    {
        final List<String> feed = List.of(
            flatMinuteBar("MSFT", 0, "50", 10),
            flatMinuteBar("AAPL", 0, "10", 100),
            flatMinuteBar("AAPL", 7, "11", 100),
            flatMinuteBar("MSFT", 14, "51", 10),
            flatMinuteBar("ZZZ", 100, "5", 1));  // clock minute 101 >= minute 15 + 60 min

        final PipelineRun run = run(rollups().ohlcvAllowedLatenessMs(3_600_000), feed);

        assertEquals(List.of(
            flatMinuteEvent("MSFT", 0, "50", 10, "null"),
            flatMinuteEvent("AAPL", 0, "10", 100, "null"),
            flatMinuteEvent("AAPL", 7, "11", 100, "null"),
            flatMinuteEvent("MSFT", 14, "51", 10, "null"),
            flatMinuteEvent("ZZZ", 100, "5", 1, "null"),
            rollup("AAPL", 5, 0, "10 10 10 10", 100, "10", "0", false),
            rollup("MSFT", 5, 0, "50 50 50 50", 10, "50", "0", false),
            rollup("AAPL", 5, 5, "11 11 11 11", 100, "11", "0", false),
            rollup("MSFT", 5, 10, "51 51 51 51", 10, "51", "0", false),
            rollup("AAPL", 15, 0, "10 11 10 11", 200, "10.5", "10", false),
            rollup("MSFT", 15, 0, "50 51 50 51", 20, "50.5", "2", false)), run.describe(OHLCV));
        // every rollup here is emitted by the ZZZ bar, but carries its own last bar's source context
        assertEquals(List.of(feedMessage(1), feedMessage(0), feedMessage(2), feedMessage(3), feedMessage(2), feedMessage(3)),
            run.events(OHLCV).stream().filter(e -> !e.tf.equals("1m")).map(Rollups::src).toList());
    }

    @Test
    void shouldWaitForTheConfiguredAllowedLateness() throws InterruptedException
    {
        // lateness 0: the window's last minute closes it at once, after the bar's own event
        final PipelineRun none = run(rollups().ohlcvAllowedLatenessMs(0), List.of(flatMinuteBar("AAPL", 4, "10", 100)));
        assertEquals(List.of(
            flatMinuteEvent("AAPL", 4, "10", 100, "null"),
            rollup("AAPL", 5, 0, "10 10 10 10", 100, "10", "0", false)), none.describe(OHLCV));

        // lateness 60 s: minute 5's bar (clock minute 6) closes [0, 5) exactly
        final PipelineRun minute = run(rollups().ohlcvAllowedLatenessMs(60_000),
            List.of(flatMinuteBar("AAPL", 0, "10", 100), flatMinuteBar("AAPL", 5, "11", 100)));
        assertEquals(List.of(
            flatMinuteEvent("AAPL", 0, "10", 100, "null"),
            flatMinuteEvent("AAPL", 5, "11", 100, "null"),
            rollup("AAPL", 5, 0, "10 10 10 10", 100, "10", "0", false)), minute.describe(OHLCV));

        // lateness 60.001 s: not yet
        final PipelineRun more = run(rollups().ohlcvAllowedLatenessMs(60_001),
            List.of(flatMinuteBar("AAPL", 0, "10", 100), flatMinuteBar("AAPL", 5, "11", 100)));
        assertEquals(List.of(
            flatMinuteEvent("AAPL", 0, "10", 100, "null"),
            flatMinuteEvent("AAPL", 5, "11", 100, "null")), more.describe(OHLCV));
    }

    @Test
    void shouldMoveTheClockOnlyWithAcceptedBars() throws InterruptedException
    {
        final List<String> feed = List.of(
            flatMinuteBar("AAPL", 0, "10", 100),
            bar("AM", "MSFT", "10", "10", "10", "10", 1, minute(0), minute(20), ""),  // misaligned, e at minute 20
            flatMinuteBar("aapl", 19, "10", 100),                                     // bad_symbol, e at minute 20
            flatMinuteBar("AAPL", 0, "10", 100),                                      // duplicate
            flatMinuteBar("AAPL", 5, "10", 100));                                     // clock minute 6

        final PipelineRun run = run(rollups(), feed);

        assertEquals(List.of(
            flatMinuteEvent("AAPL", 0, "10", 100, "null"),
            flatMinuteEvent("AAPL", 5, "10", 100, "null"),
            rollup("AAPL", 5, 0, "10 10 10 10", 100, "10", "0", false)), run.describe(OHLCV));
        assertEquals("received=5 accepted=2 duplicates=1 rejected=2", run.outcomes(OHLCV));
        assertEquals("bad_symbol=1 misaligned=1", run.rejects(OHLCV));
    }

    @Test
    void shouldGiveNullVwWhenAnyBarLacksOneOrTheWindowHasNoVolume() throws InterruptedException
    {
        final List<String> feed = List.of(
            flatMinuteBar("AAPL", 0, "10", 100),
            minuteBar("AAPL", 1, "10 10 10 10", 100, null),
            flatMinuteBar("MSFT", 0, "50", 0),
            flatMinuteBar("AAPL", 5, "10", 100));

        final PipelineRun run = run(rollups(), feed);

        assertEquals(List.of(
            flatMinuteEvent("AAPL", 0, "10", 100, "null"),
            minuteEvent("AAPL", 1, "10 10 10 10", 100, "null", "0", "null", false),
            flatMinuteEvent("MSFT", 0, "50", 0, "null"),
            flatMinuteEvent("AAPL", 5, "10", 100, "null"),
            rollup("AAPL", 5, 0, "10 10 10 10", 200, "null", "0", false),
            rollup("MSFT", 5, 0, "50 50 50 50", 0, "null", "0", false)), run.describe(OHLCV));
    }

    /**
     * docs/semantics.md §3, "Rollups": a window is emitted once clock >= end + allowed lateness,
     * and after a bar comes "every window the clock now closes". A bar arriving for a window the
     * clock has already passed (not late: nothing retained yet for MSFT) closes at once.
     */
    @Test
    void shouldEmitAWindowTheClockHasAlreadyPassedRightAfterItsFirstBar() throws InterruptedException
    {
        final PipelineRun run = run(rollups(), List.of(
            flatMinuteBar("AAPL", 7, "10", 100),   // clock minute 8 >= minute 5 + 5 s
            flatMinuteBar("MSFT", 0, "50", 10)));  // MSFT's [0, 5) is closed already

        assertEquals(List.of(
            flatMinuteEvent("AAPL", 7, "10", 100, "null"),
            flatMinuteEvent("MSFT", 0, "50", 10, "null"),
            rollup("MSFT", 5, 0, "50 50 50 50", 10, "50", "0", false)), run.describe(OHLCV));
    }

    /**
     * With clock ticks on, one bar's windows are emitted by processing time alone: the allowed
     * lateness (200 ms past the bar's end, which is both windows' end) passes with no later bar.
     */
    @Test
    void shouldEmitWindowsByProcessingTimeWhenNoFurtherBarArrives() throws InterruptedException
    {
        final CountDownLatch fifteenMinutes = new CountDownLatch(1);
        final AwaitingSource source = new AwaitingSource(flatMinuteBar("AAPL", 14, "10", 100), fifteenMinutes);
        final PipelineRun run = PipelineRun.run(
            rollups().ohlcvClockTickMs(10).ohlcvAllowedLatenessMs(200).build(), List.of(source),
            pipeline -> pipeline.addConsumer("latch", (event, sequence, endOfBatch) ->
            {
                if (event.type == EventType.BAR && "15m".equals(event.tf))
                {
                    fifteenMinutes.countDown();
                }
            }),
            true, 15);

        assertTrue(source.sawRollup, "the 15m rollup arrived within 10 s");
        assertEquals(List.of(
            flatMinuteEvent("AAPL", 14, "10", 100, "null"),
            rollup("AAPL", 5, 10, "10 10 10 10", 100, "10", "0", false),
            rollup("AAPL", 15, 0, "10 10 10 10", 100, "10", "0", false)), run.describe(OHLCV));
        assertEquals(List.of(feedMessage(0), feedMessage(0)),
            run.events(OHLCV).stream().filter(e -> !e.tf.equals("1m")).map(Rollups::src).toList(),
            "emitted on a clock tick, with the source context of the bar");
        assertEquals("received=1 accepted=1 duplicates=0 rejected=0", run.outcomes(OHLCV));
    }

    /** Publishes one message, then waits (at most 10 s) until the latch opens before it ends. */
    private static final class AwaitingSource implements Source<FeedRecord>
    {
        private final String message;
        private final CountDownLatch latch;
        private volatile boolean sawRollup;

        AwaitingSource(final String message, final CountDownLatch latch)
        {
            this.message = message;
            this.latch = latch;
        }

        @Override
        public String name()
        {
            return "feed";
        }

        @Override
        public void run(final RecordSink<FeedRecord> sink) throws InterruptedException
        {
            new FeedDecoder("feed").decode(message, ListSource.recvUs(0), sink);
            sawRollup = latch.await(10, TimeUnit.SECONDS);
        }

        @Override
        public void stop()
        {
        }
    }
}
