package io.tickstock.core.ring;

import io.tickstock.core.source.SourceCounters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The exact accounting of a channel and of the sources (docs/observability.md): every outcome and
 * event counted once under its own name, unknown names reading 0.
 */
class CountersTest
{
    @Test
    void shouldCountSourceRejectsByReasonAndInTotal()
    {
        final SourceCounters counters = new SourceCounters(List.of("malformed", "unknown_type"));
        counters.reject("malformed");
        counters.reject("malformed");
        counters.reject("unknown_type");
        assertEquals(List.of("malformed", "unknown_type"), counters.reasons());
        assertEquals(2, counters.rejected("malformed"));
        assertEquals(1, counters.rejected("unknown_type"));
        assertEquals(0, counters.rejected("bad_price"));
        assertEquals(3, counters.rejected());
    }

    @Test
    void shouldRefuseAnUndeclaredSourceRejectReason()
    {
        final SourceCounters counters = new SourceCounters(List.of("malformed"));
        assertEquals("undeclared source reject reason: late; declared: [malformed]",
            assertThrows(IllegalArgumentException.class, () -> counters.reject("late")).getMessage());
        assertEquals(0, counters.rejected());
    }

    @Test
    void shouldCountEachOutcomeOnceAndReceivedAsTheirSum()
    {
        final ChannelCounters counters = new ChannelCounters("tick", List.of("bad_symbol", "bad_price"), List.of("trade", "high"));
        counters.recordOutcome(entry(e -> e.accept()));
        counters.recordOutcome(entry(e -> e.accept()));
        counters.recordOutcome(entry(e -> e.duplicate()));
        counters.recordOutcome(entry(e -> e.reject(1)));
        counters.recordOutcome(entry(e -> e.pass()));
        assertEquals(4, counters.received(), "a record that only passes through is not received");
        assertEquals(2, counters.accepted());
        assertEquals(1, counters.duplicates());
        assertEquals(1, counters.rejected());
        assertEquals(0, counters.rejected("bad_symbol"));
        assertEquals(1, counters.rejected("bad_price"));
        assertEquals(List.of("bad_symbol", "bad_price", ChannelCounters.HANDLER_ERROR), counters.rejectReasons());
    }

    @Test
    void shouldCountEmittedEventsByType()
    {
        final ChannelCounters counters = new ChannelCounters("tick", List.of(), List.of("trade", "high"));
        counters.eventEmitted(0);
        counters.eventEmitted(0);
        counters.eventEmitted(1);
        assertEquals(List.of("trade", "high"), counters.eventTypes());
        assertEquals(2, counters.events("trade"));
        assertEquals(1, counters.events("high"));
        assertEquals(0, counters.events("low"));
    }

    @Test
    void shouldCountHandlerErrorsByStageAndQuarantineOnePerError()
    {
        final ChannelCounters counters = new ChannelCounters("tick", List.of(), List.of());
        counters.handlerError(ChannelStageId.VALIDATE);
        counters.handlerError(ChannelStageId.PRIORITIZE);
        counters.handlerError(ChannelStageId.PRIORITIZE);
        assertEquals(1, counters.handlerErrors(ChannelStageId.VALIDATE));
        assertEquals(0, counters.handlerErrors(ChannelStageId.PROCESS));
        assertEquals(2, counters.handlerErrors(ChannelStageId.PRIORITIZE));
        assertEquals(3, counters.quarantined());
    }

    private static QuarantineTest.Item entry(final java.util.function.Consumer<QuarantineTest.Item> outcome)
    {
        final QuarantineTest.Item item = new QuarantineTest.Item();
        outcome.accept(item);
        return item;
    }
}
