package io.tickstock.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A started server process's output lines as they come, read by a daemon thread until the process
 * ends: for the tests that run the packaged jar.
 */
final class ServerOutput
{
    private static final Pattern LISTENING = Pattern.compile("TickStock listening on ws://127\\.0\\.0\\.1:(\\d+)/ws.*");

    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ServerOutput(final Process server)
    {
        reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignored)
            {
                // the process ended
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading the process's output. */
    static ServerOutput of(final Process server)
    {
        return new ServerOutput(server);
    }

    /** Waits (30 s at most per line) for the line saying where the server listens; every line read goes to {@code seen}. */
    int awaitPort(final List<String> seen) throws InterruptedException
    {
        while (true)
        {
            final String line = lines.poll(30, TimeUnit.SECONDS);
            assertNotNull(line, "the server printed where it listens: " + seen);
            seen.add(line);
            final Matcher matcher = LISTENING.matcher(line);
            if (matcher.matches())
            {
                return Integer.parseInt(matcher.group(1));
            }
        }
    }

    /** Once the process has exited: waits until its output is read to the end, then moves every line left to {@code seen}. */
    void drainAfterExit(final List<String> seen) throws InterruptedException
    {
        reader.join(5_000);
        lines.drainTo(seen);
    }
}
