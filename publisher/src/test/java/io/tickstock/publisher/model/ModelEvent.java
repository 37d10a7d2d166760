package io.tickstock.publisher.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * One event the model's channels emit (docs/protocol.md §2.3): its type, symbol, time, the fields
 * of its kind in protocol order, and the record whose source context it carries (for a rollup, its
 * window's latest bar). A {@code trade} also carries the symbol's session state after it, which the
 * model's snapshots are kept from (docs/protocol.md §2.2, {@code snapshot.state}).
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class ModelEvent
{
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    final String event;
    final String channel;
    final String symbol;
    final long ts;
    final ModelRecord src;
    final ObjectNode fields = NODES.objectNode();
    /** A bar of a rollup timeframe (not {@code 1s} or {@code 1m}). */
    boolean rollup;

    /** trade: the symbol's current session state after it (an earlier session's trade leaves it as it was). */
    BigDecimal lastPrice;
    BigDecimal sessionHigh;
    BigDecimal sessionLow;
    Long sessionVolume;

    ModelEvent(final String event, final String channel, final String symbol, final long ts, final ModelRecord src)
    {
        this.event = event;
        this.channel = channel;
        this.symbol = symbol;
        this.ts = ts;
        this.src = src;
    }

    ModelEvent price(final String name, final BigDecimal value)
    {
        if (value == null)
        {
            fields.putNull(name);
        }
        else
        {
            fields.put(name, value.stripTrailingZeros()); // same value, printed without trailing zeros
        }
        return this;
    }

    ModelEvent number(final String name, final long value)
    {
        fields.put(name, value);
        return this;
    }

    ModelEvent text(final String name, final String value)
    {
        fields.put(name, value);
        return this;
    }

    ModelEvent flag(final String name, final boolean value)
    {
        fields.put(name, value);
        return this;
    }
}
