package io.tickstock.cluster;

import io.tickstock.core.ConfigChecks;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A node's place in a scale-out (docs/scale-out.md): its role, where the ingest node's stream is,
 * and where Aeron keeps its files. Immutable; built by {@link #of}, which checks every value and
 * names the key of a bad one.
 *
 * @param role          what the node runs.
 * @param endpoint      ingest: where edges join the stream; its recording's control endpoint is the next port.
 * @param upstream      edge: the ingest node's endpoint; null otherwise.
 * @param localHost     edge: this machine's address as the ingest node reaches it.
 * @param aeronDir      the media driver's directory; null for a fresh one removed on exit.
 * @param archiveDir    ingest: the recording's directory; null for a fresh one removed on exit.
 * @param termLength    the stream's term length, bytes.
 * @param segmentLength the recording's file length, bytes.
 * @param threading     how Aeron's work is spread over threads and how they wait.
 * @param checkpointBytes   ingest: bytes of the stream between two checkpoints.
 * @param checkpointHistory ingest: the events of history each checkpoint carries.
 */
public record ClusterSettings(
    Role role, HostPort endpoint, HostPort upstream, String localHost, Path aeronDir, Path archiveDir, int termLength, int segmentLength,
    Threading threading, long checkpointBytes, int checkpointHistory)
{
    public static final String DEFAULT_ENDPOINT = "127.0.0.1:40456";
    /** 16 MiB: at 100,000 events/s of about 300 bytes, a third of a second of the stream per term. */
    public static final int DEFAULT_TERM_LENGTH = 16 << 20;
    public static final int DEFAULT_SEGMENT_LENGTH = 128 << 20;
    /** 1 GiB: at 20,000 records/s (about 9 MB/s of stream) a checkpoint every two minutes. */
    public static final long DEFAULT_CHECKPOINT_BYTES = 1L << 30;
    /** As many events as an edge's resume history holds by default ({@code edge.historySize}). */
    public static final int DEFAULT_CHECKPOINT_HISTORY = 65_536;
    /** The term and segment lengths allowed, bytes (Aeron's own bounds for a term). */
    private static final long MIN_LENGTH = 65_536;
    private static final long MAX_LENGTH = 1_073_741_824;
    /** The stream's id on its channel: one stream per ingest node. */
    public static final int STREAM_ID = 1001;

    /** What a node runs. */
    public enum Role
    {
        /** Sources, pipeline and clients in one process: no Aeron. */
        STANDALONE,
        /** Sources and pipeline; every event published to edge nodes and recorded. */
        INGEST,
        /** No pipeline: serves the events of an ingest node. */
        EDGE;

        /** {@code standalone}, {@code ingest} or {@code edge}. */
        public static Role of(final String name)
        {
            switch (name)
            {
                case "standalone":
                    return STANDALONE;
                case "ingest":
                    return INGEST;
                case "edge":
                    return EDGE;
                default:
                    throw new IllegalArgumentException("cluster.role: '" + name + "' is not a role; allowed: standalone, ingest, edge");
            }
        }

        public String configName()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How Aeron's work is spread over threads, and how they wait (docs/scale-out.md). */
    public enum Threading
    {
        /** One media driver thread, one Archive thread; idle threads back off to sleeping: the default, for any host. */
        SHARED("shared"),
        /** The driver's conductor, sender and receiver and the Archive's recorder and replayer each on a thread, backing off when idle. */
        DEDICATED("dedicated"),
        /** As {@link #DEDICATED}, the sender, receiver, recorder and replayer busy-spinning: for hosts with a core for each. */
        DEDICATED_SPIN("dedicated-spin");

        private final String configName;

        Threading(final String configName)
        {
            this.configName = configName;
        }

        /** {@code shared}, {@code dedicated} or {@code dedicated-spin}. */
        public static Threading of(final String name)
        {
            for (final Threading threading : values())
            {
                if (threading.configName.equals(name))
                {
                    return threading;
                }
            }
            throw new IllegalArgumentException("cluster.threading: '" + name + "' is not allowed; allowed: shared, dedicated, dedicated-spin");
        }

        public String configName()
        {
            return configName;
        }
    }

    /** A host and a port. */
    public record HostPort(String host, int port)
    {
        /**
         * Parses {@code HOST:PORT} ({@code [V6]:PORT} for an IPv6 address).
         *
         * @param key names the setting in an error.
         */
        public static HostPort parse(final String key, final String text, final int maxPort)
        {
            final int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1)
            {
                throw new IllegalArgumentException(key + ": '" + text + "' is not HOST:PORT");
            }
            final String host = text.substring(0, colon);
            final int port;
            try
            {
                port = Integer.parseInt(text.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(key + ": '" + text + "' is not HOST:PORT (the port is not a number)");
            }
            if (port < 1 || port > maxPort)
            {
                throw new IllegalArgumentException(key + ": port " + port + " is out of range; allowed: 1.." + maxPort);
            }
            return new HostPort(host, port);
        }

        /** {@code host:port}, as Aeron's channels write an endpoint. */
        public String endpoint()
        {
            return host + ":" + port;
        }

        /** The recording's control endpoint beside a stream endpoint: the next port. */
        public HostPort archiveControl()
        {
            return new HostPort(host, port + 1);
        }

        @Override
        public String toString()
        {
            return endpoint();
        }
    }

    /**
     * Checks and builds the settings from the keys' text ({@link ClusterKeys}); empty text is the
     * key's default.
     *
     * @throws IllegalArgumentException naming the key and the allowed values.
     */
    public static ClusterSettings of(
        final String role, final String endpoint, final String upstream, final String localHost, final String aeronDir,
        final String archiveDir, final long termLength, final long segmentLength, final String threading, final long checkpointBytes,
        final long checkpointHistory)
    {
        final Role parsedRole = Role.of(role);
        final Threading parsedThreading = Threading.of(threading);
        final HostPort stream = HostPort.parse(ClusterKeys.ENDPOINT.name(), endpoint.isEmpty() ? DEFAULT_ENDPOINT : endpoint, 65_534);
        HostPort upstreamEndpoint = null;
        if (!upstream.isEmpty())
        {
            upstreamEndpoint = HostPort.parse(ClusterKeys.UPSTREAM.name(), upstream, 65_534);
        }
        if (parsedRole == Role.EDGE && upstreamEndpoint == null)
        {
            throw new IllegalArgumentException("cluster.upstream (--upstream): required with cluster.role=edge; allowed: HOST:PORT, " +
                "the ingest node's cluster.endpoint");
        }
        if (localHost.isBlank())
        {
            throw new IllegalArgumentException("cluster.localHost: empty; allowed: a host name or address of this machine");
        }
        ConfigChecks.powerOfTwo(ClusterKeys.TERM_LENGTH.name(), termLength, MIN_LENGTH, MAX_LENGTH);
        ConfigChecks.powerOfTwo(ClusterKeys.SEGMENT_LENGTH.name(), segmentLength, MIN_LENGTH, MAX_LENGTH);
        if (segmentLength < termLength)
        {
            throw new IllegalArgumentException("cluster.segmentLengthBytes: " + segmentLength + " is less than cluster.termLengthBytes " +
                termLength + "; allowed: a power of two, at least the term length");
        }
        if (checkpointBytes < segmentLength)
        {
            throw new IllegalArgumentException("cluster.checkpointBytes: " + checkpointBytes + " is less than cluster.segmentLengthBytes " +
                segmentLength + "; allowed: at least a segment (the recording is purged a segment at a time)");
        }
        if (checkpointHistory < 0 || checkpointHistory > Checkpoint.MAX_HISTORY)
        {
            throw new IllegalArgumentException("cluster.checkpointHistory: " + checkpointHistory + " is not allowed; allowed: 0.." + Checkpoint.MAX_HISTORY);
        }
        return new ClusterSettings(parsedRole, stream, upstreamEndpoint, localHost,
            aeronDir.isEmpty() ? null : Path.of(aeronDir), archiveDir.isEmpty() ? null : Path.of(archiveDir), (int)termLength, (int)segmentLength,
            parsedThreading, checkpointBytes, (int)checkpointHistory);
    }

    /** This node's settings with checkpoints every {@code bytes} carrying {@code history} events (tests: a small stream that purges). */
    public ClusterSettings withCheckpoints(final long bytes, final int history, final int term, final int segment)
    {
        return of(role.configName(), endpoint.endpoint(), upstream == null ? "" : upstream.endpoint(), localHost,
            aeronDir == null ? "" : aeronDir.toString(), archiveDir == null ? "" : archiveDir.toString(), term, segment, threading.configName(),
            bytes, history);
    }

    /** An ingest node's settings with the defaults for the rest. */
    public static ClusterSettings ingest(final String endpoint)
    {
        return of("ingest", endpoint, "", "127.0.0.1", "", "", DEFAULT_TERM_LENGTH, DEFAULT_SEGMENT_LENGTH, "shared", DEFAULT_CHECKPOINT_BYTES,
            DEFAULT_CHECKPOINT_HISTORY);
    }

    /** An edge node's settings with the defaults for the rest. */
    public static ClusterSettings edge(final String upstream)
    {
        return of("edge", "", upstream, "127.0.0.1", "", "", DEFAULT_TERM_LENGTH, DEFAULT_SEGMENT_LENGTH, "shared", DEFAULT_CHECKPOINT_BYTES,
            DEFAULT_CHECKPOINT_HISTORY);
    }
}
