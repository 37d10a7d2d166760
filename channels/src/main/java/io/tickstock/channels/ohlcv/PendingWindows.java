package io.tickstock.channels.ohlcv;

import java.util.Arrays;

/**
 * The windows waiting for the clock, over all symbols and sizes: a binary min-heap ordered by end,
 * then size (the index of the size, ascending), then symbol name. A window is in it at most once,
 * so the order is total and the heap gives exactly the order of docs/semantics.md §3.
 *
 * <p>Each entry is three primitives in parallel arrays, moved in place by the heap: nothing is
 * allocated per window. The slots are reserved as symbols are added ({@link #reserve}), rounded up
 * to whole chunks of {@link #CHUNK}; they grow by a chunk when full only if the clock does not
 * follow the bars, which {@link BarProcessor} never lets happen.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
final class PendingWindows
{
    /** Slots the heap grows by. */
    static final int CHUNK = 4096;

    private final SymbolOrder order;
    private long[] ends = new long[0];
    private int[] sizes = new int[0];
    private int[] symbols = new int[0];
    private int count;

    PendingWindows(final SymbolOrder order)
    {
        this.order = order;
    }

    /** Makes room for {@code slots} windows, in whole chunks. */
    void reserve(final int slots)
    {
        if (slots > ends.length)
        {
            resize((slots + CHUNK - 1) / CHUNK * CHUNK);
        }
    }

    /** Adds the window of size index {@code size} and symbol index {@code symbol} ending at {@code end}. */
    void add(final long end, final int size, final int symbol)
    {
        if (count == ends.length)
        {
            resize(ends.length + CHUNK);
        }
        int at = count++;
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (!before(end, size, symbol, parent))
            {
                break;
            }
            put(at, ends[parent], sizes[parent], symbols[parent]);
            at = parent;
        }
        put(at, end, size, symbol);
    }

    boolean isEmpty()
    {
        return count == 0;
    }

    long firstEnd()
    {
        return ends[0];
    }

    int firstSize()
    {
        return sizes[0];
    }

    int firstSymbol()
    {
        return symbols[0];
    }

    void removeFirst()
    {
        final int last = --count;
        if (last == 0)
        {
            return;
        }
        final long end = ends[last];
        final int size = sizes[last];
        final int symbol = symbols[last];
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= last)
            {
                break;
            }
            if (child + 1 < last && before(ends[child + 1], sizes[child + 1], symbols[child + 1], child))
            {
                child++;
            }
            if (!before(ends[child], sizes[child], symbols[child], end, size, symbol))
            {
                break;
            }
            put(at, ends[child], sizes[child], symbols[child]);
            at = child;
        }
        put(at, end, size, symbol);
    }

    int size()
    {
        return count;
    }

    int slots()
    {
        return ends.length;
    }

    /** Whether the window (end, size, symbol) comes before the entry at {@code index}. */
    private boolean before(final long end, final int size, final int symbol, final int index)
    {
        return before(end, size, symbol, ends[index], sizes[index], symbols[index]);
    }

    private boolean before(final long end, final int size, final int symbol, final long otherEnd, final int otherSize, final int otherSymbol)
    {
        if (end != otherEnd)
        {
            return end < otherEnd;
        }
        if (size != otherSize)
        {
            return size < otherSize;
        }
        return order.compare(symbol, otherSymbol) < 0;
    }

    private void put(final int index, final long end, final int size, final int symbol)
    {
        ends[index] = end;
        sizes[index] = size;
        symbols[index] = symbol;
    }

    private void resize(final int slots)
    {
        ends = Arrays.copyOf(ends, slots);
        sizes = Arrays.copyOf(sizes, slots);
        symbols = Arrays.copyOf(symbols, slots);
    }
}
