package io.tickstock.core.ring;

import java.util.List;

/**
 * What a monitor may read of one ring, a channel's or the publish ring: its name, whether it runs,
 * its capacity, the producers' cursor, each handler's sequence, the publishes that found it full
 * and its recent errors. Monitoring (health, alerts, the debug views, the shutdown accounting)
 * reads every ring through this one view, so none of it needs to know which kind of ring it reads.
 *
 * <p>Thread-safe: any thread may read; values read while the ring runs may lag by the entries in
 * flight. To read a consistent fill, read {@link #handlerSequences()} before {@link #cursor()}, so
 * that no handler appears ahead of the cursor.
 */
public interface RingView
{
    /** {@code tick}, {@code ohlcv}, {@code fmv} (a channel's name) or {@code publish}. */
    String name();

    /** Whether the ring has started and has not been stopped by its drain. */
    boolean isRunning();

    /** Entries the ring holds. */
    int capacity();

    /** The highest sequence claimed by a producer; -1 before the first publish. */
    long cursor();

    /** The handlers' names: a channel's in chain order, the publish ring's consumers in the order they were added. */
    List<String> handlerNames();

    /** The sequence each handler has processed up to, in the order of {@link #handlerNames()}; -1 before the first. */
    long[] handlerSequences();

    /** Publishes that found the ring full and waited for room, since start. */
    long fullWaits();

    /** The last few exceptions of the ring's handlers, and how many there were in all. */
    RecentErrors recentErrors();
}
