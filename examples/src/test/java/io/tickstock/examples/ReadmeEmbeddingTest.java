package io.tickstock.examples;

import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's embedding snippet cannot drift: {@link #shouldRunTheReadmeSnippet} holds it
 * verbatim between the markers and runs it on a small feed, and
 * {@link #shouldHoldTheSameCodeAsTheReadme} checks that the README's block is that region.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadmeEmbeddingTest
{
    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src", "test", "java", "io", "tickstock", "examples", "ReadmeEmbeddingTest.java");
    private static final String BEGIN = "// README embedding snippet: begin";
    private static final String END = "// README embedding snippet: end";
    private static final String README_MARK = "<!-- ReadmeEmbeddingTest";
    /** 2023-11-14T15:00:00Z, 10:00 in New York. */
    private static final long T0 = 1_699_974_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldRunTheReadmeSnippet() throws Exception
    {
        final Path feed = dir.resolve("feed.ndjson");
        Files.write(feed, List.of(trade("100", T0, "1"), trade("101", T0 + 10, "2"), trade("101", T0 + 10, "2")),
            StandardCharsets.UTF_8);

        // the README's style, not the project's: the lines up to the end marker are its block
        // README embedding snippet: begin
        MarketPipeline pipeline = MarketPipeline.create(
            MarketConfig.defaults(), List.of(ReplaySource.builder(feed).name("file").speed(0).build()));
        pipeline.addConsumer("mine", (event, sequence, endOfBatch) -> {
            // your thread; sees every event in publish order; the event object is reused
            if (event.type == EventType.HIGH) System.out.println(event);
        });
        pipeline.start();
        pipeline.startSources();
        pipeline.awaitSources(1, TimeUnit.HOURS);
        pipeline.stop(10, TimeUnit.SECONDS);   // drains every ring first
        System.out.println(pipeline.counters("tick").accepted());
        // README embedding snippet: end

        assertTrue(pipeline.sourcesFinished());
        assertEquals(3, pipeline.counters("tick").received());
        assertEquals(2, pipeline.counters("tick").accepted());
        assertEquals(1, pipeline.counters("tick").duplicates(), "the third trade repeats the second's id");
    }

    @Test
    void shouldHoldTheSameCodeAsTheReadme() throws Exception
    {
        final List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
        int line = 0;
        while (!readme.get(line).startsWith(README_MARK))
        {
            line++;
        }
        assertEquals("```java", readme.get(line + 1), "the marked README block follows its marker");
        final List<String> block = new ArrayList<>();
        for (line += 2; !readme.get(line).equals("```"); line++)
        {
            block.add(readme.get(line));
        }

        assertEquals(String.join("\n", region()), String.join("\n", block),
            "README.md's embedding block and " + SELF + " between its markers differ: change both together");
    }

    /** The lines between the markers, less the region's indentation. */
    private static List<String> region() throws Exception
    {
        final List<String> lines = Files.readAllLines(SELF, StandardCharsets.UTF_8);
        int begin = 0;
        while (!lines.get(begin).trim().equals(BEGIN))
        {
            begin++;
        }
        final int indent = lines.get(begin).indexOf(BEGIN);
        final List<String> region = new ArrayList<>();
        for (int i = begin + 1; !lines.get(i).trim().equals(END); i++)
        {
            region.add(lines.get(i).isBlank() ? "" : lines.get(i).substring(indent));
        }
        return region;
    }

    private static String trade(final String price, final long t, final String id)
    {
        return "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":" + price + ",\"s\":10,\"t\":" + t + ",\"i\":\"" + id + "\",\"x\":4}";
    }
}
