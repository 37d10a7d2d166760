package io.tickstock.publisher;

import io.tickstock.core.config.ConfigKey;

import java.util.List;

/**
 * The WebSocket edge's configuration keys, each declared once: {@link EdgeConfig.Builder}'s
 * defaults and checks, the example server's parsing and docs/configuration.md's rows come from
 * these. Immutable.
 */
public final class EdgeKeys
{
    public static final ConfigKey SERVER_HOST = ConfigKey.text("server.host", "127.0.0.1",
        "any non-empty host name or address",
        "bind address for WebSocket and HTTP");
    public static final ConfigKey SERVER_PORT = ConfigKey.integer("server.port", 8080, 0, 65_535,
        "0..65535 (0 = a free port)",
        "bind port");
    public static final ConfigKey HEARTBEAT_MS = ConfigKey.integer("edge.heartbeatMs", 5000, 100, 3_600_000,
        "100..3600000",
        "heartbeat after this long with nothing sent to a client; announced in `welcome`");
    public static final ConfigKey MAX_SYMBOLS = ConfigKey.integer("edge.maxSymbols", 5000, 1, 1_000_000,
        "1..1000000",
        "named symbols per connection; more is `too_many_symbols`; announced in `welcome`");
    public static final ConfigKey MAX_FRAME_BYTES = ConfigKey.integer("edge.maxFrameBytes", 65_536, 256, 16_777_216,
        "256..16777216",
        "largest client frame payload and largest client message over all its fragments (larger: close 1009); with `edge.compression` the inflated size counts (protocol.md §2.2, close codes); announced in `welcome`");
    public static final ConfigKey MAX_OPS_PER_SECOND = ConfigKey.integer("edge.maxOpsPerSecond", 50, 1, 100_000,
        "1..100000",
        "ops per connection per second; past it each op is refused with `rate_limited`, and once as many again were refused within that second the connection is closed with 1008; announced in `welcome`");
    public static final ConfigKey SHUTDOWN_FLUSH_MS = ConfigKey.integer("edge.shutdownFlushMs", 5000, 0, 600_000,
        "0..600000",
        "on shutdown, how long to wait for the listening socket to close and then for clients to close after their waiting events were written and 1001 sent, before forcing them");
    public static final ConfigKey MAX_QUEUED_EVENTS = ConfigKey.integer("edge.maxQueuedEvents", 10_000, 16, 10_000_000,
        "16..10000000",
        "events a client that cannot keep up may have waiting (control messages and resume replays not counted); when full, the oldest waiting `bar`, `fmv`, `trade` or `trend` is dropped, and with none of those waiting a new `high`, `low` or `surge` closes the client with 1013 (operations.md)");
    public static final ConfigKey MAX_BATCH_FRAME_BYTES = ConfigKey.integer("edge.maxBatchFrameBytes", 65_536, 1024, 16_777_216,
        "1024..16777216",
        "the events a client matched within one publish-ring batch go out as one frame holding a JSON array; a new frame starts once one reaches this many bytes (protocol.md §2.0)");
    public static final ConfigKey FLUSH_DELAY_US = ConfigKey.integer("edge.flushDelayUs", 0, 0, 1_000_000,
        "0..1000000",
        "how long, in µs, a client's frame may wait for the events of later batches before it is flushed; 0 flushes at the end of every batch (lowest latency; a delay trades latency for fewer, larger writes)");
    public static final ConfigKey WRITE_BUFFER_HIGH_BYTES = ConfigKey.integer("edge.writeBufferHighBytes", 1_048_576, 8192, 1_073_741_824,
        "8192..1073741824",
        "bytes Netty may hold for a client's socket before new events wait in the client's queue; writes go straight to the socket again below half of this");
    public static final ConfigKey SLOW_CONSUMER_CLOSE_MS = ConfigKey.integer("edge.slowConsumerCloseMs", 30_000, 0, 600_000,
        "0..600000",
        "after a client is sent 1013, how long before its connection is closed whether it answered or not; any close frame the server sends waits this long at most behind what the socket holds before the connection is closed anyway");
    public static final ConfigKey HISTORY_SIZE = ConfigKey.integer("edge.historySize", 65_536, 0, 10_000_000,
        "0..10000000 (0 = no history)",
        "newest events kept, encoded, for `resumeFrom`, in a ring of 512 bytes of direct memory per event (fewer events if theirs average more); a client that missed more gets a `history` gap and snapshots");
    public static final ConfigKey PING_INTERVAL_MS = ConfigKey.integerOrOff("edge.pingIntervalMs", 30_000, 100, 3_600_000,
        "0 (off) or 100..3600000",
        "when nothing has arrived from a client for this long the server sends a WebSocket ping; after another such interval with nothing, close 1001 `no answer to ping`");
    public static final ConfigKey MAX_CONNECTIONS = ConfigKey.integer("edge.maxConnections", 10_000, 1, 1_000_000,
        "1..1000000",
        "open WebSocket connections; further upgrades get HTTP 503 (plain HTTP requests are not counted)");
    public static final ConfigKey HANDSHAKE_TIMEOUT_MS = ConfigKey.integer("edge.handshakeTimeoutMs", 10_000, 100, 600_000,
        "100..600000",
        "a connection that has not completed a WebSocket upgrade this long after it opened is closed, plain HTTP connections included");
    public static final ConfigKey COMPRESSION = ConfigKey.bool("edge.compression", false,
        "`true`, `false`",
        "accept permessage-deflate from clients that offer it; every client's frames are then compressed separately, which costs CPU per client");
    public static final ConfigKey TOKENS = ConfigKey.text("edge.tokens", "",
        "comma-separated tokens; spaces around them and empty items are ignored",
        "when set, a `/ws` upgrade needs one of them as `Authorization: Bearer T` or `?token=T`, else HTTP 401");
    public static final ConfigKey ALLOWED_ORIGINS = ConfigKey.text("edge.allowedOrigins", "",
        "comma-separated origins, matched exactly (`https://app.example`)",
        "a `/ws` upgrade whose `Origin` header is not listed gets HTTP 403; requests without `Origin` are allowed");
    public static final ConfigKey ADMIN_ACCESS = ConfigKey.choice("edge.adminAccess", "loopback",
        "`loopback`, `token`, `any`",
        "who may read `/metrics`: connections from a loopback address (others get 403), requests bearing `edge.adminToken` (others get 401), or anyone; `/health` is always open");
    public static final ConfigKey ADMIN_TOKEN = ConfigKey.text("edge.adminToken", "",
        "any text; must be set when `edge.adminAccess = token`",
        "the `/metrics` token, as `Authorization: Bearer T` or `?token=T`");
    public static final ConfigKey SOCKETIO_ENABLED = ConfigKey.bool("socketio.enabled", true,
        "`true`, `false`",
        "serve `/socket.io/`, the Socket.IO compatibility endpoint for TickStock's original browser dashboard (compat.md); `false` turns it off (and its tap on the fan-out)");
    public static final ConfigKey SOCKETIO_PORT = ConfigKey.integer("socketio.port", 0, 0, 65_535,
        "0..65535 (0 = only `server.port`)",
        "a second port that serves the same endpoints, `/socket.io/` included; needs `socketio.enabled`");
    public static final ConfigKey SERVER_TLS_CERT = ConfigKey.text("server.tlsCert", "",
        "a readable PEM file; set together with `server.tlsKey`",
        "certificate chain; the port then serves `wss://` and `https://` only");
    public static final ConfigKey SERVER_TLS_KEY = ConfigKey.text("server.tlsKey", "",
        "a readable PEM file with an unencrypted PKCS#8 key (`BEGIN PRIVATE KEY`); set together with `server.tlsCert`",
        "the certificate's private key");

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(
        SERVER_HOST, SERVER_PORT, HEARTBEAT_MS, MAX_SYMBOLS,
        MAX_FRAME_BYTES, MAX_OPS_PER_SECOND, SHUTDOWN_FLUSH_MS, MAX_QUEUED_EVENTS,
        MAX_BATCH_FRAME_BYTES, FLUSH_DELAY_US, WRITE_BUFFER_HIGH_BYTES, SLOW_CONSUMER_CLOSE_MS,
        HISTORY_SIZE, PING_INTERVAL_MS, MAX_CONNECTIONS, HANDSHAKE_TIMEOUT_MS,
        COMPRESSION, TOKENS, ALLOWED_ORIGINS, ADMIN_ACCESS,
        ADMIN_TOKEN, SOCKETIO_ENABLED, SOCKETIO_PORT, SERVER_TLS_CERT,
        SERVER_TLS_KEY);

    private EdgeKeys()
    {
    }
}
