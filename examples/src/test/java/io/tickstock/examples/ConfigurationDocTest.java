package io.tickstock.examples;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/configuration.md cannot drift from the configuration model: every key the server knows has
 * a row in its table with the real default (an empty default shows as "(empty" ...), and every key
 * the table lists is one the server knows. The shipped example files load without error.
 */
class ConfigurationDocTest
{
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z0-9.]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void shouldListEveryKeyWithItsDefaultAndNoOtherKey() throws Exception
    {
        final String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        final Map<String, String> rows = new java.util.LinkedHashMap<>();
        final Matcher row = ROW.matcher(doc);
        while (row.find())
        {
            if (row.group(1).contains("."))
            {
                rows.putIfAbsent(row.group(1), row.group(2).trim());
            }
        }
        final List<String> wrong = new ArrayList<>();
        ServerConfig.DEFAULTS.forEach((key, value) ->
        {
            final String cell = rows.get(key);
            final boolean matches = cell != null && (value.isEmpty() ? cell.startsWith("(empty") : cell.equals("`" + value + "`"));
            if (!matches)
            {
                wrong.add(key + " (default '" + value + "', documented " + (cell == null ? "nowhere" : "as " + cell) + ")");
            }
        });
        rows.keySet().stream()
            .filter(key -> !ServerConfig.DEFAULTS.containsKey(key) && !key.startsWith("priority.boost."))
            .filter(key -> key.startsWith("server.") || key.startsWith("edge.") || key.startsWith("simulator.") ||
                key.startsWith("replay.") || key.startsWith("feed.") || key.startsWith("socketio.") || key.startsWith("pipeline.") || key.startsWith("tick.") ||
                key.startsWith("ohlcv.") || key.startsWith("fmv.") || key.startsWith("trend.") || key.startsWith("surge.") ||
                key.startsWith("alert.") || key.startsWith("monitor.") || key.startsWith("source.") ||
                key.startsWith("priority.") || key.startsWith("publish."))
            .forEach(key -> wrong.add(key + " (documented, but the server does not know it)"));
        assertEquals(List.of(), wrong, "docs/configuration.md and ServerConfig.DEFAULTS disagree");
    }

    @Test
    void shouldLoadTheShippedExampleConfigurations()
    {
        for (final String name : List.of("small-machine.properties", "production.properties"))
        {
            final ServerConfig config = ServerConfig.load(Path.of("config", name));
            assertEquals(config.values().size(), ServerConfig.of(Map.of()).values().size() +
                config.values().keySet().stream().filter(key -> key.startsWith("priority.boost.")).count(), name);
        }
    }
}
