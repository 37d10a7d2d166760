package io.tickstock.publisher;

import io.tickstock.publisher.EdgeConfig.AdminAccess;

import java.nio.file.Path;
import java.util.List;

/**
 * The edge's settings as {@link EdgeConfig.Builder} collects them, starting from the defaults of
 * {@link EdgeKeys}, and the checks {@link EdgeConfig.Builder#build()} runs (each key's range from
 * {@link EdgeKeys}, the rules between keys here) before an {@link EdgeConfig} keeps a copy.
 *
 * <p>Not thread-safe: one builder's, or (copied, checked, never changed again) one configuration's.
 */
final class EdgeSettings
{
    String host = EdgeKeys.SERVER_HOST.defaultValue();
    int port = EdgeKeys.SERVER_PORT.defaultInt();
    int heartbeatMs = EdgeKeys.HEARTBEAT_MS.defaultInt();
    int maxSymbols = EdgeKeys.MAX_SYMBOLS.defaultInt();
    int maxFrameBytes = EdgeKeys.MAX_FRAME_BYTES.defaultInt();
    int maxOpsPerSecond = EdgeKeys.MAX_OPS_PER_SECOND.defaultInt();
    int shutdownFlushMs = EdgeKeys.SHUTDOWN_FLUSH_MS.defaultInt();
    String serverName = "tickstock/0.1.0";
    int maxQueuedEvents = EdgeKeys.MAX_QUEUED_EVENTS.defaultInt();
    int maxBatchFrameBytes = EdgeKeys.MAX_BATCH_FRAME_BYTES.defaultInt();
    int flushDelayUs = EdgeKeys.FLUSH_DELAY_US.defaultInt();
    int writeBufferHighBytes = EdgeKeys.WRITE_BUFFER_HIGH_BYTES.defaultInt();
    int slowConsumerCloseMs = EdgeKeys.SLOW_CONSUMER_CLOSE_MS.defaultInt();
    int historySize = EdgeKeys.HISTORY_SIZE.defaultInt();
    int pingIntervalMs = EdgeKeys.PING_INTERVAL_MS.defaultInt();
    int maxConnections = EdgeKeys.MAX_CONNECTIONS.defaultInt();
    int handshakeTimeoutMs = EdgeKeys.HANDSHAKE_TIMEOUT_MS.defaultInt();
    boolean compression = EdgeKeys.COMPRESSION.defaultBoolean();
    List<String> tokens = List.of();
    List<String> allowedOrigins = List.of();
    AdminAccess adminAccess = AdminAccess.fromConfig(EdgeKeys.ADMIN_ACCESS.name(), EdgeKeys.ADMIN_ACCESS.defaultValue());
    String adminToken = EdgeKeys.ADMIN_TOKEN.defaultValue();
    Path tlsCertFile;
    Path tlsKeyFile;
    boolean socketIo = EdgeKeys.SOCKETIO_ENABLED.defaultBoolean();
    int socketIoPort = EdgeKeys.SOCKETIO_PORT.defaultInt();

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
        EdgeKeys.SERVER_PORT.check(port);
        EdgeKeys.HEARTBEAT_MS.check(heartbeatMs);
        EdgeKeys.MAX_SYMBOLS.check(maxSymbols);
        EdgeKeys.MAX_FRAME_BYTES.check(maxFrameBytes);
        EdgeKeys.MAX_OPS_PER_SECOND.check(maxOpsPerSecond);
        EdgeKeys.SHUTDOWN_FLUSH_MS.check(shutdownFlushMs);
        EdgeKeys.MAX_QUEUED_EVENTS.check(maxQueuedEvents);
        EdgeKeys.MAX_BATCH_FRAME_BYTES.check(maxBatchFrameBytes);
        EdgeKeys.FLUSH_DELAY_US.check(flushDelayUs);
        EdgeKeys.WRITE_BUFFER_HIGH_BYTES.check(writeBufferHighBytes);
        EdgeKeys.SLOW_CONSUMER_CLOSE_MS.check(slowConsumerCloseMs);
        EdgeKeys.HISTORY_SIZE.check(historySize);
        EdgeKeys.PING_INTERVAL_MS.check(pingIntervalMs);
        EdgeKeys.MAX_CONNECTIONS.check(maxConnections);
        EdgeKeys.HANDSHAKE_TIMEOUT_MS.check(handshakeTimeoutMs);
        EdgeKeys.SOCKETIO_PORT.check(socketIoPort);
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
}
