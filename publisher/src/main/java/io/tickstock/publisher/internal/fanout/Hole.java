package io.tickstock.publisher.internal.fanout;

/**
 * Events taken out of a client's queue at one place in it (conflated or dropped): how many, the
 * lowest and highest id, whether any was dropped. It becomes one {@code gap} message.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class Hole
{
    long count;
    long from = Long.MAX_VALUE;
    long to;
    boolean dropped;

    boolean isEmpty()
    {
        return count == 0;
    }

    void add(final long id, final boolean isDrop)
    {
        count++;
        from = Math.min(from, id);
        to = Math.max(to, id);
        dropped |= isDrop;
    }

    void addAll(final Hole other)
    {
        count += other.count;
        from = Math.min(from, other.from);
        to = Math.max(to, other.to);
        dropped |= other.dropped;
    }

    void clear()
    {
        count = 0;
        from = Long.MAX_VALUE;
        to = 0;
        dropped = false;
    }
}
