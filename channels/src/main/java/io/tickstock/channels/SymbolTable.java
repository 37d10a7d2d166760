package io.tickstock.channels;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Symbols interned to dense int ids (docs/architecture.md, "Departures from the target design"), so
 * that the channels keep per-symbol state in arrays indexed by id instead of looking a string up in
 * a hash map several times per record. The router resolves each trade's and FMV's symbol once, on
 * the source thread, and the copies in the rings carry the id ({@link FeedRecord#symbolId}). A
 * symbol that fails {@link Symbols#isValid} gets {@link #INVALID} and is never stored.
 *
 * <p>Ids are given in order of first sight and never reused; like the channels' per-symbol state,
 * the table keeps every valid symbol the feed ever named.
 *
 * <p>Thread-safe: any number of source and stage threads may resolve at once.
 */
public final class SymbolTable
{
    /** The id of a symbol that fails the symbol check: the record is {@code bad_symbol}. */
    public static final int INVALID = -1;
    /** {@link FeedRecord#symbolId} before the record was resolved. */
    public static final int UNRESOLVED = -2;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** The symbol's id, given now if it is new; {@link #INVALID} for an invalid symbol. */
    public int idOf(final String symbol)
    {
        if (symbol == null)
        {
            return INVALID;
        }
        final Integer id = ids.get(symbol);
        if (id != null)
        {
            return id;
        }
        if (!Symbols.isValid(symbol))
        {
            return INVALID;
        }
        return ids.computeIfAbsent(symbol, s -> next.getAndIncrement());
    }

    /** The record's symbol id, resolving and storing it first when the record has none yet. */
    public int resolve(final FeedRecord record)
    {
        if (record.symbolId == UNRESOLVED)
        {
            record.symbolId = idOf(record.symbol);
        }
        return record.symbolId;
    }

    /** Symbols interned so far. */
    public int size()
    {
        return next.get();
    }
}
