package io.tickstock.publisher.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.PriorityPolicy;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.source.Source;
import io.tickstock.publisher.internal.fanout.EdgeSnapshots;
import io.tickstock.publisher.internal.wire.EventJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a feed through the real {@link MarketPipeline} (one source thread speaking for both source
 * names, ohlcv clock ticks off) and through {@link ReferenceModel}, and fails with every
 * difference in what a client would receive: each published event is encoded by the edge's own
 * encoder ({@link EventJson}) and compared with the model's message ({@link MessageComparison}:
 * field by field, {@code src.recvUs} included, per (channel, symbol) then in order across symbols
 * per channel; ids are assigned here in-process, so their check bites in
 * {@code ReferenceModelEdgeIT}, where the edge assigns them). Then the snapshot the edge would send
 * for every symbol ({@link EdgeSnapshots}) must equal the model's, and each channel's counts the
 * model's and the identities of docs/semantics.md §7. Every difference names the feed line that
 * caused it and shows both messages; on failure the feed and both event lists are written to
 * {@code target/reference-model/}.
 */
public final class ModelCheck
{
    /** Per-symbol priority boosts the pipeline runs with: SPY's priorities one lower, BRK.B's all 0. */
    public static final Map<String, Integer> BOOSTS = Map.of("SPY", 1, "BRK.B", 3);

    private static final Map<String, List<String>> EVENTS_BY_CHANNEL = Map.of(
        "tick", List.of("trade", "high", "low", "trend", "surge"),
        "ohlcv", List.of("bar"),
        "fmv", List.of("fmv"));

    private ModelCheck()
    {
    }

    /** The model of a feed, every line fed. */
    public static ReferenceModel model(final List<FeedGenerator.Line> feed)
    {
        final ReferenceModel model = new ReferenceModel(FeedGenerator.SOURCE_NAMES, BOOSTS);
        for (int i = 0; i < feed.size(); i++)
        {
            model.feed(feed.get(i).source(), feed.get(i).text(), i);
        }
        return model;
    }

    /**
     * Defaults with {@link #BOOSTS}, but: no processing-time clock ticks (they would make rollups
     * depend on timing), and small rings. Ring sizes change no semantics (a full ring blocks the
     * source), they only cost: the default rings are ~0.5 M pre-allocated entries per pipeline.
     */
    public static MarketConfig config()
    {
        return MarketConfig.builder()
            .ohlcvClockTickMs(0)
            .tickRingSize(1024)
            .ohlcvRingSize(1024)
            .fmvRingSize(1024)
            .publishRingSize(4096)
            .priorities(PriorityPolicy.of(Map.of(), BOOSTS))
            .build();
    }

    /** The source the pipeline reads the feed through. */
    public static Source<FeedRecord> source(final List<FeedGenerator.Line> feed)
    {
        return new TwoNameSource(FeedGenerator.SOURCE_NAMES, feed);
    }

