package io.tickstock.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the server's {@code /metrics} page (docs/observability.md) and parses it into sample name
 * (with its labels, as written: {@code tickstock_records_total{channel="tick",outcome="accepted"}})
 * to value.
 *
 * <p>Each read is one new HTTP/1.1 connection, so a test that counts the edge's connections knows
 * the scrape opened exactly one.
 *
 * <p>Thread-safe: holds no state.
 */
public final class MetricsScrape
{
    private MetricsScrape()
    {
    }

    /** The samples of {@code http://127.0.0.1:port/metrics}. */
    public static Map<String, Long> scrape(final int port) throws IOException, InterruptedException
    {
        return parse(page(port));
    }

    /** The text of {@code http://127.0.0.1:port/metrics}; fails unless the answer is 200. */
    public static String page(final int port) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200)
        {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** The samples of a page: comments and blank lines skipped, values as whole numbers. */
    public static Map<String, Long> parse(final String page)
    {
        final Map<String, Long> samples = new HashMap<>();
        for (final String line : page.split("\n"))
        {
            if (!line.startsWith("#") && !line.isBlank())
            {
                final int space = line.lastIndexOf(' ');
                // latencies are fractions of a second; every counter and gauge is a whole number
                samples.put(line.substring(0, space), (long)Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** The value of one sample; fails when the page has none of that name. */
    public static long sample(final Map<String, Long> samples, final String name)
    {
        final Long value = samples.get(name);
        if (value == null)
        {
            throw new AssertionError("no sample " + name + " in /metrics");
        }
        return value;
    }
}
