package io.tickstock.core.ring;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The exact accounting of one channel (docs/semantics.md §7): {@code received = rejected (by
 * reason) + duplicates + accepted}, events emitted by type, and handler errors by stage (each one a
 * record quarantined).
 *
 * <p>Each counter has a single writer: the validate stage writes the record outcomes, the
 * prioritize stage the events, and each stage its own errors. Readers on any thread see values
 * that are exact once the channel is drained and never more than the records in flight behind.
 * Thread-safe for one writer per counter and any number of readers.
 */
public final class ChannelCounters
{
    /** The reject reason recorded when the validate stage throws on a record. */
    public static final String HANDLER_ERROR = "handler_error";

    private static final int RECEIVED = 0;
    private static final int ACCEPTED = 1;
    private static final int DUPLICATE = 2;
    private static final int REJECTED = 3;

    private final String channel;
    private final List<String> rejectReasons;
    private final List<String> eventTypes;
    private final AtomicLongArray records = new AtomicLongArray(4);
    private final AtomicLongArray rejects;
    private final AtomicLongArray events;
    private final AtomicLongArray errors = new AtomicLongArray(ChannelStageId.values().length);
    private final int handlerErrorReason;

    /**
     * @param channel       the channel name used in metrics ({@code tick}, {@code ohlcv}, {@code fmv}).
     * @param rejectReasons the channel's reject reasons; {@link #HANDLER_ERROR} is appended.
     * @param eventTypes    the event types the channel emits.
     */
    public ChannelCounters(final String channel, final List<String> rejectReasons, final List<String> eventTypes)
    {
        this.channel = channel;
        final java.util.ArrayList<String> reasons = new java.util.ArrayList<>(rejectReasons);
        reasons.add(HANDLER_ERROR);
        this.rejectReasons = List.copyOf(reasons);
        this.eventTypes = List.copyOf(eventTypes);
        this.rejects = new AtomicLongArray(this.rejectReasons.size());
        this.events = new AtomicLongArray(this.eventTypes.size());
        this.handlerErrorReason = this.rejectReasons.size() - 1;
    }

    public String channel()
    {
        return channel;
    }

    public List<String> rejectReasons()
    {
        return rejectReasons;
    }

    public List<String> eventTypes()
    {
        return eventTypes;
    }

    int handlerErrorReason()
    {
        return handlerErrorReason;
    }

    void recordOutcome(final ChannelEntry entry)
    {
        switch (entry.outcome())
        {
            case ChannelEntry.OUTCOME_ACCEPTED:
                increment(records, RECEIVED);
                increment(records, ACCEPTED);
                break;
            case ChannelEntry.OUTCOME_DUPLICATE:
                increment(records, RECEIVED);
                increment(records, DUPLICATE);
                break;
            case ChannelEntry.OUTCOME_REJECTED:
                increment(records, RECEIVED);
                increment(records, REJECTED);
                increment(rejects, entry.rejectReason());
                break;
            default:
                break;
        }
    }

    /**
     * Counts one emitted event. Called by the stage that publishes events.
     *
     * @param eventType index into {@link #eventTypes()}.
     */
    public void eventEmitted(final int eventType)
    {
        increment(events, eventType);
    }

    void handlerError(final ChannelStageId stage)
    {
        increment(errors, stage.ordinal());
    }

    public long received()
    {
        return records.get(RECEIVED);
    }

    public long accepted()
    {
        return records.get(ACCEPTED);
    }

    public long duplicates()
    {
        return records.get(DUPLICATE);
    }

    public long rejected()
    {
        return records.get(REJECTED);
    }

    public long rejected(final String reason)
    {
        final int index = rejectReasons.indexOf(reason);
        return index < 0 ? 0 : rejects.get(index);
    }

    public long events(final String eventType)
    {
        final int index = eventTypes.indexOf(eventType);
        return index < 0 ? 0 : events.get(index);
    }

    public long handlerErrors(final ChannelStageId stage)
    {
        return errors.get(stage.ordinal());
    }

    /**
     * Records quarantined ({@link Quarantine}): one for every handler error, whatever the stage, so
     * always the sum of {@link #handlerErrors(ChannelStageId)} over the stages.
     */
    public long quarantined()
    {
        long sum = 0;
        for (int i = 0; i < errors.length(); i++)
        {
            sum += errors.get(i);
        }
        return sum;
    }

    private static void increment(final AtomicLongArray array, final int index)
    {
        array.lazySet(index, array.get(index) + 1);
    }
}
