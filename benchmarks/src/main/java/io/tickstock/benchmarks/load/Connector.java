package io.tickstock.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

import java.io.PrintStream;
import java.net.URI;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens the harness's WebSocket connections: the N clients of the mix, 64 handshakes in flight at
 * a time, and single ones (the joiners). Stateless; {@link #connectAll} runs on the calling thread.
 */
final class Connector
{
    private Connector()
    {
    }

    /** {@code ws} with the harness's token as a query parameter, when it has one. */
    static URI withToken(final URI ws, final String token)
    {
        return token == null ? ws : URI.create(ws + (ws.getQuery() == null ? "?" : "&") + "token=" + token);
    }

    /** Connects one WebSocket client to {@code uri} with {@code handler} at the end of its pipeline. */
    static ChannelFuture open(final EventLoopGroup group, final URI uri, final ChannelHandler handler)
    {
        final Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(uri)
                            .customHeaders(new DefaultHttpHeaders())
                            .maxFramePayloadLength(1 << 20)
                            .handshakeTimeoutMillis(30_000)
                            .handleCloseFrames(false)
                            .build()),
                        handler);
                }
            });
        return bootstrap.connect(uri.getHost(), uri.getPort());
    }

    /**
     * Connects the run's clients and waits up to 120 s until each has its ack (or has gone).
     *
     * @throws IllegalStateException when some did not subscribe in time.
     */
    static void connectAll(final LoadHarness options, final EventLoopGroup group, final URI ws, final ClientStats stats,
                           final LatencyProbes probes, final PrintStream console) throws InterruptedException
    {
        final URI uri = withToken(ws, options.token);
        final SplittableRandom random = new SplittableRandom(options.seed);
        final Semaphore inFlight = new Semaphore(64);
        final int clients = options.clients;
        final long started = System.nanoTime();
        probes.connectStartNanos = started;
        long lastReport = started;
        for (int i = 0; i < clients; i++)
        {
            final String subscribe = options.subscribeOp(i, random);
            final long pingDelayMs = (long)i * options.pingEveryMs / clients;
            inFlight.acquire();
            open(group, uri, new LoadClient(subscribe, stats, probes, pingDelayMs)).addListener(future ->
            {
                inFlight.release();
                if (!future.isSuccess())
                {
                    stats.recordError("connect failed: " + future.cause());
                    stats.recordClose(1006);
                }
            });
            final long now = System.nanoTime();
            if (now - lastReport > TimeUnit.SECONDS.toNanos(options.progressS))
            {
                lastReport = now;
                console.printf("  connecting: %d of %d connected, %d subscribed%n", stats.connected.sum(), clients, stats.subscribed.sum());
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (stats.subscribed.sum() + stats.disconnected.sum() < clients && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        console.printf("  %d of %d clients subscribed in %.1f s (%d failed); subscribe to ack p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
            stats.subscribed.sum(), clients, (System.nanoTime() - started) / 1e9, stats.disconnected.sum(),
            probes.ackUs.getValueAtPercentile(50) / 1e3, probes.ackUs.getValueAtPercentile(99) / 1e3, probes.ackUs.getMaxValue() / 1e3);
        if (stats.subscribed.sum() < clients)
        {
            throw new IllegalStateException(clients - stats.subscribed.sum() + " clients did not subscribe within 120 s");
        }
    }
}
