package io.tickstock.publisher.internal.http;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.PublishRing;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the pipeline's four rings (the tick, ohlcv and fmv channels, then the publish ring) with
 * each one's {@link RingWatch} status, for {@code /health}, {@code /debug/channels} and the
 * dashboard. Thread-safe.
 */
final class RingMonitor
{
    static final String PUBLISH = "publish";

    private final MarketPipeline pipeline;
    private final List<RingWatch> channelWatches = new ArrayList<>();
    private final RingWatch publishWatch = new RingWatch();

    RingMonitor(final MarketPipeline pipeline)
    {
        this.pipeline = pipeline;
        for (int i = 0; i < pipeline.channels().size(); i++)
        {
            channelWatches.add(new RingWatch());
        }
    }

    /** Every ring now, channels first in pipeline order, the publish ring last. */
    List<RingReading> read()
    {
        final List<Channel<FeedRecord>> channels = pipeline.channels();
        final List<RingReading> readings = new ArrayList<>(channels.size() + 1);
        for (int i = 0; i < channels.size(); i++)
        {
            readings.add(read(channels.get(i), channelWatches.get(i)));
        }
        readings.add(read(pipeline.publishRing()));
        return readings;
    }

    private static RingReading read(final Channel<FeedRecord> channel, final RingWatch watch)
    {
        final boolean running = channel.isRunning();
        final long[] sequences = channel.handlerSequences();
        final long cursor = channel.ring().getCursor();
        return reading(channel.name(), running, channel.ring().getBufferSize(), cursor, channel.handlerNames(), sequences, watch);
    }

    private RingReading read(final PublishRing<MarketEvent> ring)
    {
        final boolean running = ring.isRunning();
        final List<String> names = ring.consumerNames();
        final long[] sequences = ring.consumerSequences();
        final long cursor = ring.ring().getCursor();
        return reading(PUBLISH, running, ring.ring().getBufferSize(), cursor, names, sequences, publishWatch);
    }

    private static RingReading reading(
        final String name,
        final boolean running,
        final int capacity,
        final long cursor,
        final List<String> handlers,
        final long[] sequences,
        final RingWatch watch)
    {
        long slowest = cursor;
        for (final long sequence : sequences)
        {
            slowest = Math.min(slowest, sequence);
        }
        final String status = watch.status(running, cursor, slowest, System.nanoTime());
        return new RingReading(name, running, status, capacity, cursor, handlers, sequences);
    }
}
