package io.tickstock.examples;

import io.tickstock.channels.MarketKeys;
import io.tickstock.core.config.ConfigKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/configuration.md cannot drift from the key tables: every key the server knows
 * ({@link ServerConfig#KEYS}, declared once in the library's {@code *Keys} classes) has a row in
 * its table with the declared default (an empty default shows as "(empty" ...), the declared
 * "allowed" text and the declared meaning, word for word; every key the table lists is one the
 * server knows. The shipped example files load without error.
 */
class ConfigurationDocTest
{
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z0-9.]+)` \\| (.*) \\|$", Pattern.MULTILINE);
    private static final List<String> PREFIXES = List.of("server.", "edge.", "simulator.", "replay.", "feed.", "socketio.",
        "pipeline.", "tick.", "ohlcv.", "fmv.", "trend.", "surge.", "alert.", "monitor.", "source.", "priority.", "publish.", "cluster.");

    @Test
    void shouldListEveryKeyAsItsTableDeclaresItAndNoOtherKey() throws Exception
    {
        final Map<String, List<String>> rows = rows();
        final List<String> wrong = new ArrayList<>();
        final List<ConfigKey> keys = new ArrayList<>(ServerConfig.KEYS);
        keys.add(MarketKeys.PRIORITY_BOOST);
        for (final ConfigKey key : keys)
        {
            final List<String> cells = rows.get(key.name());
            if (cells == null)
            {
                wrong.add(key.name() + ": documented nowhere");
                continue;
            }
            final String value = key.defaultValue();
            final boolean defaultMatches = key == MarketKeys.PRIORITY_BOOST ? cells.get(0).equals("(none)") :
                value.isEmpty() ? cells.get(0).startsWith("(empty") : cells.get(0).equals("`" + value + "`");
            if (!defaultMatches)
            {
                wrong.add(key.name() + ": default '" + value + "', documented as " + cells.get(0));
            }
            if (!cells.get(1).equals(key.allowed()))
            {
                wrong.add(key.name() + ": allowed '" + key.allowed() + "', documented as '" + cells.get(1) + "'");
            }
            if (!cells.get(2).equals(key.meaning()))
            {
                wrong.add(key.name() + ": meaning '" + key.meaning() + "', documented as '" + cells.get(2) + "'");
            }
        }
        rows.keySet().stream()
            .filter(name -> keys.stream().noneMatch(key -> key.name().equals(name)))
            .filter(name -> PREFIXES.stream().anyMatch(name::startsWith))
            .forEach(name -> wrong.add(name + ": documented, but the server does not know it"));
        assertEquals(List.of(), wrong, "docs/configuration.md and the key tables disagree");
    }

    /** The key table's rows by key: default, allowed and meaning cells; the first row of a key wins. */
    private static Map<String, List<String>> rows() throws Exception
    {
        final String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        final Map<String, List<String>> rows = new LinkedHashMap<>();
        final Matcher row = ROW.matcher(doc);
        while (row.find())
        {
            final List<String> cells = List.of(row.group(2).split(" \\| ", -1));
            if (row.group(1).contains(".") && cells.size() == 3)
            {
                rows.putIfAbsent(row.group(1), cells.stream().map(String::trim).toList());
            }
        }
        return rows;
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
