package io.tickstock.channels.ohlcv;

/**
 * One symbol's remembered rollup windows, of every size: per size their starts, ascending, and
 * whether each was emitted. All sizes share one array, a segment each, and the emitted flag is
 * bit 0 of the start (a window starts at a multiple of a whole number of minutes, so the bit is
 * otherwise 0): a bar reaches its windows through one array, not an object and two arrays per
 * size, which matters because every bar finds its symbol's state out of cache.
 *
 * <p>The segments are allocated as the bars are ({@link SymbolBars}): up to {@link #CHUNK} slots
 * at first, then {@code CHUNK} more at a time, up to the bound
 * ({@link RollupBook#windowSlotsPerSize}; 17 with the defaults); past it only when the clock does
 * not follow the bars, which {@link BarProcessor} never lets happen.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
final class Windows
{
    /** Window slots per size allocated at a time while the bound is larger. */
    static final int CHUNK = 32;
    private static final long EMITTED = 1L;

    private final int bound;
    private final int[] counts;
    /** Slots per size: the segment of size i starts at {@code i * segment}. */
    private int segment;
    private long[] starts;

    Windows(final int sizes, final int bound)
    {
        this.bound = bound;
        counts = new int[sizes];
        segment = Math.min(bound, CHUNK);
        starts = new long[sizes * segment];
    }

    /** The index of the window of size index {@code size} starting at {@code start}, or -1; the newest are looked at first. */
    int indexOf(final int size, final long start)
    {
        final long[] starts = this.starts;
        final int base = size * segment;
        for (int i = base + counts[size] - 1; i >= base; i--)
        {
            if ((starts[i] & ~EMITTED) == start)
            {
                return i;
            }
        }
        return -1;
    }

    /** Whether the window at {@code index} (from {@link #indexOf}) was emitted. */
    boolean isEmitted(final int index)
    {
        return (starts[index] & EMITTED) != 0;
    }

    void markEmitted(final int size, final long start)
    {
        starts[indexOf(size, start)] |= EMITTED;
    }

    /** Adds a window not yet emitted, in start order. */
    void add(final int size, final long start)
    {
        if (counts[size] == segment)
        {
            grow();
        }
        final int base = size * segment;
        int at = base + counts[size];
        while (at > base && starts[at - 1] > start)
        {
            starts[at] = starts[at - 1];
            at--;
        }
        starts[at] = start;
        counts[size]++;
    }

    /** Forgets the emitted windows of size index {@code size} ({@code sizeMs} long) that end at or before {@code oldest}. */
    void forgetEmittedEndingBy(final int size, final long sizeMs, final long oldest)
    {
        final int base = size * segment;
        final int end = base + counts[size];
        int kept = base;
        for (int i = base; i < end; i++)
        {
            final long window = starts[i];
            if ((window & EMITTED) == 0 || (window & ~EMITTED) + sizeMs > oldest)
            {
                starts[kept++] = window;
            }
        }
        counts[size] = kept - base;
    }

    /**
     * The position (0 the oldest) of the first window of size index {@code size} starting at or after
     * {@code start}, searching from position {@code from}: bars checked in ascending order walk the
     * windows once.
     */
    int firstAtOrAfter(final int size, final long start, final int from)
    {
        final int base = size * segment;
        int i = from;
        while (i < counts[size] && (starts[base + i] & ~EMITTED) < start)
        {
            i++;
        }
        return i;
    }

    /** Whether the window at position {@code position} (from {@link #firstAtOrAfter}) starts at {@code start}. */
    boolean startsAt(final int size, final int position, final long start)
    {
        return position < counts[size] && (starts[size * segment + position] & ~EMITTED) == start;
    }

    int slots()
    {
        return starts.length;
    }

    private void grow()
    {
        final int grown = SymbolBars.grownSlots(segment, bound, CHUNK);
        final long[] regrouped = new long[counts.length * grown];
        for (int i = 0; i < counts.length; i++)
        {
            System.arraycopy(starts, i * segment, regrouped, i * grown, counts[i]);
        }
        starts = regrouped;
        segment = grown;
    }
}
