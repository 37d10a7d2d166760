package io.tickstock.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of the server's {@code /metrics} page (Prometheus text format), with the sums the
 * harness reports: records in, events sent to clients, CPU, RSS, heap and GC. Immutable.
 */
final class ServerMetrics
{
    private final Map<String, Double> samples;
    final long atNanos;

    private ServerMetrics(final Map<String, Double> samples, final long atNanos)
    {
        this.samples = samples;
        this.atNanos = atNanos;
    }

    /** Scrapes {@code base + "/metrics"}; throws when the server does not answer 200. */
    static ServerMetrics scrape(final HttpClient http, final URI metrics, final String token) throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new IOException(metrics + " answered " + response.statusCode() + ": " + response.body().strip());
        }
        return parse(response.body(), System.nanoTime());
    }

    static ServerMetrics parse(final String text, final long atNanos)
    {
        final Map<String, Double> samples = new HashMap<>();
        for (final String line : text.split("\n"))
        {
            final int space = line.lastIndexOf(' ');
            if (!line.isEmpty() && line.charAt(0) != '#' && space > 0)
            {
                try
                {
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
                catch (final NumberFormatException ex)
                {
                    // a value we do not read: skip it
                }
            }
        }
        return new ServerMetrics(samples, atNanos);
    }

    /** The sum of every sample of {@code name} whose labels contain each of {@code labels}. */
    double sum(final String name, final String... labels)
    {
        double total = 0;
        for (final Map.Entry<String, Double> sample : samples.entrySet())
        {
            final String key = sample.getKey();
            if (key.equals(name) || key.startsWith(name + "{") && containsAll(key, labels))
            {
                total += sample.getValue();
            }
        }
        return total;
    }

    private static boolean containsAll(final String key, final String[] labels)
    {
        for (final String label : labels)
        {
            if (!key.contains(label))
            {
                return false;
            }
        }
        return true;
    }

    /** Records the pipeline received: every channel's outcomes plus the source's rejects. */
    long recordsIn()
    {
        return (long)(sum("tickstock_records_total") + sum("tickstock_rejects_total", "channel=\"source\""));
    }

    long eventsSent()
    {
        return (long)sum("tickstock_client_events_total", "outcome=\"sent\"");
    }

    long eventsConflatedOrDropped()
    {
        return (long)(sum("tickstock_client_events_total", "outcome=\"conflated\"") + sum("tickstock_client_events_total", "outcome=\"dropped\""));
    }

    double cpuSeconds()
    {
        return sum("process_cpu_seconds_total");
    }

    long residentBytes()
    {
        return (long)sum("process_resident_memory_bytes");
    }

    long heapUsedBytes()
    {
        return (long)sum("jvm_memory_used_bytes", "area=\"heap\"");
    }

    long gcCount()
    {
        return (long)sum("jvm_gc_collection_seconds_count");
    }

    double gcSeconds()
    {
        return sum("jvm_gc_collection_seconds_sum");
    }

    double longestPauseSeconds()
    {
        return sum("jvm_gc_pause_seconds_max");
    }
}
