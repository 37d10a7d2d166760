package io.tickstock.cluster;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The strings an edge decodes from the stream (symbols, source names, timeframes, signals), each
 * made once and then found again by its bytes: a feed names the same few thousand symbols all day,
 * and a new {@code String} per event was about 120,000 small objects a second at 20,000
 * records/s. ASCII strings up to {@value #MAX_CACHED_LENGTH} bytes are kept, up to half the table;
 * others are made each time.
 *
 * <p>Not thread-safe: the edge's link thread.
 */
final class AsciiStrings
{
    static final int MAX_CACHED_LENGTH = 32;
    private static final int CAPACITY = 1 << 15;
    private static final int MASK = CAPACITY - 1;

    private final String[] table = new String[CAPACITY];
    private int size;

    /** The string of {@code length} UTF-8 bytes at {@code offset}. */
    String get(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_CACHED_LENGTH)
        {
            return make(buffer, offset, length);
        }
        int hash = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < 0)
            {
                return make(buffer, offset, length);
            }
            hash = (hash ^ b) * 0x01000193;
        }
        int slot = (hash ^ (hash >>> 15)) & MASK;
        String found;
        while ((found = table[slot]) != null)
        {
            if (matches(found, buffer, offset, length))
            {
                return found;
            }
            slot = (slot + 1) & MASK;
        }
        final String made = make(buffer, offset, length);
        if (size < CAPACITY / 2)
        {
            table[slot] = made;
            size++;
        }
        return made;
    }

    private static boolean matches(final String candidate, final DirectBuffer buffer, final int offset, final int length)
    {
        if (candidate.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (candidate.charAt(i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static String make(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
