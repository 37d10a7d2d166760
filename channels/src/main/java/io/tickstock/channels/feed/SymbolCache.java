package io.tickstock.channels.feed;

import java.nio.charset.StandardCharsets;

/**
 * Hands back one {@code String} instance per symbol a decoder keeps seeing, so a decoded line
 * costs no new symbol string: a direct-mapped table keyed by the symbol's bytes. A miss (a new
 * symbol, or another symbol in the same slot) makes a new string and takes the slot, so what it
 * returns always equals the bytes it was given: eviction changes only what is allocated.
 *
 * <p>Only for printable ASCII bytes (the decoder's plain path checks them), whose chars are the bytes.
 *
 * <p>Not thread-safe: owned by the feed decoder that made it.
 */
final class SymbolCache
{
    private final String[] slots;
    private final int mask;

    /**
     * @param capacity slots, a power of two.
     */
    SymbolCache(final int capacity)
    {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        slots = new String[capacity];
        mask = capacity - 1;
    }

    /** The string of {@code length} ASCII bytes at {@code offset}, the cached instance when there is one. */
    String get(final byte[] data, final int offset, final int length)
    {
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            hash = 31 * hash + data[i];
        }
        final int slot = (hash ^ (hash >>> 16)) & mask;
        final String cached = slots[slot];
        if (cached != null && matches(cached, data, offset, length))
        {
            return cached;
        }
        final String made = new String(data, offset, length, StandardCharsets.ISO_8859_1);
        slots[slot] = made;
        return made;
    }

    private static boolean matches(final String cached, final byte[] data, final int offset, final int length)
    {
        if (cached.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (cached.charAt(i) != data[offset + i])
            {
                return false;
            }
        }
        return true;
    }
}
