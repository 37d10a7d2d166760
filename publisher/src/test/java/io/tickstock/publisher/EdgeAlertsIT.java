package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.alert.AlertEngine;
import io.tickstock.core.alert.AlertRule;
import io.tickstock.core.alert.Severity;
import io.tickstock.publisher.internal.netty.AdminStream;
import io.tickstock.testkit.Await;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The edge's side of the alerts on real sockets: the admin stream on {@code /admin/ws} (every
 * transition, the firing alerts on connect, admin access, liveness, 1001 on close) and
 * {@code /debug/alerts}. The engine is evaluated by the test with its own clock.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EdgeAlertsIT
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long WAIT_MS = 5_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final double[] latency = {0};
    private MarketPipeline pipeline;
    private WebSocketEdge edge;
    private AlertEngine engine;
    private boolean closed;

    private void start(final UnaryOperator<EdgeConfig.Builder> settings) throws InterruptedException
    {
        pipeline = MarketPipeline.create(MarketConfig.defaults(), List.of(new IdleSource()));
        edge = new WebSocketEdge(settings.apply(EdgeConfig.builder().port(0)).build(), pipeline);
        engine = AlertEngine.builder()
            .rule(AlertRule.builder("latency", now -> latency[0]).description("p99 (ms)").above(50).severity(Severity.CRITICAL).build())
            .build();
        edge.alerts(engine);
        pipeline.start();
        edge.start();
        pipeline.startSources();
    }

    @AfterEach
    void stop()
    {
        close();
    }

    private void close()
    {
        if (edge != null && !closed)
        {
            closed = true;
            pipeline.stop(5, TimeUnit.SECONDS);
            edge.close();
        }
    }

    private URI uri(final String scheme, final String pathAndQuery)
    {
        return URI.create(scheme + "://127.0.0.1:" + edge.port() + pathAndQuery);
    }

    private WebSocketTestClient admin() throws Exception
    {
        final int before = edge.adminClients();
        final WebSocketTestClient client = WebSocketTestClient.connect(uri("ws", AdminStream.PATH));
        Await.until("admin client registered", WAIT_MS, () -> edge.adminClients() == before + 1);
        return client;
    }

    private HttpResponse<String> get(final String path, final String authorization) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path));
        if (authorization != null)
        {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String firing(final long id, final double value, final long at)
    {
        return "{\"type\":\"alert\",\"state\":\"firing\",\"id\":" + id + ",\"rule\":\"latency\",\"severity\":\"critical\",\"value\":" +
            (long)value + ",\"threshold\":50,\"firedAt\":" + at + ",\"resolvedAt\":null,\"message\":\"latency: p99 (ms) " + (long)value +
            " > 50\"}";
    }

    @Test
    void shouldStreamEveryTransitionToAdminClientsAndTheFiringAlertsOnConnect() throws Exception
    {
        start(b -> b);
        final WebSocketTestClient first = admin();
        assertEquals("{\"active\":[],\"recent\":[]}", get("/debug/alerts", null).body());

        latency[0] = 70;
        engine.evaluate(T0);
        assertEquals(firing(1, 70, T0), first.next(WAIT_MS).toString());

        final WebSocketTestClient late = admin();
        assertEquals(firing(1, 70, T0), late.next(WAIT_MS).toString(), "the firing alert on connect");

        final HttpResponse<String> debug = get("/debug/alerts", null);
        assertEquals(200, debug.statusCode());
        assertEquals("application/json", debug.headers().firstValue("content-type").orElse(""));
        assertEquals("{\"active\":[" + firing(1, 70, T0) + "],\"recent\":[" + firing(1, 70, T0) + "]}", debug.body());

        latency[0] = 20;
        engine.evaluate(T0 + 2_000);
        final String resolved = "{\"type\":\"alert\",\"state\":\"resolved\",\"id\":1,\"rule\":\"latency\",\"severity\":\"critical\"," +
            "\"value\":70,\"threshold\":50,\"firedAt\":" + T0 + ",\"resolvedAt\":" + (T0 + 2_000) +
            ",\"message\":\"latency resolved: p99 (ms) 20 <= 50 after 2 s firing\"}";
        assertEquals(resolved, first.next(WAIT_MS).toString());
        assertEquals(resolved, late.next(WAIT_MS).toString());
        assertEquals("{\"active\":[],\"recent\":[" + resolved + "]}", get("/debug/alerts", null).body());

        final WebSocketTestClient afterwards = admin();
        latency[0] = 90;
        engine.evaluate(T0 + 3_000);
        assertEquals(firing(2, 90, T0 + 3_000), afterwards.next(WAIT_MS).toString(), "nothing on connect: nothing was firing");

        close();
        for (final WebSocketTestClient client : List.of(first, late, afterwards))
        {
            assertEquals(1001, client.awaitClose(WAIT_MS).code());
        }
        assertEquals(List.of(firing(2, 90, T0 + 3_000), firing(2, 90, T0 + 3_000)),
            List.of(first.next(WAIT_MS).toString(), late.next(WAIT_MS).toString()));
        for (final WebSocketTestClient client : List.of(first, late, afterwards))
        {
            assertEquals(List.of(), client.drainReceived());
            assertEquals(List.of(), client.protocolErrors());
        }
    }

    @Test
    void shouldAdmitToTheAdminStreamAndDebugAlertsOnlyWithTheAdminToken() throws Exception
    {
        start(b -> b.adminAccess(EdgeConfig.AdminAccess.TOKEN).adminToken("adm").tokens(List.of("client")));
        assertEquals(401, WebSocketTestClient.refusedStatus(uri("ws", AdminStream.PATH), Map.of()));
        assertEquals(401, WebSocketTestClient.refusedStatus(uri("ws", AdminStream.PATH), Map.of("Authorization", "Bearer client")),
            "a client token is not an admin token");
        final HttpResponse<String> refused = get("/debug/alerts", null);
        assertEquals(401, refused.statusCode());
        assertEquals("401 Unauthorized: /debug/alerts is restricted (edge.adminAccess = token)\n", refused.body());
        assertEquals(200, get("/debug/alerts", "Bearer adm").statusCode());

        final WebSocketTestClient byHeader = WebSocketTestClient.connect(uri("ws", AdminStream.PATH), Map.of("Authorization", "Bearer adm"));
        final WebSocketTestClient byQuery = WebSocketTestClient.connect(uri("ws", AdminStream.PATH + "?token=adm"));
        Await.until("both admin clients registered", WAIT_MS, () -> edge.adminClients() == 2);
        latency[0] = 51;
        engine.evaluate(T0);
        assertEquals(firing(1, 51, T0), byHeader.next(WAIT_MS).toString());
        assertEquals(firing(1, 51, T0), byQuery.next(WAIT_MS).toString());
    }

    @Test
    void shouldKeepAnAdminClientPastTheHandshakeTimeoutAndWhileItAnswersPings() throws Exception
    {
        // timers a collector pause on a loaded machine cannot outlast: the JDK client upgrades and answers well within them
        final int pingIntervalMs = 1_000;
        start(b -> b.handshakeTimeoutMs(2_000).pingIntervalMs(pingIntervalMs));
        final WebSocketTestClient admin = admin();
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), edge.port()))
        {
            idle.setSoTimeout((int)WAIT_MS);
            final InputStream in = idle.getInputStream();
            assertEquals(-1, in.read(), "a connection opened after the admin client, never upgraded, closed by the handshake timeout");
        }
        // the edge pings only when the previous ping was answered within an interval (it closes otherwise)
        Await.until("three pings", 3 * pingIntervalMs + WAIT_MS, () -> admin.pings() >= 3);
        assertFalse(admin.isClosed());
        latency[0] = 60;
        engine.evaluate(T0);
        final JsonNode alert = admin.next(WAIT_MS);
        assertEquals("firing", alert.get("state").asText());
        assertEquals(1, edge.adminClients());
    }
}
