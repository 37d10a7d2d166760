package io.tickstock.core.monitor;

import io.tickstock.core.ring.RingView;

import java.util.List;

/**
 * One ring read at one moment: its handlers' sequences (read first), then the producer cursor, so
 * that no lag is negative. Sequences start at -1.
 *
 * @param name      {@code tick}, {@code ohlcv}, {@code fmv} or {@code publish}.
 * @param running   started and not stopped.
 * @param status    {@link RingWatch#OK}, {@link RingWatch#STALLED} or {@link RingWatch#STOPPED}.
 * @param capacity  entries the ring holds.
 * @param cursor    the highest sequence claimed by a producer.
 * @param handlers  the handlers' names, in chain order (channels) or the order they were added (publish).
 * @param sequences the sequence each handler has processed up to, same order.
 */
public record RingReading(
    String name,
    boolean running,
    String status,
    int capacity,
    long cursor,
    List<String> handlers,
    long[] sequences)
{
    /** Reads {@code ring} now, the sequences before the cursor; {@code status} is left null for a watch to fill in. */
    public static RingReading of(final RingView ring)
    {
        final boolean running = ring.isRunning();
        final long[] sequences = ring.handlerSequences();
        final long cursor = ring.cursor();
        return new RingReading(ring.name(), running, null, ring.capacity(), cursor, ring.handlerNames(), sequences);
    }

    /** This reading with its status. */
    RingReading withStatus(final String value)
    {
        return new RingReading(name, running, value, capacity, cursor, handlers, sequences);
    }

    /** The sequence of the handler furthest behind; the cursor when there is no handler. */
    public long slowest()
    {
        long slowest = cursor;
        for (final long sequence : sequences)
        {
            slowest = Math.min(slowest, sequence);
        }
        return slowest;
    }

    /** Entries published and not yet processed by every handler: the ring's fill. */
    public long fill()
    {
        return Math.max(0, cursor - slowest());
    }

    /** {@link #fill()} as a fraction of the capacity, rounded to six decimals. */
    public double fillRatio()
    {
        return capacity == 0 ? 0 : Math.round(fill() * 1e6 / capacity) / 1e6;
    }

    /** Entries published and not yet processed by handler {@code index}. */
    public long lag(final int index)
    {
        return Math.max(0, cursor - sequences[index]);
    }
}
