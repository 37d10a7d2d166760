package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.core.source.RecordSink;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps a copy of every record published into it, in order, and fails on a reject. */
final class CopiedRecords implements RecordSink<FeedRecord>
{
    final List<FeedRecord> records = new ArrayList<>();

    @Override
    public void publish(final FeedRecord record)
    {
        final FeedRecord copy = new FeedRecord();
        copy.copyFrom(record);
        records.add(copy);
    }

    @Override
    public void reject(final String reason)
    {
        throw new AssertionError(reason);
    }
}
