package io.tickstock.publisher.feed;

/**
 * A feed connection that ended, with its cause: what the feed source's {@code run} throws, so that
 * the pipeline reconnects after the feed's backoff. Its message names the feed and its URL as
 * {@link FeedSettings#displayUrl()} shows it, never the key.
 */
public final class FeedException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final FeedDisconnect cause;

    FeedException(final FeedDisconnect cause, final String message)
    {
        super(message, null, false, false);
        this.cause = cause;
    }

    public FeedDisconnect disconnect()
    {
        return cause;
    }
}
