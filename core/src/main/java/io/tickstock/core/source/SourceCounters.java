package io.tickstock.core.source;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Records rejected before any channel, by reason, over all sources; and records routed. Thread-safe.
 */
public final class SourceCounters
{
    private final List<String> reasons;
    private final AtomicLongArray rejects;
    private final AtomicLongArray routed = new AtomicLongArray(1);
    private final AtomicLongArray failures = new AtomicLongArray(1);

    public SourceCounters(final List<String> reasons)
    {
        this.reasons = List.copyOf(reasons);
        this.rejects = new AtomicLongArray(reasons.size());
    }

    public List<String> reasons()
    {
        return reasons;
    }

    /**
     * @throws IllegalArgumentException for a reason that was not declared.
     */
    public void reject(final String reason)
    {
        final int index = reasons.indexOf(reason);
        if (index < 0)
        {
            throw new IllegalArgumentException("undeclared source reject reason: " + reason + "; declared: " + reasons);
        }
        rejects.incrementAndGet(index);
    }

    public long rejected(final String reason)
    {
        final int index = reasons.indexOf(reason);
        return index < 0 ? 0 : rejects.get(index);
    }

    public long rejected()
    {
        long sum = 0;
        for (int i = 0; i < rejects.length(); i++)
        {
            sum += rejects.get(i);
        }
        return sum;
    }

    void routed()
    {
        routed.incrementAndGet(0);
    }

    /** Records handed to the router (every record not rejected at the source). */
    public long routedRecords()
    {
        return routed.get(0);
    }

    void sourceFailed()
    {
        failures.incrementAndGet(0);
    }

    /** Sources whose run threw. */
    public long sourceFailures()
    {
        return failures.get(0);
    }
}
