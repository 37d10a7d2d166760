package io.tickstock.examples;

import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.feed.SourceKeys;
import io.tickstock.channels.monitor.AlertConfig.Rule;
import io.tickstock.channels.monitor.AlertConfig;
import io.tickstock.core.alert.Severity;
import io.tickstock.core.source.SourceRestartPolicy;
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
        assertEquals(8000, config.integer(SourceKeys.SIMULATOR_SYMBOLS));
        assertEquals(20000, config.integer(SourceKeys.SIMULATOR_RATE));
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
        assertEquals(700, config.integer(SourceKeys.SIMULATOR_RATE));
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
        assertEquals("pipeline.waitStrategy: 'spin' is not a wait strategy; allowed: blocking, lite-blocking, sleeping, yielding, busy-spin",
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
    void shouldUseTheDocumentedAlertDefaults()
    {
        final AlertConfig alerts = ServerConfig.defaultConfig().alertConfig();
        assertEquals(1000, alerts.evaluateMs());
        assertEquals(0, alerts.heapBudgetBytes());
        assertEquals(60, alerts.rejectsWindowS());
        assertEquals(null, alerts.webhookUrl());
        assertEquals(new Rule(true, 50, 30, Severity.WARNING, 60), alerts.rule("e2eP99"));
        assertEquals(new Rule(true, 80, 10, Severity.WARNING, 60), alerts.rule("ringWarn"));
        assertEquals(new Rule(true, 95, 10, Severity.ERROR, 60), alerts.rule("ringError"));
        assertEquals(new Rule(true, 0, 5, Severity.CRITICAL, 60), alerts.rule("stalled"));
        assertEquals(new Rule(true, 5, 0, Severity.WARNING, 60), alerts.rule("rejects"));
        assertEquals(new Rule(true, 0, 30, Severity.WARNING, 60), alerts.rule("heap"));
        for (final String id : AlertConfig.RULES)
        {
            assertEquals(alerts.rule(id), AlertConfig.defaults().rule(id), "the embedding defaults are the same");
        }
    }

    @Test
    void shouldUseTheDocumentedRecoveryDefaults()
    {
        final ServerConfig config = ServerConfig.defaultConfig();
        final SourceRestartPolicy restart = config.marketConfig().sourceRestart();
        assertEquals(SourceRestartPolicy.defaults().toString(), restart.toString(), "the embedding defaults are the same");
        assertEquals(true, restart.enabled());
        assertEquals(500, restart.initialBackoffMs());
        assertEquals(30_000, restart.maxBackoffMs());
        assertEquals(0.2, restart.jitter());
        assertEquals(0, restart.maxAttempts());
        assertEquals(100, config.marketConfig().quarantineSize());
        assertEquals(MarketConfig.defaults().quarantineSize(), config.marketConfig().quarantineSize());
        final AlertConfig alerts = config.alertConfig();
        assertEquals(new Rule(true, 0, 0, Severity.WARNING, 60), alerts.rule("ringFullWaits"));
        assertEquals(new Rule(true, 0, 0, Severity.ERROR, 60), alerts.rule("sourceFailures"));
        assertEquals(60, alerts.sourceFailuresWindowS());
    }

    @Test
    void shouldApplyTheRecoveryKeys()
    {
        final ServerConfig config = ServerConfig.of(Map.of(
            "source.restart.enabled", "false", "source.restart.initialBackoffMs", "250", "source.restart.maxBackoffMs", "4000",
            "source.restart.jitter", "0.125", "source.restart.maxAttempts", "12", "pipeline.quarantineSize", "0",
            "alert.sourceFailures.windowS", "300", "alert.ringFullWaits.enabled", "false", "alert.sourceFailures.forS", "5"));
        final SourceRestartPolicy restart = config.marketConfig().sourceRestart();
        assertEquals(false, restart.enabled());
        assertEquals(250, restart.initialBackoffMs());
        assertEquals(4_000, restart.maxBackoffMs());
        assertEquals(0.125, restart.jitter());
        assertEquals(12, restart.maxAttempts());
        assertEquals(0, config.marketConfig().quarantineSize());
        assertEquals(300, config.alertConfig().sourceFailuresWindowS());
        assertEquals(false, config.alertConfig().rule("ringFullWaits").enabled());
        assertEquals(5, config.alertConfig().rule("sourceFailures").forS());
    }

    @Test
    void shouldNameTheKeyTheValueAndTheAllowedRangeOfABadRecoveryValue()
    {
        assertEquals("source.restart.jitter: '1.5' is not allowed; allowed: a fraction from 0 to 1 with at most 6 decimals",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("source.restart.jitter", "1.5"))).getMessage());
        assertEquals("source.restart.initialBackoffMs: 0 is out of range; allowed: 1..3600000",
            assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.of(Map.of("source.restart.initialBackoffMs", "0"))).getMessage());
        assertEquals("source.restart.maxBackoffMs: 100 is out of range; allowed: 500..3600000",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("source.restart.maxBackoffMs", "100"))).getMessage());
        assertEquals("source.restart.maxAttempts: 'many' is not an integer; allowed: 0..1000000",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("source.restart.maxAttempts", "many"))).getMessage());
        assertEquals("source.restart.enabled: 'yes' is not allowed; allowed: true, false",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("source.restart.enabled", "yes"))).getMessage());
        assertEquals("pipeline.quarantineSize: 100001 is out of range; allowed: 0..100000",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("pipeline.quarantineSize", "100001"))).getMessage());
        assertEquals("alert.sourceFailures.windowS: 0 is out of range; allowed: 1..86400",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.sourceFailures.windowS", "0"))).getMessage());
        assertEquals("unknown configuration key 'source.restart.jiter'; did you mean 'source.restart.jitter'?",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("source.restart.jiter", "0.1"))).getMessage());
    }

    @Test
    void shouldApplyTheAlertKeys()
    {
        final AlertConfig alerts = ServerConfig.of(Map.of(
            "alert.e2eP99.thresholdMs", "0.25", "alert.e2eP99.forS", "0", "alert.e2eP99.severity", "critical",
            "alert.e2eP99.cooldownS", "0", "alert.ringWarn.enabled", "false", "alert.rejects.thresholdPct", "12.5",
            "alert.rejects.windowS", "10", "monitor.heapBudgetBytes", "1073741824", "alert.evaluateMs", "100",
            "alert.webhookUrl", "https://hooks.example.com/tickstock")).alertConfig();
        assertEquals(new Rule(true, 0.25, 0, Severity.CRITICAL, 0), alerts.rule("e2eP99"));
        assertEquals(false, alerts.rule("ringWarn").enabled());
        assertEquals(12.5, alerts.rule("rejects").threshold());
        assertEquals(10, alerts.rejectsWindowS());
        assertEquals(1L << 30, alerts.heapBudgetBytes());
        assertEquals(100, alerts.evaluateMs());
        assertEquals("https://hooks.example.com/tickstock", alerts.webhookUrl().toString());
    }

    @Test
    void shouldNameTheKeyAndTheAllowedValuesOfABadAlertSetting()
    {
        assertEquals("alert.e2eP99.severity: 'fatal' is not allowed; allowed: info, warning, error, critical",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.e2eP99.severity", "fatal"))).getMessage());
        assertEquals("alert.e2eP99.thresholdMs: '-1' is not allowed; allowed: milliseconds from 0 to 3600000 with at most 6 decimals",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.e2eP99.thresholdMs", "-1"))).getMessage());
        assertEquals("alert.ringError.thresholdPct: '120' is not allowed; allowed: a percentage from 0 to 100 with at most 6 decimals",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.ringError.thresholdPct", "120")))
                .getMessage());
        assertEquals("alert.stalled.forS: 90000 is out of range; allowed: 0..86400",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.stalled.forS", "90000"))).getMessage());
        assertEquals("alert.heap.cooldownS: 'soon' is not an integer; allowed: 0..86400",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.heap.cooldownS", "soon"))).getMessage());
        assertEquals("alert.rejects.enabled: 'yes' is not allowed; allowed: true, false",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.rejects.enabled", "yes"))).getMessage());
        assertEquals("alert.rejects.windowS: 0 is out of range; allowed: 1..86400",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.rejects.windowS", "0"))).getMessage());
        assertEquals("monitor.heapBudgetBytes: -1 is out of range; allowed: 0..9223372036854775807",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("monitor.heapBudgetBytes", "-1"))).getMessage());
        assertEquals("alert.evaluateMs: 5 is out of range; allowed: 10..3600000",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.evaluateMs", "5"))).getMessage());
        assertEquals("alert.webhookUrl: 'ftp://hooks.example.com/x' is not allowed; allowed: an http:// or https:// URL with a host, " +
            "or empty for none", assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.of(Map.of("alert.webhookUrl", "ftp://hooks.example.com/x"))).getMessage());
        assertEquals("alert.webhookUrl: 'hooks.example.com' is not allowed; allowed: an http:// or https:// URL with a host, " +
            "or empty for none", assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.of(Map.of("alert.webhookUrl", "hooks.example.com"))).getMessage());
        assertEquals("unknown configuration key 'alert.e2eP99.threshold'; did you mean 'alert.e2eP99.thresholdMs'?",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.e2eP99.threshold", "5"))).getMessage());
        assertEquals("unknown configuration key 'alert.stalled.thresholdPct'; did you mean 'alert.rejects.thresholdPct'?",
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.of(Map.of("alert.stalled.thresholdPct", "5"))).getMessage(),
            "the stalled and heap rules have no threshold key");
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
