package io.tickstock.publisher;

import io.tickstock.core.ConfigChecks;

/**
 * The WebSocket edge's settings, built and validated once; {@link Builder#build()} throws naming
 * the key and the allowed range. Immutable.
 */
public final class EdgeConfig
{
    private final String host;
    private final int port;
    private final int heartbeatMs;
    private final int maxSymbols;
    private final int maxFrameBytes;
    private final int maxOpsPerSecond;
    private final int shutdownFlushMs;
    private final String serverName;
    private final int maxQueuedEvents;
    private final int maxBatchFrameBytes;
    private final int flushDelayUs;
    private final int writeBufferHighBytes;
    private final int slowConsumerCloseMs;
    private final int historySize;
    private final int pingIntervalMs;
    private final int maxConnections;
    private final int handshakeTimeoutMs;
    private final boolean compression;
    private final java.util.List<String> tokens;
    private final java.util.List<String> allowedOrigins;
    private final AdminAccess adminAccess;
    private final String adminToken;
    private final java.nio.file.Path tlsCertFile;
    private final java.nio.file.Path tlsKeyFile;

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

    private EdgeConfig(final Builder b)
    {
        host = b.host;
        port = b.port;
        heartbeatMs = b.heartbeatMs;
        maxSymbols = b.maxSymbols;
        maxFrameBytes = b.maxFrameBytes;
        maxOpsPerSecond = b.maxOpsPerSecond;
        shutdownFlushMs = b.shutdownFlushMs;
        serverName = b.serverName;
        maxQueuedEvents = b.maxQueuedEvents;
        maxBatchFrameBytes = b.maxBatchFrameBytes;
        flushDelayUs = b.flushDelayUs;
        writeBufferHighBytes = b.writeBufferHighBytes;
        slowConsumerCloseMs = b.slowConsumerCloseMs;
        historySize = b.historySize;
        pingIntervalMs = b.pingIntervalMs;
        maxConnections = b.maxConnections;
        handshakeTimeoutMs = b.handshakeTimeoutMs;
        compression = b.compression;
        tokens = b.tokens;
        allowedOrigins = b.allowedOrigins;
        adminAccess = b.adminAccess;
        adminToken = b.adminToken;
        tlsCertFile = b.tlsCertFile;
        tlsKeyFile = b.tlsKeyFile;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public String host()
    {
        return host;
    }

    /** The port to listen on; 0 picks a free one (see {@link WebSocketEdge#port()}). */
    public int port()
    {
        return port;
    }

    public int heartbeatMs()
    {
        return heartbeatMs;
    }

    public int maxSymbols()
    {
        return maxSymbols;
    }

    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }

    public int maxOpsPerSecond()
    {
        return maxOpsPerSecond;
    }

    public int shutdownFlushMs()
    {
        return shutdownFlushMs;
    }

    public String serverName()
    {
        return serverName;
    }

    /** Events a slow client may have waiting before older ones are dropped (or it is closed with 1013). */
    public int maxQueuedEvents()
    {
        return maxQueuedEvents;
    }

    /**
     * {@code edge.maxBatchFrameBytes}: the events a client matched within one publish-ring batch go
     * out as one frame holding a JSON array, a new frame once one reaches this size.
     */
    public int maxBatchFrameBytes()
    {
        return maxBatchFrameBytes;
    }

    /**
     * {@code edge.flushDelayUs}: how long a client's frame may wait for more events after the batch
     * that started it ended, in µs; 0 flushes at the end of every batch.
     */
    public int flushDelayUs()
    {
        return flushDelayUs;
    }

    /** A client's socket stops taking writes above this many buffered bytes (and resumes below half). */
    public int writeBufferHighBytes()
    {
        return writeBufferHighBytes;
    }

    /** How long a client closed with 1013 has to read its close frame before the connection is dropped. */
    public int slowConsumerCloseMs()
    {
        return slowConsumerCloseMs;
    }

    /** Events kept for {@code resumeFrom}; 0 keeps none. */
    public int historySize()
    {
        return historySize;
    }

    /** Idle time after which the server pings; a second idle period without any frame closes the connection. */
    public int pingIntervalMs()
    {
        return pingIntervalMs;
    }

    public int maxConnections()
    {
        return maxConnections;
    }

    /** How long a connection may take to complete its WebSocket upgrade. */
    public int handshakeTimeoutMs()
    {
        return handshakeTimeoutMs;
    }

    /** Whether permessage-deflate is offered (inflated messages are bounded by maxFrameBytes). */
    public boolean compression()
    {
        return compression;
    }

    /** Bearer tokens that may open /ws; empty: no token needed. */
    public java.util.List<String> tokens()
    {
        return tokens;
    }

    /** Origins allowed to open /ws; empty: any (requests without Origin are always allowed). */
    public java.util.List<String> allowedOrigins()
    {
        return allowedOrigins;
    }

    public AdminAccess adminAccess()
    {
        return adminAccess;
    }

    public String adminToken()
    {
        return adminToken;
    }

    /** PEM certificate chain for TLS, or null for plain ws/http. */
    public java.nio.file.Path tlsCertFile()
    {
        return tlsCertFile;
    }

    /** PEM PKCS#8 private key for TLS, or null. */
    public java.nio.file.Path tlsKeyFile()
    {
        return tlsKeyFile;
    }

