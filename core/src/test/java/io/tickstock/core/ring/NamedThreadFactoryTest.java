package io.tickstock.core.ring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ring threads are named after their handlers, in order, and never keep the JVM alive. */
class NamedThreadFactoryTest
{
    @Test
    void shouldNameThreadsAfterTheHandlersInOrderThenByIndexAndMakeThemDaemons()
    {
        final NamedThreadFactory factory = new NamedThreadFactory("tickstock-tick", List.of("validate", "process"));
        final Thread first = factory.newThread(() -> { });
        final Thread second = factory.newThread(() -> { });
        final Thread third = factory.newThread(() -> { });
        assertEquals("tickstock-tick-validate", first.getName());
        assertEquals("tickstock-tick-process", second.getName());
        assertEquals("tickstock-tick-2", third.getName());
        assertTrue(first.isDaemon() && second.isDaemon() && third.isDaemon());
    }
}
