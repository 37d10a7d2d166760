package io.tickstock.core.monitor;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The server process as the load harness and an operator see it: CPU time, resident memory, heap,
 * and garbage collection (count, total time, longest pause), under the names Prometheus' own
 * process and JVM exporters use. The longest pause comes from the JVM's collection notifications;
 * collectors whose work is concurrent ({@code ... Cycles}, {@code ... Concurrent ...}) are left out
 * of it. Thread-safe.
 */
public final class ProcessMetrics
{
    private static final Path STATUS = Path.of("/proc/self/status");

    private final AtomicLong longestPauseMs = new AtomicLong();
    private final AtomicLong pausesSeen = new AtomicLong();

    /** Starts listening to the JVM's collection notifications: pauses before this are not seen. */
    public ProcessMetrics()
    {
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (gc instanceof NotificationEmitter emitter && !isConcurrent(gc.getName()))
            {
                emitter.addNotificationListener((notification, handback) ->
                {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType()))
                    {
                        final long ms = GarbageCollectionNotificationInfo
                            .from((CompositeData)notification.getUserData()).getGcInfo().getDuration();
                        longestPauseMs.accumulateAndGet(ms, Math::max);
                        pausesSeen.incrementAndGet();
                    }
                }, null, null);
            }
        }
    }

    /** Stop-the-world collections notified since this was made. */
    public long pausesSeen()
    {
        return pausesSeen.get();
    }

    private static boolean isConcurrent(final String name)
    {
        return name.contains("Concurrent") || name.endsWith("Cycles");
    }

    /** Resident set size in bytes from {@code /proc/self/status}, or -1 where there is none. */
    public static long residentBytes()
    {
        try
        {
            final List<String> lines = Files.readAllLines(STATUS);
            for (final String line : lines)
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024L;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return -1;
    }

    /** Appends the process and JVM series to a {@code /metrics} page. */
    public void render(final StringBuilder out)
    {
        final OperatingSystemMXBean os = (OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
        PrometheusText.header(out, "process_cpu_seconds_total", "CPU time used by the server process (user and system).", "counter");
        out.append("process_cpu_seconds_total ").append(os.getProcessCpuTime() / 1e9).append('\n');
        final long rss = residentBytes();
        if (rss >= 0)
        {
            PrometheusText.header(out, "process_resident_memory_bytes", "Resident set size of the server process.", "gauge");
            out.append("process_resident_memory_bytes ").append(rss).append('\n');
        }
        final MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        final MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        PrometheusText.header(out, "jvm_memory_used_bytes", "JVM memory in use, by area.", "gauge");
        out.append("jvm_memory_used_bytes{area=\"heap\"} ").append(heap.getUsed()).append('\n');
        out.append("jvm_memory_used_bytes{area=\"nonheap\"} ").append(nonHeap.getUsed()).append('\n');
        PrometheusText.header(out, "jvm_memory_committed_bytes", "JVM memory committed, by area.", "gauge");
        out.append("jvm_memory_committed_bytes{area=\"heap\"} ").append(heap.getCommitted()).append('\n');
        out.append("jvm_memory_committed_bytes{area=\"nonheap\"} ").append(nonHeap.getCommitted()).append('\n');
        PrometheusText.header(out, "jvm_memory_max_bytes", "The heap's limit (-Xmx).", "gauge");
        out.append("jvm_memory_max_bytes{area=\"heap\"} ").append(heap.getMax()).append('\n');
        PrometheusText.header(out, "jvm_gc_collection_seconds", "Garbage collections and the time they took, by collector.", "summary");
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            final String label = "{gc=\"" + gc.getName() + "\"} ";
            out.append("jvm_gc_collection_seconds_count").append(label).append(Math.max(0, gc.getCollectionCount())).append('\n');
            out.append("jvm_gc_collection_seconds_sum").append(label).append(Math.max(0, gc.getCollectionTime()) / 1e3).append('\n');
        }
        PrometheusText.header(out, "jvm_gc_pause_seconds_max", "The longest stop-the-world collection since the server started.", "gauge");
        out.append("jvm_gc_pause_seconds_max ").append(longestPauseMs.get() / 1e3).append('\n');
    }
}
