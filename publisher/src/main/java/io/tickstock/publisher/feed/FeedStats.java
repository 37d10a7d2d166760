package io.tickstock.publisher.feed;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One feed's counters (docs/feeds.md, docs/observability.md): connects, disconnects by cause,
 * authentication failures, status messages, frames, records and bytes, and when the last frame
 * arrived. Written by the feed's source thread and its connection's event loop, read from any
 * thread. A counter is written by one thread only.
 */
public final class FeedStats
{
    private static final FeedDisconnect[] CAUSES = FeedDisconnect.values();

    private volatile FeedState phase = FeedState.CONNECTING;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLongArray disconnects = new AtomicLongArray(CAUSES.length);
    private final AtomicLong statusMessages = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long lastFrameMs;
    private volatile String lastStatus;
    private volatile FeedDisconnect lastDisconnect;
    private volatile boolean keyRefused;

    /** The feed's own phase while its source runs: connecting, authenticating or streaming. */
    public FeedState phase()
    {
        return phase;
    }

    void phase(final FeedState value)
    {
        phase = value;
    }

    /** Connections made (the WebSocket handshake completed). */
    public long connects()
    {
        return connects.get();
    }

    void connected()
    {
        connects.lazySet(connects.get() + 1);
    }

    /** Connections (and attempts) ended by {@code cause}. */
    public long disconnects(final FeedDisconnect cause)
    {
        return disconnects.get(cause.ordinal());
    }

    /** Connections (and attempts) ended, every cause. */
    public long disconnects()
    {
        long sum = 0;
        for (final FeedDisconnect cause : CAUSES)
        {
            sum += disconnects(cause);
        }
        return sum;
    }

    void disconnected(final FeedDisconnect cause)
    {
        disconnects.incrementAndGet(cause.ordinal());
        lastDisconnect = cause;
        if (cause == FeedDisconnect.AUTH_FAILED)
        {
            keyRefused = true;
        }
    }

    /** Why the last connection (or attempt) ended; null before the first ended. */
    public FeedDisconnect lastDisconnect()
    {
        return lastDisconnect;
    }

    /**
     * Whether the feed refused the key and has not accepted one since, whatever ended the attempts
     * in between: a configuration error, which keeps the server from being ready (docs/feeds.md).
     */
    public boolean keyRefused()
    {
        return keyRefused;
    }

    void keyAccepted()
    {
        keyRefused = false;
    }

    /** Keys the feed refused ({@code auth_failed}). */
    public long authFailures()
    {
        return disconnects(FeedDisconnect.AUTH_FAILED);
    }

    /** Status messages received ({@code "ev":"status"}), which are never records. */
    public long statusMessages()
    {
        return statusMessages.get();
    }

    /** The last status message, as {@code status: message} (the key, if a feed ever echoed it, masked); null before the first. */
    public String lastStatus()
    {
        return lastStatus;
    }

    void status(final String text)
    {
        statusMessages.lazySet(statusMessages.get() + 1);
        lastStatus = text;
    }

    /** Data and status frames received (a message with its continuations is one frame). */
    public long frames()
    {
        return frames.get();
    }

    /** Payload bytes of those frames. */
    public long bytes()
    {
        return bytes.get();
    }

    void frame(final int length)
    {
        frames.lazySet(frames.get() + 1);
        bytes.lazySet(bytes.get() + length);
    }

    /** Records read from the frames, routed or rejected (status messages are not records). */
    public long records()
    {
        return records.get();
    }

    void record()
    {
        records.lazySet(records.get() + 1);
    }

    /** When the last frame arrived, epoch milliseconds; 0 before the first. */
    public long lastFrameMs()
    {
        return lastFrameMs;
    }

    void frameArrived(final long epochMs)
    {
        lastFrameMs = epochMs;
    }
}
