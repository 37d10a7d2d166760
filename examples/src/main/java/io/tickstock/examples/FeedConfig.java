package io.tickstock.examples;

import io.tickstock.core.config.ConfigKey;
import io.tickstock.publisher.feed.FeedKey;
import io.tickstock.publisher.feed.FeedKeys;
import io.tickstock.publisher.feed.FeedSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live feeds' keys of the example server's configuration (docs/configuration.md, docs/feeds.md):
 * the main feed under {@code feed.} ({@code --feed URL}), and named feeds under {@code feed.NAME.},
 * each of whose keys defaults to the main feed's. A feed exists when its {@code url} is set.
 */
final class FeedConfig
{
    /** Every key of one feed, as it follows {@code feed.} or {@code feed.NAME.}, with its default. */
    private static final Map<String, String> KEYS = keys();
    private static final Pattern NAMED = Pattern.compile("feed\\.([A-Za-z0-9_-]{1,32})\\.(.+)");

    private FeedConfig()
    {
    }

    private static Map<String, String> keys()
    {
        final Map<String, String> keys = new java.util.LinkedHashMap<>();
        FeedKeys.ALL.forEach(key -> keys.put(FeedKeys.suffix(key), key.defaultValue()));
        return keys;
    }

    /** Whether {@code key} is a named feed's, {@code feed.NAME.KEY} with a key a feed has. */
    static boolean isNamedKey(final String key)
    {
        final Matcher named = NAMED.matcher(key);
        return named.matches() && !named.group(1).equals("backoff") && KEYS.containsKey(named.group(2));
    }

    /** What to say of an unknown key that looks like a named feed's: the keys a feed has; else null. */
    static String namedKeyHint(final String key)
    {
        final Matcher named = NAMED.matcher(key);
        return named.matches() && !named.group(1).equals("backoff") ?
            "; a feed's keys under feed." + named.group(1) + ".: " + String.join(", ", KEYS.keySet()) : null;
    }

    /**
     * The feeds configured: the main feed (named {@code source.name}, else {@code feed}) when
     * {@code feed.url} is set, then the named feeds by name.
     *
     * @throws IllegalArgumentException naming the key, the bad value and the allowed values.
     */
    static List<FeedSettings> feeds(final Map<String, String> values)
    {
        final List<FeedSettings> feeds = new ArrayList<>();
        if (!values.get("feed.url").isBlank())
        {
            final String name = values.get("source.name");
            feeds.add(feed(values, name.isEmpty() ? "feed" : name, "feed."));
        }
        final TreeSet<String> names = new TreeSet<>();
        values.keySet().forEach(key ->
        {
            if (isNamedKey(key))
            {
                final Matcher named = NAMED.matcher(key);
                named.matches();
                names.add(named.group(1));
            }
        });
        for (final String name : names)
        {
            feeds.add(feed(values, name, "feed." + name + "."));
        }
        final TreeSet<String> seen = new TreeSet<>();
        for (final FeedSettings feed : feeds)
        {
            if (!seen.add(feed.name()))
            {
                throw new IllegalArgumentException("feed." + feed.name() + ".url: a second feed named '" + feed.name() +
                    "' (the main feed takes source.name, else 'feed'); allowed: a name no other feed has");
            }
        }
        return feeds;
    }

    private static FeedSettings feed(final Map<String, String> values, final String name, final String prefix)
    {
        final Lookup at = new Lookup(values, prefix);
        // where the key is, is one setting: a named feed that says where its key is takes nothing of the main feed's
        final boolean ownKey = values.containsKey(prefix + "keyEnv") || values.containsKey(prefix + "keyFile");
        final String keyFile = ownKey ? values.getOrDefault(prefix + "keyFile", "") : at.text("keyFile");
        return FeedSettings.builder(name)
            .configPrefix(prefix)
            .url(at.text("url"))
            .subscribe(at.text("subscribe"))
            .key(keyFile.isBlank() ? envKey(at, ownKey) : FeedKey.fromFile(Path.of(keyFile.strip())))
            .idleTimeoutMs(at.number(FeedKeys.IDLE_TIMEOUT_MS))
            .connectTimeoutMs(at.number(FeedKeys.CONNECT_TIMEOUT_MS))
            .maxFrameBytes((int)at.number(FeedKeys.MAX_FRAME_BYTES))
            .backoffInitialMs(at.number(FeedKeys.BACKOFF_INITIAL_MS))
            .backoffMaxMs(at.number(FeedKeys.BACKOFF_MAX_MS))
            .backoffJitter(at.fraction(FeedKeys.BACKOFF_JITTER))
            .backoffMaxAttempts((int)at.number(FeedKeys.BACKOFF_MAX_ATTEMPTS))
            .build();
    }

    private static FeedKey envKey(final Lookup at, final boolean ownKey)
    {
        try
        {
            return FeedKey.fromEnv(ownKey ? at.values().getOrDefault(at.prefix() + "keyEnv", FeedKeys.KEY_ENV.defaultValue()) : at.text("keyEnv"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ex.getMessage().replaceFirst("^feed\\.keyEnv", at.prefix + "keyEnv"));
        }
    }

    /** A named feed's value, else the main feed's, else the default; parsed with the key named in errors. */
    private record Lookup(Map<String, String> values, String prefix)
    {
        String text(final String key)
        {
            final String own = values.get(prefix + key);
            if (own != null || key.equals("url"))
            {
                // a named feed's URL is its own: it never connects where the main feed does
                return own == null ? "" : own;
            }
            final String main = values.get("feed." + key);
            return main != null ? main : KEYS.get(key);
        }

        /** A whole-number key's value, read as the key's declaration reads it, under this feed's name. */
        long number(final ConfigKey key)
        {
            return FeedKeys.under(prefix, key).parseLong(text(FeedKeys.suffix(key)).strip());
        }

        /** A fraction's value, read as the key's declaration reads it, under this feed's name. */
        double fraction(final ConfigKey key)
        {
            return FeedKeys.under(prefix, key).parseMicros(text(FeedKeys.suffix(key)).strip()) / 1e6;
        }
    }
}
