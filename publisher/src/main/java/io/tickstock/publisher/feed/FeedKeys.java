package io.tickstock.publisher.feed;

import io.tickstock.core.config.ConfigKey;
import io.tickstock.core.source.SourceRestartPolicy;

import java.util.List;

/**
 * A live feed's configuration keys, each declared once under {@code feed.} (the main feed's
 * names); a named feed has the same keys under {@code feed.NAME.} (docs/feeds.md).
 * {@link FeedSettings.Builder}'s defaults and checks, the example server's parsing and
 * docs/configuration.md's rows come from these. Immutable.
 */
public final class FeedKeys
{
    /** The main feed's prefix; every key's name starts with it. */
    public static final String PREFIX = "feed.";

    public static final ConfigKey URL = ConfigKey.text("feed.url", "",
        "`ws://HOST[:PORT]/PATH` or `wss://…`, without user information or query; empty = no main feed",
        "a live feed (feeds.md) to read instead of the simulator; cannot be set with `replay.file`. The main feed is named `source.name`, else `feed`");
    public static final ConfigKey SUBSCRIBE = ConfigKey.text("feed.subscribe", FeedSettings.DEFAULT_SUBSCRIBE,
        "a comma-separated list of `CHANNEL.SYMBOL`, no spaces",
        "sent as the `subscribe` action's `params` after the key is accepted");
    public static final ConfigKey KEY_ENV = ConfigKey.text("feed.keyEnv", FeedKey.DEFAULT_ENV,
        "an environment variable name: upper-case letters, digits and `_` (anything else is refused without being shown, in case it is the key itself)",
        "where the feed's API key is read, on each connect; never from the command line, never shown");
    public static final ConfigKey KEY_FILE = ConfigKey.text("feed.keyFile", "",
        "a readable file",
        "read the key from this file instead (its content, blanks trimmed), on each connect");
    public static final ConfigKey IDLE_TIMEOUT_MS = ConfigKey.integer("feed.idleTimeoutMs", 30_000, 1000, 3_600_000,
        "1000..3600000",
        "a connection without any frame, and without an answer to the pings sent every third of this, for this long is closed and made again");
    public static final ConfigKey CONNECT_TIMEOUT_MS = ConfigKey.integer("feed.connectTimeoutMs", 10_000, 100, 600_000,
        "100..600000",
        "how long the TCP connect and the WebSocket handshake may take");
    public static final ConfigKey MAX_FRAME_BYTES = ConfigKey.integer("feed.maxFrameBytes", 16_777_216, 1024, 1_073_741_824,
        "1024..1073741824",
        "the largest message (frame and continuations) accepted from the feed");
    public static final ConfigKey BACKOFF_INITIAL_MS = ConfigKey.integer("feed.backoff.initialMs", 1000, 1, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS,
        "1..3600000",
        "the wait before the first reconnect in a row; it doubles with each further failure in a row (a connection that delivered records starts the count again)");
    public static final ConfigKey BACKOFF_MAX_MS = ConfigKey.integer("feed.backoff.maxMs", 60_000, 1, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS,
        "`feed.backoff.initialMs`..3600000",
        "the wait doubles up to this");
    public static final ConfigKey BACKOFF_JITTER = ConfigKey.decimal("feed.backoff.jitter", "0.2", 0, 1_000_000, "a fraction",
        "0..1, at most 6 decimals",
        "the random share of each wait, as `source.restart.jitter`");
    public static final ConfigKey BACKOFF_MAX_ATTEMPTS = ConfigKey.integer("feed.backoff.maxAttempts", 0, 0, SourceRestartPolicy.MAX_ATTEMPTS_LIMIT,
        "0..1000000 (0 = never give up)",
        "reconnects in a row (no record read in between) before the feed is given up: the feed is given up when the connect after the N-th reconnect fails too");

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(
        URL, SUBSCRIBE, KEY_ENV, KEY_FILE,
        IDLE_TIMEOUT_MS, CONNECT_TIMEOUT_MS, MAX_FRAME_BYTES, BACKOFF_INITIAL_MS,
        BACKOFF_MAX_MS, BACKOFF_JITTER, BACKOFF_MAX_ATTEMPTS);

    private FeedKeys()
    {
    }

    /** The key's name after {@value #PREFIX}: {@code url}, {@code backoff.maxMs}, ... */
    public static String suffix(final ConfigKey key)
    {
        return key.name().substring(PREFIX.length());
    }

    /** The key as a feed whose keys start with {@code prefix} ({@code feed.} or {@code feed.NAME.}) names it. */
    public static ConfigKey under(final String prefix, final ConfigKey key)
    {
        return prefix.equals(PREFIX) ? key : key.renamed(prefix + suffix(key));
    }
}
