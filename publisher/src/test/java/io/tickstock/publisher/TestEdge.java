package io.tickstock.publisher;

import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.publisher.internal.netty.UpgradeGuard;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A real edge on 127.0.0.1 and a free port, over a pipeline whose only source publishes
 * nothing. {@link #close()} shuts down in the documented order: pipeline first, then the edge;
 * a second call does nothing.
 */
final class TestEdge
{
    final MarketPipeline pipeline;
    final WebSocketEdge edge;
    private boolean closed;

    private TestEdge(final EdgeConfig config, final LongSupplier opClock) throws InterruptedException
    {
        pipeline = MarketPipeline.create(MarketConfig.defaults(), List.of(new IdleSource()));
        edge = new WebSocketEdge(config, pipeline);
        edge.opClock(opClock);
        pipeline.start();
        edge.start();
        pipeline.startSources();
    }

    /** Starts an edge with the given settings on top of {@code port(0)}. */
    static TestEdge start(final UnaryOperator<EdgeConfig.Builder> settings) throws InterruptedException
    {
        return start(settings, System::nanoTime);
    }

    /** As {@link #start(UnaryOperator)}, with {@code opClock} timing each connection's {@code maxOpsPerSecond} window. */
    static TestEdge start(final UnaryOperator<EdgeConfig.Builder> settings, final LongSupplier opClock) throws InterruptedException
    {
        return new TestEdge(settings.apply(EdgeConfig.builder().port(0)).build(), opClock);
    }

    int port()
    {
        return edge.port();
    }

    URI ws()
    {
        return ws("");
    }

    /** The WebSocket endpoint with a query ({@code "?token=..."}) or an empty suffix. */
    URI ws(final String query)
    {
        return URI.create((edge.isTls() ? "wss" : "ws") + "://127.0.0.1:" + port() + UpgradeGuard.WEBSOCKET_PATH + query);
    }

    URI http(final String path)
    {
        return URI.create((edge.isTls() ? "https" : "http") + "://127.0.0.1:" + port() + path);
    }

    void close() throws InterruptedException
    {
        if (!closed)
        {
            closed = true;
            pipeline.stop(5, TimeUnit.SECONDS);
            edge.close();
        }
    }
}
