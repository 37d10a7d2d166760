package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.Stage;

import java.util.Arrays;

/**
 * The tick channel's validate + dedup stage: field checks in order ({@link TickRules}), then the
 * dedup window per symbol (across sources: the same trade from two feeds is one trade).
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
public final class TickValidator implements Stage<FeedRecord>
{
    private final SymbolTable symbols;
    private final long dedupWindowMs;
    /** By symbol id; null until the symbol's first valid trade. */
    private TradeDedup[] dedupBySymbol = new TradeDedup[1024];

    /** @param symbols the table the router resolves symbols with (a record not yet resolved is resolved here). */
    public TickValidator(final SymbolTable symbols, final long dedupWindowMs)
    {
        this.symbols = symbols;
        this.dedupWindowMs = dedupWindowMs;
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
        if (id >= dedupBySymbol.length)
        {
            dedupBySymbol = Arrays.copyOf(dedupBySymbol, Math.max(id + 1, dedupBySymbol.length * 2));
        }
        TradeDedup dedup = dedupBySymbol[id];
        if (dedup == null)
        {
            dedup = new TradeDedup(dedupWindowMs);
            dedupBySymbol[id] = dedup;
        }
        if (dedup.isDuplicate(trade))
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
        int sum = 0;
        for (final TradeDedup dedup : dedupBySymbol)
        {
            if (dedup != null)
            {
                sum += dedup.size();
            }
        }
        return sum;
    }
}
