package io.tickstock.core.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * The latency of one pipeline stage, in microseconds: an HdrHistogram {@link Recorder} that any
 * number of threads record into without allocating or blocking, read as intervals. Coordinated
 * omission is handled at the source, not here: a paced source stamps each record with the time it
 * was due (see SimulatorSource), so a stall shows in every record it delayed. Filling in values
 * here instead would cost time proportional to the delay on the very threads that are behind.
 *
 * <p>Thread-safe: any thread records; {@link #rotate()} is called by one monitor thread.
 */
public final class StageLatency
{
    private static final long MAX_TRACKABLE_US = 3_600_000_000L;

    private final String stage;
    private final String channel;
    private final Recorder recorder = new Recorder(MAX_TRACKABLE_US, 3);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumUs = new LongAdder();
    private volatile Histogram lastInterval = new Histogram(MAX_TRACKABLE_US, 3);
    /** The interval before {@link #lastInterval}, from the recorder: no longer published, so it is recycled next. */
    private Histogram previousInterval;
    /** Rotations so far: {@link #lastInterval} is interval number {@code intervals}. */
    private volatile long intervals;

    /**
     * @param stage   {@code source_to_channel}, {@code channel}, {@code publish_to_write} or {@code end_to_end}.
     * @param channel the channel for the {@code channel} stage, else null.
     */
    public StageLatency(final String stage, final String channel)
    {
        this.stage = stage;
        this.channel = channel;
    }

    public String stage()
    {
        return stage;
    }

    /** The channel label, or null. */
    public String channel()
    {
        return channel;
    }


    /** Records one latency; negative values (clock steps) count as 0. */
    public void record(final long micros)
    {
        final long value = Math.min(Math.max(0, micros), MAX_TRACKABLE_US);
        recorder.recordValue(value);
        count.increment();
        sumUs.add(value);
    }

    /**
     * Ends the current interval: it becomes {@link #lastInterval()}. The recorder records the next
     * interval into the histogram that was replaced at the rotation before, not a fresh one each
     * time: at 3 significant digits up to an hour a histogram is about 360 KB, and the fresh ones,
     * alive at each young collection, were most of what G1 copied there (the GC log at 100,000
     * rec/s). So an interval a reader took stays unchanged for a whole interval after it was
     * replaced; every reader is done with it within milliseconds.
     */
    public synchronized void rotate()
    {
        final Histogram interval = recorder.getIntervalHistogram(previousInterval);
        // the first lastInterval is not the recorder's, and cannot be recycled
        previousInterval = intervals == 0 ? null : lastInterval;
        lastInterval = interval;
        intervals++;
    }

    /**
     * Rotations so far, counted after {@link #lastInterval} changes: a reader that caches what it
     * computed from an interval keys it on this, read first, not on the histogram's identity, since
     * the same three histograms take turns.
     */
    public long intervals()
    {
        return intervals;
    }

    /** The last completed interval; read-only for callers. */
    public Histogram lastInterval()
    {
        return lastInterval;
    }

    /** Values recorded since start. */
    public long count()
    {
        return count.sum();
    }

    /** The sum of the values recorded since start, microseconds. */
    public long sumMicros()
    {
        return sumUs.sum();
    }
}
