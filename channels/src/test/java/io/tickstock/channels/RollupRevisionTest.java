package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.MarketPipeline.OHLCV;
import static io.tickstock.channels.Rollups.feedMessage;
import static io.tickstock.channels.Rollups.flatMinuteBar;
import static io.tickstock.channels.Rollups.flatMinuteEvent;
import static io.tickstock.channels.Rollups.minute;
import static io.tickstock.channels.Rollups.minuteBar;
import static io.tickstock.channels.Rollups.minuteEvent;
import static io.tickstock.channels.Rollups.rollup;
import static io.tickstock.channels.Rollups.rollups;
import static io.tickstock.channels.Rollups.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ohlcv channel's revised rollups (docs/semantics.md §3, "Rollups"): a window already emitted
 * is emitted again, as revised, when a revision or a new bar lands in it. Clock ticks are off
 * ({@link PipelineRun#basicRules()}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RollupRevisionTest
{
    @Test
    void shouldReemitAnEmittedWindowAsRevisedWhenARevisionOrANewBarLandsInIt() throws InterruptedException
    {
        final List<String> feed = List.of(
            minuteBar("AAPL", 0, "10 11 9 10.5", 100, "10"),
            minuteBar("AAPL", 1, "10.5 10.5 10 10.2", 100, "10.3"),
            flatMinuteBar("AAPL", 5, "11", 100),                      // clock minute 6: emits [0, 5)
            minuteBar("AAPL", 1, "10.5 12 10 11.5", 300, "11.5"),     // revision of minute 1
            flatMinuteBar("AAPL", 3, "12", 100),                      // a new bar in the emitted window
            flatMinuteBar("AAPL", 3, "12", 100),                      // its duplicate: nothing
            flatMinuteBar("AAPL", 5, "11.5", 100));                   // revision in a window not emitted yet

        final PipelineRun run = run(rollups(), feed);

        assertEquals(List.of(
            minuteEvent("AAPL", 0, "10 11 9 10.5", 100, "10", "5", "null", false),
            minuteEvent("AAPL", 1, "10.5 10.5 10 10.2", 100, "10.3", "-2.857143", "null", false),
            flatMinuteEvent("AAPL", 5, "11", 100, "null"),
            rollup("AAPL", 5, 0, "10 11 9 10.2", 200, "10.15", "2", false),
            minuteEvent("AAPL", 1, "10.5 12 10 11.5", 300, "11.5", "9.52381", "null", true),
            rollup("AAPL", 5, 0, "10 12 9 11.5", 400, "11.125", "15", true),
            flatMinuteEvent("AAPL", 3, "12", 100, "null"),
            rollup("AAPL", 5, 0, "10 12 9 12", 500, "11.3", "20", true),
            minuteEvent("AAPL", 5, "11.5 11.5 11.5 11.5", 100, "11.5", "0", "null", true)), run.describe(OHLCV));
        final List<MarketEvent> revised = run.events(OHLCV).stream().filter(e -> e.tf.equals("5m") && e.revised).toList();
        assertEquals(List.of(feedMessage(3), feedMessage(4)), revised.stream().map(Rollups::src).toList(),
            "the source context of the window's last bar: the revision, then the new minute-3 bar");
        assertEquals(List.of(minute(5), minute(5)), revised.stream().map(e -> e.ts).toList());
        assertEquals("received=7 accepted=6 duplicates=1 rejected=0", run.outcomes(OHLCV));
    }

    @Test
    void shouldReemitEveryEmittedWindowABarLandsInShorterTimeframeFirst() throws InterruptedException
    {
        final List<String> feed = List.of(
            flatMinuteBar("AAPL", 0, "10", 100),
            flatMinuteBar("AAPL", 1, "11", 100),
            flatMinuteBar("ZZZ", 16, "5", 1),     // clock minute 17: AAPL's 5m [0, 5) and 15m [0, 15)
            flatMinuteBar("AAPL", 2, "9", 100));  // lands in both

        final PipelineRun run = run(rollups(), feed);

        assertEquals(List.of(
            flatMinuteEvent("AAPL", 0, "10", 100, "null"),
            flatMinuteEvent("AAPL", 1, "11", 100, "null"),
            flatMinuteEvent("ZZZ", 16, "5", 1, "null"),
            rollup("AAPL", 5, 0, "10 11 10 11", 200, "10.5", "10", false),
            rollup("AAPL", 15, 0, "10 11 10 11", 200, "10.5", "10", false),
            flatMinuteEvent("AAPL", 2, "9", 100, "null"),
            rollup("AAPL", 5, 0, "10 11 9 9", 300, "10", "-10", true),
            rollup("AAPL", 15, 0, "10 11 9 9", 300, "10", "-10", true)), run.describe(OHLCV));
    }
}
