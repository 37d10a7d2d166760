package io.tickstock.examples;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.channels.feed.SourceKeys;
import io.tickstock.channels.monitor.AlertConfig;
import io.tickstock.channels.monitor.PipelineMonitor;
import io.tickstock.core.Housekeeping;
import io.tickstock.core.alert.AlertEngine;
import io.tickstock.core.alert.LogAlertHandler;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceState;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.WarmUp;
import io.tickstock.publisher.WebSocketEdge;
import io.tickstock.publisher.feed.FeedSettings;
import io.tickstock.publisher.feed.FeedSource;
import io.tickstock.publisher.monitor.WebhookAlertHandler;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The example server assembled and running: a source (simulator or replay), the pipeline, the
 * WebSocket edge and the alert rules (logged, streamed to admin clients on {@code /admin/ws}, and
 * POSTed to {@code alert.webhookUrl} when set), with a summary line every few seconds; as an
 * ingest node or an edge node of a scale-out, with its {@link ClusterNode} too (docs/scale-out.md).
 * {@link #close()} shuts down in order: stop the alerts and the source, drain every ring, flush
 * the clients and close them with 1001. Thread-safe.
 */
public final class TickStockApp implements AutoCloseable
{
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(5);
    private static final long START_WAIT_S = 60;

    private final ServerConfig config;
    private final MarketPipeline pipeline;
    private final WebSocketEdge edge;
    private final AlertEngine alerts;
    private final WebhookAlertHandler webhook;
    private final PrintStream out;
    /** The node's place in a scale-out: its links to other nodes, if any. */
    private final ClusterNode cluster;
    private final java.util.concurrent.CountDownLatch closedLatch = new java.util.concurrent.CountDownLatch(1);
    /** Counted down when {@link #start} returns or fails. */
    private final java.util.concurrent.CountDownLatch startedLatch = new java.util.concurrent.CountDownLatch(1);
    private volatile int exitStatus;
    private Housekeeping.Task summary;
    private Thread subscriberWait;
    private long lastRecords;
    private long lastEvents;
    private long lastSent;
    private long lastSummaryNs = System.nanoTime();
    private boolean closed;

    /** @param cluster the node's place in a scale-out; an edge node's has joined its ingest node. */
    private TickStockApp(final ServerConfig config, final PrintStream out, final ClusterNode cluster)
    {
        this.config = config;
        this.out = out;
        this.cluster = cluster;
        // an edge node has no sources: its publish ring is fed by the upstream link
        this.pipeline = MarketPipeline.create(config.marketConfig(), cluster.isEdge() ? List.of() : sources(config));
        final AlertConfig alertConfig = config.alertConfig();
        // one monitor: /health and the stalled alert read the same watches, with alert.stalled.forS
        final PipelineMonitor monitor = PipelineMonitor.of(pipeline, alertConfig);
        this.edge = cluster.isEdge() ? new WebSocketEdge(config.edgeConfig(), monitor, cluster.epoch()) :
            new WebSocketEdge(config.edgeConfig(), monitor);
        cluster.attach(pipeline, edge);
        this.webhook = alertConfig.webhookUrl() == null ? null : new WebhookAlertHandler(alertConfig.webhookUrl(), WEBHOOK_TIMEOUT);
        final AlertEngine.Builder alertRules = AlertEngine.builder()
            .evaluateMs(alertConfig.evaluateMs())
            .rules(monitor.alertRules())
            .handler(new LogAlertHandler());
        if (webhook != null)
        {
            alertRules.handler(webhook);
        }
        this.alerts = alertRules.build();
        edge.alerts(alerts);
    }

    /**
     * Starts everything: the pipeline, the edge (listening), then the source, at once or once
     * {@code server.waitForSubscribers} clients have subscribed.
     *
     * @param out where the listening line and the summaries go.
     */
    public static TickStockApp start(final ServerConfig config, final PrintStream out) throws InterruptedException
    {
        warmUp(config, out);
        final ClusterNode cluster = ClusterNode.join(config.clusterSettings(), out);
        final TickStockApp app;
        try
        {
            app = new TickStockApp(config, out, cluster);
        }
        catch (final RuntimeException ex)
        {
            cluster.stopUpstream();
            cluster.closeIngest();
            throw ex;
        }
        try
        {
            app.startInOrder();
        }
        finally
        {
            app.startedLatch.countDown();
        }
        return app;
    }

    /** {@code server.warmUpRecords} through a throwaway pipeline and edge, before anything real starts (or binds). */
    private static void warmUp(final ServerConfig config, final PrintStream out) throws InterruptedException
    {
        final long records = config.integer(ServerKeys.WARM_UP_RECORDS);
        if (records == 0)
        {
            return;
        }
        final WarmUp.Result result = WarmUp.run(config.marketConfig(), config.edgeConfig(), config.integer(SourceKeys.SIMULATOR_SYMBOLS),
            records);
        out.printf("warm-up: %,d simulated records (%,d events, %,d bars) through a throwaway pipeline and edge in %.1f s%n",
            result.records(), result.events(), result.bars(), result.elapsedMs() / 1e3);
    }

    private void startInOrder() throws InterruptedException
    {
        // the rings' preallocated entries (about 240,000 objects with the defaults) are otherwise
        // copied out of the young generation by G1's first collection, which came 1.9 s after the
        // start, while 1,000 clients subscribed (a 161 ms pause in the load harness): one
        // collection now, before the port opens, moves them to the old generation
        // (docs/deployment.md)
        System.gc();
        pipeline.start();
        try
        {
            cluster.replay(pipeline, this::upstreamEnded);
            edge.start();
        }
        catch (final Exception ex)
        {
            cluster.stopUpstream();
            pipeline.stop(5, TimeUnit.SECONDS);
            cluster.closeIngest();
            if (webhook != null)
            {
                webhook.close();
            }
            if (ex instanceof InterruptedException)
            {
                throw (InterruptedException)ex;
            }
            if (ex instanceof IllegalArgumentException)
            {
                throw (IllegalArgumentException)ex;
            }
            final EdgeConfig edgeConfig = config.edgeConfig();
            throw new IllegalArgumentException("server.port: cannot listen on " + edgeConfig.host() + ":" + edgeConfig.port() + ": " +
                (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()), ex);
        }
        alerts.start(pipeline.housekeeping());
        final String ws = edge.isTls() ? "wss" : "ws";
        final String http = edge.isTls() ? "https" : "http";
        out.printf("TickStock listening on %s://%s:%d/ws (health: %s://%s:%d/health, metrics: %s://%s:%d/metrics)%n",
            ws, edge.host(), edge.port(), http, edge.host(), edge.port(), http, edge.host(), edge.port());
        cluster.printListening(edge.epoch());
        final int waitFor = config.integer(ServerKeys.WAIT_FOR_SUBSCRIBERS);
        if (cluster.isEdge())
        {
            edge.ready(true);
        }
        else if (waitFor == 0)
        {
            startSources();
        }
        else
        {
            out.printf("waiting for %d subscribed client(s) before starting the source%n", waitFor);
            waitForSubscribers(waitFor);
        }
        final int summaryS = config.integer(ServerKeys.SUMMARY_INTERVAL_S);
        if (summaryS > 0)
        {
            summary(summaryS);
        }
    }

    /** Edge: the ingest node ended the stream, or it was lost: serve what arrived, close the clients with 1001, exit. */
    private void upstreamEnded(final String reason)
    {
        exitStatus = cluster.ended(reason);
        final Thread closer = new Thread(() ->
        {
            try
            {
                // the stream can end while start() is still opening the port: close what it started
                startedLatch.await(START_WAIT_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            close();
        }, "tickstock-upstream-end");
        closer.setDaemon(false);
        closer.start();
    }

    /**
     * Waits until the app has closed (a shutdown, or an edge node's upstream that ended).
     *
     * @return the process's exit status: 0, or {@value ClusterNode#EXIT_UPSTREAM_LOST} when an edge node lost its ingest node.
     */
    public int awaitClosed() throws InterruptedException
    {
        closedLatch.await();
        return exitStatus;
    }

    /** Starts the sources on a waiting thread, {@code tickstock-server}, once {@code count} clients have subscribed. */
    private synchronized void waitForSubscribers(final int count)
    {
        subscriberWait = new Thread(() ->
        {
            try
            {
                while (!edge.awaitSubscribedClients(count, 1, TimeUnit.SECONDS))
                {
                    if (isClosed())
                    {
                        return;
                    }
                }
                startSources();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "tickstock-server");
        subscriberWait.setDaemon(true);
        subscriberWait.start();
    }

    /** Prints the summary line every {@code seconds} on the pipeline's housekeeping thread. */
    private synchronized void summary(final int seconds)
    {
        summary = pipeline.housekeeping().every(seconds * 1_000L, "summary line", this::printSummary);
    }

    /** The live feeds when {@code feed.*} names any, else the replay or the simulator. */
    private static List<Source<FeedRecord>> sources(final ServerConfig config)
    {
        final List<FeedSettings> feeds = config.feeds();
        if (feeds.isEmpty())
        {
            return List.of(source(config));
        }
        final List<Source<FeedRecord>> sources = new java.util.ArrayList<>();
        for (final FeedSettings feed : feeds)
        {
            sources.add(new FeedSource(feed));
        }
        return sources;
    }

    private static Source<FeedRecord> source(final ServerConfig config)
    {
        final String file = config.string(SourceKeys.REPLAY_FILE);
        final String name = config.string(SourceKeys.SOURCE_NAME);
        if (!file.isEmpty())
        {
            final Path path = Path.of(file);
            if (!Files.isReadable(path) || Files.isDirectory(path))
            {
                throw new IllegalArgumentException("replay.file: cannot read '" + file + "': not a readable file");
            }
            return ReplaySource.builder(path).name(name.isEmpty() ? "replay" : name).speed(config.decimal(SourceKeys.REPLAY_SPEED)).build();
        }
        return SimulatorSource.builder()
            .name(name.isEmpty() ? "sim" : name)
            .symbols(config.integer(SourceKeys.SIMULATOR_SYMBOLS))
            .rate(config.simulatorRate())
            .seed(config.number(SourceKeys.SIMULATOR_SEED))
            .maxRecords(config.number(SourceKeys.SIMULATOR_MAX_RECORDS))
            .build();
    }

    private synchronized void startSources()
    {
        if (closed)
        {
            return;
        }
        pipeline.startSources();
        edge.ready(true);
        final Thread watcher = new Thread(() ->
        {
            try
            {
                pipeline.awaitSources(Long.MAX_VALUE, TimeUnit.DAYS);
                if (!isClosed())
                {
                    boolean failed = false;
                    for (final SourceSupervisor<FeedRecord> source : pipeline.supervisors())
                    {
                        if (source.state() == SourceState.FAILED)
                        {
                            failed = true;
                            out.printf("source failed, given up after %d restart(s): %s; %d records in%n",
                                source.restarts(), source.lastError(), recordsIn());
                        }
                    }
                    if (!failed)
                    {
                        out.printf("source finished: %d records in%n", recordsIn());
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "tickstock-source-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private synchronized boolean isClosed()
    {
        return closed;
    }

    /** Records read from the sources: every channel's received plus the source rejects. */
    public long recordsIn()
    {
        long sum = pipeline.sourceCounters().rejected();
        for (final String channel : List.of(MarketPipeline.TICK, MarketPipeline.OHLCV, MarketPipeline.FMV))
        {
            sum += pipeline.counters(channel).received();
        }
        return sum;
    }

    /** Events the pipeline emitted, over all channels; on an edge node, the events its ingest node sent. */
    public long eventsOut()
    {
        if (cluster.isEdge())
        {
            return cluster.upstreamEvents();
        }
        long sum = 0;
        for (final String channel : List.of(MarketPipeline.TICK, MarketPipeline.OHLCV, MarketPipeline.FMV))
        {
            final ChannelCounters counters = pipeline.counters(channel);
            for (final String type : counters.eventTypes())
            {
                sum += counters.events(type);
            }
        }
        return sum;
    }

    private void printSummary()
    {
        final long now = System.nanoTime();
        final double seconds = Math.max(1e-9, (now - lastSummaryNs) / 1e9);
        final long records = recordsIn();
        final long events = eventsOut();
        final long sent = edge.eventsSent();
        final Histogram latency = pipeline.latency().stage(LatencyMonitor.END_TO_END, null).lastInterval();
        out.printf(Locale.ROOT, "in %,.0f rec/s | out %,.0f ev/s | sent %,.0f msg/s | clients %d | e2e p50 %s p99 %s max %s%n",
            (records - lastRecords) / seconds, (events - lastEvents) / seconds, (sent - lastSent) / seconds,
            edge.clients(), millis(latency, 50), millis(latency, 99), millis(latency, 100));
        lastRecords = records;
        lastEvents = events;
        lastSent = sent;
        lastSummaryNs = now;
    }

    private static String millis(final Histogram histogram, final double percentile)
    {
        if (histogram.getTotalCount() == 0)
        {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f ms", histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    public int port()
    {
        return edge.port();
    }

    public MarketPipeline pipeline()
    {
        return pipeline;
    }

    public WebSocketEdge edge()
    {
        return edge;
    }

    public ServerConfig config()
    {
        return config;
    }

    /** The alert rules, evaluated from {@link #start} until {@link #close()}. */
    public AlertEngine alerts()
    {
        return alerts;
    }

    /**
     * Stops the source, drains every ring, flushes and closes every client with 1001, then prints the
     * final accounting ({@link ShutdownAccounting}). Idempotent.
     */
    @Override
    public void close()
    {
        final boolean closing;
        synchronized (this)
        {
            closing = closed;
            closed = true;
        }
        if (closing)
        {
            // another thread closes (an edge node's upstream ended, then SIGTERM): the JVM must
            // not halt under it, so the shutdown hook waits for it
            awaitClosedQuietly();
            return;
        }
        try
        {
            closeInOrder();
        }
        finally
        {
            closedLatch.countDown();
        }
    }

    private void awaitClosedQuietly()
    {
        try
        {
            closedLatch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void closeInOrder()
    {
        final Housekeeping.Task summaryTask;
        final Thread waiting;
        synchronized (this)
        {
            summaryTask = summary;
            waiting = subscriberWait;
        }
        if (summaryTask != null)
        {
            summaryTask.cancel();
        }
        if (waiting != null)
        {
            waiting.interrupt();
        }
        alerts.stop();
        cluster.stopUpstream();
        final boolean drained = pipeline.stop(10, TimeUnit.SECONDS);
        cluster.closeIngest();
        edge.close();
        if (webhook != null)
        {
            webhook.close();
        }
        out.printf("stopped%s: %d records in, %d events out, %d messages sent%n",
            drained ? "" : " (rings did not drain in time)", recordsIn(), eventsOut(), edge.eventsSent());
        (cluster.isEdge() ? cluster.accounting(pipeline, edge) : ShutdownAccounting.of(pipeline, edge)).forEach(out::println);
    }
}
