package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * The table behind {@link TradeDedup}'s packed keys: open addressing with linear probing, a
 * {@code long} key (never negative) beside an {@code int} time offset, 12 bytes a slot, homed by a
 * multiplicative hash and at most {@value #MAX_LOAD_PERCENT}% full before its owner acts. A key is
 * deleted by backward shift, so no probe ever meets a tombstone. What an offset means, when keys
 * are forgotten and when the table grows or moves its base is the dedup's business, not the
 * table's.
 *
 * <p>The slots are a block of {@link SlotPages}, shared by every symbol's tables: slot {@code i} is
 * {@code keys[at + i]} beside {@code times[at + i]}. A table holds a block from {@link #allocate}
 * until {@link #release}.
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
final class PackedKeyTable
{
    /** A free slot's key: packed keys are never negative (exchange below 128 in the top byte). */
    static final long EMPTY = -1;
    static final int MAX_LOAD_PERCENT = 70;

    private final SlotPages pages;
    private int block = SlotPages.NONE;
    private long[] keys;
    private int[] times;
    private int at;
    private int capacity;
    private int mask;
    private int shift;
    private int used;
    private int limit;
    private int sweepAt;

    /** A table holding no slots until {@link #allocate}. */
    PackedKeyTable(final SlotPages pages)
    {
        this.pages = pages;
    }

    /** Takes an empty block of {@code capacity} slots (a power of two); the table holds none before. */
    void allocate(final int capacity)
    {
        block = pages.take(capacity);
        keys = pages.keys(block);
        times = pages.times(block);
        at = SlotPages.offset(block);
        Arrays.fill(keys, at, at + capacity, EMPTY);
        this.capacity = capacity;
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        used = 0;
        limit = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
        sweepAt = 0;
    }

    /** Gives the block back: the table holds no slots until the next {@link #allocate}. */
    void release()
    {
        pages.give(block, capacity);
        block = SlotPages.NONE;
        keys = null;
        times = null;
        capacity = 0;
        used = 0;
    }

    /** Whether the table holds a block. */
    boolean allocated()
    {
        return block != SlotPages.NONE;
    }

    /** The key's slot, or -1. */
    int find(final long key)
    {
        for (int slot = home(key); ; slot = (slot + 1) & mask)
        {
            final long k = keys[at + slot];
            if (k == key)
            {
                return slot;
            }
            if (k == EMPTY)
            {
                return -1;
            }
        }
    }

    private int home(final long key)
    {
        return (int)((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    long key(final int slot)
    {
        return keys[at + slot];
    }

    int time(final int slot)
    {
        return times[at + slot];
    }

    void time(final int slot, final int offset)
    {
        times[at + slot] = offset;
    }

    /** Puts a key known to be absent in the first free slot of its probe. */
    void add(final long key, final int offset)
    {
        int slot = home(key);
        while (keys[at + slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        keys[at + slot] = key;
        times[at + slot] = offset;
        used++;
    }

    /** Empties the slot and moves back the keys after it that probed past it (linear-probing deletion). */
    void delete(final int slot)
    {
        int hole = slot;
        for (int next = (slot + 1) & mask; keys[at + next] != EMPTY; next = (next + 1) & mask)
        {
            final int home = home(keys[at + next]);
            // the key at next may fill the hole when its home is not cyclically within (hole, next]
            final boolean homeInRange = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeInRange)
            {
                keys[at + hole] = keys[at + next];
                times[at + hole] = times[at + next];
                hole = next;
            }
        }
        keys[at + hole] = EMPTY;
        used--;
    }

    /**
     * Moves the sweep cursor {@code slots} slots on, deleting the keys it passes whose offset is
     * below {@code oldest}: with {@code slots} the table's length, every such key is gone
     * afterwards, since deletion only moves keys back towards the cursor.
     */
    void sweep(final int slots, final int oldest)
    {
        int slot = sweepAt;
        for (int i = 0; i < slots; )
        {
            if (keys[at + slot] != EMPTY && times[at + slot] < oldest)
            {
                delete(slot);  // a later key may have moved into this slot: look at it again
            }
            else
            {
                slot = (slot + 1) & mask;
                i++;
            }
        }
        sweepAt = slot;
    }

    /** Moves to a new block of the same size, keeping the keys still at or after {@code newBase}, offsets now from it. */
    void rebase(final long previousBase, final long newBase)
    {
        final int previousBlock = block;
        final long[] previousKeys = keys;
        final int[] previousTimes = times;
        final int previousAt = at;
        final int slots = capacity;
        allocate(slots);
        for (int i = previousAt; i < previousAt + slots; i++)
        {
            final long time = previousBase + previousTimes[i];
            if (previousKeys[i] != EMPTY && time >= newBase)
            {
                add(previousKeys[i], (int)(time - newBase));
            }
        }
        pages.give(previousBlock, slots);
    }

    int used()
    {
        return used;
    }

    int limit()
    {
        return limit;
    }

    /** Slots held: 0 when released. */
    int capacity()
    {
        return capacity;
    }
}
