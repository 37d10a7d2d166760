package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.core.source.RecordSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replaying an NDJSON file: line splitting, long lines, stop, settings. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplaySourceTest
{
    private static final long T0 = 1_699_974_000_000L;

    @TempDir
    Path dir;

    /** Records "symbol@sequence" for records and the reason for rejects. */
    static class Recording implements RecordSink<FeedRecord>
    {
        final List<String> log = new ArrayList<>();

        @Override
        public void publish(final FeedRecord record)
        {
            log.add(record.symbol + "@" + record.srcSeq + " " + record.srcName);
        }

        @Override
        public void reject(final String reason)
        {
            log.add(reason);
        }
    }

    private static String trade(final String symbol, final long time)
    {
        return "{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"p\":10,\"s\":1,\"t\":" + time + "}";
    }

    private Path write(final String content) throws IOException
    {
        final Path file = dir.resolve("feed.ndjson");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldDecodeEveryLineWhateverItsEndingIncludingALastLineWithoutNewline() throws IOException
    {
        final Path file = write(trade("A", T0) + "\n" + trade("B", T0) + "\r\n\r\n\n" + "oops\n" + trade("C", T0));
        final Recording sink = new Recording();

        ReplaySource.builder(file).speed(0).build().run(sink);

        assertEquals(List.of("A@1 replay", "B@2 replay", "malformed", "C@4 replay"), sink.log);
    }

    @Test
    void shouldDecodeALineLongerThanItsReadBuffer() throws IOException
    {
        final StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 2_000; i++)
        {
            array.append(i == 0 ? "" : ",").append(trade("LONG", T0 + i));
        }
        array.append(']');
        final Path file = write(trade("A", T0) + "\n" + array + "\n" + trade("B", T0) + "\n");
        final Recording sink = new Recording();

        ReplaySource.builder(file).speed(0).build().run(sink);

        assertEquals(2_002, sink.log.size());
        assertEquals("A@1 replay", sink.log.get(0));
        assertEquals("LONG@2 replay", sink.log.get(1));
        assertEquals("LONG@2001 replay", sink.log.get(2_000));
        assertEquals("B@2002 replay", sink.log.get(2_001));
    }

    @Test
    void shouldDeliverEverythingInOrderWhenPaced() throws IOException
    {
        final Path file = write(trade("A", T0) + "\n" + trade("B", T0 + 5) + "\n" + trade("C", T0 + 10) + "\n");
        final Recording sink = new Recording();

        ReplaySource.builder(file).speed(1_000).build().run(sink);

        assertEquals(List.of("A@1 replay", "B@2 replay", "C@3 replay"), sink.log);
    }

    @Test
    void shouldStampAPacedRecordWhenItIsHandedOnAfterItsWait() throws IOException
    {
        // B is 5 s of event time after A: at speed 2 it waits 2.5 s; C, on D's line, is due with B; D 0.5 s later
        final Path file = write(trade("A", T0) + "\n" + trade("B", T0 + 5_000) + "\n" +
            "[" + trade("C", T0 + 5_000) + "," + trade("D", T0 + 6_000) + "]\n");
        final WaitOnlyClock clock = new WaitOnlyClock();
        final List<String> stamps = new ArrayList<>();
        final RecordSink<FeedRecord> sink = new Recording()
        {
            @Override
            public void publish(final FeedRecord record)
            {
                stamps.add(record.symbol + " +" + (record.recvUs - WaitOnlyClock.START_US));
            }
        };

        ReplaySource.builder(file).speed(2).clock(clock).build().run(sink);

        assertEquals(List.of("A +0", "B +2500000", "C +2500000", "D +3000000"), stamps,
            "stamped after the wait, not when the line was read (B and D were read at +0 and +2500000)");
        assertEquals(3_000_000_000L, clock.nowNs);
        assertEquals(60, clock.parks, "waits of at most 50 ms");
    }

    /** Time that moves only while the replay waits, by as much as it asked. */
    private static final class WaitOnlyClock implements ReplaySource.Clock
    {
        static final long START_US = 1_800_000_000_000_000L;
        long nowNs;
        int parks;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }

        @Override
        public long epochMicros()
        {
            return START_US + nowNs / 1_000;
        }

        @Override
        public void parkNanos(final long nanos)
        {
            nowNs += nanos;
            parks++;
        }
    }

    @Test
    void shouldGoOnAfterTheLastLineHandedOnWhenRunAgainAfterAFailure() throws IOException
    {
        final Path file = write(trade("A", T0) + "\n" + "oops\n" + trade("B", T0) + "\n" + trade("C", T0) + "\n" +
            trade("D", T0) + "\n" + trade("E", T0));
        final ReplaySource source = ReplaySource.builder(file).speed(0).build();
        final Recording sink = new Recording()
        {
            private boolean failed;

            @Override
            public void publish(final FeedRecord record)
            {
                if (record.symbol.equals("C") && !failed)
                {
                    failed = true;
                    throw new IllegalStateException("downstream failure on C");
                }
                super.publish(record);
            }
        };

        assertThrows(IllegalStateException.class, () -> source.run(sink));
        assertEquals(List.of("A@1 replay", "malformed", "B@3 replay"), sink.log);
        source.run(sink);

        assertEquals(List.of("A@1 replay", "malformed", "B@3 replay", "C@4 replay", "D@5 replay", "E@6 replay"), sink.log,
            "the line that failed is read again, the ones before it are not; the sequence goes on");
    }

    @Test
    void shouldReadNothingOnceStopped() throws IOException
    {
        final Path file = write(trade("A", T0) + "\n");
        final ReplaySource source = ReplaySource.builder(file).speed(0).build();
        final Recording sink = new Recording();

        source.stop();
        source.run(sink);

        assertEquals(List.of(), sink.log);
    }

    @Test
    void shouldFailForAMissingFile()
    {
        final ReplaySource source = ReplaySource.builder(dir.resolve("missing.ndjson")).speed(0).build();

        assertThrows(NoSuchFileException.class, () -> source.run(new Recording()));
    }

    @Test
    void shouldRejectANegativeOrNonFiniteSpeedNamingTheKey()
    {
        for (final double speed : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ReplaySource.builder(dir.resolve("x")).speed(speed).build());
            assertTrue(ex.getMessage().startsWith("replay.speed"), ex.getMessage());
        }
        assertEquals("replay", ReplaySource.builder(dir.resolve("x")).build().name(), "the default name");
        assertEquals("file", ReplaySource.builder(dir.resolve("x")).name("file").build().name());
    }
}
