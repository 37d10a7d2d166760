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
            return new EdgeConfig(this);
        }

        private static void range(final String key, final long value, final long min, final long max)
        {
            ConfigChecks.range(key, value, min, max);
        }
    }
}
