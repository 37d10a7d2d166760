package io.tickstock.core.ring;

import io.tickstock.core.EpochClock;

/**
 * Base of every channel ring entry: the outcome the validate stage gives the record, read by the
 * later stages and by the accounting.
 *
 * <p>Entries are pre-allocated by the ring and reused; {@link #resetOutcome(long)} is called by the
 * channel before the validate stage runs. Not thread-safe: owned by the stage holding the entry's
 * sequence.
 */
public abstract class ChannelEntry
{
    /** The validate stage has not decided (or threw). */
    public static final int OUTCOME_NONE = 0;
    /** A record of this channel, accepted: the process stage handles it. */
    public static final int OUTCOME_ACCEPTED = 1;
    /** A record of this channel, dropped as a duplicate. */
    public static final int OUTCOME_DUPLICATE = 2;
    /** A record of this channel, rejected with {@link #rejectReason()}. */
    public static final int OUTCOME_REJECTED = 3;
    /** Not a record of this channel (side information such as a forwarded trade): not counted, still processed. */
    public static final int OUTCOME_PASS = 4;

    /** When the record was received, microseconds since the epoch ({@link EpochClock}); 0 if not a received record. */
    public long recvUs;

    private int outcome;
    private int rejectReason;
    private boolean failed;
    private long chainStartNanos;

    public final void accept()
    {
        outcome = OUTCOME_ACCEPTED;
    }

    public final void duplicate()
    {
        outcome = OUTCOME_DUPLICATE;
    }

    /**
     * Rejects the record.
     *
     * @param reason index of the reason in the channel's reject reasons.
     */
    public final void reject(final int reason)
    {
        outcome = OUTCOME_REJECTED;
        rejectReason = reason;
    }

    public final void pass()
    {
        outcome = OUTCOME_PASS;
    }

    public final int outcome()
    {
        return outcome;
    }

    public final int rejectReason()
    {
        return rejectReason;
    }

    /** Whether a stage threw on this entry: later stages skip it. */
    public final boolean failed()
    {
        return failed;
    }

    final void markFailed()
    {
        failed = true;
    }

    /**
     * The record's fields as text, for the {@link Quarantine}: called only when a stage threw on
     * the entry, never on the normal path, so it may allocate. This base renders the outcome.
     */
    public String describe()
    {
        return getClass().getSimpleName() + " outcome=" + outcome;
    }

    /** The name of the source that read the record, or null when the entry does not carry it. */
    public String sourceName()
    {
        return null;
    }

    /** The record's sequence in its source's stream, or 0 when the entry does not carry it. */
    public long sourceSeq()
    {
        return 0;
    }

    final long chainStartNanos()
    {
        return chainStartNanos;
    }

    final void resetOutcome(final long startNanos)
    {
        chainStartNanos = startNanos;
        outcome = OUTCOME_NONE;
        rejectReason = 0;
        failed = false;
    }
}
