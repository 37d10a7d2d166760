package io.tickstock.publisher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain HTTP endpoints: {@code /metrics} as {@code edge.adminAccess} allows it, and
 * {@code /health}, open to anyone, 503 until the edge is marked ready.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EdgeAdminIT
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestEdge server;

    @AfterEach
    void stop() throws InterruptedException
    {
        if (server != null)
        {
            server.close();
        }
    }

    private static HttpResponse<String> get(final URI uri, final String authorization) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (authorization != null)
        {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldServeMetricsOnlyWithAdminTokenWhenAccessIsToken() throws Exception
    {
        server = TestEdge.start(b -> b.adminAccess(EdgeConfig.AdminAccess.TOKEN).adminToken("adm"));

        final HttpResponse<String> none = get(server.http("/metrics"), null);
        assertEquals(401, none.statusCode());
        assertEquals("401 Unauthorized: /metrics is restricted (edge.adminAccess = token)\n", none.body());

        assertEquals(401, get(server.http("/metrics"), "Bearer wrong").statusCode());

        final HttpResponse<String> allowed = get(server.http("/metrics"), "Bearer adm");
        assertEquals(200, allowed.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", allowed.headers().firstValue("content-type").orElse(""));
        assertTrue(allowed.body().contains("\ntickstock_clients 0\n"), allowed.body());
    }

    @Test
    void shouldServeHealthWithoutAdminToken() throws Exception
    {
        server = TestEdge.start(b -> b.adminAccess(EdgeConfig.AdminAccess.TOKEN).adminToken("adm"));
        server.edge.ready(true);
        final HttpResponse<String> health = get(server.http("/health"), null);
        assertEquals(200, health.statusCode());
        assertTrue(health.body().startsWith("{\"status\":\"up\",\"live\":true,\"ready\":true,\"clients\":0,"), health.body());
    }

    @Test
    void shouldServeMetricsToLoopbackByDefault() throws Exception
    {
        server = TestEdge.start(b -> b);
        assertEquals(EdgeConfig.AdminAccess.LOOPBACK, EdgeConfig.builder().build().adminAccess());
        final HttpResponse<String> metrics = get(server.http("/metrics"), null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("# TYPE tickstock_clients gauge\n"), metrics.body());
    }

    @Test
    void shouldAnswerHealth503UntilReady() throws Exception
    {
        server = TestEdge.start(b -> b);
        final HttpResponse<String> starting = get(server.http("/health"), null);
        assertEquals(503, starting.statusCode());
        assertEquals("application/json", starting.headers().firstValue("content-type").orElse(""));
        assertTrue(starting.body().startsWith("{\"status\":\"starting\",\"live\":true,\"ready\":false,"), starting.body());

        server.edge.ready(true);
        final HttpResponse<String> up = get(server.http("/health"), null);
        assertEquals(200, up.statusCode());
        assertTrue(up.body().startsWith("{\"status\":\"up\",\"live\":true,\"ready\":true,"), up.body());
    }
}
