package io.tickstock.publisher;

import io.tickstock.core.ConfigChecks;
import io.tickstock.publisher.EdgeConfig.AdminAccess;

import java.nio.file.Path;
import java.util.List;

/**
 * The edge's settings as {@link EdgeConfig.Builder} collects them: each key's default, and the
 * checks {@link EdgeConfig.Builder#build()} runs before an {@link EdgeConfig} keeps a copy. The
 * value holder and its API are {@link EdgeConfig}; the key names, defaults and ranges are here.
 *
 * <p>Not thread-safe: one builder's, or (copied, checked, never changed again) one configuration's.
 */
final class EdgeSettings
{
    String host = "127.0.0.1";
    int port = 8080;
    int heartbeatMs = 5_000;
    int maxSymbols = 5_000;
    int maxFrameBytes = 65_536;
    int maxOpsPerSecond = 50;
    int shutdownFlushMs = 5_000;
    String serverName = "tickstock/0.1.0";
    int maxQueuedEvents = 10_000;
    int maxBatchFrameBytes = 65_536;
    int flushDelayUs;
    int writeBufferHighBytes = 1 << 20;
    int slowConsumerCloseMs = 30_000;
    int historySize = 65_536;
    int pingIntervalMs = 30_000;
    int maxConnections = 10_000;
    int handshakeTimeoutMs = 10_000;
    boolean compression;
    List<String> tokens = List.of();
    List<String> allowedOrigins = List.of();
    AdminAccess adminAccess = AdminAccess.LOOPBACK;
    String adminToken = "";
    Path tlsCertFile;
    Path tlsKeyFile;
    boolean socketIo = true;
    int socketIoPort;

    /** A copy to keep: the builder may go on changing its own. */
    EdgeSettings copy()
    {
        final EdgeSettings copy = new EdgeSettings();
        copy.host = host;
        copy.port = port;
        copy.heartbeatMs = heartbeatMs;
        copy.maxSymbols = maxSymbols;
        copy.maxFrameBytes = maxFrameBytes;
        copy.maxOpsPerSecond = maxOpsPerSecond;
        copy.shutdownFlushMs = shutdownFlushMs;
        copy.serverName = serverName;
        copy.maxQueuedEvents = maxQueuedEvents;
        copy.maxBatchFrameBytes = maxBatchFrameBytes;
        copy.flushDelayUs = flushDelayUs;
        copy.writeBufferHighBytes = writeBufferHighBytes;
        copy.slowConsumerCloseMs = slowConsumerCloseMs;
        copy.historySize = historySize;
        copy.pingIntervalMs = pingIntervalMs;
        copy.maxConnections = maxConnections;
        copy.handshakeTimeoutMs = handshakeTimeoutMs;
        copy.compression = compression;
        copy.tokens = tokens;
        copy.allowedOrigins = allowedOrigins;
        copy.adminAccess = adminAccess;
        copy.adminToken = adminToken;
        copy.tlsCertFile = tlsCertFile;
        copy.tlsKeyFile = tlsKeyFile;
        copy.socketIo = socketIo;
        copy.socketIoPort = socketIoPort;
        return copy;
    }

    /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
    void check()
    {
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("server.host: must not be empty");
        }
        range("server.port", port, 0, 65_535);
        range("edge.heartbeatMs", heartbeatMs, 100, 3_600_000);
        range("edge.maxSymbols", maxSymbols, 1, 1_000_000);
        range("edge.maxFrameBytes", maxFrameBytes, 256, 16_777_216);
        range("edge.maxOpsPerSecond", maxOpsPerSecond, 1, 100_000);
        range("edge.shutdownFlushMs", shutdownFlushMs, 0, 600_000);
        range("edge.maxQueuedEvents", maxQueuedEvents, 16, 10_000_000);
        range("edge.maxBatchFrameBytes", maxBatchFrameBytes, 1_024, 16_777_216);
        range("edge.flushDelayUs", flushDelayUs, 0, 1_000_000);
        range("edge.writeBufferHighBytes", writeBufferHighBytes, 8_192, 1 << 30);
        range("edge.slowConsumerCloseMs", slowConsumerCloseMs, 0, 600_000);
        range("edge.historySize", historySize, 0, 10_000_000);
        if (pingIntervalMs != 0)
        {
            range("edge.pingIntervalMs", pingIntervalMs, 100, 3_600_000);
        }
        range("edge.maxConnections", maxConnections, 1, 1_000_000);
        range("edge.handshakeTimeoutMs", handshakeTimeoutMs, 100, 600_000);
        range("socketio.port", socketIoPort, 0, 65_535);
        if (socketIoPort != 0 && !socketIo)
        {
            throw new IllegalArgumentException("socketio.port: " + socketIoPort + " needs socketio.enabled = true; allowed: 0 when the endpoint is off");
        }
        if (socketIoPort != 0 && socketIoPort == port)
        {
            throw new IllegalArgumentException("socketio.port: " + socketIoPort + " is server.port; allowed: 0 (the endpoint on server.port only) or another port");
        }
        for (final String token : tokens)
        {
            if (token.isBlank())
            {
                throw new IllegalArgumentException("edge.tokens: a token must not be empty");
            }
        }
        if (adminAccess == AdminAccess.TOKEN && adminToken.isBlank())
        {
            throw new IllegalArgumentException("edge.adminToken: must be set when edge.adminAccess is token");
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null))
        {
            throw new IllegalArgumentException("server.tlsCert and server.tlsKey: set both or neither");
        }
    }

    private static void range(final String key, final long value, final long min, final long max)
    {
        ConfigChecks.range(key, value, min, max);
    }
}
