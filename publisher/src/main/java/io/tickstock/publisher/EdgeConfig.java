package io.tickstock.publisher;

import io.tickstock.publisher.internal.fanout.store.EventHistory;

/**
 * The WebSocket edge's settings, built and validated once; {@link Builder#build()} throws naming
 * the key and the allowed range. Immutable.
 */
public final class EdgeConfig
{
    /** A copy checked by {@link Builder#build()}, never changed again; the keys' defaults and checks live there. */
    private final EdgeSettings settings;

    /** Who may read the admin endpoints ({@code /metrics}, {@code /debug/*}). */
    public enum AdminAccess
    {
        /** Anyone who can reach the port. */
        ANY,
        /** Only connections from a loopback address. */
        LOOPBACK,
        /** Only requests bearing {@code edge.adminToken}. */
        TOKEN;

        public String configName()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the key and the allowed values. */
        public static AdminAccess fromConfig(final String key, final String value)
        {
            for (final AdminAccess access : values())
            {
                if (access.configName().equals(value))
                {
                    return access;
                }
            }
            throw new IllegalArgumentException(key + ": '" + value + "' is not allowed; allowed: any, loopback, token");
        }
    }

    private EdgeConfig(final EdgeSettings settings)
    {
        this.settings = settings;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public String host()
    {
        return settings.host;
    }

    /** The port to listen on; 0 picks a free one (see {@link WebSocketEdge#port()}). */
    public int port()
    {
        return settings.port;
    }

    public int heartbeatMs()
    {
        return settings.heartbeatMs;
    }

    public int maxSymbols()
    {
        return settings.maxSymbols;
    }

    public int maxFrameBytes()
    {
        return settings.maxFrameBytes;
    }

    public int maxOpsPerSecond()
    {
        return settings.maxOpsPerSecond;
    }

    public int shutdownFlushMs()
    {
        return settings.shutdownFlushMs;
    }

    public String serverName()
    {
        return settings.serverName;
    }

    /** Events a slow client may have waiting before older ones are dropped (or it is closed with 1013). */
    public int maxQueuedEvents()
    {
        return settings.maxQueuedEvents;
    }

    /**
     * {@code edge.maxBatchFrameBytes}: the events a client matched within one publish-ring batch go
     * out as one frame holding a JSON array, a new frame once one reaches this size.
     */
    public int maxBatchFrameBytes()
    {
        return settings.maxBatchFrameBytes;
    }

    /**
     * {@code edge.flushDelayUs}: how long a client's frame may wait for more events after the batch
     * that started it ended, in µs; 0 flushes at the end of every batch.
     */
    public int flushDelayUs()
    {
        return settings.flushDelayUs;
    }

    /** A client's socket stops taking writes above this many buffered bytes (and resumes below half). */
    public int writeBufferHighBytes()
    {
        return settings.writeBufferHighBytes;
    }

    /** How long a client closed with 1013 has to read its close frame before the connection is dropped. */
    public int slowConsumerCloseMs()
    {
        return settings.slowConsumerCloseMs;
    }

    /** Events kept for {@code resumeFrom}; 0 keeps none. */
    public int historySize()
    {
        return settings.historySize;
    }

    /** The direct memory the history's ring of encoded events takes, bytes (docs/configuration.md). */
    public long historyRingBytes()
    {
        return EventHistory.ringBytes(settings.historySize);
    }

    /** Idle time after which the server pings; a second idle period without any frame closes the connection. */
    public int pingIntervalMs()
    {
        return settings.pingIntervalMs;
    }

    public int maxConnections()
    {
        return settings.maxConnections;
    }

    /** How long a connection may take to complete its WebSocket upgrade. */
    public int handshakeTimeoutMs()
    {
        return settings.handshakeTimeoutMs;
    }

    /** Whether permessage-deflate is offered (inflated messages are bounded by maxFrameBytes). */
    public boolean compression()
    {
        return settings.compression;
    }

    /** Bearer tokens that may open /ws; empty: no token needed. */
    public java.util.List<String> tokens()
    {
        return settings.tokens;
    }

    /** Origins allowed to open /ws; empty: any (requests without Origin are always allowed). */
    public java.util.List<String> allowedOrigins()
    {
        return settings.allowedOrigins;
    }

    public AdminAccess adminAccess()
    {
        return settings.adminAccess;
    }

    public String adminToken()
    {
        return settings.adminToken;
    }

    /** PEM certificate chain for TLS, or null for plain ws/http. */
    public java.nio.file.Path tlsCertFile()
    {
        return settings.tlsCertFile;
    }

    /** PEM PKCS#8 private key for TLS, or null. */
    public java.nio.file.Path tlsKeyFile()
    {
        return settings.tlsKeyFile;
    }

    /** Whether {@code /socket.io/} serves the original dashboard's Socket.IO clients (docs/compat.md). */
    public boolean socketIo()
    {
        return settings.socketIo;
    }

    /** A port of its own that also serves {@code /socket.io/} (and the rest of the edge); 0: none. */
    public int socketIoPort()
    {
        return settings.socketIoPort;
    }

    /** Collects settings; each setter names its configuration key, declared in {@link EdgeKeys} (default, range, meaning). */
    public static final class Builder
    {
        private final EdgeSettings settings = new EdgeSettings();

        private Builder()
        {
        }

        /** {@code server.host}. */
        public Builder host(final String value)
        {
            settings.host = value;
            return this;
        }

        /** {@code server.port}: 0 picks a free port. */
        public Builder port(final int value)
        {
            settings.port = value;
            return this;
        }

        /** {@code edge.heartbeatMs}. */
        public Builder heartbeatMs(final int value)
        {
            settings.heartbeatMs = value;
            return this;
        }

        /** {@code edge.maxSymbols}. */
        public Builder maxSymbols(final int value)
        {
            settings.maxSymbols = value;
            return this;
        }

        /** {@code edge.maxFrameBytes}. */
        public Builder maxFrameBytes(final int value)
        {
            settings.maxFrameBytes = value;
            return this;
        }

        /** {@code edge.maxOpsPerSecond}. */
        public Builder maxOpsPerSecond(final int value)
        {
            settings.maxOpsPerSecond = value;
            return this;
        }

        /** {@code edge.shutdownFlushMs}. */
        public Builder shutdownFlushMs(final int value)
        {
            settings.shutdownFlushMs = value;
            return this;
        }

        public Builder serverName(final String value)
        {
            settings.serverName = value;
            return this;
        }

        /** {@code edge.maxQueuedEvents}. */
        public Builder maxQueuedEvents(final int value)
        {
            settings.maxQueuedEvents = value;
            return this;
        }

        /** {@code edge.maxBatchFrameBytes}. */
        public Builder maxBatchFrameBytes(final int value)
        {
            settings.maxBatchFrameBytes = value;
            return this;
        }

        /** {@code edge.flushDelayUs}: 0 = flush at the end of each batch. */
        public Builder flushDelayUs(final int value)
        {
            settings.flushDelayUs = value;
            return this;
        }

        /** {@code edge.writeBufferHighBytes}. */
        public Builder writeBufferHighBytes(final int value)
        {
            settings.writeBufferHighBytes = value;
            return this;
        }

        /** {@code edge.slowConsumerCloseMs}. */
        public Builder slowConsumerCloseMs(final int value)
        {
            settings.slowConsumerCloseMs = value;
            return this;
        }

        /** {@code edge.historySize}. */
        public Builder historySize(final int value)
        {
            settings.historySize = value;
            return this;
        }

        /** {@code edge.pingIntervalMs}: 0 is off. */
        public Builder pingIntervalMs(final int value)
        {
            settings.pingIntervalMs = value;
            return this;
        }

        /** {@code edge.maxConnections}. */
        public Builder maxConnections(final int value)
        {
            settings.maxConnections = value;
            return this;
        }

        /** {@code edge.handshakeTimeoutMs}. */
        public Builder handshakeTimeoutMs(final int value)
        {
            settings.handshakeTimeoutMs = value;
            return this;
        }

        /** {@code edge.compression}. */
        public Builder compression(final boolean value)
        {
            settings.compression = value;
            return this;
        }

        /** {@code edge.tokens}. */
        public Builder tokens(final java.util.List<String> value)
        {
            settings.tokens = java.util.List.copyOf(value);
            return this;
        }

        /** {@code edge.allowedOrigins}. */
        public Builder allowedOrigins(final java.util.List<String> value)
        {
            settings.allowedOrigins = java.util.List.copyOf(value);
            return this;
        }

        /** {@code edge.adminAccess}. */
        public Builder adminAccess(final AdminAccess value)
        {
            settings.adminAccess = java.util.Objects.requireNonNull(value, "edge.adminAccess");
            return this;
        }

        /** {@code edge.adminToken}. */
        public Builder adminToken(final String value)
        {
            settings.adminToken = value == null ? "" : value;
            return this;
        }

        /** {@code server.tlsCert} and {@code server.tlsKey}: both or neither. */
        public Builder tls(final java.nio.file.Path certFile, final java.nio.file.Path keyFile)
        {
            settings.tlsCertFile = certFile;
            settings.tlsKeyFile = keyFile;
            return this;
        }

        /** {@code socketio.enabled}: the Socket.IO compatibility endpoint (docs/compat.md). */
        public Builder socketIo(final boolean value)
        {
            settings.socketIo = value;
            return this;
        }

        /** {@code socketio.port}: 0 (none) or a second port that also serves it. */
        public Builder socketIoPort(final int value)
        {
            settings.socketIoPort = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
        public EdgeConfig build()
        {
            settings.check();
            return new EdgeConfig(settings.copy());
        }
    }
}
