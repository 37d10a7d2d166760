package io.tickstock.cluster;

import io.tickstock.core.config.ConfigKey;

import java.util.List;

/**
 * The scale-out's configuration keys (docs/scale-out.md), each declared once: {@link
 * ClusterSettings}'s defaults and checks, the example server's parsing and docs/configuration.md's
 * rows come from these. Immutable.
 */
public final class ClusterKeys
{
    public static final ConfigKey ROLE = ConfigKey.choice("cluster.role", "standalone",
        "`standalone`, `ingest`, `edge`",
        "`standalone`: sources, pipeline and clients in one process; `ingest`: also publishes every event to edge nodes; `edge`: no pipeline, serves an ingest node's events");
    public static final ConfigKey ENDPOINT = ConfigKey.text("cluster.endpoint", ClusterSettings.DEFAULT_ENDPOINT,
        "`HOST:PORT`, PORT 1..65534",
        "ingest: where edge nodes join the event stream; the recording's control endpoint is the next port (PORT+1)");
    public static final ConfigKey UPSTREAM = ConfigKey.text("cluster.upstream", "",
        "`HOST:PORT` (the ingest node's `cluster.endpoint`); required with `cluster.role=edge`",
        "edge: the ingest node to serve");
    public static final ConfigKey LOCAL_HOST = ConfigKey.text("cluster.localHost", "127.0.0.1",
        "a host name or address of this machine that the ingest node can reach",
        "edge: where the ingest node sends the live stream and replays (ports are picked by the system)");
    public static final ConfigKey AERON_DIR = ConfigKey.text("cluster.aeronDir", "",
        "a directory path; empty = a fresh directory per process, removed on exit",
        "the Aeron media driver's directory (put it on tmpfs, `/dev/shm`, in production)");
    public static final ConfigKey ARCHIVE_DIR = ConfigKey.text("cluster.archiveDir", "",
        "a directory path; empty = a fresh directory per process, removed on exit",
        "ingest: where the Archive records the event stream");
    public static final ConfigKey TERM_LENGTH = ConfigKey.integer("cluster.termLengthBytes", ClusterSettings.DEFAULT_TERM_LENGTH,
        65_536, 1_073_741_824, "a power of two, 65536..1073741824",
        "the stream's term length: an edge that falls more than about a term behind the live stream catches up from the recording");
    public static final ConfigKey SEGMENT_LENGTH = ConfigKey.integer("cluster.segmentLengthBytes", ClusterSettings.DEFAULT_SEGMENT_LENGTH,
        65_536, 1_073_741_824, "a power of two, at least `cluster.termLengthBytes`",
        "ingest: the size of each recording file");

    public static final ConfigKey THREADING = ConfigKey.choice("cluster.threading", "shared",
        "`shared`, `dedicated`, `dedicated-spin`",
        "`shared`: one media driver thread and one Archive thread that back off to sleeping when idle (any host); `dedicated`: the driver's conductor, sender and receiver and the Archive's recorder and replayer on threads of their own; `dedicated-spin`: the same, busy-spinning, for hosts with a core for each");

    public static final ConfigKey CHECKPOINT_BYTES = ConfigKey.integer("cluster.checkpointBytes", ClusterSettings.DEFAULT_CHECKPOINT_BYTES,
        65_536, 1L << 40, "65536..1099511627776, at least `cluster.segmentLengthBytes`",
        "ingest: bytes of the stream between two checkpoints; the recording keeps the last two checkpoints and what follows them, the rest is purged");
    public static final ConfigKey CHECKPOINT_HISTORY = ConfigKey.integer("cluster.checkpointHistory", ClusterSettings.DEFAULT_CHECKPOINT_HISTORY,
        0, Checkpoint.MAX_HISTORY, "0..1000000",
        "ingest: the events before a checkpoint that it carries, for the resume history of an edge that starts there (match the edges' `edge.historySize`)");

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(ROLE, ENDPOINT, UPSTREAM, LOCAL_HOST, AERON_DIR, ARCHIVE_DIR, TERM_LENGTH, SEGMENT_LENGTH,
        THREADING, CHECKPOINT_BYTES, CHECKPOINT_HISTORY);

    private ClusterKeys()
    {
    }
}
