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
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
final class PackedKeyTable
{
    /** A free slot's key: packed keys are never negative (exchange below 128 in the top byte). */
    static final long EMPTY = -1;
    static final int MAX_LOAD_PERCENT = 70;

    private long[] keys;
    private int[] times;
    private int shift;
    private int used;
    private int limit;
    private int sweepAt;

    PackedKeyTable(final int capacity)
    {
        allocate(capacity);
    }

    /** Starts again, empty, with {@code capacity} slots (a power of two); the arrays before are left to the caller. */
    void allocate(final int capacity)
    {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        times = new int[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        used = 0;
        limit = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
        sweepAt = 0;
    }

    /** The key's slot, or -1. */
    int find(final long key)
    {
        return probe(keys, shift, key);
    }

    /** The key's slot in a table of {@code table.length} slots homed with {@code shift}, or -1. */
    static int probe(final long[] table, final int shift, final long key)
    {
        final int mask = table.length - 1;
        for (int slot = home(key, shift); ; slot = (slot + 1) & mask)
        {
            final long k = table[slot];
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

    private static int home(final long key, final int shift)
    {
        return (int)((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    int time(final int slot)
    {
        return times[slot];
    }

    void time(final int slot, final int offset)
    {
        times[slot] = offset;
    }

    /** Puts a key known to be absent in the first free slot of its probe. */
    void add(final long key, final int offset)
    {
        final int mask = keys.length - 1;
        int slot = home(key, shift);
        while (keys[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        times[slot] = offset;
        used++;
    }

    /** Empties the slot and moves back the keys after it that probed past it (linear-probing deletion). */
    void delete(final int slot)
    {
        final int mask = keys.length - 1;
        int hole = slot;
        for (int next = (slot + 1) & mask; keys[next] != EMPTY; next = (next + 1) & mask)
        {
            final int home = home(keys[next], shift);
            // the key at next may fill the hole when its home is not cyclically within (hole, next]
            final boolean homeInRange = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeInRange)
            {
                keys[hole] = keys[next];
                times[hole] = times[next];
                hole = next;
            }
        }
        keys[hole] = EMPTY;
        used--;
    }

    /**
     * Moves the sweep cursor {@code slots} slots on, deleting the keys it passes whose offset is
     * below {@code oldest}: with {@code slots} the table's length, every such key is gone
     * afterwards, since deletion only moves keys back towards the cursor.
     */
    void sweep(final int slots, final int oldest)
    {
        final int mask = keys.length - 1;
        int slot = sweepAt;
        for (int i = 0; i < slots; )
        {
            if (keys[slot] != EMPTY && times[slot] < oldest)
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

    /** Empties the table at its size and keeps the keys still at or after {@code newBase}, offsets now from it. */
    void rebase(final long previousBase, final long newBase)
    {
        final long[] previousKeys = keys;
        final int[] previousTimes = times;
        allocate(previousKeys.length);
        for (int i = 0; i < previousKeys.length; i++)
        {
            final long time = previousBase + previousTimes[i];
            if (previousKeys[i] != EMPTY && time >= newBase)
            {
                add(previousKeys[i], (int)(time - newBase));
            }
        }
    }

    /** The keys whose time, {@code base} plus the offset, is at or after {@code horizon} (a scan). */
    int live(final long base, final long horizon)
    {
        int live = 0;
        for (int i = 0; i < keys.length; i++)
        {
            if (keys[i] != EMPTY && base + times[i] >= horizon)
            {
                live++;
            }
        }
        return live;
    }

    long[] keys()
    {
        return keys;
    }

    int[] times()
    {
        return times;
    }

    int shift()
    {
        return shift;
    }

    int used()
    {
        return used;
    }

    int limit()
    {
        return limit;
    }

    int capacity()
    {
        return keys.length;
    }
}
