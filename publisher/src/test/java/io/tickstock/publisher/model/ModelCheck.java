package io.tickstock.publisher.model;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.ChannelCounters;
import io.tickstock.core.Source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a feed through the real {@link MarketPipeline} (one source thread speaking for both source
 * names, ohlcv clock ticks off) and through {@link ReferenceModel}, and fails with every difference:
 * per (channel, symbol) the first differing event with the feed line that caused it (for a published
 * event, the line of its source context: for a rollup, its last bar's), then the order
 * across symbols per channel, then each channel's counts and the DESIGN.md §6 identity. On failure
 * the feed and both event lists are written to {@code target/reference-model/}.
 *
 * <p>{@code -Dtickstock.model.ignore=trend,surge,rollup} (any of them) leaves those events, and
 * their counts, out of the comparison.
 */
final class ModelCheck
{
    private static final Set<String> IGNORED = Arrays.stream(System.getProperty("tickstock.model.ignore", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());

    private ModelCheck()
    {
    }

    /**
     * @param title what the failure message starts with (e.g. the seed).
     * @param fileStem the name of the files written on failure.
     */
    static void assertPipelineMatchesModel(final String title, final String fileStem, final List<FeedGenerator.Line> feed)
        throws InterruptedException, IOException
    {
        final ReferenceModel model = new ReferenceModel(FeedGenerator.SOURCE_NAMES);
        for (int i = 0; i < feed.size(); i++)
        {
            model.feed(feed.get(i).source(), feed.get(i).text(), i);
        }

        // Defaults, but: no processing-time clock ticks (they would make rollups depend on timing), and
        // small rings. Ring sizes change no semantics (a full ring blocks the source), they only cost:
        // the default rings are ~0.5 M pre-allocated entries per pipeline, 205 pipelines took over 60 s
        // of mostly GC; small ones also make every seed wrap each ring many times.
        final MarketConfig config = MarketConfig.builder()
            .ohlcvClockTickMs(0)
            .tickRingSize(1024)
            .ohlcvRingSize(1024)
            .fmvRingSize(1024)
            .publishRingSize(4096)
            .build();
        final Source<FeedRecord> source = new TwoNameSource(FeedGenerator.SOURCE_NAMES, feed);
        final MarketPipeline pipeline = MarketPipeline.create(config, List.of(source));
        final List<MarketEvent> published = Collections.synchronizedList(new ArrayList<>());
        pipeline.addConsumer("reference-model-test", (event, sequence, endOfBatch) ->
        {
            final MarketEvent copy = new MarketEvent();
            copy.copyFrom(event);
            published.add(copy);
        });
        pipeline.start();
        pipeline.startSources();
        assertTrue(pipeline.awaitSources(20, TimeUnit.SECONDS), title + ": the source finished");
        assertTrue(pipeline.stop(10, TimeUnit.SECONDS), title + ": every ring drained");

        final List<MarketEvent> events = List.copyOf(published);
        final List<String> problems = new ArrayList<>();
        compareEvents(model, feed, events, problems);
        compareCounts(model, pipeline, events, problems);
        if (!problems.isEmpty())
        {
            final Path written = writeFeed(fileStem, feed, model, events);
            final String report = title + " (" + feed.size() + " lines, feed in " + written + "):\n  " +
                String.join("\n  ", problems);
            System.out.println(report);
            fail(report);
        }
    }

    private static boolean compared(final EventType type, final boolean rollup)
    {
        return !(type == EventType.TREND && IGNORED.contains("trend") ||
            type == EventType.SURGE && IGNORED.contains("surge") ||
            rollup && IGNORED.contains("rollup"));
    }

    private static void compareEvents(final ReferenceModel model, final List<FeedGenerator.Line> feed,
        final List<MarketEvent> published, final List<String> problems)
    {
        final Map<String, List<ReferenceModel.Expected>> expectedBy = new LinkedHashMap<>();
        final Map<String, List<MarketEvent>> actualBy = new LinkedHashMap<>();
        final Map<String, List<ReferenceModel.Expected>> expectedByChannel = new LinkedHashMap<>();
        final Map<String, List<MarketEvent>> actualByChannel = new LinkedHashMap<>();
        for (final ReferenceModel.Expected e : model.events())
        {
            if (compared(e.type(), e.rollup()))
            {
                expectedBy.computeIfAbsent(e.channel() + "/" + e.symbol(), k -> new ArrayList<>()).add(e);
                expectedByChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>()).add(e);
            }
        }
        for (final MarketEvent a : published)
        {
            if (compared(a.type, ReferenceModel.isRollup(a)))
            {
                actualBy.computeIfAbsent(a.channel() + "/" + a.symbol, k -> new ArrayList<>()).add(a);
                actualByChannel.computeIfAbsent(a.channel(), k -> new ArrayList<>()).add(a);
            }
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
        final List<MarketEvent> actual, final ReferenceModel model, final List<FeedGenerator.Line> feed,
        final List<String> problems)
    {
        final int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++)
        {
            final String a = ReferenceModel.describe(actual.get(i));
            if (!expected.get(i).text().equals(a))
            {
                problems.add(what + " event #" + i + " differs (" + expected.size() + " expected, " + actual.size() +
                    " published):\n    expected " + expected.get(i).text() + "\n      caused by " + line(feed, expected.get(i).line()) +
                    "\n    actual   " + a + "\n      its src   " + line(feed, model.lineOf(actual.get(i).srcName, actual.get(i).srcSeq)));
                return false;
            }
        }
        if (expected.size() > n)
        {
            problems.add(what + ": " + (expected.size() - n) + " event(s) missing, first:\n    expected " +
                expected.get(n).text() + "\n      caused by " + line(feed, expected.get(n).line()));
            return false;
        }
        if (actual.size() > n)
        {
            final MarketEvent extra = actual.get(n);
            problems.add(what + ": " + (actual.size() - n) + " unexpected event(s), first:\n    actual   " +
                ReferenceModel.describe(extra) + "\n      its src   " + line(feed, model.lineOf(extra.srcName, extra.srcSeq)));
            return false;
        }
        return true;
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
        final List<MarketEvent> published, final List<String> problems)
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
                    c.duplicates() + " + accepted " + c.accepted() + " (DESIGN.md §6)");
            }
            for (final EventType type : EventType.ofChannel(channel))
            {
                final String name = type.wireName();
                if (!compared(type, false))
                {
                    continue;
                }
                long expected = m.events(name);
                long actual = c.events(name);
                if (type == EventType.BAR && IGNORED.contains("rollup"))
                {
                    expected -= model.events().stream().filter(ReferenceModel.Expected::rollup).count();
                    actual -= published.stream().filter(ReferenceModel::isRollup).count();
                }
                check(problems, channel + " events " + name, expected, actual);
                final Predicate<MarketEvent> ofType = e -> e.type == type && compared(type, ReferenceModel.isRollup(e));
                final long publishedCount = published.stream().filter(ofType).count();
                if (!(type == EventType.BAR && IGNORED.contains("rollup")) && publishedCount != c.events(name))
                {
                    problems.add(channel + " events " + name + ": counted " + c.events(name) + ", published " + publishedCount);
                }
            }
        }
        long sourceRejects = 0;
        for (final String reason : MarketPipeline.SOURCE_REJECT_REASONS)
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

    /** Writes the feed, and beside it every expected and every published event with its line, per channel. */
    private static Path writeFeed(final String fileStem, final List<FeedGenerator.Line> feed, final ReferenceModel model,
        final List<MarketEvent> published) throws IOException
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
                .forEach(e -> expected.add(e.line() + "\t" + e.text()));
            published.stream().filter(e -> e.channel().equals(channel))
                .forEach(e -> actual.add(model.lineOf(e.srcName, e.srcSeq) + "\t" + ReferenceModel.describe(e)));
        }
        Files.write(dir.resolve(fileStem + ".expected"), expected, StandardCharsets.UTF_8);
        Files.write(dir.resolve(fileStem + ".published"), actual, StandardCharsets.UTF_8);
        return file.toAbsolutePath();
    }
}
