package io.tickstock.core.ring;

import io.tickstock.core.ConfigChecks;
import io.tickstock.core.EpochClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last few handler errors of one ring, with the time, the stage and the exception, for
 * {@code /debug/channels}. Nothing is allocated until an error happens; recording one allocates a
 * single small slot and keeps a reference to the exception (its message is formatted only when
 * read), so the ring holds at most {@code capacity} exceptions alive.
 *
 * <p>Thread-safe: any number of threads record and read; a reader sees every completed slot that
 * has not been overwritten since.
 */
public final class RecentErrors
{
    /** How many errors each ring keeps. */
    public static final int DEFAULT_CAPACITY = 8;

    /**
     * One error as read.
     *
     * @param timeMs  when it was recorded, milliseconds since the epoch ({@link EpochClock}).
     * @param stage   where it was thrown: a channel stage ({@code validate}, {@code process},
     *                {@code prioritize}) or a consumer hook ({@code consumer}, {@code uncaught},
     *                {@code start}, {@code shutdown}).
     * @param message the exception's simple class name and message.
     */
    public record Entry(long timeMs, String stage, String message)
    {
    }

    private record Slot(long index, long timeMs, String stage, Throwable error)
    {
    }

    private final AtomicLong next = new AtomicLong();
    private final AtomicReferenceArray<Slot> slots;

    /** @param capacity how many of the newest errors are kept, 1..1024. */
    public RecentErrors(final int capacity)
    {
        ConfigChecks.range("recentErrors.capacity", capacity, 1, 1024);
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** Records one error; the oldest kept one makes room. Any thread. */
    public void record(final String stage, final Throwable error)
    {
        final long index = next.getAndIncrement();
        slots.set((int)(index % slots.length()), new Slot(index, EpochClock.millis(), stage, error));
    }

    /** Errors recorded since start, kept or not. */
    public long total()
    {
        return next.get();
    }

    public int capacity()
    {
        return slots.length();
    }

    /** The errors kept now, newest first. */
    public List<Entry> snapshot()
    {
        final long end = next.get();
        final int capacity = slots.length();
        final List<Entry> out = new ArrayList<>(capacity);
        for (long index = end - 1; index >= Math.max(0, end - capacity); index--)
        {
            final Slot slot = slots.get((int)(index % capacity));
            // a slot still being written holds an older index; one overwritten since, a newer one
            if (slot != null && slot.index() == index)
            {
                out.add(new Entry(slot.timeMs(), slot.stage(), describe(slot.error())));
            }
        }
        return out;
    }

    private static String describe(final Throwable error)
    {
        final String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : error.getClass().getSimpleName() + ": " + message;
    }
}
