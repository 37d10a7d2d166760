package io.tickstock.core.ring;

/**
 * One stage of a channel's handler chain. Each stage of a channel runs on its own thread (or fused
 * with the others, by configuration) and owns the state it keeps; stages see every entry in ring order.
 *
 * @param <E> the channel's ring entry.
 */
@FunctionalInterface
public interface Stage<E extends ChannelEntry>
{
    /**
     * Handles one entry.
     *
     * @param entry      the ring entry; valid only for the duration of the call.
     * @param endOfBatch whether this is the last entry available right now (flush point).
     * @throws Exception counted as a handler error; the channel goes on with the next entry.
     */
    void onEntry(E entry, boolean endOfBatch) throws Exception;
}
