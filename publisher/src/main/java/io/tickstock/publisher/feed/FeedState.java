package io.tickstock.publisher.feed;

import io.tickstock.core.source.SourceState;

import java.util.Locale;

/** Where a live feed stands (docs/feeds.md): in {@code /metrics}, {@code /debug/sources} and the dashboard. */
public enum FeedState
{
    /** Not started yet. */
    WAITING,
    /** Opening the TCP connection and the WebSocket handshake. */
    CONNECTING,
    /** Connected; waiting for the feed's {@code connected}, or for the answer to the key. */
    AUTHENTICATING,
    /** Authenticated and subscribed: frames flow. */
    STREAMING,
    /** The connection ended; the next connect waits out its backoff. */
    BACKING_OFF,
    /** Given up: {@code feed.backoff.maxAttempts} failed connects in a row. */
    FAILED,
    /** Stopped by the server. */
    STOPPED;

    /** The state of a feed whose source's supervisor is in {@code supervised} and whose own phase is {@code phase}. */
    public static FeedState of(final SourceState supervised, final FeedState phase)
    {
        switch (supervised)
        {
            case WAITING:
                return WAITING;
            case BACKING_OFF:
                return BACKING_OFF;
            case FAILED:
                return FAILED;
            case FINISHED:
            case STOPPED:
                return STOPPED;
            default:
                return phase;
        }
    }

    /** The name in JSON and metrics: {@code waiting}, {@code connecting}, ..., {@code backing-off}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
