package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the trades accepted for one symbol and tells a repeat within the dedup window. The
 * key is (exchange, trade id) when the trade has an id, else (time, price, size, exchange); a
 * trade is a duplicate when the most recent accepted trade with the same key has a time at most
 * the window away. A key is forgotten once its time is more than two windows older than the
 * symbol's latest trade (docs/semantics.md), so memory is bounded by the trades of two windows.
 *
 * <p>The usual key, a numeric trade id below 2^56 from an exchange below 128, is packed into one
 * long and kept in an open-addressing table of its own: a {@code long} key beside an {@code int}
 * time (milliseconds from a base at most two windows before the latest trade), 12 bytes a slot,
 * at most {@value #MAX_LOAD_PERCENT}% full. Forgotten keys are swept a few slots per accepted
 * trade and deleted by backward shift, so the table holds the live keys plus at most one sweep's
 * lag and stops growing once it fits the busiest two windows; a doubling moves the keys to the
 * new table a few slots per trade, not all at once. In steady state remembering a trade
 * allocates nothing and nothing queues. Other keys (ids with letters, trades without an id) go
 * to a map of key objects and expire in feed order; both answer alike.
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
final class TradeDedup
{
    private static final long MISSING = Long.MIN_VALUE;
    private static final long MAX_PACKED_ID = (1L << 56) - 1;
    /** Packed keys are never negative (exchange below 128 in the top byte). */
    private static final long EMPTY = -1;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_LOAD_PERCENT = 70;
    /** Slots the sweep looks at per accepted trade. */
    private static final int SWEEP = 8;
    /** Slots of the old table moved to the new one per accepted trade while a doubling migrates. */
    private static final int MIGRATE = 16;
    /** An old-table slot already moved, or superseded by the new table: kept only for its probe chain. */
    private static final int MOVED = Integer.MIN_VALUE;
    /** The base moves once the latest trade is this far past it: offsets stay well inside an int. */
    private static final long REBASE_AFTER = 1L << 30;

    private final long windowMs;
    private long[] keys;
    private int[] times;
    private int shift;
    private int used;
    private int limit;
    private int sweepAt;
    private long base = Long.MIN_VALUE;
    /** The table before the last doubling while its keys migrate, else null; read-only but for {@link #MOVED}. */
    private long[] oldKeys;
    private int[] oldTimes;
    private int oldShift;
    private int migrateAt;

    private final Map<Object, long[]> latestByKey = new HashMap<>();
    private final ArrayDeque<Object> objectKeys = new ArrayDeque<>();
    private final ArrayDeque<long[]> objectTimes = new ArrayDeque<>();
    private long latestTime = Long.MIN_VALUE;

    TradeDedup(final long windowMs)
    {
        this.windowMs = windowMs;
        allocate(MIN_CAPACITY);
    }

    /** Whether the trade repeats one accepted within the window; if not, remembers it. */
    boolean isDuplicate(final FeedRecord trade)
    {
        final long packed = packedKey(trade);
        if (packed != MISSING)
        {
            return isDuplicate(packed, trade.time);
        }
        final Object key = trade.tradeId != null ?
            new IdKey(trade.exchange, trade.tradeId) :
            new FieldKey(trade.time, trade.price, trade.size, trade.exchange);
        final long[] seen = latestByKey.get(key);
        if (seen != null && seen[0] >= horizon() && Math.abs(trade.time - seen[0]) <= windowMs)
        {
            return true;
        }
        final long[] time = {trade.time};
        latestByKey.put(key, time);
        objectKeys.addLast(key);
        objectTimes.addLast(time);
        advance(trade.time);
        return false;
    }

    private boolean isDuplicate(final long key, final long time)
    {
        int slot = find(key);
        final int oldSlot = slot < 0 ? findOld(key) : -1;
        if (slot >= 0 || oldSlot >= 0)
        {
            final long seen = base + (slot >= 0 ? times[slot] : oldTimes[oldSlot]);
            if (seen >= horizon() && Math.abs(time - seen) <= windowMs)
            {
                return true;
            }
        }
        if (oldSlot >= 0)
        {
            oldTimes[oldSlot] = MOVED;  // accepted again: its newest time goes to the new table
        }
        if (base == Long.MIN_VALUE)
        {
            base = time - 2 * windowMs;
        }
        if (time > latestTime && time - base > REBASE_AFTER)
        {
            rebase(time - 2 * windowMs);
            slot = find(key);
        }
        advance(time);
        if (time < horizon())
        {
            // accepted, but already two windows behind the latest: its key is forgotten at once
            if (slot >= 0)
            {
                delete(slot);
            }
        }
        else if (slot >= 0)
        {
            times[slot] = (int)(time - base);
        }
        else
        {
            insert(key, (int)(time - base));
        }
        migrate(MIGRATE);
        sweep(SWEEP);
        return false;
    }

    /** (exchange, numeric id) in one long, or {@link #MISSING} when the trade's key does not pack. */
    private static long packedKey(final FeedRecord trade)
    {
        final String id = trade.tradeId;
        if (id == null || id.isEmpty() || id.length() > 17 || trade.exchange < 0 || trade.exchange > 127)
        {
            return MISSING;
        }
        long value = 0;
        for (int i = 0; i < id.length(); i++)
        {
            final char c = id.charAt(i);
            if (c < '0' || c > '9')
            {
                return MISSING;
            }
            value = value * 10 + (c - '0');
        }
        // "007" and "7" are different ids: only the canonical form packs
        if (value > MAX_PACKED_ID || (id.length() > 1 && id.charAt(0) == '0'))
        {
            return MISSING;
        }
        return trade.exchange << 56 | value;
    }

    /** Oldest time a remembered key may have: two windows before the latest trade. */
    private long horizon()
    {
        return latestTime == Long.MIN_VALUE ? Long.MIN_VALUE : latestTime - 2 * windowMs;
    }

    private void advance(final long time)
    {
        if (time > latestTime)
        {
            latestTime = time;
            expireObjectKeys();
        }
    }

    private int home(final long key)
    {
        return home(key, shift);
    }

    private static int home(final long key, final int shift)
    {
        return (int)((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** The key's slot in the migrating old table, or -1 when not there or already moved. */
    private int findOld(final long key)
    {
        final int slot = oldKeys == null ? -1 : probe(oldKeys, oldShift, key);
        return slot < 0 || oldTimes[slot] == MOVED ? -1 : slot;
    }

    /** Moves the next {@code slots} slots of the old table: its remembered keys to the new one. */
    private void migrate(final int slots)
    {
        if (oldKeys == null)
        {
            return;
        }
        final long horizon = horizon();
        final int end = (int)Math.min(oldKeys.length, (long)migrateAt + slots);
        for (int i = migrateAt; i < end; i++)
        {
            if (oldKeys[i] != EMPTY && oldTimes[i] != MOVED && base + oldTimes[i] >= horizon)
            {
                reinsert(oldKeys[i], oldTimes[i]);
            }
            oldTimes[i] = MOVED;
        }
        migrateAt = end;
        if (migrateAt == oldKeys.length)
        {
            oldKeys = null;
            oldTimes = null;
        }
    }

    /** The key's slot, or -1. */
    private int find(final long key)
    {
        return probe(keys, shift, key);
    }

    /** The key's slot in a table of {@code table.length} slots homed with {@code shift}, or -1. */
    private static int probe(final long[] table, final int shift, final long key)
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

    private void insert(final long key, final int offset)
    {
        reinsert(key, offset);
        if (used > limit)
        {
            // forget what is forgotten before growing: the table doubles only when its live keys
            // fill more than 3/4 of the load limit (52.5%), so it stays under 2 / 0.525 slots a key
            migrate(Integer.MAX_VALUE);
            sweep(keys.length);
            if (used > limit * 3 / 4)
            {
                grow();
            }
        }
    }

    /** Empties the slot and moves back the keys after it that probed past it (linear-probing deletion). */
    private void delete(final int slot)
    {
        final int mask = keys.length - 1;
        int hole = slot;
        for (int next = (slot + 1) & mask; keys[next] != EMPTY; next = (next + 1) & mask)
        {
            final int home = home(keys[next]);
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
     * Moves the sweep cursor {@code slots} slots on, deleting the forgotten keys it passes: with
     * {@code slots} the table's length, every forgotten key is gone afterwards, since deletion only
     * moves keys back towards the cursor.
     */
    private void sweep(final int slots)
    {
        final long horizon = horizon();
        if (base == Long.MIN_VALUE || horizon < base)
        {
            return;
        }
        final int oldest = (int)(horizon - base);
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

    /**
     * Doubles the table without rehashing it in one go: the old table stays, read-only, and its keys
     * move {@link #MIGRATE} slots per accepted trade (a busy symbol's table of a million slots
     * rehashed at once stalled the validate thread for about 50 ms).
     */
    private void grow()
    {
        migrate(Integer.MAX_VALUE);
        oldKeys = keys;
        oldTimes = times;
        oldShift = shift;
        migrateAt = 0;
        allocate(oldKeys.length * 2);
    }

    /** Moves the base (after a jump in event time) and keeps the keys still remembered. */
    private void rebase(final long newBase)
    {
        migrate(Integer.MAX_VALUE);
        final long[] previousKeys = keys;
        final int[] previousTimes = times;
        final long previousBase = base;
        allocate(previousKeys.length);
        base = newBase;
        for (int i = 0; i < previousKeys.length; i++)
        {
            final long time = previousBase + previousTimes[i];
            if (previousKeys[i] != EMPTY && time >= newBase)
            {
                reinsert(previousKeys[i], (int)(time - newBase));
            }
        }
    }

    /** Puts a key known to be absent in the first free slot of its probe. */
    private void reinsert(final long key, final int offset)
    {
        final int mask = keys.length - 1;
        int slot = home(key);
        while (keys[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        times[slot] = offset;
        used++;
    }

    private void allocate(final int capacity)
    {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        times = new int[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        used = 0;
        limit = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
        sweepAt = 0;
    }

    private void expireObjectKeys()
    {
        final long horizon = horizon();
        while (!objectKeys.isEmpty() && objectTimes.peekFirst()[0] < horizon)
        {
            final Object key = objectKeys.pollFirst();
            final long[] time = objectTimes.pollFirst();
            // a later trade with the same key moved it on: that one expires in its own turn
            if (latestByKey.get(key) == time)
            {
                latestByKey.remove(key);
            }
        }
    }

    /** Keys remembered now: the live packed keys (a scan; for tests and bounds) and the object keys. */
    int size()
    {
        final long horizon = horizon();
        int live = 0;
        for (int i = 0; i < keys.length; i++)
        {
            if (keys[i] != EMPTY && base + times[i] >= horizon)
            {
                live++;
            }
        }
        for (int i = 0; oldKeys != null && i < oldKeys.length; i++)
        {
            if (oldKeys[i] != EMPTY && oldTimes[i] != MOVED && base + oldTimes[i] >= horizon)
            {
                live++;
            }
        }
        return latestByKey.size() + live;
    }

    /** Slots held for packed keys, the migrating old table's included: 12 bytes a slot. */
    int capacity()
    {
        return keys.length + (oldKeys == null ? 0 : oldKeys.length);
    }

    private record IdKey(long exchange, String id)
    {
        IdKey
        {
            Objects.requireNonNull(id);
        }
    }

    private record FieldKey(long time, long price, long size, long exchange)
    {
    }
}
