package io.tickstock.publisher.internal.fanout;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The order of what waits for one client (docs/protocol.md §2.4): entries linked in id order, the
 * conflatable events among them also linked oldest first and found by their conflation key, and
 * the holes that events taken out leave with the entry after them (or at the end, until the next
 * entry comes). Only structure: what to queue, conflate or drop, and the counts, are the
 * session's.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class DeliveryQueue
{
    /** The holes after the newest entry: they go with the next entry queued. */
    final Hole trailingHole = new Hole();
    private final Long2ObjectHashMap<Outbound> byKey = new Long2ObjectHashMap<>();
    private Outbound head;
    private Outbound tail;
    private Outbound oldestConflatable;
    private Outbound newestConflatable;

    Outbound head()
    {
        return head;
    }

    /** Nothing queued and no hole waiting to be told. */
    boolean isEmpty()
    {
        return head == null && trailingHole.isEmpty();
    }

    /** Queues an entry after the newest one; the holes made since that one go with it. */
    void append(final Outbound queued)
    {
        if (!trailingHole.isEmpty())
        {
            queued.holeBefore().addAll(trailingHole);
            trailingHole.clear();
        }
        queued.prev = tail;
        if (tail == null)
        {
            head = queued;
        }
        else
        {
            tail.next = queued;
        }
        tail = queued;
        if (queued.key != Outbound.NO_KEY)
        {
            byKey.put(queued.key, queued);
            queued.olderConflatable = newestConflatable;
            if (newestConflatable == null)
            {
                oldestConflatable = queued;
            }
            else
            {
                newestConflatable.newerConflatable = queued;
            }
            newestConflatable = queued;
        }
    }

    /** The waiting conflatable event with this key, taken out and its id left as a hole; null if none waits. */
    Outbound conflate(final long key)
    {
        final Outbound older = byKey.get(key);
        if (older != null)
        {
            remove(older, false);
        }
        return older;
    }

    /** The oldest waiting conflatable event, taken out and its id left as a dropped hole; null if none waits. */
    Outbound dropOldestConflatable()
    {
        final Outbound victim = oldestConflatable;
        if (victim != null)
        {
            remove(victim, true);
        }
        return victim;
    }

    /** Takes the first entry out; its holes stay on it. */
    Outbound poll()
    {
        final Outbound first = head;
        head = first.next;
        if (head == null)
        {
            tail = null;
        }
        else
        {
            head.prev = null;
        }
        first.next = null;
        forget(first);
        return first;
    }

    /** Empties the queue (the caller has released and counted the entries from {@link #head()} on). */
    void clear()
    {
        head = null;
        tail = null;
        oldestConflatable = null;
        newestConflatable = null;
        byKey.clear();
        trailingHole.clear();
    }

    /** Takes a queued event out; its id and the holes before it go with the entry after it. */
    private void remove(final Outbound removed, final boolean isDrop)
    {
        final Hole hole = removed.next == null ? trailingHole : removed.next.holeBefore();
        if (removed.holeBefore != null)
        {
            hole.addAll(removed.holeBefore);
        }
        hole.add(removed.id, isDrop);
        if (removed.prev == null)
        {
            head = removed.next;
        }
        else
        {
            removed.prev.next = removed.next;
        }
        if (removed.next == null)
        {
            tail = removed.prev;
        }
        else
        {
            removed.next.prev = removed.prev;
        }
        removed.prev = null;
        removed.next = null;
        forget(removed);
    }

    private void forget(final Outbound entry)
    {
        if (entry.key == Outbound.NO_KEY)
        {
            return;
        }
        byKey.remove(entry.key);
        if (entry.olderConflatable == null)
        {
            oldestConflatable = entry.newerConflatable;
        }
        else
        {
            entry.olderConflatable.newerConflatable = entry.newerConflatable;
        }
        if (entry.newerConflatable == null)
        {
            newestConflatable = entry.olderConflatable;
        }
        else
        {
            entry.newerConflatable.olderConflatable = entry.olderConflatable;
        }
        entry.olderConflatable = null;
        entry.newerConflatable = null;
    }
}
