package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.core.source.RecordSink;

import java.util.ArrayList;
import java.util.List;

/** Records what the decoder hands over, in order: a {@link Decoded} or a reject reason with the position it took. */
final class RecordingSink implements RecordSink<FeedRecord>
{
    final List<Object> log = new ArrayList<>();
    private final FeedDecoder decoder;

    RecordingSink(final FeedDecoder decoder)
    {
        this.decoder = decoder;
    }

    /** Decodes each message in turn into this sink, all received at {@link FeedMessages#RECV_US}. */
    void decode(final String... messages)
    {
        for (final String message : messages)
        {
            decoder.decode(message, FeedMessages.RECV_US, this);
        }
    }

    @Override
    public void publish(final FeedRecord record)
    {
        log.add(Decoded.of(record));
    }

    @Override
    public void reject(final String reason)
    {
        log.add(reason + "@" + decoder.position());
    }

    List<Decoded> records()
    {
        return log.stream().filter(Decoded.class::isInstance).map(Decoded.class::cast).toList();
    }

    List<String> rejects()
    {
        return log.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
