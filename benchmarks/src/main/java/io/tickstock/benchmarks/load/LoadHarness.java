package io.tickstock.benchmarks.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.core.ConfigChecks;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The end-to-end load harness: starts the example server (or targets a running one), connects N
 * WebSocket clients from this process in the standard mix (per 1,000 clients, 990 following a
 * watchlist of 10 random symbols for every event type but {@code trade}, 10 following {@code *}
 * for {@code high}, {@code low} and {@code surge}), drives the simulator at a base rate with a
 * market-open surge, and reports end-to-end latency (receive stamp to client receipt,
 * HdrHistogram; the simulator stamps each record with the time it was due, so stalls are not
 * omitted), records/s in, events/s delivered, gaps, and the server's RSS, heap, GC and CPU with
 * this process's own CPU. Besides, it times each client's subscribe to its ack, and on request
 * pings ({@code --ping-every}), late joiners with snapshots ({@code --joiner-every}), and every
 * {@code /metrics} and {@code /health} request it makes ({@link LatencyProbes}); with
 * {@code --subscribe-during-feed} the clients subscribe while the feed already runs. Prints
 * progress every few seconds, a table at the end, and writes {@code summary.json} and
 * {@code latency.hlog} (one interval histogram per second). One thread (picocli's) runs it.
 */
@Command(name = "tickstock-load", mixinStandardHelpOptions = true, sortOptions = false,
    description = "End-to-end load run: N WebSocket clients against the TickStock example server.")
public final class LoadHarness implements Callable<Integer>
{
    @Option(names = "--target", paramLabel = "URI", description = "A running server's WebSocket URI (ws://127.0.0.1:8080/ws); by default the harness starts one.")
    URI target;
    @Option(names = "--server-jar", paramLabel = "FILE", description = "The server to start (default ${DEFAULT-VALUE}).")
    Path serverJar = Path.of("examples/target/tickstock-server.jar");
    @Option(names = "--server-jvm", paramLabel = "FLAGS", description = "JVM flags for the started server (default '${DEFAULT-VALUE}').")
    String serverJvm = "-Xms2g -Xmx2g -XX:+UseG1GC -XX:MaxGCPauseMillis=10";
    @Option(names = "--server-config", paramLabel = "FILE", description = "More configuration for the started server (its keys win over the harness's).")
    Path serverConfig;
    @Option(names = "--clients", description = "WebSocket clients (default ${DEFAULT-VALUE}).")
    int clients = 1_000;
    @Option(names = "--firehose-per-1000", paramLabel = "N", description = "Of every 1,000 clients, how many follow * for --firehose-events (default ${DEFAULT-VALUE}).")
    int firehosePerThousand = 10;
    @Option(names = "--firehose-events", paramLabel = "LIST", description = "The events the firehose clients subscribe * to, comma-separated: trade, high, low, trend, surge, bar, fmv (default ${DEFAULT-VALUE}).")
    String firehoseEvents = "high,low,surge";
    @Option(names = "--watchlist", paramLabel = "N", description = "Symbols per watchlist client (default ${DEFAULT-VALUE}).")
    int watchlist = 10;
    @Option(names = "--symbols", description = "Simulated symbols (default ${DEFAULT-VALUE}).")
    int symbols = 8_000;
    @Option(names = "--rate", description = "Base rate, trade and FMV records per second (default ${DEFAULT-VALUE}).")
    int rate = 100_000;
    @Option(names = "--surge", paramLabel = "X", description = "The surge's rate as a multiple of --rate; 1 = no surge (default ${DEFAULT-VALUE}).")
    int surge = 5;
    @Option(names = "--surge-at", paramLabel = "S", description = "Seconds after the feed starts when the surge begins (default ${DEFAULT-VALUE}).")
    int surgeAt = 20;
    @Option(names = "--surge-for", paramLabel = "S", description = "How long the surge lasts, seconds (default ${DEFAULT-VALUE}).")
    int surgeFor = 30;
    @Option(names = "--duration", paramLabel = "S", description = "Seconds to run once every client has subscribed (default ${DEFAULT-VALUE}).")
    int duration = 90;
    @Option(names = "--warmup", paramLabel = "S", description = "Leading seconds left out of the summary histograms (still in the log; default ${DEFAULT-VALUE}).")
    int warmup = 10;
    @Option(names = "--subscribe-during-feed", description = "Started server only: start the feed at once (server.waitForSubscribers=0) and connect the clients --feed-lead seconds later, so their acks are timed under load.")
    boolean subscribeDuringFeed;
    @Option(names = "--feed-lead", paramLabel = "S", description = "With --subscribe-during-feed: seconds the feed runs before the clients connect (default ${DEFAULT-VALUE}).")
    int feedLead = 5;
    @Option(names = "--ping-every", paramLabel = "MS", description = "Once subscribed, each client sends a ping op every MS ms (staggered) and times its pong; 0 = off (default ${DEFAULT-VALUE}).")
    int pingEveryMs;
    @Option(names = "--joiner-every", paramLabel = "MS", description = "Every MS ms one more client joins: * for high, low, surge with snapshots; times connect to ack and ack to last snapshot, then leaves; 0 = off (default ${DEFAULT-VALUE}).")
    int joinerEveryMs;
    @Option(names = "--records", paramLabel = "N", description = "Started server only: stop the feed after N records and end the run once every event is delivered (default 0: run --duration).")
    long records;
    @Option(names = "--seed", description = "Seed for the watchlists and the simulator (default ${DEFAULT-VALUE}).")
    long seed = 1;
    @Option(names = "--client-threads", paramLabel = "N", description = "Event loop threads for the clients (default ${DEFAULT-VALUE}).")
    int clientThreads = 1;
    @Option(names = "--token", description = "Bearer token, when the server asks for one.")
    String token;
    @Option(names = "--progress", paramLabel = "S", description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
    int progressS = 5;
    @Option(names = "--out", paramLabel = "DIR", description = "Where summary.json, latency.hlog and server.log go (default ${DEFAULT-VALUE}).")
    Path out = Path.of("target/load");

    /** The event names of the protocol, in its order. */
    static final List<String> EVENTS = List.of("trade", "high", "low", "trend", "surge", "bar", "fmv");

    private final PrintStream console;

    public LoadHarness()
    {
        this(System.out);
    }

    LoadHarness(final PrintStream console)
    {
        this.console = console;
    }

    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the harness; bad options and settings print one line naming the option, exit code 2. */
    static int run(final String[] args, final PrintStream console, final PrintStream errors)
    {
        return new CommandLine(new LoadHarness(console))
            .setErr(new java.io.PrintWriter(errors, true))
            .setExecutionExceptionHandler((ex, commandLine, parsed) ->
            {
                if (ex instanceof IllegalArgumentException)
                {
                    errors.println("tickstock-load: " + ex.getMessage());
                    return 2;
                }
                throw ex;
            })
            .execute(args);
    }

    @Override
    public Integer call() throws Exception
    {
        validate();
        Files.createDirectories(out);
        final ServerLauncher server = target == null ? ServerLauncher.start(serverJar, serverJvm, serverSettings(), out) : null;
        final URI ws = server == null ? target : URI.create("ws://127.0.0.1:" + server.port + "/ws");
        final URI metrics = URI.create("http://" + ws.getHost() + ":" + ws.getPort() + "/metrics");
        final HttpClient http = HttpClient.newBuilder().connectTimeout(LatencyProbes.HTTP_TIMEOUT).build();
        final ClientStats stats = new ClientStats();
        final LatencyProbes probes = new LatencyProbes(pingEveryMs);
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(clientThreads, NioIoHandler.newFactory());
        try
        {
            console.printf("tickstock-load: %s; %d clients (%d watchlist of %d symbols, %d firehose on %s) from pid %d%n",
                server == null ? "target " + ws : "started the server (pid " + server.pid() + ") on " + ws,
                clients, clients - firehoseCount(), watchlist, firehoseCount(), firehoseEvents, ProcessHandle.current().pid());
            final long feedStartedNanos = subscribeDuringFeed ? awaitFeed(server) : 0;
            Connector.connectAll(this, group, ws, stats, probes, console);
            final Joiners joiners = new Joiners(group, Connector.withToken(ws, token), probes);
            if (joinerEveryMs > 0)
            {
                joiners.start(joinerEveryMs);
            }
            // the surge is timed from the feed's start; the run's seconds from now
            final int feedOffsetS = subscribeDuringFeed ? (int)Math.round((System.nanoTime() - feedStartedNanos) / 1e9) : 0;
            final Run run = new Run(stats, probes, http, metrics, token,
                server == null ? null : new Phases(warmup, surgeOn() ? surgeAt : -1, surgeFor, feedOffsetS));
            final RunResult result = records > 0 ? run.untilDelivered(records, server, out) : run.forSeconds(duration, server, progressS, console, out);
            joiners.stop();
            probes.stopPinging(LatencyProbes.HTTP_TIMEOUT);
            probes.awaitHealthProbes();
            // the server we started stops with SIGTERM and closes every client with 1001 once it
            // has flushed them; clients of a running server close themselves
            if (server != null)
            {
                server.close();
            }
            else
            {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            }
            awaitDisconnected(stats);
            final Report report = new Report(this, result, stats, probes);
            report.print(console);
            report.writeJson(out.resolve("summary.json"));
            console.printf("wrote %s and %s%n", out.resolve("summary.json"), out.resolve("latency.hlog"));
            return result.serverDied() ? 1 : 0;
        }
        finally
        {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            if (server != null)
            {
                server.close();
            }
        }
    }

    /** Waits until the started server's feed runs ({@code /health} 200), then --feed-lead seconds; returns when the feed started. */
    private long awaitFeed(final ServerLauncher server) throws java.io.IOException, InterruptedException
    {
        final long started = server.awaitReady();
        console.printf("  the feed runs; the clients connect in %d s%n", feedLead);
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(feedLead));
        return started;
    }

    private void awaitDisconnected(final ClientStats stats)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stats.disconnected.sum() < stats.connected.sum() && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    boolean surgeOn()
    {
        return surge > 1 && surgeFor > 0;
    }

    int firehoseCount()
    {
        return (int)((long)clients * firehosePerThousand / 1_000);
    }

    private void validate()
    {
        ConfigChecks.range("--clients", clients, 1, 100_000);
        ConfigChecks.range("--firehose-per-1000", firehosePerThousand, 0, 1_000);
        ConfigChecks.range("--watchlist", watchlist, 1, 10_000);
        ConfigChecks.range("--symbols", symbols, 1, 456_976);
        ConfigChecks.range("--rate", rate, 1, 10_000_000);
        ConfigChecks.range("--surge", surge, 1, 100);
        if ((long)surge * rate > 10_000_000L)
        {
            throw new IllegalArgumentException("--surge: " + surge + " x --rate " + rate + " is over 10000000 records/s; allowed: 1.." + Math.max(1, 10_000_000 / rate));
        }
        ConfigChecks.range("--surge-at", surgeAt, 0, 86_400);
        ConfigChecks.range("--surge-for", surgeFor, 0, 86_400);
        ConfigChecks.range("--duration", duration, 1, 86_400);
        ConfigChecks.range("--warmup", warmup, 0, duration - 1);
        ConfigChecks.range("--client-threads", clientThreads, 1, 64);
        ConfigChecks.range("--progress", progressS, 1, 3_600);
        ConfigChecks.range("--feed-lead", feedLead, 0, 3_600);
        // at most 20 pings/s per client: well under the server's default maxOpsPerSecond of 50
        offOrRange("--ping-every", pingEveryMs, 50, 3_600_000);
        offOrRange("--joiner-every", joinerEveryMs, 10, 3_600_000);
        firehoseEventList();
        if (subscribeDuringFeed && target != null)
        {
            throw new IllegalArgumentException("--subscribe-during-feed needs the harness to start the server: leave out --target");
        }
        if (subscribeDuringFeed && records > 0)
        {
            throw new IllegalArgumentException("--subscribe-during-feed and --records: the feed could end before the clients subscribe; use --duration");
        }
        if (records < 0)
        {
            throw new IllegalArgumentException("--records: " + records + " is out of range; allowed: 0 (run --duration) or more");
        }
        if (records > 0 && target != null)
        {
            throw new IllegalArgumentException("--records needs the harness to start the server: leave out --target");
        }
        if (target != null && !"ws".equals(target.getScheme()))
        {
            throw new IllegalArgumentException("--target: '" + target + "' is not allowed; allowed: ws://HOST:PORT/PATH");
        }
    }

    private static void offOrRange(final String option, final int value, final int min, final int max)
    {
        if (value != 0 && (value < min || value > max))
        {
            throw new IllegalArgumentException(option + ": " + value + " is out of range; allowed: 0 (off) or " + min + ".." + max);
        }
    }

    private Properties serverSettings() throws java.io.IOException
    {
        final Properties settings = new Properties();
        settings.setProperty("simulator.symbols", Integer.toString(symbols));
        settings.setProperty("simulator.rate", Integer.toString(rate));
        settings.setProperty("simulator.seed", Long.toString(seed));
        settings.setProperty("simulator.maxRecords", Long.toString(records));
        settings.setProperty("simulator.surge.multiplier", Integer.toString(surgeOn() ? surge : 1));
        settings.setProperty("simulator.surge.startMs", Long.toString(surgeAt * 1_000L));
        settings.setProperty("simulator.surge.durationMs", Long.toString(surgeOn() ? surgeFor * 1_000L : 0));
        settings.setProperty("server.waitForSubscribers", Integer.toString(subscribeDuringFeed ? 0 : clients));
        settings.setProperty("edge.maxConnections", Integer.toString(Math.max(10_000, clients + 100)));
        if (serverConfig != null)
        {
            try (var reader = Files.newBufferedReader(serverConfig))
            {
                settings.load(reader);
            }
        }
        return settings;
    }

    /**
     * --firehose-events as a list, each name once.
     *
     * @throws IllegalArgumentException naming the option, the bad name and the allowed ones.
     */
    List<String> firehoseEventList()
    {
        final Set<String> events = new LinkedHashSet<>();
        for (final String name : firehoseEvents.split(",", -1))
        {
            if (!EVENTS.contains(name.strip()))
            {
                throw new IllegalArgumentException("--firehose-events: '" + name.strip() + "' is not allowed; allowed: a comma-separated list of "
                    + String.join(", ", EVENTS));
            }
            events.add(name.strip());
        }
        return List.copyOf(events);
    }

    /** The subscribe op of client {@code i}: the first of every 1,000/N follow {@code *}, the rest a watchlist. */
    String subscribeOp(final int i, final SplittableRandom random)
    {
        final int firehose = firehoseCount();
        if (firehose > 0 && i % Math.max(1, clients / firehose) == 0 && i / Math.max(1, clients / firehose) < firehose)
        {
            return "{\"op\":\"subscribe\",\"id\":\"firehose\",\"symbols\":[\"*\"],\"events\":[\""
                + String.join("\",\"", firehoseEventList()) + "\"],\"snapshot\":false}";
        }
        final StringBuilder op = new StringBuilder("{\"op\":\"subscribe\",\"id\":\"watchlist\",\"symbols\":[");
        final java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < Math.min(watchlist, symbols))
        {
            chosen.add(random.nextInt(symbols));
        }
        boolean first = true;
        for (final int symbol : chosen)
        {
            op.append(first ? "\"" : ",\"").append(SimulatorSource.symbol(symbol)).append('"');
            first = false;
        }
        return op.append("]}").toString();
    }

    /** This process's CPU time so far, seconds. */
    static double ownCpuSeconds()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * Which second of the run a histogram interval falls in: warmup, steady or surge.
     *
     * @param feedOffsetS how long the feed had run when the run's first second began.
     */
    record Phases(int warmupS, int surgeAtS, int surgeForS, int feedOffsetS)
    {
        boolean inSurge(final long second)
        {
            final long feedSecond = second + feedOffsetS;
            return surgeAtS >= 0 && feedSecond >= surgeAtS && feedSecond < surgeAtS + surgeForS;
        }
    }

    /** What a run measured. */
    record RunResult(
        double seconds,
        long recordsIn,
        long peakRecordsPerSecond,
        long eventsReceived,
        long serverEventsSent,
        long serverConflatedOrDropped,
        long maxRssBytes,
        long maxHeapBytes,
        long gcCount,
        double gcSeconds,
        double longestPauseSeconds,
        double serverCpuSeconds,
        double clientCpuSeconds,
        Histogram all,
        Histogram steady,
        Histogram surge,
        boolean serverDied)
    {
    }
}
