package io.tickstock.publisher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the leaks Netty's leak detector finds, instead of leaving them to a log line nobody
 * reads: a {@link ResourceLeakDetectorFactory} whose detectors record every leak they report.
 *
 * <p>Netty creates a detector once per resource type, in a static initializer
 * ({@code AbstractByteBuf.leakDetector}), so {@link #install()} must run before anything in the
 * JVM touches a {@code ByteBuf}: tests that count leaks run in a fork of their own (the
 * {@code paranoid-leaks} failsafe execution), which also sets {@code io.netty.leakDetection.level}
 * to {@code paranoid} so that every buffer is tracked, not one in 128.
 *
 * <p>A detector reports a leak only when the garbage collector has found the buffer unreachable
 * and, after that, another buffer of the same type is allocated (the report runs inside
 * {@code track}). {@link #collect()} therefore leaks a probe buffer of its own, then runs the
 * collector and allocates until the probe is reported: everything that was unreachable when the
 * probe was has then been reported too.
 *
 * <p>Netty reports a leak once per distinct access record: leaks made by the same code path with
 * the same stack traces count once. Zero is therefore exact; a count above zero is a lower bound.
 *
 * <p>Thread-safe.
 */
final class LeakCounter extends ResourceLeakDetectorFactory
{
    private static final String PROBE_HINT = "tickstock-leak-probe-";
    private static final LeakCounter INSTANCE = new LeakCounter();
    private static final AtomicLong PROBES = new AtomicLong();

    /** One leak as reported: the resource type and the access records (empty when untraced). */
    record Leak(String resourceType, String records)
    {
    }

    private final List<Leak> leaks = new ArrayList<>();
    private final Set<String> types = ConcurrentHashMap.newKeySet();
    private final Set<String> probesSeen = ConcurrentHashMap.newKeySet();

    private LeakCounter()
    {
    }

    /**
     * Installs the counting factory (once per JVM) and checks that Netty's buffers use it.
     *
     * @throws IllegalStateException when the buffers' detector was created before the factory was
     *                               installed: the test runs in a JVM where a buffer was used first.
     */
    static LeakCounter install()
    {
        synchronized (INSTANCE)
        {
            if (ResourceLeakDetectorFactory.instance() != INSTANCE)
            {
                ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(INSTANCE);
            }
        }
        // initializes AbstractByteBuf, whose detector the factory then makes, if it is not made yet
        Unpooled.buffer(1).release();
        if (!INSTANCE.types.contains("ByteBuf"))
        {
            throw new IllegalStateException("Netty's ByteBuf leak detector was created before the counting factory was installed: " +
                "run this test in a fork of its own (the paranoid-leaks failsafe execution)");
        }
        return INSTANCE;
    }

    /** Leaks reported so far, the probes of {@link #collect()} left out. */
    synchronized List<Leak> leaks()
    {
        return List.copyOf(leaks);
    }

    /**
     * Runs the collector until every buffer that is unreachable now has been reported, and returns
     * the leaks reported so far.
     *
     * @throws AssertionError when the probe is not reported within the timeout.
     */
    List<Leak> collect(final long timeoutMs)
    {
        final String probe = PROBE_HINT + PROBES.incrementAndGet();
        leakProbe(probe);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        // two more rounds after the probe: references cleared by one collection are enqueued in no set order
        int roundsAfterProbe = 0;
        while (roundsAfterProbe < 2)
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new AssertionError("the leak probe was not reported within " + timeoutMs + " ms: is leak detection paranoid?");
            }
            System.gc();
            // the reference handler thread enqueues what the collection cleared; give it the processor
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            // a tracked allocation makes the detector poll its queue and report
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
            Unpooled.buffer(1).release();
            if (probesSeen.contains(probe))
            {
                roundsAfterProbe++;
            }
        }
        return leaks();
    }

    /** Allocates a tracked buffer, marks it with the probe's hint and drops it unreleased. */
    private static void leakProbe(final String hint)
    {
        final ByteBuf probe = Unpooled.directBuffer(1);
        probe.touch(hint);
    }

    private void record(final String resourceType, final String records)
    {
        final int at = records.indexOf(PROBE_HINT);
        if (at >= 0)
        {
            int end = at + PROBE_HINT.length();
            while (end < records.length() && Character.isDigit(records.charAt(end)))
            {
                end++;
            }
            probesSeen.add(records.substring(at, end));
            return;
        }
        synchronized (this)
        {
            leaks.add(new Leak(resourceType, records));
        }
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(final Class<T> resource, final int samplingInterval)
    {
        types.add(resource.getSimpleName());
        return new CountingDetector<>(resource, samplingInterval);
    }

    @Override
    @Deprecated
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(final Class<T> resource, final int samplingInterval, final long maxActive)
    {
        return newResourceLeakDetector(resource, samplingInterval);
    }

    /**
     * Records each leak instead of logging it: a test that counts leaks shows the records of any
     * in its failure message, and one that leaks on purpose leaves no alarming line in the log.
     */
    private final class CountingDetector<T> extends ResourceLeakDetector<T>
    {
        CountingDetector(final Class<T> resource, final int samplingInterval)
        {
            super(resource, samplingInterval);
        }

        /** Reports whatever the log level: the count must not depend on it. */
        @Override
        protected boolean needReport()
        {
            return true;
        }

        @Override
        protected void reportTracedLeak(final String resourceType, final String records)
        {
            record(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(final String resourceType)
        {
            record(resourceType, "");
        }
    }
}
