package io.tickstock.publisher.internal.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.ring.WakeableWaitStrategy;
import io.tickstock.publisher.EdgeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Drives the edge's fan-out with no socket and no publish ring, so that the benchmarks module can
 * measure it alone ({@code FanOutBenchmark}): each client is an in-memory channel whose writes are
 * counted and released as they arrive, and each event is handed to the fan-out as the publish ring
 * would hand it. Public only for the benchmarks; not part of the library's API.
 *
 * <p>Not thread-safe: one thread plays the publish ring and every event loop.
 */
public final class FanOutDriver
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventFanOut fanOut;
    private long sequence;
    private long bytesWritten;

    public FanOutDriver(final EdgeConfig config)
    {
        fanOut = new EventFanOut(config, "bench", PooledByteBufAllocator.DEFAULT, new LatencyMonitor(1_000),
            new WakeableWaitStrategy(WaitStrategyKind.BLOCKING));
    }

    /** Connects a client and applies its subscribe op (JSON text, as a client sends it). */
    public void addClient(final String subscribe)
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter()
        {
            @Override
            public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
            {
                bytesWritten += msg instanceof ByteBuf ? ((ByteBuf)msg).readableBytes() : ((ByteBufHolder)msg).content().readableBytes();
                ReferenceCountUtil.release(msg);
                promise.trySuccess();
            }
        });
        final ClientSession session = fanOut.clients().newSession(channel);
        fanOut.clients().register(session);
        try
        {
            final ClientOp op = ClientOp.parse(JSON.readTree(subscribe));
            if (op.isError() || !fanOut.clients().subscribe(session, op, System.nanoTime()))
            {
                throw new IllegalArgumentException("subscribe refused: " + op.errorCode + " " + op.errorMessage);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Hands one event to the fan-out; {@code endOfBatch} ends a publish-ring batch (one flush per client written to). */
    public void publish(final MarketEvent event, final boolean endOfBatch)
    {
        fanOut.onEvent(event, sequence++, endOfBatch);
    }

    /** Bytes the clients were sent, frame headers included. */
    public long bytesWritten()
    {
        return bytesWritten;
    }

    /** Events handed to clients' sockets so far, over all clients. */
    public long eventsSent()
    {
        return fanOut.views().totalSent();
    }
}
