package io.tickstock.channels.tick;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.SymbolTable;

import java.util.List;

/** The tick channel's field checks, in order; shared with the fmv channel's last-trade table. */
public final class TickRules
{
    public static final List<String> REJECT_REASONS = List.of("bad_symbol", "bad_price", "bad_size", "bad_time");
    public static final int BAD_SYMBOL = 0;
    public static final int BAD_PRICE = 1;
    public static final int BAD_SIZE = 2;
    public static final int BAD_TIME = 3;
    /** {@link #check} for a valid trade. */
    public static final int VALID = -1;

    private TickRules()
    {
    }

    /** The first failing check's reason index, or {@link #VALID}; {@code symbolId} is the trade's resolved symbol. */
    public static int check(final FeedRecord trade, final int symbolId)
    {
        if (symbolId == SymbolTable.INVALID)
        {
            return BAD_SYMBOL;
        }
        if (trade.price <= 0 || trade.price == Fixed.NOT_FINITE)
        {
            return BAD_PRICE;
        }
        if (trade.size < 0)
        {
            return BAD_SIZE;
        }
        if (trade.time <= 0)
        {
            return BAD_TIME;
        }
        return VALID;
    }
}
