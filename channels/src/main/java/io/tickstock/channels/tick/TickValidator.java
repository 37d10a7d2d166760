package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.PerSymbol;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.Stage;

/**
 * The tick channel's validate + dedup stage: field checks in order ({@link TickRules}), then the
 * dedup window per symbol (across sources: the same trade from two feeds is one trade).
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
public final class TickValidator implements Stage<FeedRecord>
{
    private final SymbolTable symbols;
    private final SlotPages dedupPages = new SlotPages();
    private final PerSymbol<TradeDedup> dedupBySymbol;

    /** @param symbols the table the router resolves symbols with (a record not yet resolved is resolved here). */
    public TickValidator(final SymbolTable symbols, final long dedupWindowMs)
    {
        this.symbols = symbols;
        this.dedupBySymbol = new PerSymbol<>(() -> new TradeDedup(dedupWindowMs, dedupPages));
    }

    @Override
    public void onEntry(final FeedRecord trade, final boolean endOfBatch)
    {
        final int id = symbols.resolve(trade);
        final int reason = TickRules.check(trade, id);
        if (reason != TickRules.VALID)
        {
            trade.reject(reason);
            return;
        }
        if (dedupBySymbol.get(id).isDuplicate(trade))
        {
            trade.duplicate();
        }
        else
        {
            trade.accept();
        }
    }

    /** Dedup keys remembered over all symbols. */
    public int rememberedKeys()
    {
        final int[] sum = {0};
        dedupBySymbol.forEach(dedup -> sum[0] += dedup.size());
        return sum[0];
    }

    /** Slots of the dedup tables of packed keys over all symbols: 12 bytes each (docs/semantics.md). */
    public long dedupSlots()
    {
        final long[] sum = {0};
        dedupBySymbol.forEach(dedup -> sum[0] += dedup.capacity());
        return sum[0];
    }

    /** Slots of the pages the dedup tables are carved from, free blocks included: 12 bytes each. */
    public long dedupPageSlots()
    {
        return dedupPages.pageSlots();
    }
}
