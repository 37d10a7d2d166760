package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import io.tickstock.core.Stage;

import java.util.HashMap;
import java.util.Map;

/**
 * The tick channel's validate + dedup stage: field checks in order ({@link TickRules}), then the
 * dedup window per symbol (across sources: the same trade from two feeds is one trade).
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
public final class TickValidator implements Stage<FeedRecord>
{
    private final long dedupWindowMs;
    private final Map<String, TradeDedup> dedupBySymbol = new HashMap<>();

    public TickValidator(final long dedupWindowMs)
    {
        this.dedupWindowMs = dedupWindowMs;
    }

    @Override
    public void onEntry(final FeedRecord trade, final boolean endOfBatch)
    {
        final int reason = TickRules.check(trade);
        if (reason != TickRules.VALID)
        {
            trade.reject(reason);
            return;
        }
        TradeDedup dedup = dedupBySymbol.get(trade.symbol);
        if (dedup == null)
        {
            dedup = new TradeDedup(dedupWindowMs);
            dedupBySymbol.put(trade.symbol, dedup);
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
        for (final TradeDedup dedup : dedupBySymbol.values())
        {
            sum += dedup.size();
        }
        return sum;
    }
}
