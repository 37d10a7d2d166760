package io.tickstock.examples;

import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embedding TickStock without the WebSocket edge: replay a feed file through the pipeline and
 * consume the events in-process. Run with a path to an NDJSON feed file.
 */
public final class EmbeddingExample
{
    private EmbeddingExample()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        if (args.length != 1)
        {
            System.err.println("usage: EmbeddingExample FEED.ndjson");
            System.exit(2);
        }
        final MarketPipeline pipeline = MarketPipeline.create(
            MarketConfig.defaults(), List.of(ReplaySource.builder(Path.of(args[0])).name("file").speed(0).build()));
        final AtomicLong highs = new AtomicLong();
        // runs on its own thread and sees every event in publish order; the event object is reused
        pipeline.addConsumer("printer", (event, sequence, endOfBatch) ->
        {
            if (event.type == EventType.HIGH)
            {
                highs.incrementAndGet();
            }
            System.out.println(event);
        });
        pipeline.start();
        pipeline.startSources();
        pipeline.awaitSources(1, TimeUnit.HOURS);
        pipeline.stop(10, TimeUnit.SECONDS);
        System.out.printf("%d new highs; tick channel: %d received, %d accepted%n",
            highs.get(), pipeline.counters("tick").received(), pipeline.counters("tick").accepted());
    }
}
