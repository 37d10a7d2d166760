package io.tickstock.channels.ohlcv;

import java.util.Arrays;

/**
 * The rollup book's symbols by index, and their order by name as dense int ranks: windows closed
 * together are emitted by symbol name (docs/semantics.md §3), and comparing two ranks costs two
 * array reads where comparing two names follows pointers to both strings' bytes.
 *
 * <p>A symbol seen for the first time has no rank and is compared by name, which agrees with the
 * ranks, so the order never changes and a heap ordered by it stays valid while ranks are given.
 * All symbols are ranked again, one sort of every name, once at least one in eight is unranked:
 * new symbols cost a few name comparisons each, not a sort each.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
final class SymbolOrder
{
    /** Symbols the arrays grow by. */
    static final int CHUNK = 1024;
    private static final int UNRANKED = -1;

    private String[] names = new String[CHUNK];
    private int[] ranks = new int[CHUNK];
    /** Scratch for ranking: symbol indexes in name order. */
    private int[] byName = new int[CHUNK];
    private int count;
    private int unranked;

    /** Adds a symbol not seen before; returns its index, the next of 0, 1, 2, ... */
    int add(final String name)
    {
        if (count == names.length)
        {
            names = Arrays.copyOf(names, count + CHUNK);
            ranks = Arrays.copyOf(ranks, count + CHUNK);
            byName = Arrays.copyOf(byName, count + CHUNK);
        }
        names[count] = name;
        ranks[count] = UNRANKED;
        unranked++;
        return count++;
    }

    /** Negative, zero or positive as the name of symbol {@code a} sorts before, as, or after that of {@code b}. */
    int compare(final int a, final int b)
    {
        final int rankA = ranks[a];
        final int rankB = ranks[b];
        if ((rankA | rankB) >= 0)
        {
            return Integer.compare(rankA, rankB);
        }
        return names[a].compareTo(names[b]);
    }

    /** Ranks every symbol when one in eight or more is unranked. */
    void rankIfWorthwhile()
    {
        if (unranked > 0 && unranked * 8 >= count)
        {
            rank();
        }
    }

    int size()
    {
        return count;
    }

    /** Slots of the per-symbol arrays. */
    int slots()
    {
        return names.length;
    }

    private void rank()
    {
        final int[] order = byName;
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        // heapsort: in place, no comparator object, n log n name comparisons
        for (int i = count / 2 - 1; i >= 0; i--)
        {
            siftDown(order, i, count);
        }
        for (int end = count - 1; end > 0; end--)
        {
            final int top = order[0];
            order[0] = order[end];
            order[end] = top;
            siftDown(order, 0, end);
        }
        for (int i = 0; i < count; i++)
        {
            ranks[order[i]] = i;
        }
        unranked = 0;
    }

    private void siftDown(final int[] order, final int from, final int length)
    {
        final int moving = order[from];
        int at = from;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= length)
            {
                break;
            }
            if (child + 1 < length && names[order[child + 1]].compareTo(names[order[child]]) > 0)
            {
                child++;
            }
            if (names[order[child]].compareTo(names[moving]) <= 0)
            {
                break;
            }
            order[at] = order[child];
            at = child;
        }
        order[at] = moving;
    }
}
