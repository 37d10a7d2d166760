package io.tickstock.channels.ohlcv;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.PerSymbol;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.Stage;

import java.util.List;

/**
 * The ohlcv channel's validate + dedup stage. Checks in order: {@code bad_symbol}, {@code bad_bar},
 * {@code misaligned}, {@code late}; then a bar with the key (symbol, tf, start) of a retained bar
 * is a duplicate when o, h, l, c, v, vw and e are identical, else a revision that replaces it. It
 * keeps the newest bars per (symbol, tf) and computes each accepted bar's relative volume.
 *
 * <p>Not thread-safe: owned by the ohlcv channel's validate thread.
 */
public final class BarValidator implements Stage<FeedRecord>
{
    public static final List<String> REJECT_REASONS = List.of("bad_symbol", "bad_bar", "misaligned", "late");
    public static final int BAD_SYMBOL = 0;
    public static final int BAD_BAR = 1;
    public static final int MISALIGNED = 2;
    public static final int LATE = 3;

    private final SymbolTable symbols;
    private final int relVolBars;
    /** Each timeframe's series by symbol id: an array index, not a string lookup (JFR: a third of the minute's burst). */
    private final PerSymbol<BarSeries> minuteSeries;
    private final PerSymbol<BarSeries> secondSeries;

    /**
     * @param symbols      the table the router resolves symbols with (a record not yet resolved is resolved here).
     * @param retainedBars bars kept per (symbol, tf): older ones are late.
     * @param relVolBars   bars whose mean volume {@code relVol} compares against.
     */
    public BarValidator(final SymbolTable symbols, final int retainedBars, final int relVolBars)
    {
        this.symbols = symbols;
        this.relVolBars = relVolBars;
        this.minuteSeries = new PerSymbol<>(() -> new BarSeries(retainedBars));
        this.secondSeries = new PerSymbol<>(() -> new BarSeries(retainedBars));
    }

    @Override
    public void onEntry(final FeedRecord bar, final boolean endOfBatch)
    {
        if (bar.kind == RecordKind.CLOCK)
        {
            bar.pass();
            return;
        }
        final int id = symbols.resolve(bar);
        final int reason = id == SymbolTable.INVALID ? BAD_SYMBOL : check(bar);
        if (reason >= 0)
        {
            bar.reject(reason);
            return;
        }
        final BarSeries series = (bar.kind == RecordKind.BAR_MINUTE ? minuteSeries : secondSeries).get(id);
        if (series.isLate(bar.start))
        {
            bar.reject(LATE);
            return;
        }
        final int index = series.indexOf(bar.start);
        if (index >= 0 && series.sameContent(index, bar))
        {
            bar.duplicate();
            return;
        }
        final long volumeBefore = series.volumeBefore(bar.start, relVolBars);
        bar.relVol = volumeBefore > 0 ? Fixed.quotient(bar.volume, relVolBars, Fixed.ONE, volumeBefore, 1) : Fixed.NULL;
        if (index >= 0)
        {
            series.replace(index, bar);
            bar.revised = true;
        }
        else
        {
            series.insert(bar);
            bar.revised = false;
        }
        bar.accept();
    }

    /** The checks after the symbol's: {@code bad_bar}, then {@code misaligned}; -1 when the bar passes. */
    private static int check(final FeedRecord bar)
    {
        final long lowerBody = Math.min(bar.open, bar.close);
        final long upperBody = Math.max(bar.open, bar.close);
        if (!(bar.low <= lowerBody && upperBody <= bar.high) || bar.low <= 0 || bar.volume < 0 ||
            bar.end <= bar.start || bar.high == Fixed.NOT_FINITE || bar.vwap == Fixed.NOT_FINITE)
        {
            return BAD_BAR;
        }
        final long length = bar.kind == RecordKind.BAR_MINUTE ? 60_000L : 1_000L;
        if (Math.floorMod(bar.start, length) != 0 || bar.end - bar.start != length)
        {
            return MISALIGNED;
        }
        return -1;
    }
}
