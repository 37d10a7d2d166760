package io.tickstock.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldUseTheDocumentedDefaults()
    {
        final ServerConfig config = ServerConfig.defaultConfig();
        assertEquals("127.0.0.1", config.edgeConfig().host());
        assertEquals(8080, config.edgeConfig().port());
        assertEquals(5000, config.edgeConfig().heartbeatMs());
        assertEquals(8000, config.integer("simulator.symbols", 1, 456_976));
        assertEquals(20000, config.integer("simulator.rate", 1, 10_000_000));
        assertEquals(60_000, config.marketConfig().tickDedupWindowMs());
        assertEquals(16, config.marketConfig().ohlcvRetainedBars());
        assertEquals(5_000_000, config.marketConfig().fmvOutlierPct());
        assertEquals("blocking", config.marketConfig().waitStrategy().configName());
    }

    @Test
    void shouldLoadAFileAndLetOptionsOverrideIt() throws Exception
    {
        final Path file = dir.resolve("tickstock.properties");
        Files.writeString(file, "server.port = 9001\nsimulator.rate=500\nfmv.outlierPct=2.5\npriority.boost.SPY=1\n",
            StandardCharsets.UTF_8);
        final ServerConfig config = ServerConfig.load(file).with(Map.of("simulator.rate", "700"));
        assertEquals(9001, config.edgeConfig().port());
        assertEquals(700, config.integer("simulator.rate", 1, 10_000_000));
        assertEquals(2_500_000, config.marketConfig().fmvOutlierPct());
        assertEquals(2, config.marketConfig().priorities().priority(io.tickstock.channels.EventType.BAR, "SPY"));
        assertEquals(3, config.marketConfig().priorities().priority(io.tickstock.channels.EventType.BAR, "IBM"));
    }

    @Test
    void shouldRejectAnUnknownKeySuggestingTheNearestOne()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ServerConfig.of(Map.of("simulator.symbol", "10")));
        assertEquals("unknown configuration key 'simulator.symbol'; did you mean 'simulator.symbols'?", error.getMessage());
    }

    @Test
    void shouldNameTheKeyAndTheAllowedRangeOfABadValue()
    {
        assertEquals("server.port: 70000 is out of range; allowed: 0..65535",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("server.port", "70000"))).getMessage());
        assertEquals("simulator.rate: 'fast' is not an integer; allowed: 1..10000000",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("simulator.rate", "fast"))).getMessage());
        assertEquals("tick.ringSize: 1000 is not allowed; allowed: a power of two from 64 to 67108864",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("tick.ringSize", "1000"))).getMessage());
        assertEquals("publish.ringSize: 'big' is not allowed; allowed: a power of two from 64 to 67108864",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("publish.ringSize", "big"))).getMessage());
        assertEquals("pipeline.waitStrategy: 'spin' is not a wait strategy; allowed: blocking, sleeping, yielding, busy-spin",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("pipeline.waitStrategy", "spin"))).getMessage());
        assertEquals("priority.high: 4 is out of range; allowed: 0..3",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("priority.high", "4"))).getMessage());
        assertEquals("fmv.outlierPct: '-1' is not allowed; allowed: a percentage from 0.000001 to 100 with at most 6 decimals",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("fmv.outlierPct", "-1"))).getMessage());
        assertEquals("replay.speed: -2 is out of range; allowed: 0 or more",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("replay.speed", "-2"))).getMessage());
    }

    @Test
    void shouldValidateTheEdgeKeys()
    {
        final ServerConfig config = ServerConfig.of(Map.of("edge.tokens", "a, b ,", "edge.allowedOrigins", "https://app.example",
            "edge.adminAccess", "token", "edge.adminToken", "adm", "edge.compression", "true", "edge.historySize", "0"));
        assertEquals(java.util.List.of("a", "b"), config.edgeConfig().tokens());
        assertEquals(java.util.List.of("https://app.example"), config.edgeConfig().allowedOrigins());
        assertEquals(io.tickstock.publisher.EdgeConfig.AdminAccess.TOKEN, config.edgeConfig().adminAccess());
        assertEquals(true, config.edgeConfig().compression());
        assertEquals(0, config.edgeConfig().historySize());
        assertEquals("edge.compression: 'yes' is not allowed; allowed: true, false",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("edge.compression", "yes"))).getMessage());
        assertEquals("edge.adminAccess: 'open' is not allowed; allowed: any, loopback, token",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("edge.adminAccess", "open"))).getMessage());
        assertEquals("edge.adminToken: must be set when edge.adminAccess is token",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("edge.adminAccess", "token"))).getMessage());
        assertEquals("server.tlsCert and server.tlsKey: set both or neither",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("server.tlsCert", "/etc/x.pem"))).getMessage());
        assertEquals("edge.maxQueuedEvents: 8 is out of range; allowed: 16..10000000",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("edge.maxQueuedEvents", "8"))).getMessage());
        assertEquals("unknown configuration key 'edge.maxConnection'; did you mean 'edge.maxConnections'?",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("edge.maxConnection", "8"))).getMessage());
    }

    @Test
    void shouldSayWhichAddressIsTakenWhenThePortIsInUse() throws Exception
    {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1")))
        {
            final ServerConfig config = ServerConfig.of(Map.of("server.port", Integer.toString(taken.getLocalPort()),
                "server.summaryIntervalS", "0"));
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TickStockApp.start(config, System.out));
            assertEquals("server.port: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
                error.getMessage());
        }
    }

    @Test
    void shouldRefuseAReplayFileThatCannotBeRead()
    {
        final TickStockServer server = new TickStockServer();
        server.replay = dir.resolve("missing.ndjson");
        server.port = 0;
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> TickStockApp.start(server.resolve(), System.out));
        assertEquals("replay.file: cannot read '" + server.replay + "': not a readable file", error.getMessage());
    }
}
