package io.tickstock.publisher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leak count the storm test asserts to be zero means something: a buffer leaked on purpose is
 * counted, exactly once, and a released one is not. Runs in the {@code paranoid-leaks} failsafe
 * execution, beside the tests that rely on the count.
 */
@Tag("paranoid-leaks")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeakCounterIT
{
    private static final long WAIT_MS = 20_000;

    @Test
    void shouldCountABufferLeakedOnPurposeAndNotOneReleased()
    {
        final LeakCounter counter = LeakCounter.install();
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
        final int before = counter.collect(WAIT_MS).size();

        releaseOneBuffer();
        assertEquals(before, counter.collect(WAIT_MS).size(), "a released buffer is no leak");

        leakOneBuffer();
        final List<LeakCounter.Leak> after = counter.collect(WAIT_MS);
        assertEquals(before + 1, after.size(), "the leaked buffer is counted once");
        final LeakCounter.Leak leak = after.get(before);
        assertEquals("ByteBuf", leak.resourceType());
        assertTrue(leak.records().contains("LeakCounterIT.leakOneBuffer"), leak.records());
    }

    /** Allocates from the edge's allocator, as the fan-out does, and drops the buffer unreleased. */
    private static void leakOneBuffer()
    {
        final ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
    }

    private static void releaseOneBuffer()
    {
        final ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        buffer.release();
    }
}
