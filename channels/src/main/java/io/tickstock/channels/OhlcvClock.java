package io.tickstock.channels;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.tickstock.core.ring.Channel;

/**
 * One beat of the ohlcv channel's processing-time clock: publishes a {@code CLOCK} entry, which
 * passes validation uncounted and lets the bar processor close the windows whose time has come.
 * It runs on the pipeline's housekeeping thread, which must not block: when the ring is full the
 * entry is counted once as a full wait, like any producer's, and tried again at each beat until it
 * goes in, so a full ohlcv ring delays the clock but never the alerts that report it.
 *
 * <p>Not thread-safe: run by the housekeeping thread only.
 */
final class OhlcvClock implements Runnable
{
    private static final EventTranslatorOneArg<FeedRecord, Object> CLOCK_TICK = (entry, sequence, ignored) ->
    {
        entry.clear();
        entry.kind = RecordKind.CLOCK;
        entry.symbol = "";
        entry.srcName = "clock";
    };

    private final Channel<FeedRecord> ohlcv;
    /** A beat found the ring full and its entry is not in yet: counted once, retried without counting. */
    private boolean owed;

    OhlcvClock(final Channel<FeedRecord> ohlcv)
    {
        this.ohlcv = ohlcv;
    }

    @Override
    public void run()
    {
        owed = !ohlcv.tryPublish(CLOCK_TICK, null, !owed);
    }
}
