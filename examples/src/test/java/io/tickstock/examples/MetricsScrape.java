package io.tickstock.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Reads the server's {@code /metrics} page into sample name (with labels) to value. */
final class MetricsScrape
{
    private MetricsScrape()
    {
    }

    static Map<String, Long> scrape(final int port) throws Exception
    {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        final Map<String, Long> samples = new HashMap<>();
        for (final String line : response.body().split("\n"))
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
}
