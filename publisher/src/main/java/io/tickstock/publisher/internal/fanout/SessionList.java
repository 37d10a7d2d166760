package io.tickstock.publisher.internal.fanout;

import java.util.Arrays;

/**
 * An unordered set of client sessions, each with an event-type mask, in arrays the fan-out walks
 * without allocating: the subscribers of one symbol, or of {@code *} for one event type. Removal
 * moves the last entry into the hole; the order of sessions in the list means nothing (each
 * client's own stream is in id order whatever order the clients are served in).
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class SessionList
{
    private ClientSession[] sessions = new ClientSession[4];
    private int[] masks = new int[4];
    private int size;

    int size()
    {
        return size;
    }

    ClientSession session(final int i)
    {
        return sessions[i];
    }

    int mask(final int i)
    {
        return masks[i];
    }

    /** Sets the session's mask, adding it if absent and removing it when {@code mask} is 0. */
    void set(final ClientSession session, final int mask)
    {
        final int i = indexOf(session);
        if (mask == 0)
        {
            if (i >= 0)
            {
                size--;
                sessions[i] = sessions[size];
                masks[i] = masks[size];
                sessions[size] = null;
            }
            return;
        }
        if (i >= 0)
        {
            masks[i] = mask;
            return;
        }
        if (size == sessions.length)
        {
            sessions = Arrays.copyOf(sessions, size * 2);
            masks = Arrays.copyOf(masks, size * 2);
        }
        sessions[size] = session;
        masks[size] = mask;
        size++;
    }

    private int indexOf(final ClientSession session)
    {
        for (int i = 0; i < size; i++)
        {
            if (sessions[i] == session)
            {
                return i;
            }
        }
        return -1;
    }
}
