package io.tickstock.examples;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The example server's launcher: {@code java -jar examples/target/tickstock-server.jar [options]}.
 * Options override the configuration file, which overrides the defaults.
 */
@Command(
    name = "tickstock-server",
    mixinStandardHelpOptions = true,
    version = "TickStock 0.1.0",
    description = "Runs the TickStock pipeline on a simulated market (or a replay file, or a live feed) and serves it over WebSocket.",
    sortOptions = false)
public final class TickStockServer implements Callable<Integer>
{
    @Option(names = "--host", description = "Where the WebSocket and HTTP endpoints listen (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port for WebSocket and HTTP (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--symbols", description = "Simulator: number of symbols (default 8000).")
    Integer symbols;

    @Option(names = "--rate", description = "Simulator: records per second (default 20000).")
    Integer rate;

    @Option(names = "--seed", description = "Simulator: random seed (default 1).")
    Long seed;

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay an NDJSON feed file instead of the simulator.")
    Path replay;

    @Option(names = "--speed", paramLabel = "X", description = "Replay pace: 1 = as recorded, 10 = ten times faster, 0 = as fast as possible (default 1).")
    String speed;

    @Option(names = "--feed", paramLabel = "URL", description = "Read a live Polygon/Massive stocks WebSocket feed (ws:// or wss://) instead of the simulator; the key comes from the environment variable TICKSTOCK_FEED_KEY (docs/feeds.md).")
    String feed;

    @Option(names = "--feed-subscribe", paramLabel = "LIST", description = "What the feed subscribes to (default T.*,AM.*,A.*,FMV.*).")
    String feedSubscribe;

    @Option(names = "--socketio-port", paramLabel = "PORT", description = "Also serve the Socket.IO compatibility endpoint /socket.io/ (and the rest) on this port, for the original dashboard (docs/compat.md).")
    Integer socketIoPort;

    @Option(names = "--wait-for-subscribers", paramLabel = "N", description = "Start the source only once N clients have subscribed (default 0: at once).")
    Integer waitForSubscribers;

    @Option(names = "--role", paramLabel = "ROLE", description = "standalone (default: sources, pipeline and clients in one process), ingest (also publishes every event to edge nodes) or edge (serves an ingest node's events; needs --upstream); docs/scale-out.md.")
    String role;

    @Option(names = "--cluster-endpoint", paramLabel = "HOST:PORT", description = "Ingest: where edge nodes join the event stream (default 127.0.0.1:40456; the recording's control port is PORT+1).")
    String clusterEndpoint;

    @Option(names = "--upstream", paramLabel = "HOST:PORT", description = "Edge: the ingest node's --cluster-endpoint.")
    String upstream;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "The Aeron media driver's directory (default: a fresh one per process, removed on exit).")
    String aeronDir;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration file (Java properties; see docs/configuration.md).")
    Path config;

    @Option(names = "--check", description = "Check the configuration and this host (port, memory, JVM flags, files), print a checklist and exit: 0 only when every check passes.")
    boolean check;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new TickStockServer()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        if (check)
        {
            return new ReadinessCheck(System.out).run(this::resolve);
        }
        final ServerConfig resolved;
        try
        {
            resolved = resolve();
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("tickstock-server: " + ex.getMessage());
            return 2;
        }
        quietLeakDetector();
        final TickStockApp app;
        try
        {
            app = TickStockApp.start(resolved, System.out);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("tickstock-server: " + ex.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            System.out.println("shutting down: draining rings, flushing clients");
            app.close();
        }, "tickstock-shutdown"));
        // closed by the shutdown hook, or by an edge node whose ingest node stopped
        return app.awaitClosed();
    }

    /**
     * Netty's leak detector, on by default, records a stack trace for one buffer in 128 and for
     * each use of it: at 1,000 clients that was 0.8 MB/s of garbage and the CPU to walk the stacks
     * (JFR, docs/performance.md). The tests keep it on (the leak tests at paranoid); this server runs without it unless
     * {@code -Dio.netty.leakDetection.level} asks for it (docs/deployment.md).
     */
    private static void quietLeakDetector()
    {
        if (System.getProperty("io.netty.leakDetection.level") == null)
        {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    ServerConfig resolve()
    {
        final ServerConfig base = config == null ? ServerConfig.defaultConfig() : ServerConfig.load(config);
        final Map<String, String> overrides = new LinkedHashMap<>();
        put(overrides, "server.host", host);
        put(overrides, "server.port", port);
        put(overrides, "simulator.symbols", symbols);
        put(overrides, "simulator.rate", rate);
        put(overrides, "simulator.seed", seed);
        put(overrides, "replay.file", replay);
        put(overrides, "replay.speed", speed);
        put(overrides, "feed.url", feed);
        put(overrides, "feed.subscribe", feedSubscribe);
        put(overrides, "socketio.port", socketIoPort);
        put(overrides, "server.waitForSubscribers", waitForSubscribers);
        put(overrides, "cluster.role", role);
        put(overrides, "cluster.endpoint", clusterEndpoint);
        put(overrides, "cluster.upstream", upstream);
        put(overrides, "cluster.aeronDir", aeronDir);
        return overrides.isEmpty() ? base : base.with(overrides);
    }

    private static void put(final Map<String, String> overrides, final String key, final Object value)
    {
        if (value != null)
        {
            overrides.put(key, value.toString());
        }
    }
}
