package io.tickstock.publisher.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tickstock.core.alert.Alert;
import io.tickstock.core.alert.AlertEngine;
import io.tickstock.core.alert.AlertRule;
import io.tickstock.core.alert.Severity;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The webhook against a local HTTP receiver: the POSTs in order, failures and drops counted. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebhookAlertHandlerIT
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long WAIT_MS = 5_000;
    /** The webhook's timeout: long enough that a collector pause cannot turn an answer into a timeout. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpServer server;
    private WebhookAlertHandler webhook;
    private final AtomicInteger answered = new AtomicInteger();
    /** A receiver that does not answer holds only its first request: the rest are answered at once. */
    private final AtomicBoolean holding = new AtomicBoolean();
    private final AtomicBoolean heldAnswered = new AtomicBoolean();
    private volatile int status = 204;

    private URI start(final boolean answer, final Duration timeout) throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> receive(exchange, answer));
        server.setExecutor(serverThreads);
        server.start();
        final URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        webhook = new WebhookAlertHandler(url, timeout);
        return url;
    }

    private void receive(final HttpExchange exchange, final boolean answer) throws IOException
    {
        received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " +
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        try
        {
            final boolean hold = !answer && holding.compareAndSet(false, true);
            if (hold)
            {
                release.await();
            }
            answered.incrementAndGet();
            heldAnswered.compareAndSet(false, hold);
            exchange.sendResponseHeaders(status, -1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            exchange.close();
        }
    }

    @AfterEach
    void stop()
    {
        release.countDown();
        if (webhook != null)
        {
            webhook.close();
        }
        if (server != null)
        {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    private static AlertEngine engine(final double[] value, final WebhookAlertHandler webhook)
    {
        return AlertEngine.builder()
            .rule(AlertRule.builder("rejects", now -> value[0]).description("rejected (%)").above(5).severity(Severity.WARNING).build())
            .handler(webhook)
            .build();
    }

    @Test
    void shouldPostEveryTransitionAsJsonInOrder() throws Exception
    {
        start(true, TIMEOUT);
        final double[] value = {7.5};
        final AlertEngine engine = engine(value, webhook);
        engine.evaluate(T0);
        value[0] = 1;
        engine.evaluate(T0 + 1_000);
        assertEquals("POST application/json {\"type\":\"alert\",\"state\":\"firing\",\"id\":1,\"rule\":\"rejects\"," +
            "\"severity\":\"warning\",\"value\":7.5,\"threshold\":5,\"firedAt\":" + T0 + ",\"resolvedAt\":null," +
            "\"message\":\"rejects: rejected (%) 7.5 > 5\"}", received.poll(WAIT_MS, TimeUnit.MILLISECONDS));
        assertEquals("POST application/json {\"type\":\"alert\",\"state\":\"resolved\",\"id\":1,\"rule\":\"rejects\"," +
            "\"severity\":\"warning\",\"value\":7.5,\"threshold\":5,\"firedAt\":" + T0 + ",\"resolvedAt\":" + (T0 + 1_000) + "," +
            "\"message\":\"rejects resolved: rejected (%) 1 <= 5 after 1 s firing\"}", received.poll(WAIT_MS, TimeUnit.MILLISECONDS));
        Await.until("both answered", WAIT_MS, () -> webhook.sent() == 2);
        assertEquals(List.of(0L, 0L), List.of(webhook.failed(), webhook.dropped()));
    }

    @Test
    void shouldCountAnErrorAnswerAndARefusedConnectionAsFailures() throws Exception
    {
        start(true, TIMEOUT);
        final double[] value = {9};
        final AlertEngine engine = engine(value, webhook);
        status = 500;
        engine.evaluate(T0);
        Await.until("500 counted", WAIT_MS, () -> webhook.failed() == 1);
        assertEquals(List.of(0L, 1, 1), List.of(webhook.sent(), answered.get(), received.size()), "the failure is the 500 answer");

        server.stop(0);
        value[0] = 0;
        engine.evaluate(T0 + 1_000);
        Await.until("refused connection counted", WAIT_MS, () -> webhook.failed() == 2);
        assertEquals(List.of(0L, 1, 1), List.of(webhook.sent(), answered.get(), received.size()), "the second never reached the receiver");
        assertEquals(0, engine.handlerErrors());
    }

    @Test
    void shouldTimeOutAReceiverThatDoesNotAnswerAndDropBeyondTheQueueWithoutBlockingTheEngine() throws Exception
    {
        start(false, TIMEOUT);
        final double[] value = {9};
        final AlertEngine engine = engine(value, webhook);
        engine.evaluate(T0);
        final Alert alert = engine.active().get(0);
        assertEquals("POST application/json {\"type\":\"alert\",\"state\":\"firing\",\"id\":1,\"rule\":\"rejects\"," +
            "\"severity\":\"warning\",\"value\":9,\"threshold\":5,\"firedAt\":" + T0 + ",\"resolvedAt\":null," +
            "\"message\":\"rejects: rejected (%) 9 > 5\"}", received.poll(WAIT_MS, TimeUnit.MILLISECONDS), "the first request is in progress");
        for (int i = 0; i < WebhookAlertHandler.QUEUE + 5; i++)
        {
            webhook.onAlert(alert);
        }
        assertEquals(5, webhook.dropped());
        Await.until("the first request failed", TIMEOUT.toMillis() + WAIT_MS, () -> webhook.failed() == 1);
        assertFalse(heldAnswered.get(), "the held request is unanswered and every other one gets 204, so the failure is its timeout");
        release.countDown();
        Await.until("the queued ones answered", 3 * WAIT_MS, () -> webhook.sent() == WebhookAlertHandler.QUEUE);
        assertEquals(List.of(1L, 5L), List.of(webhook.failed(), webhook.dropped()));
        assertEquals(WebhookAlertHandler.QUEUE, received.size(), "every queued one reached the receiver once");
    }
}
