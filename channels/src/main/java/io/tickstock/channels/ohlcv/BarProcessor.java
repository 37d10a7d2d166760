package io.tickstock.channels.ohlcv;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.Stage;

/**
 * The ohlcv channel's process stage: a {@code bar} event for every accepted bar (its {@code ts}
 * the bar's end, {@code pct} = (c - o) / o x 100), then the rollups of 1m bars (docs/semantics.md
 * §3): re-emitted windows the bar landed in, then every window the channel's clock closes.
 *
 * <p>The clock is the highest end of an accepted bar; while no bar arrives, clock ticks advance it
 * by the processing time passed since the last bar. It never moves back.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's process thread.
 */
public final class BarProcessor implements Stage<FeedRecord>
{
    private final RollupBook rollups;
    private long highestEnd = Long.MIN_VALUE;
    private long lastBarNanos;

    /** @param symbols the table the router resolves symbols with (a bar not yet resolved is resolved here). */
    public BarProcessor(final MarketConfig config, final SymbolTable symbols)
    {
        this.rollups = new RollupBook(
            RollupBook.minutesOf(config.ohlcvRollups()), config.ohlcvAllowedLatenessMs(), config.ohlcvRetainedBars(), symbols);
    }

    @Override
    public void onEntry(final FeedRecord bar, final boolean endOfBatch)
    {
        bar.clearEvents();
        if (bar.kind == RecordKind.CLOCK)
        {
            if (highestEnd != Long.MIN_VALUE)
            {
                rollups.advance(highestEnd + (System.nanoTime() - lastBarNanos) / 1_000_000L, bar);
            }
            return;
        }
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
        event.pct = Fixed.percent(bar.open, bar.close);
        event.relVol = bar.relVol;
        event.revised = bar.revised;
        if (bar.kind == RecordKind.BAR_MINUTE)
        {
            rollups.onMinuteBar(bar);
        }
        highestEnd = Math.max(highestEnd, bar.end);
        lastBarNanos = System.nanoTime();
        rollups.advance(highestEnd, bar);
    }

    /** 1m bars kept for rollups, over all symbols. */
    public int rememberedBars()
    {
        return rollups.rememberedBars();
    }

    /** The rollups, for tests of their memory bound. */
    RollupBook rollups()
    {
        return rollups;
    }
}
