package io.tickstock.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceRestartPolicy;
import io.tickstock.core.source.SourceState;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness over a real edge on 127.0.0.1: a source given up turns {@code /health} to 503 and
 * names the source and why, while its sibling source and every ring are fine
 * (docs/observability.md, "/health").
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EdgeReadinessIT
{
    private static final long WAIT_MS = 10_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private MarketPipeline pipeline;
    private WebSocketEdge edge;

    @AfterEach
    void stop()
    {
        if (pipeline != null)
        {
            pipeline.stop(5, TimeUnit.SECONDS);
        }
        if (edge != null)
        {
            edge.close();
        }
    }

    @Test
    void shouldAnswerHealth503NamingTheSourceOnceItIsGivenUp() throws Exception
    {
        final FailOnCue feed = new FailOnCue();
        final SourceRestartPolicy restart = SourceRestartPolicy.builder()
            .initialBackoffMs(1).maxBackoffMs(1).jitter(0).maxAttempts(2).build();
        pipeline = MarketPipeline.create(MarketConfig.builder().ohlcvClockTickMs(0).sourceRestart(restart).build(),
            List.of(new IdleSource(), feed));
        edge = new WebSocketEdge(EdgeConfig.builder().port(0).build(), pipeline);
        pipeline.start();
        edge.start();
        pipeline.startSources();
        edge.ready(true);
        final SourceSupervisor<FeedRecord> supervisor = pipeline.supervisors().get(1);
        Await.until("the feed source running", WAIT_MS, () -> supervisor.state() == SourceState.RUNNING);

        final HttpResponse<String> up = health();
        assertEquals(200, up.statusCode(), up.body());
        assertEquals("[]", JSON.readTree(up.body()).get("failedSources").toString());

        feed.fail.countDown();
        Await.until("the feed source given up", WAIT_MS, () -> supervisor.state() == SourceState.FAILED);
        final HttpResponse<String> down = health();

        assertEquals(503, down.statusCode(), down.body());
        final JsonNode body = JSON.readTree(down.body());
        assertEquals("degraded", body.get("status").asText());
        assertTrue(body.get("live").asBoolean());
        assertFalse(body.get("ready").asBoolean());
        assertEquals("failed", body.get("sources").asText());
        assertEquals("[{\"name\":\"feed\",\"reason\":\"3 failures in a row (last: java.net.ConnectException); " +
            "source.restart.maxAttempts = 2\"}]", body.get("failedSources").toString(), "the idle source is not named");
        for (final JsonNode channel : body.get("channels"))
        {
            assertEquals("ok", channel.get("status").asText(), "the rings are fine: the source alone makes it 503");
        }
        assertEquals("ok", body.get("publish").get("status").asText());
        assertFalse(down.body().contains("feed.internal"), "the exception's message stays on the admin views: " + down.body());
        assertEquals(3, supervisor.failures());
        assertEquals(2, supervisor.restarts());
    }

    private HttpResponse<String> health() throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Reads nothing until {@link #fail} is counted down, then every run throws at once; returns when stopped. */
    private static final class FailOnCue implements Source<FeedRecord>
    {
        final CountDownLatch fail = new CountDownLatch(1);
        private volatile boolean stopped;

        @Override
        public String name()
        {
            return "feed";
        }

        @Override
        public void run(final RecordSink<FeedRecord> sink) throws Exception
        {
            fail.await();
            if (!stopped)
            {
                throw new ConnectException("feed.internal:9000: connection refused");
            }
        }

        @Override
        public void stop()
        {
            stopped = true;
            fail.countDown();
        }
    }
}
