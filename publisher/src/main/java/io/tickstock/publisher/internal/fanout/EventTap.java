package io.tickstock.publisher.internal.fanout;

import io.tickstock.channels.MarketEvent;

/**
 * Sees every event the fan-out delivers, with its id, on the fan-out thread, before the event is
 * encoded: for a view of the stream that needs no thread of its own (the Socket.IO endpoint's
 * batch, docs/compat.md). It must be quick and must not keep the event, which is reused.
 */
@FunctionalInterface
public interface EventTap
{
    void event(MarketEvent event, long id);
}
