package io.tickstock.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a node runs Aeron (docs/scale-out.md): an embedded media driver, by default in SHARED
 * threading (one thread for conductor, sender and receiver) that backs off to sleeping when idle,
 * never a busy-spin unless {@code cluster.threading} says so, in a directory of its own. Thread-safe (stateless).
 */
final class AeronMedia
{
    /** The UDP socket buffers and the receiver window; the OS caps them at {@code net.core.rmem_max} and {@code wmem_max}. */
    static final int SOCKET_BUFFER_BYTES = 2 << 20;

    private AeronMedia()
    {
    }

    /**
     * Spins briefly, then yields, then parks from 10 µs doubling to 1 ms: a microsecond answer under
     * load, near-zero CPU when quiet.
     */
    static IdleStrategy idle()
    {
        return new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** How a thread that polls Aeron waits when {@code threading} says spin, else {@link #idle()}. */
    static IdleStrategy idle(final ClusterSettings.Threading threading)
    {
        return threading == ClusterSettings.Threading.DEDICATED_SPIN ? new BusySpinIdleStrategy() : idle();
    }

    /** A media driver's context for {@code dir}, threaded as {@code threading} says, the directory removed on exit. */
    static MediaDriver.Context driver(final Path dir, final int termLength, final ClusterSettings.Threading threading)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(dir.toString())
            .threadingMode(threading == ClusterSettings.Threading.SHARED ? ThreadingMode.SHARED : ThreadingMode.DEDICATED)
            .sharedIdleStrategy(idle())
            .conductorIdleStrategy(idle())
            .senderIdleStrategy(idle(threading))
            .receiverIdleStrategy(idle(threading))
            .publicationTermBufferLength(termLength)
            // Aeron's 128 KiB socket buffers and receiver window hold 14 ms of the stream at
            // 30,000 events/s: an edge's driver thread descheduled longer than that on a busy host
            // lost datagrams on loopback and asked for them again (3,385 NAKs in a 90 s run at
            // 20,000 records/s, docs/performance.md); 2 MiB holds a quarter of a second
            .socketRcvbufLength(SOCKET_BUFFER_BYTES)
            .socketSndbufLength(SOCKET_BUFFER_BYTES)
            .initialWindowLength(SOCKET_BUFFER_BYTES)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
    }

    /** {@code configured}, or a fresh directory under the system's temporary directory. */
    static Path directory(final Path configured, final String prefix)
    {
        if (configured != null)
        {
            return configured;
        }
        try
        {
            return Files.createTempDirectory(prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make a directory for Aeron: " + ex.getMessage(), ex);
        }
    }

    /** Removes {@code dir} and everything in it; quietly, on the way out. */
    static void delete(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // a file left behind in a temporary directory: nothing the node can do about it on exit
        }
    }
}
