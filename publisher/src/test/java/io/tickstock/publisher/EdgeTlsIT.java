package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.testkit.WebSocketTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge with {@code server.tlsCert}/{@code server.tlsKey}: the client protocol over wss and
 * the HTTP endpoints over https, on the same port, with a certificate the test makes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EdgeTlsIT
{
    private static final long WAIT_MS = 5_000;

    @TempDir
    static Path dir;

    private static TestCertificate certificate;
    private TestEdge server;
    private HttpClient https;

    @BeforeAll
    static void makeCertificate() throws Exception
    {
        certificate = TestCertificate.create(dir);
    }

    @BeforeEach
    void start() throws Exception
    {
        server = TestEdge.start(b -> b.tls(certificate.certFile, certificate.keyFile));
        server.edge.ready(true);
        https = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        server.close();
    }

    @Test
    void shouldServeClientProtocolOverWss() throws Exception
    {
        assertTrue(server.edge.isTls());
        assertEquals("wss", server.ws().getScheme());
        final WebSocketTestClient client = WebSocketTestClient.connect(https, server.ws());
        final JsonNode welcome = client.next(WAIT_MS);
        assertEquals("welcome", welcome.get("type").asText());
        assertEquals(server.edge.epoch(), welcome.get("epoch").asText());
        client.send("{\"id\":\"t\",\"op\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
        assertEquals("{\"type\":\"ack\",\"id\":\"t\",\"op\":\"subscribe\",\"symbols\":1,\"all\":false," +
            "\"events\":[\"high\",\"low\",\"trend\",\"surge\",\"bar\",\"fmv\"]}", client.nextNonHeartbeat(WAIT_MS).toString());
        client.sendClose(1000, "");
        assertEquals(1000, client.awaitClose(WAIT_MS).code());
    }

    @Test
    void shouldServeHealthOverHttps() throws Exception
    {
        final HttpResponse<String> health = https.send(HttpRequest.newBuilder(server.http("/health")).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals("https", health.uri().getScheme());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().startsWith("{\"status\":\"up\",\"live\":true,\"ready\":true,"), health.body());
    }

    @Test
    void shouldFailHandshakeWithClientThatDoesNotTrustTheCertificate()
    {
        final HttpClient untrusting = HttpClient.newHttpClient();
        assertThrows(SSLHandshakeException.class, () -> untrusting.send(
            HttpRequest.newBuilder(server.http("/health")).build(), HttpResponse.BodyHandlers.discarding()));
    }
}
