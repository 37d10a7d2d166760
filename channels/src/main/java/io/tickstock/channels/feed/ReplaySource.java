package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.RecordKind;
import io.tickstock.core.EpochClock;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays an NDJSON feed file (one JSON object or array per line), paced by the records' event
 * times: speed 1 replays as recorded, 10 ten times faster, 0 as fast as the pipeline takes it.
 * Each record is stamped with its receive time ({@code recvUs}) when it is handed on: as fast as
 * possible, when its line is read; paced, after its wait, so that {@code source_to_channel}
 * (docs/observability.md) does not count the pacing as latency.
 *
 * <p>A run that follows a failed one (the pipeline restarts a source whose run threw, for example
 * on an I/O error) reopens the file and goes on after the last line the failed run handed on,
 * with the same source sequence numbers, so no record is read twice; the line it failed on is
 * read again. Reaching the end of the file is not a failure: the run returns.
 *
 * <p>Thread-safe for {@link #stop()}; {@link #run} runs on the source's thread.
 */
public final class ReplaySource implements Source<FeedRecord>
{
    private static final long MAX_WAIT_NS = 50_000_000L;

    private final String name;
    private final Path file;
    private final double speed;
    private final Clock clock;
    private volatile boolean stopped;
    /** Lines handed on by the runs so far: a run after a failed one skips them. Source thread only. */
    private long linesDone;
    /** The decoder's position after those lines: a run after a failed one goes on numbering from it. */
    private long positionDone;

    private ReplaySource(final Builder b)
    {
        this.name = b.name;
        this.file = b.file;
        this.speed = b.speed;
        this.clock = b.clock;
    }

    /**
     * A replay of {@code file} with the defaults of the {@code replay.*} keys
     * (docs/configuration.md): named {@code replay}, at speed 1 (as recorded). For example
     * {@code ReplaySource.builder(Path.of("feed.ndjson")).speed(0).build()} replays as fast as the
     * pipeline takes it.
     */
    public static Builder builder(final Path file)
    {
        return new Builder(file);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void stop()
    {
        stopped = true;
    }

    @Override
    public void run(final RecordSink<FeedRecord> sink) throws IOException
    {
        final FeedDecoder decoder = new FeedDecoder(name, positionDone);
        final PacingSink paced = new PacingSink(sink);
        final long skip = linesDone;
        long line = 0;
        try (InputStream in = Files.newInputStream(file))
        {
            byte[] buffer = new byte[64 * 1024];
            int filled = 0;
            int read;
            while (!stopped && (read = in.read(buffer, filled, buffer.length - filled)) >= 0)
            {
                filled += read;
                int lineStart = 0;
                for (int i = 0; i < filled && !stopped; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        if (line++ >= skip)
                        {
                            decodeLine(decoder, buffer, lineStart, i, paced);
                            linesDone = line;
                            positionDone = decoder.position();
                        }
                        lineStart = i + 1;
                    }
                }
                filled -= lineStart;
                System.arraycopy(buffer, lineStart, buffer, 0, filled);
                if (filled == buffer.length)
                {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            if (!stopped && filled > 0 && line++ >= skip)
            {
                decodeLine(decoder, buffer, 0, filled, paced);
                linesDone = line;
                positionDone = decoder.position();
            }
        }
    }

    private void decodeLine(final FeedDecoder decoder, final byte[] buffer, final int start, final int end, final RecordSink<FeedRecord> sink)
    {
        int last = end;
        if (last > start && buffer[last - 1] == '\r')
        {
            last--;
        }
        decoder.decode(buffer, start, last - start, clock.epochMicros(), sink);
    }

    /**
     * Waits before each record until its event time, scaled by the speed, has come, then stamps it
     * with the time it is handed on (the line's read time would count the wait).
     */
    private final class PacingSink implements RecordSink<FeedRecord>
    {
        private final RecordSink<FeedRecord> next;
        private long firstEventMs = Long.MIN_VALUE;
        private long firstWallNs;

        PacingSink(final RecordSink<FeedRecord> next)
        {
            this.next = next;
        }

        @Override
        public void publish(final FeedRecord record)
        {
            if (speed > 0)
            {
                pace(record.kind == RecordKind.FMV ? Math.floorDiv(record.time, 1_000_000L) :
                    record.kind == RecordKind.TRADE ? record.time : record.end);
                record.recvUs = clock.epochMicros();
            }
            next.publish(record);
        }

        @Override
        public void reject(final String reason)
        {
            next.reject(reason);
        }

        private void pace(final long eventMs)
        {
            if (firstEventMs == Long.MIN_VALUE)
            {
                firstEventMs = eventMs;
                firstWallNs = clock.nanoTime();
                return;
            }
            final long dueNs = firstWallNs + (long)((eventMs - firstEventMs) * 1_000_000L / speed);
            long waitNs;
            while (!stopped && (waitNs = dueNs - clock.nanoTime()) > 0)
            {
                clock.parkNanos(Math.min(waitNs, MAX_WAIT_NS));
            }
        }
    }

    /** The clocks the replay reads and the wait it paces with: the system's, or a test's. */
    interface Clock
    {
        Clock SYSTEM = new Clock()
        {
            @Override
            public long nanoTime()
            {
                return System.nanoTime();
            }

            @Override
            public long epochMicros()
            {
                return EpochClock.micros();
            }

            @Override
            public void parkNanos(final long nanos)
            {
                LockSupport.parkNanos(nanos);
            }
        };

        /** Elapsed time, as {@link System#nanoTime()}. */
        long nanoTime();

        /** The receive stamp, as {@link EpochClock#micros()}. */
        long epochMicros();

        /** Waits up to {@code nanos}, as {@link LockSupport#parkNanos(long)}. */
        void parkNanos(long nanos);
    }

    /** Collects the settings; each setter names its configuration key. Not thread-safe. */
    public static final class Builder
    {
        private final Path file;
        private String name = "replay";
        private double speed = Double.parseDouble(SourceKeys.REPLAY_SPEED.defaultValue());
        private Clock clock = Clock.SYSTEM;

        private Builder(final Path file)
        {
            this.file = Objects.requireNonNull(file, "replay.file");
        }

        /** {@code source.name}: carried on every event. Default {@code replay}. */
        public Builder name(final String value)
        {
            name = value;
            return this;
        }

        /**
         * {@code replay.speed}: the pace by the records' event times, 1 (the default) as recorded,
         * 10 ten times faster, 0 as fast as the pipeline takes it; not negative.
         */
        public Builder speed(final double value)
        {
            speed = value;
            return this;
        }

        /** The time the replay stamps and paces by; tests drive it by hand. */
        Builder clock(final Clock value)
        {
            clock = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and what is allowed. */
        public ReplaySource build()
        {
            Objects.requireNonNull(name, "source.name");
            if (!(speed >= 0) || Double.isInfinite(speed))
            {
                throw new IllegalArgumentException("replay.speed: " + speed +
                    " is out of range; allowed: 0 (as fast as possible) or a positive number");
            }
            return new ReplaySource(this);
        }
    }
}
