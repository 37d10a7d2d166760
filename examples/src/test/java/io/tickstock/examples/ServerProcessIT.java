package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged server as a user does ({@code java -jar examples/target/tickstock-server.jar})
 * on the simulator, subscribes with the JDK's WebSocket client, and stops it with SIGTERM: the
 * client must be closed with 1001 and the process must report a clean stop.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerProcessIT
{

    private Process process;

    @AfterEach
    void kill()
    {
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldServeTheSimulatorAndCloseClientsWith1001OnSigterm() throws Exception
    {
        final Path jar = Path.of("target", "tickstock-server.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase built " + jar.toAbsolutePath());
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(),
            "--port", "0", "--symbols", "20", "--rate", "500", "--seed", "7", "--wait-for-subscribers", "1")
            .redirectErrorStream(true)
            .start();
        final ServerOutput lines = ServerOutput.of(process);
        final List<String> seen = new java.util.ArrayList<>();
        final int port = lines.awaitPort(seen);

        final WebSocketTestClient client = WebSocketTestClient.connect(port);
        assertEquals("welcome", client.next(10_000).get("type").asText());
        client.send("{\"op\":\"subscribe\",\"symbols\":[\"SPY\",\"QQQ\"],\"events\":[\"trade\"]}");
        assertEquals("ack", client.nextNonHeartbeat(10_000).get("type").asText());
        final List<JsonNode> trades = client.collect(m -> "event".equals(m.path("type").asText()), 5, 20_000);
        for (final JsonNode trade : trades)
        {
            assertEquals("trade", trade.get("event").asText());
            assertTrue(List.of("SPY", "QQQ").contains(trade.get("symbol").asText()), trade.toString());
            assertEquals("sim", trade.get("src").get("name").asText());
        }

        // SIGTERM through the handle: Process.destroy() would also close our end of its output
        assertTrue(process.toHandle().destroy(), "SIGTERM sent");
        assertEquals(1001, client.awaitClose(20_000).code());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server exits after SIGTERM");
        lines.drainAfterExit(seen);
        final List<String> output = List.copyOf(seen);
        assertTrue(output.contains("shutting down: draining rings, flushing clients"), String.join("\n", output));
        assertTrue(output.stream().anyMatch(l -> l.startsWith("stopped: ")), String.join("\n", output));
        assertEquals(List.of(), client.protocolErrors());
    }
}
