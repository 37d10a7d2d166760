package io.tickstock.core;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.core.ring.WakeableWaitStrategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The configuration names of the thread layouts and wait strategies (docs/configuration.md), both ways. */
class ConfigNamesTest
{
    @Test
    void shouldNameEveryThreadLayoutAndParseItsNameBack()
    {
        assertEquals(List.of("threaded", "fused"), Arrays.stream(ThreadLayout.values()).map(ThreadLayout::configName).toList());
        for (final ThreadLayout layout : ThreadLayout.values())
        {
            assertEquals(layout, ThreadLayout.fromConfig("k", layout.configName()));
        }
    }

    @Test
    void shouldRefuseAnUnknownThreadLayoutNamingTheAllowedOnes()
    {
        assertEquals("channel.layout: 'FUSED' is not a thread layout; allowed: threaded, fused",
            assertThrows(IllegalArgumentException.class, () -> ThreadLayout.fromConfig("channel.layout", "FUSED")).getMessage());
    }

    @Test
    void shouldNameEveryWaitStrategyAndParseItsNameBack()
    {
        assertEquals(List.of("blocking", "lite-blocking", "sleeping", "yielding", "busy-spin"),
            Arrays.stream(WaitStrategyKind.values()).map(WaitStrategyKind::configName).toList());
        for (final WaitStrategyKind kind : WaitStrategyKind.values())
        {
            assertEquals(kind, WaitStrategyKind.fromConfig("k", kind.configName()));
        }
        assertEquals("k: 'busy_spin' is not a wait strategy; allowed: blocking, lite-blocking, sleeping, yielding, busy-spin",
            assertThrows(IllegalArgumentException.class, () -> WaitStrategyKind.fromConfig("k", "busy_spin")).getMessage());
    }

    @Test
    void shouldMakeTheDisruptorWaitStrategyEachKindNames()
    {
        assertInstanceOf(WakeableWaitStrategy.class, WaitStrategyKind.BLOCKING.newStrategy());
        assertInstanceOf(WakeableWaitStrategy.class, WaitStrategyKind.LITE_BLOCKING.newStrategy());
        assertInstanceOf(SleepingWaitStrategy.class, WaitStrategyKind.SLEEPING.newStrategy());
        assertInstanceOf(YieldingWaitStrategy.class, WaitStrategyKind.YIELDING.newStrategy());
        assertInstanceOf(BusySpinWaitStrategy.class, WaitStrategyKind.BUSY_SPIN.newStrategy());
    }
}
