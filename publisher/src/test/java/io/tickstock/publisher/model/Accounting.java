package io.tickstock.publisher.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * One channel's counts in the reference model (docs/semantics.md §7): received, accepted, duplicates,
 * rejected by reason and events by type.
 *
 * <p>Not thread-safe: owned by the test thread.
 */
public final class Accounting
{
    long received;
    long accepted;
    long duplicates;
    final Map<String, Long> rejected = new TreeMap<>();
    final Map<String, Long> events = new TreeMap<>();
    /** Rules the feed exercised, by name (for the generator's coverage check, not compared). */
    final Map<String, Long> notes = new TreeMap<>();

    void note(final String rule)
    {
        notes.merge(rule, 1L, Long::sum);
    }

    public Map<String, Long> notes()
    {
        return java.util.Collections.unmodifiableMap(notes);
    }

    void reject(final String reason)
    {
        rejected.merge(reason, 1L, Long::sum);
    }

    void event(final String type)
    {
        events.merge(type, 1L, Long::sum);
    }

    public long received()
    {
        return received;
    }

    public long accepted()
    {
        return accepted;
    }

    public long duplicates()
    {
        return duplicates;
    }

    public long rejected(final String reason)
    {
        return rejected.getOrDefault(reason, 0L);
    }

    public long rejectedTotal()
    {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long events(final String type)
    {
        return events.getOrDefault(type, 0L);
    }

    @Override
    public String toString()
    {
        return "received=" + received + " accepted=" + accepted + " duplicates=" + duplicates + " rejected=" + rejected +
            " events=" + events;
    }
}
