package io.tickstock.core.ring;

import io.tickstock.core.EpochClock;
import io.tickstock.core.config.ConfigKey;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The records that made a channel stage throw, kept for inspection ({@code /debug/quarantine}):
 * the newest {@code capacity} of them, each with the channel, the stage, the exception, a text
 * rendering of the record ({@link ChannelEntry#describe()}), its source context and the time; and
 * how many were recorded in all, so that those evicted to make room are counted too. One
 * quarantine may be shared by every channel of a pipeline.
 *
 * <p>Nothing is allocated until a stage throws: the channel records here only on that path, and
 * recording renders the record then (the ring entry is reused once the stage returns) and keeps
 * only strings, never the exception or the entry.
 *
 * <p>Thread-safe: any number of stage threads record and any number of threads read; a reader sees
 * every completed record that has not been evicted since.
 */
public final class Quarantine
{
    /** The default capacity ({@code pipeline.quarantineSize}). */
    public static final int DEFAULT_CAPACITY = 100;
    /** The largest capacity allowed. */
    public static final int MAX_CAPACITY = 100_000;
    /** {@code pipeline.quarantineSize} (docs/configuration.md). */
    public static final ConfigKey SIZE = ConfigKey.integer("pipeline.quarantineSize", DEFAULT_CAPACITY, 0, MAX_CAPACITY,
        "0..100000 (0 = count only)",
        "the newest records that made a channel stage throw, kept for `/debug/quarantine` (older ones are counted as evicted)");

    /**
     * One quarantined record.
     *
     * @param timeMs    when it was quarantined, epoch milliseconds ({@link EpochClock}).
     * @param channel   the channel whose stage threw.
     * @param stage     {@code validate}, {@code process} or {@code prioritize}.
     * @param exception the exception's class name.
     * @param message   the exception's message, or null.
     * @param record    the record's fields as text ({@link ChannelEntry#describe()}).
     * @param source    the source that read the record, or null when unknown.
     * @param sourceSeq the record's sequence in its source's stream, or 0 when unknown.
     */
    public record Entry(
        long timeMs, String channel, String stage, String exception, String message, String record, String source, long sourceSeq)
    {
    }

    private record Slot(long index, Entry entry)
    {
    }

    private final int capacity;
    private final AtomicLong next = new AtomicLong();
    private final AtomicReferenceArray<Slot> slots;

    /** @param capacity how many of the newest records are kept ({@link #SIZE}; 0: only counted). */
    public Quarantine(final int capacity)
    {
        SIZE.check(capacity);
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(Math.max(1, capacity));
    }

    /**
     * Quarantines a record a stage threw on: the oldest kept one makes room when full. Called on the
     * stage's thread while it holds the entry.
     */
    public void record(final String channel, final String stage, final ChannelEntry entry, final Throwable error)
    {
        final Entry kept = new Entry(
            EpochClock.millis(),
            channel,
            stage,
            error.getClass().getName(),
            error.getMessage(),
            describe(entry),
            entry.sourceName(),
            entry.sourceSeq());
        final long index = next.getAndIncrement();
        if (capacity > 0)
        {
            slots.set((int)(index % capacity), new Slot(index, kept));
        }
    }

    private static String describe(final ChannelEntry entry)
    {
        try
        {
            return entry.describe();
        }
        catch (final RuntimeException ex)
        {
            return "(the record could not be described: " + ex + ")";
        }
    }

    public int capacity()
    {
        return capacity;
    }

    /** Records quarantined since start, kept or evicted. */
    public long total()
    {
        return next.get();
    }

    /** Records quarantined since start that newer ones have evicted. */
    public long evicted()
    {
        return Math.max(0, next.get() - capacity);
    }

    /** The records kept now, newest first. */
    public List<Entry> snapshot()
    {
        final long end = next.get();
        final List<Entry> out = new ArrayList<>((int)Math.min(end, capacity));
        for (long index = end - 1; index >= Math.max(0, end - capacity); index--)
        {
            final Slot slot = slots.get((int)(index % capacity));
            // a slot still being written holds an older index; one overwritten since, a newer one
            if (slot != null && slot.index() == index)
            {
                out.add(slot.entry());
            }
        }
        return out;
    }
}
