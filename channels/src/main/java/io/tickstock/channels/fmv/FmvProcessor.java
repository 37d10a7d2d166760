package io.tickstock.channels.fmv;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.RecordKind;
import io.tickstock.core.ring.Stage;

/**
 * The fmv channel's process stage: an {@code fmv} event for every accepted FMV, judged against the
 * recent last trade: {@code pct} = (fmv - last) / last x 100, {@code undervalued} above the signal
 * threshold, {@code overvalued} below minus it, else {@code fair}; all three null without a recent
 * trade. Its {@code ts} is t (ns) / 10^6, rounded down.
 *
 * <p>Not thread-safe: owned by the fmv channel's process thread.
 */
public final class FmvProcessor implements Stage<FeedRecord>
{
    public static final String UNDERVALUED = "undervalued";
    public static final String OVERVALUED = "overvalued";
    public static final String FAIR = "fair";

    private final long signalPctMicros;

    /** @param signalPctMicros the signal threshold in percent, as {@link Fixed} micros (1 % = 1_000_000). */
    public FmvProcessor(final long signalPctMicros)
    {
        this.signalPctMicros = signalPctMicros;
    }

    @Override
    public void onEntry(final FeedRecord record, final boolean endOfBatch)
    {
        record.clearEvents();
        if (record.kind != RecordKind.FMV)
        {
            return;
        }
        final MarketEvent event = record.addEvent(EventType.FMV, Math.floorDiv(record.time, 1_000_000L));
        event.fmv = record.fmv;
        final long last = record.lastTrade;
        event.last = last;
        if (last == Fixed.NULL)
        {
            event.pct = Fixed.NULL;
            event.signal = null;
            return;
        }
        final long diff = record.fmv - last;
        event.pct = Fixed.percent(last, record.fmv);
        // exact: diff / last x 100 against the threshold, in 128-bit products of micros
        final long scale = 100L * Fixed.ONE;
        if (Fixed.compareProducts(diff, scale, last, signalPctMicros) > 0)
        {
            event.signal = UNDERVALUED;
        }
        else if (Fixed.compareProducts(diff, scale, -last, signalPctMicros) < 0)
        {
            event.signal = OVERVALUED;
        }
        else
        {
            event.signal = FAIR;
        }
    }
}
