package io.tickstock.publisher.internal.fanout;

import io.tickstock.channels.MarketEvent;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * The edge's own dense ids for symbols and bar timeframes, given in order of first sight (an event
 * or a subscription naming it) and never reused, so that subscriptions, the snapshot table, the
 * history and the conflation keys are arrays and primitive maps indexed by id rather than maps
 * keyed by string. The edge's ids are its own, whatever stream feeds it (the local publish ring,
 * or later another node).
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class EdgeSymbols
{
    /** What {@link #find} answers for a symbol never seen. */
    static final int NONE = -1;

    private final Object2IntHashMap<String> ids = new Object2IntHashMap<>(NONE);
    private final Object2IntHashMap<String> tfIds = new Object2IntHashMap<>(NONE);
    private String[] names = new String[1024];
    private int size;
    /** The edge's id + 1 by the pipeline's symbol id ({@link MarketEvent#symbolId}); 0 where not seen yet. */
    private int[] byPipelineId = new int[1024];

    /** The symbol's id, given now if it is new. */
    int idOf(final String symbol)
    {
        int id = ids.getValue(symbol);
        if (id == NONE)
        {
            id = size++;
            if (id == names.length)
            {
                names = Arrays.copyOf(names, names.length * 2);
            }
            names[id] = symbol;
            ids.put(symbol, id);
        }
        return id;
    }

    /**
     * The id of an event's symbol: by the pipeline's id for it, an array index, when the pipeline
     * resolved it (the string is looked up once per symbol), else by the string. JFR of the
     * minute's bar burst: the string lookup was 5 of the fan-out thread's 55 samples.
     */
    int idOf(final MarketEvent event)
    {
        final int pipelineId = event.symbolId;
        if (pipelineId < 0)
        {
            return idOf(event.symbol);
        }
        if (pipelineId >= byPipelineId.length)
        {
            byPipelineId = Arrays.copyOf(byPipelineId, Math.max(pipelineId + 1, byPipelineId.length * 2));
        }
        final int known = byPipelineId[pipelineId];
        if (known != 0)
        {
            return known - 1;
        }
        final int id = idOf(event.symbol);
        byPipelineId[pipelineId] = id + 1;
        return id;
    }

    /** The symbol's id, or {@link #NONE} if the edge has never seen it. */
    int find(final String symbol)
    {
        return ids.getValue(symbol);
    }

    String name(final int id)
    {
        return names[id];
    }

    /** Symbols with an id: ids are {@code 0 .. size() - 1}. */
    int size()
    {
        return size;
    }

    /** A bar timeframe's id (0 for an event without one), for the conflation key. */
    int tfId(final String tf)
    {
        if (tf == null)
        {
            return 0;
        }
        int id = tfIds.getValue(tf);
        if (id == NONE)
        {
            id = tfIds.size() + 1;
            tfIds.put(tf, id);
        }
        return id;
    }
}
