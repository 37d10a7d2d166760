package io.tickstock.publisher.feed;

import io.tickstock.core.source.SourceRestartPolicy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One live feed's settings (docs/feeds.md, docs/configuration.md {@code feed.*}): where it is,
 * what to subscribe to, where its key is, when a silent connection counts as lost and how it
 * backs off between connects. Built with {@link #builder(String)}; {@link Builder#build()} throws
 * naming the configuration key (under {@code feed.} for the main feed, {@code feed.NAME.} for a
 * named one), the bad value and the allowed values. Immutable.
 */
public final class FeedSettings
{
    /** What the feed sends unless told otherwise: every trade, minute bar, second bar and fair-market value. */
    public static final String DEFAULT_SUBSCRIBE = "T.*,AM.*,A.*,FMV.*";

    private final String name;
    private final String prefix;
    private final URI url;
    private final String subscribe;
    private final FeedKey key;
    private final long idleTimeoutMs;
    private final long connectTimeoutMs;
    private final int maxFrameBytes;
    private final SourceRestartPolicy backoff;

    private FeedSettings(final Builder b, final URI url, final SourceRestartPolicy backoff)
    {
        this.name = b.name;
        this.prefix = b.prefix;
        this.url = url;
        this.subscribe = b.subscribe;
        this.key = b.key;
        this.idleTimeoutMs = b.idleTimeoutMs;
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.maxFrameBytes = b.maxFrameBytes;
        this.backoff = backoff;
    }

    /**
     * Settings for a feed named {@code name} (its source name on every record it causes), with
     * the defaults of docs/configuration.md and the key in {@value FeedKey#DEFAULT_ENV}.
     */
    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    public String name()
    {
        return name;
    }

    /** The configuration prefix of this feed's keys: {@code feed.} or {@code feed.NAME.}. */
    public String prefix()
    {
        return prefix;
    }

    public URI url()
    {
        return url;
    }

    /**
     * The URL as logs and errors show it: scheme, host, port and path, without any user
     * information or query, where a key might have been put.
     */
    public String displayUrl()
    {
        return display(url);
    }

    /** Whether the connection is TLS ({@code wss://}). */
    public boolean tls()
    {
        return "wss".equalsIgnoreCase(url.getScheme());
    }

    /** The port, the scheme's default when the URL names none. */
    public int port()
    {
        return url.getPort() != -1 ? url.getPort() : tls() ? 443 : 80;
    }

    /** The subscription sent after authentication, for example {@code T.*,AM.*,A.*,FMV.*}. */
    public String subscribe()
    {
        return subscribe;
    }

    public FeedKey key()
    {
        return key;
    }

    /** A connection without any frame for this long is closed and made again. */
    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    /** How long the TCP connect and the WebSocket handshake may take together. */
    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /** The largest message (a frame with its continuations) the feed may send. */
    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }

    /** The backoff between connects ({@code feed.backoff.*}), as the pipeline's source restarts use it. */
    public SourceRestartPolicy backoff()
    {
        return backoff;
    }

    /** Everything but the key, which appears only as where it comes from. */
    @Override
    public String toString()
    {
        return name + " " + displayUrl() + " subscribe " + subscribe + ", key from " + key + ", idle " + idleTimeoutMs + " ms, " + backoff;
    }

    private static String display(final URI url)
    {
        final String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()) + path;
    }

    /** Collects the settings; each key's default and range are {@link FeedKeys}'; {@link #build()} checks them. */
    public static final class Builder
    {
        private final String name;
        private String prefix = FeedKeys.PREFIX;
        private String url;
        private String subscribe = FeedKeys.SUBSCRIBE.defaultValue();
        private FeedKey key;
        private long idleTimeoutMs = FeedKeys.IDLE_TIMEOUT_MS.defaultLong();
        private long connectTimeoutMs = FeedKeys.CONNECT_TIMEOUT_MS.defaultLong();
        private int maxFrameBytes = FeedKeys.MAX_FRAME_BYTES.defaultInt();
        private long backoffInitialMs = FeedKeys.BACKOFF_INITIAL_MS.defaultLong();
        private long backoffMaxMs = FeedKeys.BACKOFF_MAX_MS.defaultLong();
        private double backoffJitter = FeedKeys.BACKOFF_JITTER.defaultLong() / 1e6;
        private int backoffMaxAttempts = FeedKeys.BACKOFF_MAX_ATTEMPTS.defaultInt();

        private Builder(final String name)
        {
            this.name = name;
        }

        /** The prefix the error messages name keys with: {@code feed.} (the default) or {@code feed.NAME.}. */
        public Builder configPrefix(final String value)
        {
            prefix = value;
            return this;
        }

        /** {@code feed.url}: {@code ws://} or {@code wss://}, with a host. Required. */
        public Builder url(final String value)
        {
            url = value;
            return this;
        }

        /** {@code feed.subscribe}: a comma-separated list such as {@code T.*,AM.AAPL}. */
        public Builder subscribe(final String value)
        {
            subscribe = value;
            return this;
        }

        /** Where the key is; default the environment variable {@value FeedKey#DEFAULT_ENV}. */
        public Builder key(final FeedKey value)
        {
            key = value;
            return this;
        }

        /** {@code feed.idleTimeoutMs}. */
        public Builder idleTimeoutMs(final long value)
        {
            idleTimeoutMs = value;
            return this;
        }

        /** {@code feed.connectTimeoutMs}. */
        public Builder connectTimeoutMs(final long value)
        {
            connectTimeoutMs = value;
            return this;
        }

        /** {@code feed.maxFrameBytes}. */
        public Builder maxFrameBytes(final int value)
        {
            maxFrameBytes = value;
            return this;
        }

        /** {@code feed.backoff.initialMs}: the delay before the first reconnect in a row. */
        public Builder backoffInitialMs(final long value)
        {
            backoffInitialMs = value;
            return this;
        }

        /** {@code feed.backoff.maxMs}: the delay doubles up to this, at least {@code initialMs}. */
        public Builder backoffMaxMs(final long value)
        {
            backoffMaxMs = value;
            return this;
        }

        /** {@code feed.backoff.jitter}: the random share of each delay, 0..1. */
        public Builder backoffJitter(final double value)
        {
            backoffJitter = value;
            return this;
        }

        /** {@code feed.backoff.maxAttempts}: reconnects in a row before the feed is given up; 0 is never. */
        public Builder backoffMaxAttempts(final int value)
        {
            backoffMaxAttempts = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed values. */
        public FeedSettings build()
        {
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}"))
            {
                throw new IllegalArgumentException(prefix + "name: '" + name + "' is not allowed; allowed: up to 64 of A-Z a-z 0-9 . _ -");
            }
            final URI parsed = parseUrl(prefix + "url", url);
            if (subscribe == null || !subscribe.matches("[A-Za-z]+\\.[A-Za-z0-9.*:/_-]+(,[A-Za-z]+\\.[A-Za-z0-9.*:/_-]+)*"))
            {
                throw new IllegalArgumentException(prefix + "subscribe: '" + subscribe + "' is not allowed; allowed: a comma-separated " +
                    "list of CHANNEL.SYMBOL without spaces, for example " + DEFAULT_SUBSCRIBE + " or T.AAPL,AM.AAPL");
            }
            if (key == null)
            {
                key = FeedKey.fromEnv(FeedKeys.KEY_ENV.defaultValue());
            }
            FeedKeys.under(prefix, FeedKeys.IDLE_TIMEOUT_MS).check(idleTimeoutMs);
            FeedKeys.under(prefix, FeedKeys.CONNECT_TIMEOUT_MS).check(connectTimeoutMs);
            FeedKeys.under(prefix, FeedKeys.MAX_FRAME_BYTES).check(maxFrameBytes);
            FeedKeys.under(prefix, FeedKeys.BACKOFF_INITIAL_MS).check(backoffInitialMs);
            FeedKeys.under(prefix, FeedKeys.BACKOFF_MAX_MS).check(backoffMaxMs, backoffInitialMs);
            if (!(backoffJitter >= 0 && backoffJitter <= 1))
            {
                throw new IllegalArgumentException(prefix + "backoff.jitter: " + backoffJitter + " is out of range; allowed: 0..1");
            }
            FeedKeys.under(prefix, FeedKeys.BACKOFF_MAX_ATTEMPTS).check(backoffMaxAttempts);
            final SourceRestartPolicy policy = SourceRestartPolicy.builder()
                .initialBackoffMs(backoffInitialMs)
                .maxBackoffMs(backoffMaxMs)
                .jitter(backoffJitter)
                .maxAttempts(backoffMaxAttempts)
                .maxAttemptsKey(prefix + "backoff.maxAttempts")
                .build();
            return new FeedSettings(this, parsed, policy);
        }

        private static URI parseUrl(final String configKey, final String text)
        {
            final String allowed = "; allowed: ws://HOST[:PORT]/PATH or wss://HOST[:PORT]/PATH, for example wss://socket.polygon.io/stocks";
            if (text == null || text.isBlank())
            {
                throw new IllegalArgumentException(configKey + ": not set" + allowed);
            }
            final URI parsed;
            try
            {
                parsed = new URI(text.strip());
            }
            catch (final URISyntaxException ex)
            {
                throw new IllegalArgumentException(configKey + ": not a URL (" + ex.getReason() + ")" + allowed);
            }
            final String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss") || parsed.getHost() == null)
            {
                throw new IllegalArgumentException(configKey + ": '" + (parsed.getHost() == null ? "(no host)" : display(parsed)) +
                    "' is not allowed" + allowed);
            }
            if (parsed.getRawUserInfo() != null || parsed.getRawQuery() != null)
            {
                // a key belongs in feed.keyEnv or feed.keyFile, where it never reaches a log
                throw new IllegalArgumentException(configKey + ": " + display(parsed) + " carries user information or a query; " +
                    "allowed: no credentials in the URL (the key goes in feed.keyEnv or feed.keyFile, docs/feeds.md)");
            }
            return parsed;
        }
    }
}
