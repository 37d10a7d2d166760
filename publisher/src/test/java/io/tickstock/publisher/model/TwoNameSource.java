package io.tickstock.publisher.model;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;

import java.util.ArrayList;
import java.util.List;

/**
 * One source thread that speaks for two feeds: each line is decoded by the real {@link FeedDecoder}
 * of its own source name, in the generated order, so the interleaving of the two names is
 * deterministic.
 */
final class TwoNameSource implements Source<FeedRecord>
{
    static final long RECV_BASE_US = 1_700_000_000_000_000L;

    private final List<FeedGenerator.Line> lines;
    private final List<String> names;
    private volatile boolean stopped;

    TwoNameSource(final List<String> names, final List<FeedGenerator.Line> lines)
    {
        this.names = List.copyOf(names);
        this.lines = List.copyOf(lines);
    }

    @Override
    public String name()
    {
        return String.join("+", names);
    }

    @Override
    public void run(final RecordSink<FeedRecord> sink)
    {
        final List<FeedDecoder> decoders = new ArrayList<>();
        for (final String name : names)
        {
            decoders.add(new FeedDecoder(name));
        }
        for (int i = 0; i < lines.size() && !stopped; i++)
        {
            final FeedGenerator.Line line = lines.get(i);
            decoders.get(line.source()).decode(line.text(), RECV_BASE_US + i, sink);
        }
    }

    @Override
    public void stop()
    {
        stopped = true;
    }
}
