package io.tickstock.examples;

import io.tickstock.channels.MarketConfig;
import io.tickstock.publisher.EdgeConfig;

import java.io.IOException;
import java.io.PrintStream;
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
    /** Rough heap per pre-allocated entry, bytes: a channel entry holds 8 reusable events. */
    static final long CHANNEL_ENTRY_BYTES = 2_400;
    static final long PUBLISH_ENTRY_BYTES = 260;
    static final long HISTORY_EVENT_BYTES = 450;
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
        checkHeap(market, edge);
        checkFile("replay.file", config.string("replay.file"));
        checkFile("server.tlsCert", config.string("server.tlsCert"));
        checkFile("server.tlsKey", config.string("server.tlsKey"));
        checkPort(edge);
        return summary();
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

    private void checkHeap(final MarketConfig market, final EdgeConfig edge)
    {
        final long rings = (market.tickRingSize() + (long)market.ohlcvRingSize() + market.fmvRingSize()) * CHANNEL_ENTRY_BYTES +
            market.publishRingSize() * PUBLISH_ENTRY_BYTES;
        final long history = edge.historySize() * HISTORY_EVENT_BYTES;
        final long need = BASE_HEAP_BYTES + rings + history;
        final long max = Runtime.getRuntime().maxMemory();
        final String detail = String.format(Locale.ROOT, "about %d MiB needed (rings %d MiB, history %d MiB, base %d MiB) of %d MiB max heap",
            need >> 20, rings >> 20, history >> 20, BASE_HEAP_BYTES >> 20, max >> 20);
        if (max == Long.MAX_VALUE || need <= max * 0.6)
        {
            pass("memory", detail);
        }
        else
        {
            fail("memory", detail + "; raise -Xmx to at least " + (need * 5 / 3 >> 20) +
                " MiB or lower the ring sizes / edge.historySize");
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

    private void checkPort(final EdgeConfig edge)
    {
        final String where = edge.host() + ":" + edge.port();
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(edge.host()), edge.port()));
            pass("server.port", where + " is free");
        }
        catch (final IOException ex)
        {
            fail("server.port", "cannot listen on " + where + ": " + ex.getMessage());
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
