package io.tickstock.channels;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Event priorities (0 most urgent .. 3): one per event type, lowered for boosted symbols (a boost
 * of 1 makes a {@code bar} of SPY priority 2). Immutable.
 */
public final class PriorityPolicy
{
    public static final int MOST_URGENT = 0;
    public static final int LEAST_URGENT = 3;

    private final int[] byType = new int[EventType.values().length];
    private final Map<String, Integer> boosts;

    private PriorityPolicy(final Map<EventType, Integer> byType, final Map<String, Integer> boosts)
    {
        for (final EventType type : EventType.values())
        {
            this.byType[type.ordinal()] = byType.getOrDefault(type, type.defaultPriority());
        }
        this.boosts = Map.copyOf(boosts);
    }

    /** The protocol's default priorities and no boosts. */
    public static PriorityPolicy defaults()
    {
        return new PriorityPolicy(Map.of(), Map.of());
    }

    /**
     * @param byType priorities that differ from the defaults, each 0..3.
     * @param boosts per-symbol boosts, each 0..3.
     * @throws IllegalArgumentException naming the bad entry and the allowed range.
     */
    public static PriorityPolicy of(final Map<EventType, Integer> byType, final Map<String, Integer> boosts)
    {
        final EnumMap<EventType, Integer> checked = new EnumMap<>(EventType.class);
        byType.forEach((type, priority) ->
        {
            MarketKeys.priority(type).check(Objects.requireNonNull(priority, "priority." + type.wireName()));
            checked.put(type, priority);
        });
        boosts.forEach((symbol, boost) ->
        {
            if (!Symbols.isValid(symbol))
            {
                throw new IllegalArgumentException("priority.boost: '" + symbol + "' is not a valid symbol");
            }
            MarketKeys.PRIORITY_BOOST.renamed("priority.boost." + symbol).check(Objects.requireNonNull(boost, "priority.boost." + symbol));
        });
        return new PriorityPolicy(checked, boosts);
    }

    public int priority(final EventType type, final String symbol)
    {
        final int base = byType[type.ordinal()];
        if (boosts.isEmpty())
        {
            return base;
        }
        final Integer boost = boosts.get(symbol);
        return boost == null ? base : Math.max(MOST_URGENT, base - boost);
    }

    public int priority(final EventType type)
    {
        return byType[type.ordinal()];
    }

    public Map<String, Integer> boosts()
    {
        return boosts;
    }
}
