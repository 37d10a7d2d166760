package io.tickstock.channels.fmv;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.PerSymbol;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.SymbolTable;
import io.tickstock.channels.tick.TickRules;
import io.tickstock.core.ring.Stage;

import java.util.List;

/**
 * The fmv channel's validate + dedup stage. It also keeps the channel's own last-trade table: the
 * router hands it every trade, and each valid one (by the tick channel's field checks) with a
 * time at or after the symbol's latest becomes the symbol's last trade. Trades pass through
 * uncounted.
 *
 * <p>An FMV is checked in order: {@code bad_symbol}, {@code bad_price}, {@code bad_time}; then it
 * is a duplicate when the same (t, fmv) was accepted for the symbol within the dedup window;
 * then {@code stale} when t is not after the last accepted FMV's; then {@code outlier} when it is
 * strictly more than the outlier threshold from a last trade at most the recent-trade age older.
 *
 * <p>Not thread-safe: owned by the fmv channel's validate thread.
 */
public final class FmvValidator implements Stage<FeedRecord>
{
    public static final List<String> REJECT_REASONS = List.of("bad_symbol", "bad_price", "bad_time", "stale", "outlier");
    public static final int BAD_SYMBOL = 0;
    public static final int BAD_PRICE = 1;
    public static final int BAD_TIME = 2;
    public static final int STALE = 3;
    public static final int OUTLIER = 4;

    private static final long NANOS_PER_MS = 1_000_000L;

    private final SymbolTable symbols;
    private final long dedupWindowNs;
    private final long recentTradeMs;
    private final long outlierPctMicros;
    private final PerSymbol<SymbolFmv> bySymbol = new PerSymbol<>(SymbolFmv::new);

    /**
     * @param symbols          the table the router resolves symbols with (a record not yet resolved is resolved here).
     * @param dedupWindowMs    how long an accepted (t, fmv) is remembered, in event time.
     * @param recentTradeMs    how much older than the FMV a trade may be and still count.
     * @param outlierPctMicros the outlier threshold in percent, as {@link Fixed} micros (5 % = 5_000_000).
     */
    public FmvValidator(final SymbolTable symbols, final long dedupWindowMs, final long recentTradeMs, final long outlierPctMicros)
    {
        this.symbols = symbols;
        this.dedupWindowNs = dedupWindowMs * NANOS_PER_MS;
        this.recentTradeMs = recentTradeMs;
        this.outlierPctMicros = outlierPctMicros;
    }

    @Override
    public void onEntry(final FeedRecord record, final boolean endOfBatch)
    {
        final int id = symbols.resolve(record);
        if (record.kind == RecordKind.TRADE)
        {
            if (TickRules.check(record, id) == TickRules.VALID)
            {
                final SymbolFmv state = bySymbol.get(id);
                if (!state.hasTrade || record.time >= state.tradeTime)
                {
                    state.hasTrade = true;
                    state.tradeTime = record.time;
                    state.tradePrice = record.price;
                }
            }
            record.pass();
            return;
        }

        if (id == SymbolTable.INVALID)
        {
            record.reject(BAD_SYMBOL);
            return;
        }
        if (record.fmv <= 0 || record.fmv == Fixed.NOT_FINITE)
        {
            record.reject(BAD_PRICE);
            return;
        }
        if (record.time <= 0)
        {
            record.reject(BAD_TIME);
            return;
        }
        final SymbolFmv state = bySymbol.get(id);
        if (state.isDuplicate(record.time, record.fmv))
        {
            record.duplicate();
            return;
        }
        if (state.hasFmv && record.time <= state.lastFmvTime)
        {
            record.reject(STALE);
            return;
        }
        final long fmvMs = Math.floorDiv(record.time, NANOS_PER_MS);
        final boolean recent = state.hasTrade && fmvMs - state.tradeTime <= recentTradeMs;
        if (recent && isOutlier(record.fmv, state.tradePrice))
        {
            record.reject(OUTLIER);
            return;
        }
        state.accept(record.time, record.fmv, dedupWindowNs);
        record.lastTrade = recent ? state.tradePrice : Fixed.NULL;
        record.accept();
    }

    /** |fmv - last| / last > threshold, in exact integer arithmetic. */
    private boolean isOutlier(final long fmv, final long last)
    {
        return Fixed.compareProducts(Math.abs(fmv - last), 100L * Fixed.ONE, last, outlierPctMicros) > 0;
    }

    /**
     * One symbol's last trade and accepted FMVs. The FMVs of the dedup window are a ring of (t, fmv)
     * pairs in one array, oldest first (accepted times only increase): it grows, by doubling, only
     * past the most FMVs the symbol ever had in one window, and allocates nothing after that.
     */
    private static final class SymbolFmv
    {
        boolean hasTrade;
        long tradeTime;
        long tradePrice;
        boolean hasFmv;
        long lastFmvTime;
        /** {@code recent[2k]} is a time, {@code recent[2k + 1]} its fmv; entries from {@code head}, {@code size} of them. */
        private long[] recent = new long[2 * 4];
        private int head;
        private int size;

        boolean isDuplicate(final long time, final long fmv)
        {
            final int mask = recent.length / 2 - 1;
            for (int k = 0; k < size; k++)
            {
                final int at = 2 * ((head + k) & mask);
                if (recent[at] == time && recent[at + 1] == fmv)
                {
                    return true;
                }
            }
            return false;
        }

        void accept(final long time, final long fmv, final long windowNs)
        {
            hasFmv = true;
            lastFmvTime = time;
            if (2 * size == recent.length)
            {
                grow();
            }
            final int mask = recent.length / 2 - 1;
            final int at = 2 * ((head + size) & mask);
            recent[at] = time;
            recent[at + 1] = fmv;
            size++;
            while (recent[2 * head] < time - windowNs)
            {
                head = (head + 1) & mask;
                size--;
            }
        }

        private void grow()
        {
            final long[] grown = new long[2 * recent.length];
            final int mask = recent.length / 2 - 1;
            for (int k = 0; k < size; k++)
            {
                final int from = 2 * ((head + k) & mask);
                grown[2 * k] = recent[from];
                grown[2 * k + 1] = recent[from + 1];
            }
            recent = grown;
            head = 0;
        }
    }
}
