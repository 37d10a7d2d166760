package io.tickstock.core.monitor;

import io.tickstock.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessMetricsTest
{
    @Test
    void rendersTheProcessAndJvmSeriesUnderPrometheusNames()
    {
        final StringBuilder out = new StringBuilder();
        new ProcessMetrics().render(out);
        final Map<String, Double> samples = new HashMap<>();
        for (final String line : out.toString().split("\n"))
        {
            if (!line.startsWith("#"))
            {
                final int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        assertTrue(samples.get("process_cpu_seconds_total") > 0, out::toString);
        final double rss = samples.get("process_resident_memory_bytes");
        final double heapCommitted = samples.get("jvm_memory_committed_bytes{area=\"heap\"}");
        assertTrue(rss > 0 && rss < 64L << 30, out::toString);
        assertTrue(samples.get("jvm_memory_used_bytes{area=\"heap\"}") > 0, out::toString);
        assertTrue(heapCommitted > 0, out::toString);
        assertEquals((double)Runtime.getRuntime().maxMemory(), samples.get("jvm_memory_max_bytes{area=\"heap\"}"), 1 << 24, out::toString);
        assertTrue(samples.containsKey("jvm_gc_pause_seconds_max"), out::toString);
        for (final var gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            assertTrue(samples.containsKey("jvm_gc_collection_seconds_count{gc=\"" + gc.getName() + "\"}"), gc.getName());
        }
    }

    @Test
    void collectionsAreSeenAsTheyHappen()
    {
        final ProcessMetrics metrics = new ProcessMetrics();
        System.gc();
        // the notification comes on a JMX thread after the collection: wait for it, bounded
        Await.until("a collection notified after System.gc()", 10_000, () -> metrics.pausesSeen() >= 1);
    }
}
