package io.tickstock.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadinessCheckTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private List<String> lines()
    {
        return Arrays.asList(output.toString(StandardCharsets.UTF_8).split("\n"));
    }

    private int check(final Map<String, String> config)
    {
        return new ReadinessCheck(new PrintStream(output, true, StandardCharsets.UTF_8)).run(() -> ServerConfig.of(config));
    }

    @Test
    void shouldPassEveryCheckForAGoodConfigurationOnAFreePort()
    {
        final int exit = check(Map.of("server.port", "0"));
        assertEquals(0, exit, output.toString(StandardCharsets.UTF_8));
        assertTrue(lines().stream().allMatch(line -> line.startsWith("[PASS] ") || line.matches("\\d+ passed, 0 failed")), lines().toString());
        assertEquals("7 passed, 0 failed", lines().get(lines().size() - 1));
    }

    @Test
    void shouldFailNamingThePortWhenItIsTaken() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            final int exit = check(Map.of("server.port", Integer.toString(taken.getLocalPort())));
            assertEquals(1, exit);
            assertTrue(lines().stream().anyMatch(line ->
                line.startsWith("[FAIL] server.port: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")), lines().toString());
            assertEquals("6 passed, 1 failed", lines().get(lines().size() - 1));
        }
    }

    @Test
    void shouldFailOnUnreadableFilesAndStopAtABadConfiguration()
    {
        final Path missing = dir.resolve("missing.ndjson");
        assertEquals(1, check(Map.of("server.port", "0", "server.tlsCert", missing.toString(), "server.tlsKey", missing.toString())));
        assertTrue(lines().contains("[FAIL] server.tlsCert: cannot read '" + missing + "'"), lines().toString());
        assertTrue(lines().contains("[FAIL] server.tlsKey: cannot read '" + missing + "'"), lines().toString());

        output.reset();
        assertEquals(1, check(Map.of("tick.ringSize", "1000")));
        assertEquals(List.of("[FAIL] configuration: tick.ringSize: 1000 is not allowed; allowed: a power of two from 64 to 67108864",
            "0 passed, 1 failed"), lines());
    }

    @Test
    void shouldFailWhenTheHeapCannotHoldTheRings()
    {
        assertEquals(1, check(Map.of("server.port", "0", "tick.ringSize", "67108864")));
        assertTrue(lines().stream().anyMatch(line -> line.startsWith("[FAIL] memory: about ")), lines().toString());
    }

    @Test
    void shouldCountTheTickStateAtTheSimulatorsRateInTheHeapItNeeds()
    {
        // 10,000,000 records/s: 120 s of keys and history, about 54 GB, more than any test heap
        assertEquals(1, check(Map.of("server.port", "0", "simulator.rate", "10000000")));
        final String expected = "tick state at the simulator's 10000000 records/s " +
            (10_000_000L * ReadinessCheck.STATE_BYTES_PER_TRADE_PER_SECOND >> 20) + " MiB";
        assertTrue(lines().stream().anyMatch(line -> line.startsWith("[FAIL] memory: about ") && line.contains(expected)),
            lines().toString());
    }

    @Test
    void shouldCheckAnIngestNodesUdpPortsAndItsDirectories() throws Exception
    {
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0, InetAddress.getByName("127.0.0.1")))
        {
            final int port = taken.getLocalPort() - 1;
            final Path archive = dir.resolve("archive");
            assertEquals(1, check(Map.of("server.port", "0", "cluster.role", "ingest", "cluster.endpoint", "127.0.0.1:" + port,
                "cluster.archiveDir", archive.toString())));
            assertTrue(lines().stream().anyMatch(line -> line.startsWith("[FAIL] cluster.endpoint (recording control, PORT+1): cannot bind UDP 127.0.0.1:" +
                taken.getLocalPort() + ": ")), lines().toString());
            assertTrue(lines().contains("[PASS] cluster.archiveDir: " + archive + " can be made"), lines().toString());
            assertTrue(lines().contains("[PASS] cluster.aeronDir: a fresh directory per process, removed on exit"), lines().toString());
        }
    }
}
