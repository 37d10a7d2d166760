package io.tickstock.core;

import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.source.Router;
import io.tickstock.core.source.SourceCounters;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one wording of a configuration error, and bounds that are inclusive at both ends. */
class ConfigChecksTest
{
    @Test
    void shouldAcceptBothBoundsOfARange()
    {
        assertDoesNotThrow(() -> ConfigChecks.range("k", 1, 1, 10));
        assertDoesNotThrow(() -> ConfigChecks.range("k", 10, 1, 10));
    }

    @Test
    void shouldRejectOneBelowAndOneAboveARangeNamingKeyValueAndRange()
    {
        assertEquals("k: 0 is out of range; allowed: 1..10",
            assertThrows(IllegalArgumentException.class, () -> ConfigChecks.range("k", 0, 1, 10)).getMessage());
        assertEquals("k: 11 is out of range; allowed: 1..10",
            assertThrows(IllegalArgumentException.class, () -> ConfigChecks.range("k", 11, 1, 10)).getMessage());
    }

    @Test
    void shouldAcceptPowersOfTwoAtBothBounds()
    {
        assertDoesNotThrow(() -> ConfigChecks.powerOfTwo("k", 2, 2, 1024));
        assertDoesNotThrow(() -> ConfigChecks.powerOfTwo("k", 1024, 2, 1024));
    }

    @Test
    void shouldRejectAPowerOfTwoOutsideItsBoundsAndANumberThatIsNone()
    {
        assertEquals("k: 1 is not allowed; allowed: a power of two from 2 to 1024",
            assertThrows(IllegalArgumentException.class, () -> ConfigChecks.powerOfTwo("k", 1, 2, 1024)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigChecks.powerOfTwo("k", 2048, 2, 1024));
        assertThrows(IllegalArgumentException.class, () -> ConfigChecks.powerOfTwo("k", 96, 2, 1024));
    }

    @Test
    void shouldRefuseARingSizeThatIsNotAPowerOfTwo()
    {
        assertEquals("publish.ringSize: 6 is not allowed; allowed: a power of two from 2 to 1073741824",
            assertThrows(IllegalArgumentException.class,
                () -> new PublishRing<Object>(Object::new, 6, WaitStrategyKind.BLOCKING)).getMessage());
        assertEquals("tick.ringSize: 6 is not allowed; allowed: a power of two from 2 to 1073741824",
            assertThrows(IllegalArgumentException.class,
                () -> Channel.builder("tick", PipelineDrainTest.Rec::new).ringSize(6).build()).getMessage());
    }

    @Test
    void shouldRouteToAtMost31Channels()
    {
        final SourceCounters counters = new SourceCounters(java.util.List.of());
        assertDoesNotThrow(() -> new Router<PipelineDrainTest.Rec>(java.util.Collections.nCopies(31, null), r -> 1, (e, s, r) -> { }, counters));
        assertEquals("at most 31 channels: 32", assertThrows(IllegalArgumentException.class,
            () -> new Router<PipelineDrainTest.Rec>(java.util.Collections.nCopies(32, null), r -> 1, (e, s, r) -> { }, counters)).getMessage());
    }
}
