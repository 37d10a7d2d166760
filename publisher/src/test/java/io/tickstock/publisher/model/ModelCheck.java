package io.tickstock.publisher.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.PriorityPolicy;
import io.tickstock.core.ChannelCounters;
import io.tickstock.core.Source;
import io.tickstock.publisher.EdgeSnapshots;
import io.tickstock.publisher.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * encoder ({@link EventJson}), parsed back and compared field by field with the model's message,
 * per (channel, symbol) then in order across symbols per channel, {@code src.recvUs} included (the
 * receive time {@link TwoNameSource} stamps on the record's line); ids must increase (assigned here
 * in-process, so that check bites in {@code ReferenceModelEdgeIT}, where the edge assigns them). Then the snapshot the
 * edge would send for every symbol ({@link EdgeSnapshots}) must equal the model's, and each
 * channel's counts the model's and the identities of docs/semantics.md §7. Every difference names the feed
 * line that caused it and shows both messages; on failure the feed and both event lists are
 * written to {@code target/reference-model/}.
 */
public final class ModelCheck
{
    /** Per-symbol priority boosts the pipeline runs with: SPY's priorities one lower, BRK.B's all 0. */
    public static final Map<String, Integer> BOOSTS = Map.of("SPY", 1, "BRK.B", 3);

    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
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
            actual.add(parse(json));
        }
        final Map<String, JsonNode> actualSnapshots = new TreeMap<>();
        for (final String symbol : snapshots.symbols())
        {
            actualSnapshots.put(symbol, parse(snapshots.snapshotFrame(symbol)).get(0));
        }
        final List<String> problems = new ArrayList<>();
        compareEvents(model, feed, actual, problems);
        compareSnapshots(model, actualSnapshots, problems);
        compareCounts(model, pipeline, actual, problems);
        failOnProblems(title, fileStem, feed, model, actual, problems);
        return model;
    }

    /** Parses what the edge wrote, numbers exactly. */
    public static JsonNode parse(final String json)
    {
        try
        {
            return JSON.readTree(json);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException("the edge wrote invalid JSON: " + json, ex);
        }
    }

    /** A message as one line of JSON, numbers plain. */
    static String print(final JsonNode node)
    {
        try
        {
            return JSON.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Compares the event messages a client received (or would receive), in id order, with the
     * model's: ids strictly increasing, every field equal.
     */
    public static void compareEvents(final ReferenceModel model, final List<FeedGenerator.Line> feed,
        final List<JsonNode> published, final List<String> problems)
    {
        long lastId = 0;
        for (final JsonNode event : published)
        {
            final JsonNode id = event.get("id");
            if (id == null || !id.isIntegralNumber() || id.longValue() <= lastId)
            {
                problems.add("ids not strictly increasing: " + id + " after " + lastId + " in " + print(event));
                break;
            }
            lastId = id.longValue();
        }
        final Map<String, List<ReferenceModel.Expected>> expectedBy = new LinkedHashMap<>();
        final Map<String, List<JsonNode>> actualBy = new LinkedHashMap<>();
        final Map<String, List<ReferenceModel.Expected>> expectedByChannel = new LinkedHashMap<>();
        final Map<String, List<JsonNode>> actualByChannel = new LinkedHashMap<>();
        for (final ReferenceModel.Expected e : model.events())
        {
            expectedBy.computeIfAbsent(e.channel() + "/" + e.symbol(), k -> new ArrayList<>()).add(e);
            expectedByChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>()).add(e);
        }
        for (final JsonNode a : published)
        {
            final String channel = a.path("channel").asText();
            actualBy.computeIfAbsent(channel + "/" + a.path("symbol").asText(), k -> new ArrayList<>()).add(a);
            actualByChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(a);
        }
        final TreeSet<String> keys = new TreeSet<>(expectedBy.keySet());
        keys.addAll(actualBy.keySet());
        boolean perSymbolEqual = true;
        for (final String key : keys)
        {
            perSymbolEqual &= compareList(key, expectedBy.getOrDefault(key, List.of()), actualBy.getOrDefault(key, List.of()),
                model, feed, problems);
        }
        if (perSymbolEqual)
        {
            // Same events per symbol: the order across symbols within a channel (rollups closed by one bar) remains.
            for (final String channel : ReferenceModel.CHANNELS)
            {
                compareList(channel + " (order across symbols)", expectedByChannel.getOrDefault(channel, List.of()),
                    actualByChannel.getOrDefault(channel, List.of()), model, feed, problems);
            }
        }
    }

    private static boolean compareList(final String what, final List<ReferenceModel.Expected> expected,
        final List<JsonNode> actual, final ReferenceModel model, final List<FeedGenerator.Line> feed,
        final List<String> problems)
    {
        final int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++)
        {
            final ReferenceModel.Expected e = expected.get(i);
            final JsonNode a = actual.get(i);
            final List<String> differences = new ArrayList<>();
            diff("", e.message(), a, differences);
            if (!differences.isEmpty())
            {
                problems.add(what + " event #" + i + " differs (" + expected.size() + " expected, " + actual.size() +
                    " published): " + String.join("; ", differences) +
                    "\n    expected " + print(e.message()) + "\n      caused by " + line(feed, e.line()) +
                    "\n    actual   " + print(a) + "\n      its src   " + line(feed, lineOf(model, a)));
                return false;
            }
        }
        if (expected.size() > n)
        {
            problems.add(what + ": " + (expected.size() - n) + " event(s) missing, first:\n    expected " +
                print(expected.get(n).message()) + "\n      caused by " + line(feed, expected.get(n).line()));
            return false;
        }
        if (actual.size() > n)
        {
            final JsonNode extra = actual.get(n);
            problems.add(what + ": " + (actual.size() - n) + " unexpected event(s), first:\n    actual   " +
                print(extra) + "\n      its src   " + line(feed, lineOf(model, extra)));
            return false;
        }
        return true;
    }

    /**
     * Field by field, in order: the same field names in the same order, numbers equal in value (an
     * integer where an integer is expected), everything else equal. An {@link
     * ReferenceModel#UNPREDICTED} value must be a positive integer.
     */
    static void diff(final String path, final JsonNode expected, final JsonNode actual, final List<String> out)
    {
        if (expected == ReferenceModel.UNPREDICTED)
        {
            if (actual == null || !actual.isIntegralNumber() || actual.longValue() <= 0)
            {
                out.add(path + ": expected a positive integer, actual " + actual);
            }
            return;
        }
        if (actual == null)
        {
            out.add(path + ": missing, expected " + expected);
            return;
        }
        if (expected.isObject())
        {
            final List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            final List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            if (!expectedNames.equals(actualNames))
            {
                out.add(path + " fields: expected " + expectedNames + ", actual " + actualNames);
            }
            for (final Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> field = it.next();
                diff(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()),
                    out);
            }
        }
        else if (expected.isNumber())
        {
            if (!actual.isNumber() || expected.decimalValue().compareTo(actual.decimalValue()) != 0 ||
                expected.isIntegralNumber() && !actual.isIntegralNumber())
            {
                out.add(path + ": expected " + print(expected) + ", actual " + print(actual));
            }
        }
        else if (!expected.equals(actual))
        {
            out.add(path + ": expected " + print(expected) + ", actual " + print(actual));
        }
    }

    /** The snapshot the edge sends for every symbol, by symbol, against the model's. */
    public static void compareSnapshots(final ReferenceModel model, final Map<String, JsonNode> actual, final List<String> problems)
    {
        final TreeSet<String> symbols = new TreeSet<>(model.snapshotSymbols());
        symbols.addAll(actual.keySet());
        for (final String symbol : symbols)
        {
            final JsonNode expected = model.snapshot(symbol);
            final JsonNode a = actual.get(symbol);
            if (expected == null || a == null)
            {
                problems.add("snapshot " + symbol + ": expected " + (expected == null ? "none" : print(expected)) +
                    ", actual " + (a == null ? "none" : print(a)));
                continue;
            }
            final List<String> differences = new ArrayList<>();
            diff("", expected, a, differences);
            if (!differences.isEmpty())
            {
                problems.add("snapshot " + symbol + " differs: " + String.join("; ", differences) +
                    "\n    expected " + print(expected) + "\n    actual   " + print(a));
            }
        }
    }

    private static int lineOf(final ReferenceModel model, final JsonNode event)
    {
        final JsonNode src = event.path("src");
        return model.lineOf(src.path("name").asText(), src.path("seq").asLong());
    }

    private static String line(final List<FeedGenerator.Line> feed, final int index)
    {
        if (index < 0)
        {
            return "(no line)";
        }
        final FeedGenerator.Line line = feed.get(index);
        return "line " + index + " [" + FeedGenerator.SOURCE_NAMES.get(line.source()) + "] " + line.text();
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
                .forEach(e -> expected.add(e.line() + "\t" + print(e.message())));
            published.stream().filter(e -> channel.equals(e.path("channel").asText()))
                .forEach(e -> actual.add(lineOf(model, e) + "\t" + print(e)));
        }
        Files.write(dir.resolve(fileStem + ".expected"), expected, StandardCharsets.UTF_8);
        Files.write(dir.resolve(fileStem + ".published"), actual, StandardCharsets.UTF_8);
        return file.toAbsolutePath();
    }
}
