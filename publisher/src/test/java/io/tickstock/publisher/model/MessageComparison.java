package io.tickstock.publisher.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares what a client receives (event and snapshot messages as the edge encodes them, parsed
 * with numbers exact) with the {@link ReferenceModel}'s messages, field by field, and describes
 * every difference with the feed lines behind both sides. {@link ModelCheck} runs the pipeline in
 * process and {@code ReferenceModelEdgeIT} reads a real edge; both compare here.
 *
 * <p>Thread-safe (stateless).
 */
public final class MessageComparison
{
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    private MessageComparison()
    {
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

    static int lineOf(final ReferenceModel model, final JsonNode event)
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
}
