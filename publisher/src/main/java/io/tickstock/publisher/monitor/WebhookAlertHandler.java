package io.tickstock.publisher.monitor;

import io.tickstock.core.RateLimitedLog;
import io.tickstock.core.alert.Alert;
import io.tickstock.core.alert.AlertHandler;
import io.tickstock.publisher.internal.wire.AlertJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs every alert transition as one JSON object ({@code Content-Type: application/json}; the
 * format of {@code /admin/ws}) to a URL. The alert engine's thread only queues the request: one
 * {@code tickstock-webhook} thread sends them in order, each within the timeout (connecting
 * included). Up to {@value #QUEUE} transitions wait; beyond that they are dropped. A request that
 * fails (no connection, timeout, an answer other than 2xx) is not retried. Failures and drops are
 * counted and logged rate-limited. Thread-safe.
 */
public final class WebhookAlertHandler implements AlertHandler, AutoCloseable
{
    static final int QUEUE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertHandler.class);

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;
    private final ThreadPoolExecutor sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 60_000);

    /**
     * @param url     an http:// or https:// URL ({@code alert.webhookUrl}).
     * @param timeout for each request, connecting included.
     */
    public WebhookAlertHandler(final URI url, final Duration timeout)
    {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), task ->
        {
            final Thread thread = new Thread(task, "tickstock-webhook");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onAlert(final Alert alert)
    {
        final HttpRequest request = HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(AlertJson.alert(alert)))
            .build();
        try
        {
            sender.execute(() -> send(request));
        }
        catch (final RejectedExecutionException ex)
        {
            dropped.incrementAndGet();
            failureLog.warn("alert webhook {}: too many requests waiting (or closed); alert dropped", url, null);
        }
    }

    private void send(final HttpRequest request)
    {
        try
        {
            final int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2)
            {
                sent.incrementAndGet();
                return;
            }
            failed.incrementAndGet();
            failureLog.warn("alert webhook answered {}; alert not delivered", status + " from " + url, null);
        }
        catch (final IOException ex)
        {
            failed.incrementAndGet();
            failureLog.warn("alert webhook {} failed; alert not delivered", url, ex);
        }
        catch (final InterruptedException ex)
        {
            failed.incrementAndGet();
            Thread.currentThread().interrupt();
        }
    }

    /** Alerts delivered (answered 2xx). */
    public long sent()
    {
        return sent.get();
    }

    /** Requests that failed: no connection, a timeout, or an answer other than 2xx. */
    public long failed()
    {
        return failed.get();
    }

    /** Alerts dropped because {@value #QUEUE} were already waiting. */
    public long dropped()
    {
        return dropped.get();
    }

    /** Sends what is queued within one timeout, then stops the thread. Call after the alert engine has stopped. */
    @Override
    public void close()
    {
        sender.shutdown();
        try
        {
            if (!sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                sender.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
