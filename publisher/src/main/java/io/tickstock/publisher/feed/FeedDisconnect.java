package io.tickstock.publisher.feed;

import java.util.Locale;

/** Why a feed's connection (or an attempt at one) ended: the {@code cause} label of its disconnects (docs/feeds.md). */
public enum FeedDisconnect
{
    /** The key could not be read ({@code feed.keyEnv} not set, {@code feed.keyFile} unreadable). */
    KEY_MISSING,
    /** The TCP connect or the WebSocket handshake failed or timed out. */
    CONNECT_FAILED,
    /** The feed answered the key with {@code auth_failed}. */
    AUTH_FAILED,
    /** The feed refused the connection with {@code max_connections}: another connection uses the key. */
    MAX_CONNECTIONS,
    /** The feed closed the connection (a close frame, or the TCP connection ended). */
    CLOSED,
    /** An I/O or protocol error on the connection. */
    ERROR,
    /** No frame for {@code feed.idleTimeoutMs}. */
    IDLE;

    /** The label: {@code key_missing}, {@code connect_failed}, {@code auth_failed}, ... */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
