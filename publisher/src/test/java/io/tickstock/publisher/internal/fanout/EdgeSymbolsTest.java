package io.tickstock.publisher.internal.fanout;

import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.SymbolTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event's symbol gets the same edge id whether the edge finds it by the pipeline's symbol id
 * or by its string: events of a pipeline, of another node (no pipeline id) and subscriptions (a
 * string) mixed in any order agree on every symbol's id, and ids stay dense.
 */
class EdgeSymbolsTest
{
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aSymbolHasOneIdHoweverItIsNamed(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final SymbolTable pipeline = new SymbolTable();
        final EdgeSymbols edge = new EdgeSymbols();
        final String[] names = new String[3_000];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = "S" + Integer.toString(i, 26).toUpperCase();
        }
        final int[] seen = new int[names.length];
        Arrays.fill(seen, EdgeSymbols.NONE);
        final MarketEvent event = new MarketEvent();
        for (int n = 0; n < 50_000; n++)
        {
            final int i = random.nextInt(names.length);
            // a fresh String each time: the lookup must not depend on the instance
            final String symbol = new String(names[i]);
            final int id;
            switch (random.nextInt(3))
            {
                case 0 ->
                {
                    event.reset(EventType.TRADE, symbol, n);
                    event.symbolId = pipeline.idOf(symbol);
                    id = edge.idOf(event);
                }
                case 1 ->
                {
                    // an event from another node: the pipeline's id is not known
                    event.reset(EventType.TRADE, symbol, n);
                    id = edge.idOf(event);
                }
                default -> id = edge.idOf(symbol);
            }
            if (seen[i] == EdgeSymbols.NONE)
            {
                assertEquals(edge.size() - 1, id, "a new symbol gets the next id");
                seen[i] = id;
            }
            assertEquals(seen[i], id, names[i]);
            assertEquals(names[i], edge.name(id));
        }
        for (int i = 0; i < names.length; i++)
        {
            assertEquals(seen[i], edge.find(names[i]), names[i]);
        }
    }
}
