package io.tickstock.benchmarks.load;

import java.io.IOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts the example server as a process of its own ({@code java -jar tickstock-server.jar
 * --config FILE}) on a free port of 127.0.0.1, with its output in {@code server.log}, and stops it
 * with SIGTERM (the server drains and closes its clients with 1001).
 */
final class ServerLauncher
{
    private final Process process;
    private final Path log;
    final int port;

    private ServerLauncher(final Process process, final Path log, final int port)
    {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param jvmOptions JVM flags, split at spaces.
     * @param settings   the server's configuration keys (docs/configuration.md).
     */
    static ServerLauncher start(final Path jar, final String jvmOptions, final Properties settings, final Path outDir)
        throws IOException, InterruptedException
    {
        if (!Files.isReadable(jar))
        {
            throw new IllegalArgumentException("--server-jar: cannot read '" + jar + "'; build it first with "
                + "'./mvnw -pl examples -am package -DskipTests', or give --target ws://HOST:PORT/ws for a running server");
        }
        final int port = freePort();
        final Properties config = new Properties();
        config.putAll(settings);
        config.setProperty("server.host", "127.0.0.1");
        config.setProperty("server.port", Integer.toString(port));
        final Path configFile = outDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8))
        {
            config.store(out, "written by the TickStock load harness");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String option : jvmOptions.trim().split("\\s+"))
        {
            if (!option.isEmpty())
            {
                command.add(option);
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        command.add("--config");
        command.add(configFile.toString());
        final Path log = outDir.resolve("server.log");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final ServerLauncher server = new ServerLauncher(process, log, port);
        server.awaitListening();
        return server;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    /** Waits until the server answers HTTP on its port (any status: it may wait for subscribers). */
    private void awaitListening() throws IOException, InterruptedException
    {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final URI health = URI.create("http://127.0.0.1:" + port + "/health");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            if (!process.isAlive())
            {
                throw new IOException("the server exited with " + process.exitValue() + " before listening; its output:\n" + tail());
            }
            try
            {
                http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                return;
            }
            catch (final ConnectException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IOException("the server did not listen on 127.0.0.1:" + port + " within 60 s; its output:\n" + tail());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /**
     * Waits until {@code /health} answers 200, which the example server does once its source has
     * started (60 s at most).
     *
     * @return System.nanoTime() of the first 200.
     */
    long awaitReady() throws IOException, InterruptedException
    {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final URI health = URI.create("http://127.0.0.1:" + port + "/health");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() != 200)
        {
            if (!process.isAlive() || System.nanoTime() > deadline)
            {
                throw new IOException("the server's feed did not start (/health not 200) within 60 s; its output:\n" + tail());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return System.nanoTime();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    long pid()
    {
        return process.pid();
    }

    /** The last lines the server printed. */
    String tail()
    {
        try
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(cannot read " + log + ": " + ex.getMessage() + ")";
        }
    }

    /** SIGTERM, then waits up to 30 s; kills it if it has not stopped. */
    void close() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    int exitCode()
    {
        return process.isAlive() ? -1 : process.exitValue();
    }
}