    /**
     * @param title what the failure message starts with (e.g. the seed).
     * @param fileStem the name of the files written on failure.
     * @return the model the pipeline matched.
     */
    static ReferenceModel assertPipelineMatchesModel(final String title, final String fileStem, final List<FeedGenerator.Line> feed)
        throws InterruptedException, IOException
    {
        final ReferenceModel model = model(feed);
        final MarketPipeline pipeline = MarketPipeline.create(config(), List.of(source(feed)));
        final List<String> published = Collections.synchronizedList(new ArrayList<>());
        final EdgeSnapshots snapshots = new EdgeSnapshots();
        final long[] ids = {0};
        pipeline.addConsumer("reference-model-test", (event, sequence, endOfBatch) ->
        {
            final ByteBuf out = Unpooled.buffer(256);
            try
            {
                EventJson.write(out, event, ++ids[0]);
                published.add(out.toString(StandardCharsets.UTF_8));
            }
            finally
            {
                out.release();
            }
            snapshots.apply(event);
        });
        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(20, TimeUnit.SECONDS), title + ": the source finished");
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS), title + ": every ring drained");

        final List<JsonNode> actual = new ArrayList<>();
        for (final String json : List.copyOf(published))
        {
            actual.add(MessageComparison.parse(json));
        }
        final Map<String, JsonNode> actualSnapshots = new TreeMap<>();
        for (final String symbol : snapshots.symbols())
        {
            actualSnapshots.put(symbol, MessageComparison.parse(snapshots.snapshotFrame(symbol)).get(0));
        }
        final List<String> problems = new ArrayList<>();
        MessageComparison.compareEvents(model, feed, actual, problems);
        MessageComparison.compareSnapshots(model, actualSnapshots, problems);
        compareCounts(model, pipeline, actual, problems);
        failOnProblems(title, fileStem, feed, model, actual, problems);
        return model;
    }

    private static void compareCounts(final ReferenceModel model, final MarketPipeline pipeline,
        final List<JsonNode> published, final List<String> problems)
    {
        for (final String channel : ReferenceModel.CHANNELS)
        {
            final ChannelCounters c = pipeline.counters(channel);
            final Accounting m = model.accounting(channel);
            check(problems, channel + " received", m.received(), c.received());
            check(problems, channel + " accepted", m.accepted(), c.accepted());
            check(problems, channel + " duplicates", m.duplicates(), c.duplicates());
            final TreeSet<String> reasons = new TreeSet<>(c.rejectReasons());
            reasons.addAll(m.rejected.keySet());
            long byReason = 0;
            for (final String reason : reasons)
            {
                final long actual = c.rejectReasons().contains(reason) ? c.rejected(reason) : 0;
                check(problems, channel + " rejected " + reason, m.rejected(reason), actual);
                byReason += actual;
            }
            if (c.received() != byReason + c.duplicates() + c.accepted())
            {
                problems.add(channel + ": received " + c.received() + " != rejected by reason " + byReason + " + duplicates " +
                    c.duplicates() + " + accepted " + c.accepted() + " (docs/semantics.md §7)");
            }
            for (final String name : EVENTS_BY_CHANNEL.get(channel))
            {
                check(problems, channel + " events " + name, m.events(name), c.events(name));
                final long publishedCount = published.stream().filter(e -> name.equals(e.path("event").asText())).count();
                if (publishedCount != c.events(name))
                {
                    problems.add(channel + " events " + name + ": counted " + c.events(name) + ", published " + publishedCount);
                }
            }
        }
        long sourceRejects = 0;
        for (final String reason : ModelDecoder.REJECT_REASONS)
        {
            check(problems, "source rejected " + reason, model.sourceRejects(reason), pipeline.sourceCounters().rejected(reason));
            sourceRejects += pipeline.sourceCounters().rejected(reason);
        }
        long received = 0;
        for (final String channel : ReferenceModel.CHANNELS)
        {
            received += pipeline.counters(channel).received();
        }
        check(problems, "records read = source rejects + received by the channels (each trade once, in tick)",
            model.recordsRead(), sourceRejects + received);
    }

    private static void check(final List<String> problems, final String what, final long expected, final long actual)
    {
        if (expected != actual)
        {
            problems.add(what + ": expected " + expected + ", pipeline " + actual);
        }
    }

    /** Prints and fails with every problem, after writing the feed and both event lists; nothing when none. */
    public static void failOnProblems(final String title, final String fileStem, final List<FeedGenerator.Line> feed,
        final ReferenceModel model, final List<JsonNode> published, final List<String> problems) throws IOException
    {
        if (problems.isEmpty())
        {
            return;
        }
        final Path written = writeFeed(fileStem, feed, model, published);
        final String report = title + " (" + feed.size() + " lines, feed in " + written + "):\n  " +
            String.join("\n  ", problems);
        System.out.println(report);
        fail(report);
    }

    /** Writes the feed, and beside it every expected and every published event with its line, per channel. */
    private static Path writeFeed(final String fileStem, final List<FeedGenerator.Line> feed, final ReferenceModel model,
        final List<JsonNode> published) throws IOException
    {
        final Path dir = Path.of("target", "reference-model");
        Files.createDirectories(dir);
        final Path file = dir.resolve(fileStem + ".ndjson");
        Files.write(file, feed.stream().map(l -> l.source() + "\t" + l.text()).toList(), StandardCharsets.UTF_8);
        final List<String> expected = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        for (final String channel : ReferenceModel.CHANNELS)
        {
            model.events().stream().filter(e -> e.channel().equals(channel))
                .forEach(e -> expected.add(e.line() + "\t" + MessageComparison.print(e.message())));
            published.stream().filter(e -> channel.equals(e.path("channel").asText()))
                .forEach(e -> actual.add(MessageComparison.lineOf(model, e) + "\t" + MessageComparison.print(e)));
        }
        Files.write(dir.resolve(fileStem + ".expected"), expected, StandardCharsets.UTF_8);
        Files.write(dir.resolve(fileStem + ".published"), actual, StandardCharsets.UTF_8);
        return file.toAbsolutePath();
    }
}
