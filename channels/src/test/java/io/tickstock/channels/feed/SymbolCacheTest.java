package io.tickstock.channels.feed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SymbolCacheTest
{
    @Test
    void shouldReturnTheCachedInstanceForARepeatedSymbol()
    {
        final SymbolCache cache = new SymbolCache(8);
        final byte[] data = "xxAAPLyy".getBytes(StandardCharsets.US_ASCII);

        final String first = cache.get(data, 2, 4);

        assertEquals("AAPL", first);
        assertSame(first, cache.get("AAPL".getBytes(StandardCharsets.US_ASCII), 0, 4));
    }

    @Test
    void shouldReturnEachSymbolsOwnTextWhenManySymbolsShareFewSlots()
    {
        final SymbolCache cache = new SymbolCache(4);
        for (int round = 0; round < 3; round++)
        {
            for (int n = 0; n < 2_000; n++)
            {
                // same-length symbols that differ in one char, and symbols of every length up to 5
                final String symbol = n % 2 == 0 ? "S" + (n % 1_000 + 1_000) : Integer.toString(n, 36);
                final byte[] bytes = ("[" + symbol + "]").getBytes(StandardCharsets.US_ASCII);

                assertEquals(symbol, cache.get(bytes, 1, symbol.length()));
            }
        }
        assertEquals("", cache.get(new byte[0], 0, 0));
    }

    @Test
    void shouldRejectACapacityThatIsNotAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new SymbolCache(6));
        assertThrows(IllegalArgumentException.class, () -> new SymbolCache(0));
    }
}
