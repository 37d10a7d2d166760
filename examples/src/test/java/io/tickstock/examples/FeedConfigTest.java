package io.tickstock.examples;

import io.tickstock.publisher.feed.FeedSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code feed.*} keys (docs/configuration.md, docs/feeds.md): the main feed, named feeds, and the errors. */
class FeedConfigTest
{
    @Test
    void shouldRunNoFeedByDefault()
    {
        assertEquals(List.of(), ServerConfig.defaultConfig().feeds());
    }

    @Test
    void shouldGiveNamedFeedsTheMainFeedsKeysButNotItsUrl()
    {
        final List<FeedSettings> feeds = ServerConfig.of(Map.of(
            "feed.url", "wss://socket.massive.com/stocks",
            "feed.idleTimeoutMs", "5000",
            "feed.backoff.maxAttempts", "3",
            "feed.backup.url", "ws://127.0.0.1:9000/stocks",
            "feed.backup.subscribe", "T.AAPL",
            "feed.backup.keyEnv", "BACKUP_KEY")).feeds();

        assertEquals(2, feeds.size());
        final FeedSettings main = feeds.get(0);
        assertEquals("feed", main.name());
        assertEquals("wss://socket.massive.com/stocks", main.displayUrl());
        assertEquals(FeedSettings.DEFAULT_SUBSCRIBE, main.subscribe());
        assertEquals("environment variable TICKSTOCK_FEED_KEY", main.key().toString());
        assertEquals(5000, main.idleTimeoutMs());
        assertEquals(3, main.backoff().maxAttempts());
        assertEquals("feed.backoff.maxAttempts", main.backoff().maxAttemptsKey());
        final FeedSettings backup = feeds.get(1);
        assertEquals("backup", backup.name());
        assertEquals("feed.backup.", backup.prefix());
        assertEquals("ws://127.0.0.1:9000/stocks", backup.displayUrl());
        assertEquals("T.AAPL", backup.subscribe());
        assertEquals("environment variable BACKUP_KEY", backup.key().toString());
        assertEquals(5000, backup.idleTimeoutMs());
        assertEquals(3, backup.backoff().maxAttempts());
        assertEquals("feed.backup.backoff.maxAttempts", backup.backoff().maxAttemptsKey());
    }

    @Test
    void shouldTakeNothingOfTheMainFeedsKeyWhenANamedFeedSaysWhereItsKeyIs()
    {
        final List<FeedSettings> feeds = ServerConfig.of(Map.of(
            "feed.url", "ws://h/s",
            "feed.keyFile", "/run/secrets/primary",
            "feed.backup.url", "ws://h/t",
            "feed.backup.keyEnv", "BACKUP_KEY",
            "feed.other.url", "ws://h/u")).feeds();

        assertEquals("file /run/secrets/primary", feeds.get(0).key().toString());
        assertEquals("environment variable BACKUP_KEY", feeds.get(1).key().toString());
        assertEquals("file /run/secrets/primary", feeds.get(2).key().toString(), "a feed that says nothing takes the main feed's");
    }

    @Test
    void shouldNameTheMainFeedAfterTheSourceName()
    {
        final List<FeedSettings> feeds = ServerConfig.of(Map.of("feed.url", "ws://h/s", "source.name", "polygon")).feeds();

        assertEquals("polygon", feeds.get(0).name());
    }

    @Test
    void shouldNameTheKeyAndTheAllowedValuesInEachError()
    {
        assertEquals("feed.url: 'ftp://h/s' is not allowed; allowed: ws://HOST[:PORT]/PATH or wss://HOST[:PORT]/PATH, " +
            "for example wss://socket.polygon.io/stocks", error(Map.of("feed.url", "ftp://h/s")));
        assertEquals("feed.backup.url: not set; allowed: ws://HOST[:PORT]/PATH or wss://HOST[:PORT]/PATH, " +
            "for example wss://socket.polygon.io/stocks", error(Map.of("feed.url", "ws://h/s", "feed.backup.subscribe", "T.*")));
        assertEquals("feed.backup.idleTimeoutMs: 10 is out of range; allowed: 1000..3600000",
            error(Map.of("feed.backup.url", "ws://h/s", "feed.backup.idleTimeoutMs", "10")));
        assertEquals("feed.backoff.jitter: '2' is not allowed; allowed: a fraction from 0 to 1 with at most 6 decimals",
            error(Map.of("feed.url", "ws://h/s", "feed.backoff.jitter", "2")));
        assertEquals("feed.backup.backoff.jitter: '-1' is not allowed; allowed: a fraction from 0 to 1 with at most 6 decimals",
            error(Map.of("feed.backup.url", "ws://h/s", "feed.backup.backoff.jitter", "-1")));
        assertEquals("feed.keyEnv: the value is not allowed (not shown, in case it is the key itself); allowed: the name of an " +
            "environment variable (upper-case letters, digits and _, not starting with a digit, up to 128)",
            error(Map.of("feed.url", "ws://h/s", "feed.keyEnv", "aK3yPastedHere")));
        assertEquals("unknown configuration key 'feed.backup.uri'; a feed's keys under feed.backup.: url, subscribe, keyEnv, keyFile, " +
            "idleTimeoutMs, connectTimeoutMs, maxFrameBytes, backoff.initialMs, backoff.maxMs, backoff.jitter, backoff.maxAttempts", error(Map.of("feed.backup.uri", "ws://h/s")));
        assertEquals("feed.feed.url: a second feed named 'feed' (the main feed takes source.name, else 'feed'); " +
            "allowed: a name no other feed has", error(Map.of("feed.url", "ws://h/s", "feed.feed.url", "ws://h/t")));
        assertEquals("replay.file and feed.url (--replay and --feed): both set; allowed: one source, a replay file or live feeds",
            error(Map.of("feed.url", "ws://h/s", "replay.file", "day.ndjson")));
    }

    private static String error(final Map<String, String> values)
    {
        return assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(values)).getMessage();
    }
}
