package io.tickstock.channels;

import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.core.ring.ThreadLayout;
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
import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tick channel in the pipeline around it (docs/semantics.md §1 and §2): the source context on
 * its events, source rejects counted before it, both thread layouts, and a replayed file. Its rules
 * have their own tests: {@link TickValidationTest}, {@link TickDuplicateTest}, {@link
 * TickSessionTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TickChannelTest
{
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
