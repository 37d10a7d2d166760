package io.tickstock.channels;

import java.util.List;

/** The event types of the client protocol (docs/protocol.md §2.3), in protocol order. */
public enum EventType
{
    TRADE("trade", "tick", 3),
    HIGH("high", "tick", 1),
    LOW("low", "tick", 1),
    TREND("trend", "tick", 2),
    SURGE("surge", "tick", 1),
    BAR("bar", "ohlcv", 3),
    FMV("fmv", "fmv", 3);

    private static final EventType[] VALUES = values();

    private final String wireName;
    private final String channel;
    private final int defaultPriority;

    EventType(final String wireName, final String channel, final int defaultPriority)
    {
        this.wireName = wireName;
        this.channel = channel;
        this.defaultPriority = defaultPriority;
    }

    /** The name on the wire: {@code trade}, {@code high}, ... */
    public String wireName()
    {
        return wireName;
    }

    /** The channel that emits it: {@code tick}, {@code ohlcv} or {@code fmv}. */
    public String channel()
    {
        return channel;
    }

    public int defaultPriority()
    {
        return defaultPriority;
    }

    /** The bit of this type in an event mask. */
    public int bit()
    {
        return 1 << ordinal();
    }

    /** The event type with this wire name, or null. */
    public static EventType ofWireName(final String name)
    {
        for (final EventType type : VALUES)
        {
            if (type.wireName.equals(name))
            {
                return type;
            }
        }
        return null;
    }

    public static EventType ofOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** Every event type of a channel, in protocol order. */
    public static List<EventType> ofChannel(final String channel)
    {
        return java.util.Arrays.stream(VALUES).filter(type -> type.channel.equals(channel)).toList();
    }

    /** The mask of every event type. */
    public static int allMask()
    {
        return (1 << VALUES.length) - 1;
    }
}
