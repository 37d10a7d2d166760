package io.tickstock.publisher;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.monitor.AlertConfig;
import io.tickstock.channels.monitor.PipelineMonitor;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.publisher.internal.fanout.EventFanOut;
import io.tickstock.publisher.internal.http.EdgeMonitoring;
import io.tickstock.publisher.internal.http.HttpEndpoints;
import io.tickstock.publisher.internal.http.MetricsText;
import io.tickstock.publisher.internal.netty.AdminStream;
import io.tickstock.publisher.internal.netty.ConnectionCounters;
import io.tickstock.publisher.internal.netty.InboundActivity;
import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.publisher.internal.netty.WebSocketFrameHandler;
import io.tickstock.publisher.internal.socketio.SocketIoHub;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The Netty WebSocket edge: consumes the pipeline's publish ring and serves the client protocol
 * (docs/protocol.md §2) on {@code ws://HOST:PORT/ws}, with {@code /health}, {@code /metrics}, the
 * {@code /debug/...} views and the {@code /dashboard} on the same port (docs/observability.md).
 * With {@link #alerts} attached, admin clients on {@code /admin/ws} are sent every alert transition.
 *
 * <p>Create it before the pipeline starts (it attaches its consumer to the publish ring), {@link
 * #start()} it to listen, and {@link #close()} it after the pipeline has stopped and drained: it
 * stops accepting, flushes what each client is owed and closes every client with 1001.
 * Thread-safe.
 */
public final class WebSocketEdge implements AutoCloseable
{
    private final EdgeConfig config;
    private final MarketPipeline pipeline;
    private final String epoch;
    private final EventFanOut fanOut;
    private final AdminStream adminStream = new AdminStream();
    /** The Socket.IO compatibility endpoint (docs/compat.md); null when {@code socketio.enabled} is false. */
    private final SocketIoHub socketIo;
    private final EdgeMonitoring monitoring;
    private final ConnectionCounters connectionCounters = new ConnectionCounters();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean ready;
    private final java.util.List<NodeView> views = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LongSupplier opClock = System::nanoTime;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private Channel socketIoChannel;

    /**
     * Attaches the edge to the pipeline's publish ring: call before {@code pipeline.start()}. Its
     * {@code /health} calls a ring stalled after the default stall time ({@link AlertConfig#defaults()}).
     */
    public WebSocketEdge(final EdgeConfig config, final MarketPipeline pipeline)
    {
        this(config, PipelineMonitor.of(pipeline, AlertConfig.defaults()));
    }

    /**
     * Attaches the edge to the monitored pipeline's publish ring: call before {@code pipeline.start()}.
     * {@code /health}, {@code /debug/channels} and {@code /debug/stats} read {@code monitor}'s rings,
     * so they agree with the alert rules made from the same monitor.
     */
    public WebSocketEdge(final EdgeConfig config, final PipelineMonitor monitor)
    {
        this(config, monitor, Long.toString(System.currentTimeMillis()), false);
    }

    /**
     * {@link #WebSocketEdge(EdgeConfig, PipelineMonitor)} serving another node's epoch: for an edge
     * node whose events, ids included, come from an ingest node (docs/scale-out.md). A client that
     * moved here from a node further along the stream may resume from an id this one has not
     * reached yet: it gets the events after it as they arrive (docs/protocol.md §2.1).
     */
    public WebSocketEdge(final EdgeConfig config, final PipelineMonitor monitor, final String epoch)
    {
        this(config, monitor, epoch, true);
    }

    private WebSocketEdge(final EdgeConfig config, final PipelineMonitor monitor, final String epoch, final boolean followsUpstream)
    {
        final MarketPipeline pipeline = monitor.pipeline();
        this.config = config;
        this.pipeline = pipeline;
        this.epoch = epoch;
        this.fanOut = new EventFanOut(config, epoch, followsUpstream, PooledByteBufAllocator.DEFAULT, pipeline.latency(),
            pipeline.publishRing().waitStrategy());
        // Netty 4.2's Recycler pools only on threads that clean up its thread-locals; on any other
        // thread every pooled buffer of an encoded event is a new object (JFR: Recycler.get and
        // FastThreadLocalThread's fallback-set lookup, 11% of this thread; JMH: 104 B per event)
        pipeline.addConsumer("edge", fanOut, loop -> () -> FastThreadLocalThread.runWithFastThreadLocal(loop));
        this.monitoring = new EdgeMonitoring(monitor, fanOut, () -> ready);
        if (config.socketIo())
        {
            socketIo = new SocketIoHub(monitoring::ready,
                () -> (long)pipeline.latency().stage(LatencyMonitor.END_TO_END, null).lastInterval().getValueAtPercentile(50),
                SocketIoHub.provider(pipeline));
            fanOut.tap(socketIo.batch());
        }
        else
        {
            socketIo = null;
        }
    }

    /**
     * Before {@link #start()}: shows {@code view} at {@code /debug/NAME} and in {@code /metrics},
     * as restricted as the edge's own views ({@code edge.adminAccess}).
     */
    public synchronized void view(final NodeView view)
    {
        if (!view.name().matches("[A-Za-z0-9]+"))
        {
            throw new IllegalArgumentException("a view's name is letters and digits: '" + view.name() + "'");
        }
        views.add(view);
    }

    /** Before {@link #start()}: the clock of each connection's op rate window, for the tests (EdgeOpLimitsIT). */
    synchronized void opClock(final LongSupplier clock)
    {
        opClock = clock;
    }

    /** Binds the port and starts serving. */
    public synchronized void start() throws InterruptedException
    {
        final LongSupplier clock = opClock;
        MetricsText.watchProcess();
        final HttpEndpoints http = new HttpEndpoints(pipeline, fanOut, connectionCounters, monitoring, config);
        http.alerts(adminStream);
        http.socketIo(socketIo);
        http.views(views);
        final WebSocketServerProtocolConfig protocol = WebSocketFrameHandler.protocolConfig(config, UpgradeGuard.WEBSOCKET_PATH);
        final SslContext tls = tlsContext();
        acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(Math.min(4, Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(acceptor, workers)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // Netty 4.2's default adaptive allocator makes a new NIO buffer view for each frame it
            // writes (JFR: AdaptiveByteBuf.internalNioBuffer, 1.8 MB/s at 1,000 clients); the
            // pooled allocator's chunks keep theirs, so a write allocates nothing
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeBufferHighBytes() / 2, config.writeBufferHighBytes()))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    connectionCounters.track(ch);
                    final WebSocketFrameHandler client = new WebSocketFrameHandler(fanOut.clients(), connectionCounters, config, epoch, clock);
                    final ChannelPipeline pipeline = ch.pipeline();
                    if (tls != null)
                    {
                        pipeline.addLast("tls", tls.newHandler(ch.alloc()));
                    }
                    if (config.pingIntervalMs() > 0)
                    {
                        pipeline.addLast("idle", new IdleStateHandler(config.pingIntervalMs(), 0, 0, TimeUnit.MILLISECONDS));
                    }
                    pipeline.addLast("activity", new InboundActivity(client))
                        .addLast("http", new HttpServerCodec())
                        .addLast("http-aggregator", new HttpObjectAggregator(65_536))
                        .addLast("guard", new UpgradeGuard(config, connections, client, adminStream, socketIo));
                    if (config.compression())
                    {
                        pipeline.addLast("deflate", new WebSocketServerCompressionHandler(config.maxFrameBytes()));
                    }
                    pipeline.addLast("websocket", new WebSocketServerProtocolHandler(protocol))
                        .addLast("endpoints", http)
                        .addLast("frame-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()))
                        .addLast("client", client);
                }
            });
        serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        if (socketIo != null)
        {
            socketIo.start(workers);
            if (config.socketIoPort() != 0)
            {
                // an unmodified dashboard asks for localhost:5000: the same endpoints on a port of their own
                socketIoChannel = bootstrap.bind(config.host(), config.socketIoPort()).sync().channel();
            }
        }
        // one timer for every client's heartbeat: the fan-out looks at them all at once
        final long heartbeatPeriodMs = Math.max(10, config.heartbeatMs() / 4);
        acceptor.scheduleAtFixedRate(fanOut.clients()::heartbeatTick, heartbeatPeriodMs, heartbeatPeriodMs, TimeUnit.MILLISECONDS);
        monitoring.start();
    }

    private SslContext tlsContext()
    {
        if (config.tlsCertFile() == null)
        {
            return null;
        }
        // files are the host's business: checked when the edge starts, not when the configuration is built
        for (final java.nio.file.Path file : new java.nio.file.Path[] {config.tlsCertFile(), config.tlsKeyFile()})
        {
            if (!java.nio.file.Files.isReadable(file))
            {
                throw new IllegalArgumentException((file == config.tlsCertFile() ? "server.tlsCert" : "server.tlsKey") +
                    ": cannot read '" + file + "'");
            }
        }
        try
        {
            return SslContextBuilder.forServer(config.tlsCertFile().toFile(), config.tlsKeyFile().toFile()).build();
        }
        catch (final javax.net.ssl.SSLException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("server.tlsCert/server.tlsKey: cannot use '" + config.tlsCertFile() + "' and '" +
                config.tlsKeyFile() + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * Serves the engine's alerts: {@code /debug/alerts} lists them and every admin client of
     * {@code /admin/ws} is sent each transition (the edge adds itself as a handler). Call before
     * {@link #start()}, at most once.
     */
    public synchronized void alerts(final io.tickstock.core.alert.AlertEngine engine)
    {
        if (serverChannel != null || adminStream.engine() != null)
        {
            throw new IllegalStateException("alerts are attached once, before the edge starts");
        }
        adminStream.engine(java.util.Objects.requireNonNull(engine, "engine"));
    }

    /** Admin clients connected to {@code /admin/ws}. */
    public int adminClients()
    {
        return adminStream.clients();
    }

    /** Whether the edge serves wss and https. */
    public boolean isTls()
    {
        return config.tlsCertFile() != null;
    }

    /** The port the edge listens on (the chosen one when configured with 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    public String host()
    {
        return config.host();
    }

    /** The server epoch announced in {@code welcome}: event ids are increasing within it. */
    public String epoch()
    {
        return epoch;
    }

    /**
     * Marks the sources as started: {@code /health} answers 200 from then on while every ring's
     * handlers keep up (docs/observability.md).
     */
    public void ready(final boolean isReady)
    {
        ready = isReady;
    }

    public int clients()
    {
        return fanOut.views().clients();
    }

    /** Connections opened, upgraded to client sessions and closed since the edge started. */
    public ConnectionCounts connectionCounts()
    {
        return connectionCounters.read();
    }

    /** Close frames sent to clients so far, by status code ({@code tickstock_client_closes_total}). */
    java.util.Map<Integer, Long> closeFramesSent()
    {
        return connectionCounters.closeFramesSent();
    }

    /** Events written to clients so far, over all clients. */
    public long eventsSent()
    {
        return fanOut.views().totalSent();
    }

    /** Events replaced by a newer one of the same kind while queued for a slow client, over all clients. */
    public long eventsConflated()
    {
        return fanOut.views().totalConflated();
    }

    /** Events dropped for clients (queue full, or the client closed with events queued), over all clients. */
    public long eventsDropped()
    {
        return fanOut.views().totalDropped();
    }

    /** Every connected client's delivery counts, each exact at the moment it was read. */
    public java.util.List<ClientCounts> clientCounts()
    {
        return fanOut.views().clientCounts();
    }

    /** The id of the newest event. */
    public long lastEventId()
    {
        return fanOut.views().lastId();
    }

    /** Waits until {@code count} clients have each sent an accepted subscribe. */
    public boolean awaitSubscribedClients(final int count, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return fanOut.views().awaitSubscribedClients(count, timeout, unit);
    }

    /**
     * Frees an edge that never started ({@link WarmUp}'s throwaway) once its pipeline stopped: its
     * history's direct memory goes back to the pool.
     */
    synchronized void discard()
    {
        if (serverChannel != null)
        {
            throw new IllegalStateException("discard() is for an edge that never started; close() this one");
        }
        releaseClients();
    }

    /** Releases what the fan-out still holds for clients and the history, once the event loops stopped. */
    private void releaseClients()
    {
        try
        {
            fanOut.clients().releaseAll();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting, closes every client with 1001 after what it is owed, and stops the event
     * loops. If the calling thread is interrupted, the close still completes (without waiting for
     * clients) and the thread keeps its interrupt.
     */
    @Override
    public synchronized void close()
    {
        if (serverChannel == null)
        {
            return;
        }
        ready = false;
        try
        {
            serverChannel.close().await(config.shutdownFlushMs());
            if (socketIoChannel != null)
            {
                socketIoChannel.close().await(config.shutdownFlushMs());
            }
            if (socketIo != null)
            {
                socketIo.close(config.shutdownFlushMs());
            }
            fanOut.clients().closeAll(config.shutdownFlushMs());
            adminStream.closeAll(config.shutdownFlushMs());
        }
        catch (final InterruptedException ex)
        {
            // closing goes on; the caller's thread keeps its interrupt
            Thread.currentThread().interrupt();
        }
        finally
        {
            monitoring.close();
            connectionCounters.closeAll(2_000);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            releaseClients();
            serverChannel = null;
        }
    }
}
