package io.tickstock.examples;

import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.SourceKeys;
import io.tickstock.cluster.ClusterKeys;
import io.tickstock.cluster.ClusterSettings;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.EdgeKeys;
import io.tickstock.publisher.feed.FeedSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code tickstock-server --check}: validates the configuration and this host for it, and prints
 * a pass/fail checklist. Nothing is started; the only side effect is a momentary bind of the port.
 * Not thread-safe: one run.
 */
final class ReadinessCheck
{
    /**
     * Rough heap per pre-allocated channel entry, bytes: the record and its reusable events, as
     * many as {@link MarketPipeline#eventCapacity} gives for its channel.
     */
    static final long CHANNEL_RECORD_BYTES = 400;
    static final long EVENT_BYTES = 250;
    static final long PUBLISH_ENTRY_BYTES = 260;
    /**
     * Rough tick-channel state per trade per second of feed rate, bytes: with the default windows
     * 120 s of dedup keys (12 bytes a slot, about 45% full) and 120 s of trade history (20 bytes an
     * entry), docs/semantics.md.
     */
    static final long STATE_BYTES_PER_TRADE_PER_SECOND = 120 * (27 + 20);
    /** The history's heap per event: its arrays; its bytes are in a direct-memory ring (EventHistory). */
    static final long HISTORY_EVENT_BYTES = 40;
    static final long BASE_HEAP_BYTES = 96L << 20;

    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    ReadinessCheck(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * Runs every check.
     *
     * @param load resolves the configuration (file and options); its error is the first failure.
     * @return the process exit code: 0 when every check passed, else 1.
     */
    int run(final Supplier<ServerConfig> load)
    {
        final ServerConfig config;
        try
        {
            config = load.get();
            pass("configuration", config.values().size() + " keys valid");
        }
        catch (final IllegalArgumentException ex)
        {
            fail("configuration", ex.getMessage());
            return summary();
        }
        final MarketConfig market = config.marketConfig();
        final EdgeConfig edge = config.edgeConfig();
        pass("ring sizes", String.format(Locale.ROOT, "tick %d, ohlcv %d, fmv %d, publish %d: powers of two",
            market.tickRingSize(), market.ohlcvRingSize(), market.fmvRingSize(), market.publishRingSize()));
        checkJava();
        checkOpens();
        checkCollector();
        final List<FeedSettings> feeds = config.feeds();
        checkHeap(market, edge, config.string(SourceKeys.REPLAY_FILE).isEmpty() && feeds.isEmpty() ? config.simulatorRate().rate() : 0);
        checkFile(SourceKeys.REPLAY_FILE.name(), config.string(SourceKeys.REPLAY_FILE));
        checkFeeds(feeds);
        checkFile(EdgeKeys.SERVER_TLS_CERT.name(), config.string(EdgeKeys.SERVER_TLS_CERT));
        checkFile(EdgeKeys.SERVER_TLS_KEY.name(), config.string(EdgeKeys.SERVER_TLS_KEY));
        checkPort(edge);
        checkCluster(config.clusterSettings());
        return summary();
    }

    /** A node of a scale-out (docs/scale-out.md): its UDP ports, its directories, its upstream's address; nothing is contacted. */
    private void checkCluster(final ClusterSettings cluster)
    {
        if (cluster.role() == ClusterSettings.Role.STANDALONE)
        {
            return;
        }
        if (cluster.role() == ClusterSettings.Role.INGEST)
        {
            checkUdpPort(ClusterKeys.ENDPOINT.name(), cluster.endpoint());
            checkUdpPort(ClusterKeys.ENDPOINT.name() + " (recording control, PORT+1)", cluster.endpoint().archiveControl());
            checkDirectory(ClusterKeys.ARCHIVE_DIR.name(), cluster.archiveDir());
            if (Object.class.getModule().isOpen("java.util.zip", ReadinessCheck.class.getModule()))
            {
                pass("jvm flags", "java.base/java.util.zip is open to the application (Aeron Archive)");
            }
            else
            {
                fail("jvm flags", "java.base/java.util.zip is not open: run with java -jar (the manifest opens it) or add " +
                    "--add-opens java.base/java.util.zip=ALL-UNNAMED");
            }
        }
        else
        {
            try
            {
                pass(ClusterKeys.UPSTREAM.name(), cluster.upstream() + " resolves to " +
                    InetAddress.getByName(cluster.upstream().host()).getHostAddress() + " (not contacted)");
            }
            catch (final IOException ex)
            {
                fail(ClusterKeys.UPSTREAM.name(), "cannot resolve '" + cluster.upstream().host() + "': " + ex.getMessage());
            }
        }
        checkDirectory(ClusterKeys.AERON_DIR.name(), cluster.aeronDir());
    }

    private void checkUdpPort(final String key, final ClusterSettings.HostPort where)
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(where.host()), where.port())))
        {
            pass(key, "UDP " + where + " is free");
        }
        catch (final IOException ex)
        {
            fail(key, "cannot bind UDP " + where + ": " + ex.getMessage());
        }
    }

    /** A configured directory exists and is writable, or can be made; none configured: a fresh one per process. */
    private void checkDirectory(final String key, final Path dir)
    {
        if (dir == null)
        {
            pass(key, "a fresh directory per process, removed on exit");
            return;
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing != null && Files.isDirectory(existing) && Files.isWritable(existing))
        {
            pass(key, dir + (existing.equals(dir.toAbsolutePath()) ? " is writable" : " can be made"));
        }
        else
        {
            fail(key, "cannot write '" + dir + "'" + (existing == null ? "" : ": " + existing + " is not a writable directory"));
        }
    }

    private void checkJava()
    {
        final int feature = Runtime.version().feature();
        if (feature >= 17)
        {
            pass("java", "version " + Runtime.version());
        }
        else
        {
            fail("java", "version " + Runtime.version() + "; TickStock needs 17 or newer");
        }
    }

    /**
     * Names the collector: under G1 the tick state's growth (while the first two dedup windows fill)
     * is copied by young pauses of hundreds of milliseconds at 100,000 records/s, which ZGC does
     * concurrently (docs/deployment.md, "JVM flags"). Advice, not a failure: G1 works.
     */
    private void checkCollector()
    {
        final List<String> names = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName).toList();
        final boolean concurrent = names.stream().anyMatch(name -> name.startsWith("ZGC") || name.startsWith("Shenandoah"));
        pass("collector", String.join(", ", names) + (concurrent ? "" :
            "; run with -XX:+UseZGC: G1 copies the tick state while it grows, pausing hundreds of ms at " +
            "100,000 records/s (docs/deployment.md)"));
    }

    private void checkOpens()
    {
        final boolean open = Object.class.getModule().isOpen("jdk.internal.misc", ReadinessCheck.class.getModule());
        if (open)
        {
            pass("jvm flags", "java.base/jdk.internal.misc is open to the application (Agrona)");
        }
        else
        {
            fail("jvm flags", "java.base/jdk.internal.misc is not open: run with java -jar (the manifest opens it) or add " +
                "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED");
        }
    }

    private static long channelEntryBytes(final MarketConfig market, final String channel)
    {
        return CHANNEL_RECORD_BYTES + MarketPipeline.eventCapacity(market, channel) * EVENT_BYTES;
    }

    /** @param tradesPerSecond the simulator's rate, or 0 when the feed's (a replay's) is not known here. */
    private void checkHeap(final MarketConfig market, final EdgeConfig edge, final long tradesPerSecond)
    {
        final long rings = market.tickRingSize() * channelEntryBytes(market, MarketPipeline.TICK) +
            market.ohlcvRingSize() * channelEntryBytes(market, MarketPipeline.OHLCV) +
            market.fmvRingSize() * channelEntryBytes(market, MarketPipeline.FMV) +
            market.publishRingSize() * PUBLISH_ENTRY_BYTES;
        final long history = edge.historySize() * HISTORY_EVENT_BYTES;
        final long state = tradesPerSecond * STATE_BYTES_PER_TRADE_PER_SECOND;
        final long need = BASE_HEAP_BYTES + rings + history + state;
        final long max = Runtime.getRuntime().maxMemory();
        final String stateDetail = tradesPerSecond > 0 ?
            String.format(Locale.ROOT, "tick state at the simulator's %d records/s %d MiB, ", tradesPerSecond, state >> 20) :
            String.format(Locale.ROOT, "plus tick state of about %d KiB per trade/s of the feed, ", STATE_BYTES_PER_TRADE_PER_SECOND >> 10);
        final String detail = String.format(Locale.ROOT,
            "about %d MiB needed (rings %d MiB, history %d MiB, %sbase %d MiB) of %d MiB max heap;" +
                " the history's bytes take %d MiB of direct memory besides",
            need >> 20, rings >> 20, history >> 20, stateDetail, BASE_HEAP_BYTES >> 20, max >> 20,
            edge.historyRingBytes() >> 20);
        if (max == Long.MAX_VALUE || need <= max * 0.6)
        {
            pass("memory", detail);
        }
        else
        {
            fail("memory", detail + "; raise -Xmx to at least " + (need * 5 / 3 >> 20) +
                " MiB or lower the ring sizes, edge.historySize or simulator.rate");
        }
    }

    private void checkFile(final String key, final String value)
    {
        if (value == null || value.isBlank())
        {
            return;
        }
        final Path path = Path.of(value);
        if (Files.isRegularFile(path) && Files.isReadable(path))
        {
            pass(key, value + " is readable");
        }
        else
        {
            fail(key, "cannot read '" + value + "'");
        }
    }

    /** Each live feed's URL (already parsed with the configuration) and key, without connecting and without showing the key. */
    private void checkFeeds(final List<FeedSettings> feeds)
    {
        for (final FeedSettings feed : feeds)
        {
            pass(feed.prefix() + "url", feed.displayUrl() + " (" + (feed.tls() ? "TLS" : "plain") + "; not connected by --check)");
            final String problem = feed.key().problem();
            if (problem == null)
            {
                pass(feed.prefix() + "key", "present in " + feed.key() + " (not shown)");
            }
            else
            {
                fail(feed.prefix() + "key", problem);
            }
        }
    }

    private void checkPort(final EdgeConfig edge)
    {
        checkPort("server.port", edge.host(), edge.port());
        if (edge.socketIo() && edge.socketIoPort() != 0)
        {
            checkPort("socketio.port", edge.host(), edge.socketIoPort());
        }
    }

    private void checkPort(final String key, final String host, final int port)
    {
        final String where = host + ":" + port;
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            pass(key, where + " is free");
        }
        catch (final IOException ex)
        {
            fail(key, "cannot listen on " + where + ": " + ex.getMessage());
        }
    }

    private void pass(final String what, final String detail)
    {
        passed++;
        out.println("[PASS] " + what + ": " + detail);
    }

    private void fail(final String what, final String detail)
    {
        failures.add(what);
        out.println("[FAIL] " + what + ": " + detail);
    }

    private int summary()
    {
        out.println(passed + " passed, " + failures.size() + " failed");
        return failures.isEmpty() ? 0 : 1;
    }
}
