package io.tickstock.channels;

import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;

import java.util.List;

/**
 * A source over a fixed list of feed messages (NDJSON lines or JSON arrays), decoded through the
 * real {@link FeedDecoder}. The n-th message (0-based) is stamped with receive time
 * {@link #recvUs(int)}, so tests can assert the source context exactly. Public for the tests of
 * the other packages.
 */
public final class ListSource implements Source<FeedRecord>
{
    static final long RECV_BASE_US = 1_700_000_000_000_000L;

    private final String name;
    private final List<String> messages;
    private volatile boolean stopped;

    public ListSource(final String name, final List<String> messages)
    {
        this.name = name;
        this.messages = List.copyOf(messages);
    }

    static long recvUs(final int messageIndex)
    {
        return RECV_BASE_US + messageIndex;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void run(final RecordSink<FeedRecord> sink)
    {
        final FeedDecoder decoder = new FeedDecoder(name);
        for (int i = 0; i < messages.size() && !stopped; i++)
        {
            decoder.decode(messages.get(i), recvUs(i), sink);
        }
    }

    @Override
    public void stop()
    {
        stopped = true;
    }
}
