package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SymbolTableTest
{
    @Test
    void givesDenseIdsInOrderOfFirstSightAndTheSameIdAgain()
    {
        final SymbolTable table = new SymbolTable();
        assertEquals(0, table.idOf("AAPL"));
        assertEquals(1, table.idOf("BRK.B"));
        assertEquals(0, table.idOf("AAPL"));
        assertEquals(0, table.idOf(new String("AAPL".toCharArray())));
        assertEquals(2, table.idOf("X-WS"));
        assertEquals(3, table.size());
    }

    @Test
    void givesInvalidSymbolsNoIdAndKeepsNothingForThem()
    {
        final SymbolTable table = new SymbolTable();
        for (final String bad : new String[] {null, "", "aapl", "1ABC", "TOO_LONG_SYMBOL_NAME", "A B", "$X"})
        {
            assertEquals(SymbolTable.INVALID, table.idOf(bad), String.valueOf(bad));
        }
        assertEquals(0, table.size());
        assertEquals(0, table.idOf("MSFT"));
    }

    @Test
    void resolvesARecordOnceAndKeepsAnIdTheRouterSet()
    {
        final SymbolTable table = new SymbolTable();
        final FeedRecord record = new FeedRecord();
        record.clear();
        record.symbol = "MSFT";
        assertEquals(SymbolTable.UNRESOLVED, record.symbolId);
        assertEquals(0, table.resolve(record));
        assertEquals(0, record.symbolId);
        record.symbolId = 7;
        assertEquals(7, table.resolve(record), "an id already set is the router's and is kept");
        record.clear();
        assertEquals(SymbolTable.UNRESOLVED, record.symbolId);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void givesEachSymbolExactlyOneIdWhenManyThreadsInternAtOnce() throws Exception
    {
        final SymbolTable table = new SymbolTable();
        final int threads = 4;
        final int symbols = 5_000;
        final CountDownLatch start = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int offset = t * 997;
                results.add(pool.submit(() ->
                {
                    start.await();
                    final int[] ids = new int[symbols];
                    for (int i = 0; i < symbols; i++)
                    {
                        final int s = (i + offset) % symbols;
                        ids[s] = table.idOf("S" + s);
                    }
                    return ids;
                }));
            }
            start.countDown();
            final int[] first = results.get(0).get();
            for (final Future<int[]> result : results)
            {
                final int[] ids = result.get();
                for (int s = 0; s < symbols; s++)
                {
                    assertEquals(first[s], ids[s], "S" + s + " has one id in every thread");
                }
            }
            final Set<Integer> distinct = new HashSet<>();
            for (final int id : first)
            {
                distinct.add(id);
            }
            assertEquals(symbols, distinct.size());
            assertEquals(symbols, table.size());
            for (int id = 0; id < symbols; id++)
            {
                assertEquals(true, distinct.contains(id), "ids are dense: " + id);
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}
