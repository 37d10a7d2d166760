package io.tickstock.channels.ohlcv;

import java.util.Arrays;

/**
 * One symbol's remembered rollup windows of one size: their starts, ascending, and whether each
 * was emitted. The slots are allocated as for the bars ({@link SymbolBars}): up to
 * {@link #CHUNK} at first, then {@code CHUNK} more at a time, up to the bound
 * ({@link RollupBook#windowSlotsPerSize}; 17 with the defaults); past it only when the clock does
 * not follow the bars, which {@link BarProcessor} never lets happen.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
final class Windows
{
    /** Window slots allocated at a time while the bound is larger. */
    static final int CHUNK = 32;

    private final int bound;
    private long[] starts;
    private boolean[] emitted;
    private int count;

    Windows(final int bound)
    {
        this.bound = bound;
        starts = new long[Math.min(bound, CHUNK)];
        emitted = new boolean[starts.length];
    }

    /** The index of the window starting at {@code start}, or -1; the newest are looked at first. */
    int indexOf(final long start)
    {
        final long[] starts = this.starts;
        for (int i = count - 1; i >= 0; i--)
        {
            if (starts[i] == start)
            {
                return i;
            }
        }
        return -1;
    }

    boolean isEmitted(final int index)
    {
        return emitted[index];
    }

    void markEmitted(final long start)
    {
        emitted[indexOf(start)] = true;
    }

    /** Adds a window not yet emitted, in start order. */
    void add(final long start)
    {
        if (count == starts.length)
        {
            grow();
        }
        int at = count;
        while (at > 0 && starts[at - 1] > start)
        {
            at--;
        }
        System.arraycopy(starts, at, starts, at + 1, count - at);
        System.arraycopy(emitted, at, emitted, at + 1, count - at);
        starts[at] = start;
        emitted[at] = false;
        count++;
    }

    /** Forgets the emitted windows that end at or before {@code oldest}. */
    void forgetEmittedEndingBy(final long size, final long oldest)
    {
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            if (!(emitted[i] && starts[i] + size <= oldest))
            {
                starts[kept] = starts[i];
                emitted[kept] = emitted[i];
                kept++;
            }
        }
        count = kept;
    }

    /**
     * The index of the first window starting at or after {@code start}, searching from {@code from}:
     * bars checked in ascending order walk the windows once.
     */
    int firstAtOrAfter(final long start, final int from)
    {
        int i = from;
        while (i < count && starts[i] < start)
        {
            i++;
        }
        return i;
    }

    /** Whether the window at {@code index} (from {@link #firstAtOrAfter}) starts at {@code start}. */
    boolean startsAt(final int index, final long start)
    {
        return index < count && starts[index] == start;
    }

    int slots()
    {
        return starts.length;
    }

    private void grow()
    {
        final int slots = SymbolBars.grownSlots(starts.length, bound, CHUNK);
        starts = Arrays.copyOf(starts, slots);
        emitted = Arrays.copyOf(emitted, slots);
    }
}
