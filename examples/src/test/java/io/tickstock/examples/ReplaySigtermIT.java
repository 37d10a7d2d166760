package io.tickstock.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM in the middle of a replay (issue 7): the packaged server replays a feed file at ten times
 * its recorded pace (5,000 lines a second, 30 s of it) to a client subscribed to everything, and is
 * sent SIGTERM once the client has a few thousand events, with more in the rings, the edge and the
 * socket behind them. The server must stop reading, drain every ring, flush the client and close it
 * with 1001, and print its final accounting. Checked after it exits: every identity of that
 * accounting, the counts against the part of the file that was read (a prefix of it, line for
 * line), and what the client got: every event from id 1 to the last, with no gap, the trades and
 * FMVs of that prefix in feed order.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplaySigtermIT
{
    /** One line every 2 ms of event time, replayed ten times faster: 5,000 lines a second for 30 s. */
    private static final int LINES = 150_000;
    private static final long SPACING_MS = 2;
    private static final String SPEED = "10";
    /** 2023-11-14T15:00:00Z, 10:00 in New York. */
    private static final long T0 = 1_699_974_000_000L;
    private static final int EVENTS_BEFORE_SIGTERM = 5_000;
    private static final String ALL_EVENTS = "[\"trade\",\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]";

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void kill()
    {
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
        }
    }

    /** What each line of the feed is; a record per line, so a line's number is its source sequence. */
    private enum Line
    {
        TRADE, DUPLICATE, FMV, MALFORMED, UNKNOWN
    }

    private static Line kind(final int position)
    {
        if (position % 97 == 0)
        {
            return Line.MALFORMED;
        }
        if (position % 331 == 0)
        {
            return Line.UNKNOWN;
        }
        if (position % 89 == 0)
        {
            return Line.DUPLICATE;
        }
        return position % 53 == 0 ? Line.FMV : Line.TRADE;
    }

    /**
     * Trades of ten symbols in a seeded random walk; every 53rd line an FMV at the symbol's last
     * price (fair, never stale), every 89th a repeat of the previous trade (a duplicate), every 97th
     * not JSON, every 331st an unknown {@code ev}.
     */
    private Path feed() throws Exception
    {
        final Random random = new Random(11);
        final long[] cents = new long[10];
        Arrays.fill(cents, 10_000);
        final List<String> lines = new ArrayList<>(LINES);
        String lastTrade = null;
        for (int position = 1; position <= LINES; position++)
        {
            final int symbol = position % cents.length;
            final long t = T0 + (position - 1) * SPACING_MS;
            switch (kind(position))
            {
                case MALFORMED:
                    lines.add("{\"ev\":\"T\",\"sym\":");
                    break;
                case UNKNOWN:
                    lines.add("{\"ev\":\"Q\",\"sym\":\"S1\"}");
                    break;
                case DUPLICATE:
                    lines.add(lastTrade);
                    break;
                case FMV:
                    lines.add(String.format(Locale.ROOT, "{\"ev\":\"FMV\",\"sym\":\"S%d\",\"fmv\":%d.%02d,\"t\":%d}",
                        symbol, cents[symbol] / 100, cents[symbol] % 100, t * 1_000_000L));
                    break;
                default:
                    cents[symbol] = Math.max(1_000, cents[symbol] + random.nextInt(41) - 20);
                    lastTrade = String.format(Locale.ROOT, "{\"ev\":\"T\",\"sym\":\"S%d\",\"p\":%d.%02d,\"s\":100,\"t\":%d,\"i\":\"%d\",\"x\":4}",
                        symbol, cents[symbol] / 100, cents[symbol] % 100, t, position);
                    lines.add(lastTrade);
                    break;
            }
        }
        final Path file = dir.resolve("minute.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldDrainFlushAndAccountExactlyWhenSigtermLandsMidReplay() throws Exception
    {
        final Path jar = Path.of("target", "tickstock-server.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase built " + jar.toAbsolutePath());
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(),
            "--port", "0", "--replay", feed().toString(), "--speed", SPEED, "--wait-for-subscribers", "1")
            .redirectErrorStream(true)
            .start();
        final ServerOutput output = ServerOutput.of(process);
        final List<String> seen = new ArrayList<>();
        final int port = output.awaitPort(seen);

        final WebSocketTestClient client = WebSocketTestClient.connect(port);
        assertEquals("welcome", client.next(10_000).get("type").asText());
        client.send("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":" + ALL_EVENTS + ",\"snapshot\":false}");
        assertEquals("ack", client.nextNonHeartbeat(10_000).get("type").asText());
        final List<JsonNode> received = new ArrayList<>(
            client.collect(m -> !"heartbeat".equals(m.path("type").asText()), EVENTS_BEFORE_SIGTERM, 30_000));

        assertTrue(process.toHandle().destroy(), "SIGTERM sent");
        assertEquals(1001, client.awaitClose(30_000).code(), "closed as the server shuts down");
        final int beforeSigterm = received.size();
        received.addAll(client.drainReceived());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server exits after SIGTERM");
        assertEquals(143, process.exitValue(), "the JVM's exit status after SIGTERM (128 + 15), shutdown hooks run");
        output.drainAfterExit(seen);
        final String log = String.join("\n", seen);

        seen.stream().filter(l -> l.startsWith("stopped: ") || l.startsWith("accounting: ")).forEach(System.out::println);
        System.out.println("SIGTERM after the client had " + beforeSigterm + " messages; " + (received.size() - beforeSigterm) +
            " more came before the 1001");
        final Accounting accounting = Accounting.parse(seen);
        assertEquals("exact, every ring drained", accounting.verdict, log);
        accounting.assertIdentities(log);
        final long read = accounting.number("source read");
        assertTrue(read > 0 && read < LINES, "SIGTERM landed mid-replay: " + read + " of " + LINES + " lines read\n" + log);
        assertFalse(log.contains("source finished"), log);
        assertTrue(seen.contains("shutting down: draining rings, flushing clients"), log);
        assertTrue(seen.contains("stopped: " + read + " records in, " + accounting.number("events") + " events out, " +
            accounting.number("clients sent") + " messages sent"), log);
        assertPrefixOfTheFile(accounting, (int)read, log);
        assertEverythingFlushed(received, accounting, (int)read);
        assertEquals(List.of(), client.protocolErrors());
    }

    /** The counts are those of the file's first {@code read} lines, and nothing else. */
    private static void assertPrefixOfTheFile(final Accounting accounting, final int read, final String log)
    {
        final Map<Line, Integer> lines = new HashMap<>();
        for (int position = 1; position <= read; position++)
        {
            lines.merge(kind(position), 1, Integer::sum);
        }
        final int trades = lines.getOrDefault(Line.TRADE, 0);
        final int duplicates = lines.getOrDefault(Line.DUPLICATE, 0);
        final int fmvs = lines.getOrDefault(Line.FMV, 0);
        assertEquals((long)lines.getOrDefault(Line.MALFORMED, 0), accounting.number("source malformed"), log);
        assertEquals((long)lines.getOrDefault(Line.UNKNOWN, 0), accounting.number("source unknown_type"), log);
        assertEquals(List.of((long)trades + duplicates, (long)trades, (long)duplicates, 0L),
            accounting.outcomes("tick"), "tick received, accepted, duplicates, rejected\n" + log);
        assertEquals(List.of(0L, 0L, 0L, 0L), accounting.outcomes("ohlcv"), log);
        assertEquals(List.of((long)fmvs, (long)fmvs, 0L, 0L), accounting.outcomes("fmv"), log);
        assertEquals(trades, accounting.number("tick trade"), log);
        assertEquals(fmvs, accounting.number("fmv fmv"), log);
    }

    /**
     * The client got every event from id 1 to the last id, with no gap, each trade and FMV of the
     * prefix once and in feed order (its {@code src.seq} is its line), and then the 1001.
     */
    private static void assertEverythingFlushed(final List<JsonNode> received, final Accounting accounting, final int read)
    {
        final List<Long> tradeLines = new ArrayList<>();
        final List<Long> fmvLines = new ArrayList<>();
        long id = 0;
        for (final JsonNode message : received)
        {
            final String type = message.path("type").asText();
            if ("heartbeat".equals(type))
            {
                continue;
            }
            assertEquals("event", type, message.toString());
            assertEquals(++id, message.path("id").asLong(), "ids follow one another from 1: " + message);
            if ("trade".equals(message.path("event").asText()))
            {
                tradeLines.add(message.path("src").path("seq").asLong());
            }
            else if ("fmv".equals(message.path("event").asText()))
            {
                fmvLines.add(message.path("src").path("seq").asLong());
            }
        }
        assertEquals(accounting.number("last id"), id, "the client got up to the last event");
        assertEquals(accounting.number("clients sent"), id, "and the server counted as sent what the client got");
        final List<Long> expectedTrades = new ArrayList<>();
        final List<Long> expectedFmvs = new ArrayList<>();
        for (int position = 1; position <= read; position++)
        {
            if (kind(position) == Line.TRADE)
            {
                expectedTrades.add((long)position);
            }
            else if (kind(position) == Line.FMV)
            {
                expectedFmvs.add((long)position);
            }
        }
        assertEquals(expectedTrades, tradeLines, "one trade event per trade line read, in feed order");
        assertEquals(expectedFmvs, fmvLines, "one fmv event per FMV line read, in feed order");
    }

    /**
     * The server's final accounting lines read back into numbers: {@code "source read"},
     * {@code "source malformed"}, {@code "tick received"}, {@code "tick trade"} (events by type),
     * {@code "routed"}, {@code "events"}, {@code "published"}, {@code "last id"}, {@code "clients sent"}...
     */
    private static final class Accounting
    {
        private static final Pattern SOURCE = Pattern.compile(
            "accounting: source read (\\d+) = routed (\\d+) \\+ rejected (\\d+) \\((.*)\\)");
        private static final Pattern CHANNEL = Pattern.compile(
            "accounting: (\\w+) received (\\d+) = accepted (\\d+) \\+ duplicates (\\d+) \\+ rejected (\\d+) \\((.*)\\); events (\\d+) \\((.*)\\)");
        private static final Pattern ROUTED = Pattern.compile(
            "accounting: routed (\\d+) = tick (\\d+) \\+ ohlcv (\\d+) \\+ fmv (\\d+) received");
        private static final Pattern EVENTS = Pattern.compile("accounting: events (\\d+) = published (\\d+) = last id (\\d+)");
        private static final Pattern CLIENTS = Pattern.compile("accounting: clients sent (\\d+), conflated (\\d+), dropped (\\d+), " +
            "queued (\\d+); connections opened (\\d+) = closed (\\d+) \\(client sessions (\\d+)\\)");

        final Map<String, Long> numbers = new HashMap<>();
        final Map<String, Long> sums = new HashMap<>();
        String verdict;

        static Accounting parse(final List<String> output)
        {
            final Accounting accounting = new Accounting();
            for (final String line : output)
            {
                if (line.startsWith("accounting: "))
                {
                    accounting.read(line);
                }
            }
            return accounting;
        }

        private void read(final String line)
        {
            Matcher m;
            if ((m = SOURCE.matcher(line)).matches())
            {
                put("source", m, "read", "routed", "rejected");
                sums.put("source rejected", pairs("source", m.group(4)));
            }
            else if ((m = CHANNEL.matcher(line)).matches())
            {
                final String channel = m.group(1);
                numbers.put(channel + " received", Long.parseLong(m.group(2)));
                numbers.put(channel + " accepted", Long.parseLong(m.group(3)));
                numbers.put(channel + " duplicates", Long.parseLong(m.group(4)));
                numbers.put(channel + " rejected", Long.parseLong(m.group(5)));
                sums.put(channel + " rejected", pairs(channel, m.group(6)));
                numbers.put(channel + " events", Long.parseLong(m.group(7)));
                sums.put(channel + " events", pairs(channel, m.group(8)));
            }
            else if ((m = ROUTED.matcher(line)).matches())
            {
                put("", m, "routed", "routed tick", "routed ohlcv", "routed fmv");
            }
            else if ((m = EVENTS.matcher(line)).matches())
            {
                put("", m, "events", "published", "last id");
            }
            else if ((m = CLIENTS.matcher(line)).matches())
            {
                put("", m, "clients sent", "clients conflated", "clients dropped", "clients queued", "opened", "closed", "sessions");
            }
            else
            {
                assertTrue(verdict == null, "one verdict, last: " + line);
                verdict = line.substring("accounting: ".length());
            }
        }

        private void put(final String prefix, final Matcher m, final String... names)
        {
            for (int i = 0; i < names.length; i++)
            {
                numbers.put((prefix.isEmpty() ? "" : prefix + " ") + names[i], Long.parseLong(m.group(i + 1)));
            }
        }

        /** Reads {@code "name 3, other 0"} into numbers under the prefix; returns their sum. */
        private long pairs(final String prefix, final String list)
        {
            long sum = 0;
            for (final String pair : list.split(", "))
            {
                final int space = pair.lastIndexOf(' ');
                final long value = Long.parseLong(pair.substring(space + 1));
                numbers.put(prefix + " " + pair.substring(0, space), value);
                sum += value;
            }
            return sum;
        }

        long number(final String name)
        {
            final Long value = numbers.get(name);
            assertNotNull(value, "no '" + name + "' in the accounting: " + numbers);
            return value;
        }

        /** received, accepted, duplicates, rejected. */
        List<Long> outcomes(final String channel)
        {
            return List.of(number(channel + " received"), number(channel + " accepted"), number(channel + " duplicates"),
                number(channel + " rejected"));
        }

        /** Recomputes every identity from the printed figures, not trusting the server's verdict. */
        void assertIdentities(final String log)
        {
            assertEquals(number("source read"), number("source routed") + number("source rejected"), "read = routed + rejected\n" + log);
            assertEquals(number("source rejected"), (long)sums.get("source rejected"), "source rejects by reason\n" + log);
            long received = 0;
            long events = 0;
            for (final String channel : List.of("tick", "ohlcv", "fmv"))
            {
                assertEquals(number(channel + " received"),
                    number(channel + " accepted") + number(channel + " duplicates") + number(channel + " rejected"), channel + "\n" + log);
                assertEquals(number(channel + " rejected"), (long)sums.get(channel + " rejected"), channel + " by reason\n" + log);
                assertEquals(number(channel + " events"), (long)sums.get(channel + " events"), channel + " events by type\n" + log);
                assertEquals(number(channel + " received"), number("routed " + channel), log);
                received += number(channel + " received");
                events += number(channel + " events");
            }
            assertEquals(number("source routed"), number("routed"), log);
            assertEquals(number("routed"), received, "routed = received by the channels\n" + log);
            assertEquals(events, number("events"), log);
            assertEquals(number("events"), number("published"), log);
            assertEquals(number("published"), number("last id"), log);
            assertEquals(List.of(0L, 0L, 0L), List.of(number("clients conflated"), number("clients dropped"), number("clients queued")), log);
            assertEquals(number("opened"), number("closed"), log);
            assertEquals(1, number("sessions"), log);
        }
    }
}
