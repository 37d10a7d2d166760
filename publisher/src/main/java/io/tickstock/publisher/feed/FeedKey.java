package io.tickstock.publisher.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a feed's API key comes from: an environment variable (default {@code TICKSTOCK_FEED_KEY},
 * {@code feed.keyEnv}) or a file ({@code feed.keyFile}), never the command line. The key is read
 * again on each connect, so a rotated file is picked up without a restart. Its value never
 * appears in {@link #toString()}, in an error message, a log line, {@code /debug} or
 * {@code /metrics}: only where it comes from does (docs/feeds.md). Immutable and thread-safe.
 */
public final class FeedKey
{
    /** The environment variable read when none is configured. */
    public static final String DEFAULT_ENV = "TICKSTOCK_FEED_KEY";

    private final String origin;
    private final String configKey;
    private final Function<FeedKey, String> reader;

    private FeedKey(final String origin, final String configKey, final Function<FeedKey, String> reader)
    {
        this.origin = origin;
        this.configKey = configKey;
        this.reader = reader;
    }

    /** The key in the environment variable {@code name}, as the process has it. */
    public static FeedKey fromEnv(final String name)
    {
        return fromEnv(name, System.getenv());
    }

    /** The key in the environment variable {@code name} of {@code environment}: for tests. */
    static FeedKey fromEnv(final String name, final Map<String, String> environment)
    {
        if (name == null || !name.matches("[A-Z_][A-Z0-9_]{0,127}"))
        {
            // not echoed: a value put here by mistake is most likely the key itself
            throw new IllegalArgumentException("feed.keyEnv: the value is not allowed (not shown, in case it is the key itself); " +
                "allowed: the name of an environment variable (upper-case letters, digits and _, not starting with a digit, up to 128)");
        }
        return new FeedKey("environment variable " + name, "feed.keyEnv", key ->
        {
            final String value = environment.get(name);
            if (value == null || value.isBlank())
            {
                throw new IllegalStateException("feed.keyEnv: the environment variable " + name + " is not set or empty; " +
                    "set it to the feed's API key (docs/feeds.md)");
            }
            return value.strip();
        });
    }

    /** The key in a file: its whole content, surrounding blanks and line breaks removed. */
    public static FeedKey fromFile(final Path file)
    {
        return new FeedKey("file " + file, "feed.keyFile", key ->
        {
            final String value;
            try
            {
                value = Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("feed.keyFile: cannot read " + file + " (" + ex.getClass().getSimpleName() + ")");
            }
            if (value.isEmpty())
            {
                throw new IllegalStateException("feed.keyFile: " + file + " is empty; put the feed's API key in it (docs/feeds.md)");
            }
            return value;
        });
    }

    /** A key given in code, by an application that keeps its secrets elsewhere. */
    public static FeedKey of(final String value)
    {
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException("feed key: empty; allowed: the feed's API key");
        }
        final String key = value.strip();
        return new FeedKey("a key given in code", "feed key", any -> key);
    }

    /**
     * Reads the key now.
     *
     * @throws IllegalStateException naming where the key should be ({@link #toString()}), never a value.
     */
    public String read()
    {
        return reader.apply(this);
    }

    /** Whether the key can be read now: for {@code --check}, which must not print it. */
    public String problem()
    {
        try
        {
            read();
            return null;
        }
        catch (final IllegalStateException ex)
        {
            return ex.getMessage();
        }
    }

    /** The configuration key that says where the key is: {@code feed.keyEnv} or {@code feed.keyFile}. */
    String configKey()
    {
        return configKey;
    }

    /** Where the key comes from, for example {@code environment variable TICKSTOCK_FEED_KEY}; never the key. */
    @Override
    public String toString()
    {
        return origin;
    }
}
