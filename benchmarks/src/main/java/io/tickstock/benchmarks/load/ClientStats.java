package io.tickstock.benchmarks.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every simulated client receives, added up: end-to-end latency of each event (its
 * {@code src.recvUs} receive stamp to the moment the client read the frame holding it, into an
 * HdrHistogram {@link Recorder}), events, gaps and what they dropped, closes by code, and for each
 * minute's burst of one-minute bars the first receive stamp and the last delivery. Rollup bars
 * (5m, 15m) are not in the latency: the server holds each window for {@code
 * ohlcv.allowedLatenessMs} by design, so they are timed apart, from their window's end. Thread-safe:
 * the client event loops record, the progress thread reads.
 */
final class ClientStats
{
    /** Latencies from 1 µs to 1 hour, three significant digits. */
    final Recorder latency = new Recorder(3_600_000_000L, 3);
    final LongAdder events = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder gapEvents = new LongAdder();
    final LongAdder snapshots = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** {@link #errors} by kind: the server's error code, or the client's exception, or a failed connect. */
    final ConcurrentHashMap<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    final LongAdder subscribed = new LongAdder();
    final LongAdder connected = new LongAdder();
    final LongAdder disconnected = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    final ConcurrentHashMap<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    /** Rollup bars: from the window's end to the client reading the frame. */
    final ConcurrentHistogram rollupAfterEnd = new ConcurrentHistogram(3_600_000_000L, 3);
    /** One-minute bar bursts by the minute's start (ms since the epoch). */
    final ConcurrentHashMap<Long, Burst> bursts = new ConcurrentHashMap<>();

    void recordEvent(final long latencyUs)
    {
        events.increment();
        latency.recordValue(Math.max(0, Math.min(latencyUs, 3_600_000_000L)));
    }

    void recordRollup(final long afterEndUs)
    {
        events.increment();
        rollupAfterEnd.recordValue(Math.max(0, Math.min(afterEndUs, 3_600_000_000L)));
    }

    void recordMinuteBar(final long startMs, final long recvUs, final long receivedUs)
    {
        bursts.computeIfAbsent(startMs, s -> new Burst()).add(recvUs, receivedUs);
    }

    void recordError(final String kind)
    {
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void recordClose(final int code)
    {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** One minute's bars as the clients saw them: the earliest receive stamp and the latest delivery. */
    static final class Burst
    {
        private long firstRecvUs = Long.MAX_VALUE;
        private long lastDeliveredUs;
        private long deliveries;

        synchronized void add(final long recvUs, final long deliveredUs)
        {
            firstRecvUs = Math.min(firstRecvUs, recvUs);
            lastDeliveredUs = Math.max(lastDeliveredUs, deliveredUs);
            deliveries++;
        }

        synchronized long spanUs()
        {
            return lastDeliveredUs - firstRecvUs;
        }

        synchronized long deliveries()
        {
            return deliveries;
        }
    }
}