    /** Collects settings; each setter names its configuration key. */
    public static final class Builder
    {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int heartbeatMs = 5_000;
        private int maxSymbols = 5_000;
        private int maxFrameBytes = 65_536;
        private int maxOpsPerSecond = 50;
        private int shutdownFlushMs = 5_000;
        private String serverName = "tickstock/0.1.0";
        private int maxQueuedEvents = 10_000;
        private int maxBatchFrameBytes = 65_536;
        private int flushDelayUs;
        private int writeBufferHighBytes = 1 << 20;
        private int slowConsumerCloseMs = 30_000;
        private int historySize = 65_536;
        private int pingIntervalMs = 30_000;
        private int maxConnections = 10_000;
        private int handshakeTimeoutMs = 10_000;
        private boolean compression;
        private java.util.List<String> tokens = java.util.List.of();
        private java.util.List<String> allowedOrigins = java.util.List.of();
        private AdminAccess adminAccess = AdminAccess.LOOPBACK;
        private String adminToken = "";
        private java.nio.file.Path tlsCertFile;
        private java.nio.file.Path tlsKeyFile;

        private Builder()
        {
        }

        /** {@code server.host}. */
        public Builder host(final String value)
        {
            host = value;
            return this;
        }

        /** {@code server.port}: 0..65535 (0 picks a free port). */
        public Builder port(final int value)
        {
            port = value;
            return this;
        }

        /** {@code edge.heartbeatMs}: 100..3,600,000. */
        public Builder heartbeatMs(final int value)
        {
            heartbeatMs = value;
            return this;
        }

        /** {@code edge.maxSymbols}: 1..1,000,000. */
        public Builder maxSymbols(final int value)
        {
            maxSymbols = value;
            return this;
        }

        /** {@code edge.maxFrameBytes}: 256..16,777,216. */
        public Builder maxFrameBytes(final int value)
        {
            maxFrameBytes = value;
            return this;
        }

        /** {@code edge.maxOpsPerSecond}: 1..100,000. */
        public Builder maxOpsPerSecond(final int value)
        {
            maxOpsPerSecond = value;
            return this;
        }

        /** {@code edge.shutdownFlushMs}: 0..600,000. */
        public Builder shutdownFlushMs(final int value)
        {
            shutdownFlushMs = value;
            return this;
        }

        public Builder serverName(final String value)
        {
            serverName = value;
            return this;
        }

        /** {@code edge.maxQueuedEvents}: 16..10,000,000. */
        public Builder maxQueuedEvents(final int value)
        {
            maxQueuedEvents = value;
            return this;
        }

        /** {@code edge.maxBatchFrameBytes}: 1,024..16,777,216. */
        public Builder maxBatchFrameBytes(final int value)
        {
            maxBatchFrameBytes = value;
            return this;
        }

        /** {@code edge.flushDelayUs}: 0..1,000,000 (0 = flush at the end of each batch). */
        public Builder flushDelayUs(final int value)
        {
            flushDelayUs = value;
            return this;
        }

        /** {@code edge.writeBufferHighBytes}: 8,192..1,073,741,824. */
        public Builder writeBufferHighBytes(final int value)
        {
            writeBufferHighBytes = value;
            return this;
        }

        /** {@code edge.slowConsumerCloseMs}: 0..600,000. */
        public Builder slowConsumerCloseMs(final int value)
        {
            slowConsumerCloseMs = value;
            return this;
        }

        /** {@code edge.historySize}: 0..10,000,000. */
        public Builder historySize(final int value)
        {
            historySize = value;
            return this;
        }

        /** {@code edge.pingIntervalMs}: 0 (off) or 100..3,600,000. */
        public Builder pingIntervalMs(final int value)
        {
            pingIntervalMs = value;
            return this;
        }

        /** {@code edge.maxConnections}: 1..1,000,000. */
        public Builder maxConnections(final int value)
        {
            maxConnections = value;
            return this;
        }

        /** {@code edge.handshakeTimeoutMs}: 100..600,000. */
        public Builder handshakeTimeoutMs(final int value)
        {
            handshakeTimeoutMs = value;
            return this;
        }

        /** {@code edge.compression}. */
        public Builder compression(final boolean value)
        {
            compression = value;
            return this;
        }

        /** {@code edge.tokens}. */
        public Builder tokens(final java.util.List<String> value)
        {
            tokens = java.util.List.copyOf(value);
            return this;
        }

        /** {@code edge.allowedOrigins}. */
        public Builder allowedOrigins(final java.util.List<String> value)
        {
            allowedOrigins = java.util.List.copyOf(value);
            return this;
        }

        /** {@code edge.adminAccess}. */
        public Builder adminAccess(final AdminAccess value)
        {
            adminAccess = java.util.Objects.requireNonNull(value, "edge.adminAccess");
            return this;
        }

        /** {@code edge.adminToken}. */
        public Builder adminToken(final String value)
        {
            adminToken = value == null ? "" : value;
            return this;
        }

        /** {@code server.tlsCert} and {@code server.tlsKey}: both or neither. */
        public Builder tls(final java.nio.file.Path certFile, final java.nio.file.Path keyFile)
        {
            tlsCertFile = certFile;
            tlsKeyFile = keyFile;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
        public EdgeConfig build()
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
            return new EdgeConfig(this);
        }

        private static void range(final String key, final long value, final long min, final long max)
        {
            ConfigChecks.range(key, value, min, max);
        }
    }
}
