package io.tickstock.channels.ohlcv;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.RecordKind;
import io.tickstock.core.Stage;

/**
 * The ohlcv channel's process stage: a {@code bar} event for every accepted bar, its {@code ts}
 * the bar's end, with {@code pct} = (c - o) / o x 100.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
public final class BarProcessor implements Stage<FeedRecord>
{
    @Override
    public void onEntry(final FeedRecord bar, final boolean endOfBatch)
    {
        bar.clearEvents();
        final MarketEvent event = bar.addEvent(EventType.BAR, bar.end);
        event.tf = bar.kind == RecordKind.BAR_MINUTE ? "1m" : "1s";
        event.open = bar.open;
        event.high = bar.high;
        event.low = bar.low;
        event.close = bar.close;
        event.volume = bar.volume;
        event.vwap = bar.vwap;
        event.start = bar.start;
        event.end = bar.end;
        event.pct = Fixed.ofDouble((bar.close - bar.open) * 100.0 / bar.open);
        event.relVol = bar.relVol;
        event.revised = bar.revised;
    }
}
