package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.TradeIds;

import java.util.ArrayDeque;
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
 * long and kept in a {@link PackedKeyTable} of its own: a {@code long} key beside an {@code int}
 * time (milliseconds from a base at most two windows before the latest trade), 12 bytes a slot,
 * at most {@value PackedKeyTable#MAX_LOAD_PERCENT}% full. This class decides what the table
 * remembers: forgotten keys are swept a few slots per accepted trade, so the table holds the live
 * keys plus at most one sweep's lag and stops growing once it fits the busiest two windows; a
 * doubling moves the keys to the new table a few slots per trade, not all at once, and a jump in
 * event time moves the base. In steady state remembering a trade allocates nothing and nothing
 * queues. Other keys (ids with letters, trades without an id) go to a map of key objects and
 * expire in feed order; both answer alike.
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
final class TradeDedup
{
    private static final long MISSING = Long.MIN_VALUE;
    private static final long EMPTY = PackedKeyTable.EMPTY;
    private static final int MIN_CAPACITY = 16;
    /** Slots the sweep looks at per accepted trade. */
    private static final int SWEEP = 8;
    /** Slots of the old table moved to the new one per accepted trade while a doubling migrates. */
    private static final int MIGRATE = 16;
    /** An old-table slot already moved, or superseded by the new table: kept only for its probe chain. */
    private static final int MOVED = Integer.MIN_VALUE;
    /** The base moves once the latest trade is this far past it: offsets stay well inside an int. */
    private static final long REBASE_AFTER = 1L << 30;

    private final long windowMs;
    private PackedKeyTable table;
    private long base = Long.MIN_VALUE;
    /** The table before the last doubling while its keys migrate, else holding no slots; read-only but for {@link #MOVED}. */
    private PackedKeyTable old;
    private int migrateAt;

    private final Map<Object, long[]> latestByKey = new HashMap<>();
    private final ArrayDeque<Object> objectKeys = new ArrayDeque<>();
    private final ArrayDeque<long[]> objectTimes = new ArrayDeque<>();
    private long latestTime = Long.MIN_VALUE;

    /** @param pages where the tables' slots come from: one for all symbols of a validate stage. */
    TradeDedup(final long windowMs, final SlotPages pages)
    {
        this.windowMs = windowMs;
        this.table = new PackedKeyTable(pages);
        this.old = new PackedKeyTable(pages);
        table.allocate(MIN_CAPACITY);
    }

    /** Whether the trade repeats one accepted within the window; if not, remembers it. */
    boolean isDuplicate(final FeedRecord trade)
    {
        final long packed = packedKey(trade);
        if (packed != MISSING)
        {
            return isDuplicate(packed, trade.time);
        }
        final String id = trade.tradeIdText();
        final Object key = id != null ?
            new IdKey(trade.exchange, id) :
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
        int slot = table.find(key);
        final int oldSlot = slot < 0 ? findOld(key) : -1;
        if (slot >= 0 || oldSlot >= 0)
        {
            final long seen = base + (slot >= 0 ? table.time(slot) : old.time(oldSlot));
            if (seen >= horizon() && Math.abs(time - seen) <= windowMs)
            {
                return true;
            }
        }
        if (oldSlot >= 0)
        {
            old.time(oldSlot, MOVED);  // accepted again: its newest time goes to the new table
        }
        if (base == Long.MIN_VALUE)
        {
            base = time - 2 * windowMs;
        }
        if (time > latestTime && time - base > REBASE_AFTER)
        {
            rebase(time - 2 * windowMs);
            slot = table.find(key);
        }
        advance(time);
        if (time < horizon())
        {
            // accepted, but already two windows behind the latest: its key is forgotten at once
            if (slot >= 0)
            {
                table.delete(slot);
            }
        }
        else if (slot >= 0)
        {
            table.time(slot, (int)(time - base));
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
        // a record built by hand may carry a number as text: it is the same id
        final long id = trade.tradeNumber != TradeIds.NONE ? trade.tradeNumber : TradeIds.number(trade.tradeId);
        if (id == TradeIds.NONE || trade.exchange < 0 || trade.exchange > 127)
        {
            return MISSING;
        }
        return trade.exchange << 56 | id;
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

    /** The key's slot in the migrating old table, or -1 when not there or already moved. */
    private int findOld(final long key)
    {
        final int slot = old.allocated() ? old.find(key) : -1;
        return slot < 0 || old.time(slot) == MOVED ? -1 : slot;
    }

    /** Moves the next {@code slots} slots of the old table: its remembered keys to the new one. */
    private void migrate(final int slots)
    {
        if (!old.allocated())
        {
            return;
        }
        final long horizon = horizon();
        final int end = (int)Math.min(old.capacity(), (long)migrateAt + slots);
        for (int i = migrateAt; i < end; i++)
        {
            if (isRemembered(old, i, horizon))
            {
                table.add(old.key(i), old.time(i));
            }
            old.time(i, MOVED);
        }
        migrateAt = end;
        if (migrateAt == old.capacity())
        {
            old.release();
        }
    }

    private void insert(final long key, final int offset)
    {
        table.add(key, offset);
        if (table.used() > table.limit())
        {
            // forget what is forgotten before growing: the table doubles only when its live keys
            // fill more than 3/4 of the load limit (52.5%), so it stays under 2 / 0.525 slots a key
            migrate(Integer.MAX_VALUE);
            sweep(table.capacity());
            if (table.used() > table.limit() * 3 / 4)
            {
                grow();
            }
        }
    }

    /** Moves the table's sweep cursor {@code slots} slots on, deleting the forgotten keys it passes. */
    private void sweep(final int slots)
    {
        final long horizon = horizon();
        if (base == Long.MIN_VALUE || horizon < base)
        {
            return;
        }
        table.sweep(slots, (int)(horizon - base));
    }

    /**
     * Doubles the table without rehashing it in one go: the old table stays, read-only, and its keys
     * move {@link #MIGRATE} slots per accepted trade (a busy symbol's table of a million slots
     * rehashed at once stalled the validate thread for about 50 ms).
     */
    private void grow()
    {
        migrate(Integer.MAX_VALUE);
        final PackedKeyTable doubled = old;
        old = table;
        table = doubled;
        migrateAt = 0;
        table.allocate(old.capacity() * 2);
    }

    /** Moves the base (after a jump in event time) and keeps the keys still remembered. */
    private void rebase(final long newBase)
    {
        migrate(Integer.MAX_VALUE);
        table.rebase(base, newBase);
        base = newBase;
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
        return latestByKey.size() + remembered(table, horizon) + remembered(old, horizon);
    }

    /** The keys of one table (a scan) that {@link #isRemembered} at {@code horizon}. */
    private int remembered(final PackedKeyTable slots, final long horizon)
    {
        int live = 0;
        for (int i = 0; i < slots.capacity(); i++)
        {
            if (isRemembered(slots, i, horizon))
            {
                live++;
            }
        }
        return live;
    }

    /** Slots held for packed keys, the migrating old table's included: 12 bytes a slot. */
    int capacity()
    {
        return table.capacity() + old.capacity();
    }

    /** Whether the slot holds a key, not yet moved, with a time at or after the horizon. */
    private boolean isRemembered(final PackedKeyTable slots, final int slot, final long horizon)
    {
        return slots.key(slot) != EMPTY && slots.time(slot) != MOVED && base + slots.time(slot) >= horizon;
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
