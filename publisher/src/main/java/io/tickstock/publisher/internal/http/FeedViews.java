package io.tickstock.publisher.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.core.EpochClock;
import io.tickstock.core.monitor.PrometheusText;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.publisher.feed.FeedDisconnect;
import io.tickstock.publisher.feed.FeedSource;
import io.tickstock.publisher.feed.FeedState;
import io.tickstock.publisher.feed.FeedStats;

import java.util.ArrayList;
import java.util.List;

/**
 * The live feeds among the pipeline's sources, as {@code /health}, {@code /metrics} and
 * {@code /debug/sources} show them (docs/feeds.md, docs/observability.md). Never the key: a feed
 * shows where its key comes from, and its URL without credentials.
 */
final class FeedViews
{
    private FeedViews()
    {
    }

    /** A feed and the supervisor that runs it. */
    record Feed(SourceSupervisor<FeedRecord> supervisor, FeedSource source)
    {
        FeedState state()
        {
            return FeedState.of(supervisor.state(), source.stats().phase());
        }
    }

    static List<Feed> feeds(final MarketPipeline pipeline)
    {
        final List<Feed> feeds = new ArrayList<>();
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            if (supervisor.source() instanceof FeedSource feed)
            {
                feeds.add(new Feed(supervisor, feed));
            }
        }
        return feeds;
    }

    /**
     * Whether the feeds let the server be ready: there are none, or at least one streams and none
     * has had its key refused (a wrong key is a configuration error a rollout must stop on).
     */
    static boolean ready(final List<Feed> feeds)
    {
        boolean streaming = feeds.isEmpty();
        for (final Feed feed : feeds)
        {
            if (feed.source().stats().keyRefused())
            {
                return false;
            }
            streaming |= feed.state() == FeedState.STREAMING;
        }
        return streaming;
    }

    /** {@code /health}'s {@code feeds}: each feed's name and state. */
    static void health(final ObjectNode root, final List<Feed> feeds)
    {
        final ArrayNode list = root.putArray("feeds");
        for (final Feed feed : feeds)
        {
            list.addObject()
                .put("name", feed.supervisor().name())
                .put("state", feed.state().configName())
                .put("keyRefused", feed.source().stats().keyRefused());
        }
    }

    /** {@code /debug/sources}: every source, and for a feed its connection's counters. */
    static void sources(final ObjectNode root, final MarketPipeline pipeline)
    {
        final ArrayNode list = root.putArray("sources");
        final long nowMs = EpochClock.millis();
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            final ObjectNode node = list.addObject().put("name", supervisor.name()).put("kind", kind(supervisor));
            final FeedSource feed = supervisor.source() instanceof FeedSource f ? f : null;
            node.put("state", feed == null ? supervisor.state().configName() : FeedState.of(supervisor.state(), feed.stats().phase()).configName())
                .put("recordsRead", supervisor.recordsRead());
            failures(node, supervisor);
            node.put("givenUpReason", supervisor.givenUpReason());
            if (feed != null)
            {
                feed(node.putObject("feed"), feed, nowMs);
            }
        }
    }

    /** A source's {@code failures}, {@code restarts}, {@code lastFailureMs} and {@code lastError} (null before the first): in /debug/sources and /debug/channels. */
    static void failures(final ObjectNode node, final SourceSupervisor<FeedRecord> supervisor)
    {
        node.put("failures", supervisor.failures()).put("restarts", supervisor.restarts());
        if (supervisor.lastError() == null)
        {
            node.putNull("lastFailureMs").putNull("lastError");
        }
        else
        {
            node.put("lastFailureMs", supervisor.lastFailureMs()).put("lastError", supervisor.lastError());
        }
    }

    private static void feed(final ObjectNode node, final FeedSource feed, final long nowMs)
    {
        final FeedStats stats = feed.stats();
        node.put("url", feed.settings().displayUrl())
            .put("subscribe", feed.settings().subscribe())
            .put("keyFrom", feed.settings().key().toString())
            .put("connects", stats.connects());
        final ObjectNode disconnects = node.putObject("disconnects");
        for (final FeedDisconnect cause : FeedDisconnect.values())
        {
            disconnects.put(cause.label(), stats.disconnects(cause));
        }
        node.put("lastDisconnect", stats.lastDisconnect() == null ? null : stats.lastDisconnect().label())
            .put("authFailures", stats.authFailures())
            .put("keyRefused", stats.keyRefused())
            .put("statusMessages", stats.statusMessages())
            .put("lastStatus", stats.lastStatus())
            .put("frames", stats.frames())
            .put("records", stats.records())
            .put("bytes", stats.bytes());
        if (stats.lastFrameMs() == 0)
        {
            node.putNull("lastFrameMs").putNull("secondsSinceLastFrame");
        }
        else
        {
            node.put("lastFrameMs", stats.lastFrameMs()).put("secondsSinceLastFrame", Math.max(0, nowMs - stats.lastFrameMs()) / 1000.0);
        }
    }

    private static String kind(final SourceSupervisor<FeedRecord> supervisor)
    {
        if (supervisor.source() instanceof FeedSource)
        {
            return "feed";
        }
        if (supervisor.source() instanceof ReplaySource)
        {
            return "replay";
        }
        return supervisor.source() instanceof SimulatorSource ? "simulator" : "custom";
    }

    /** The {@code tickstock_feed_*} families; none when no feed runs. */
    static void metrics(final StringBuilder out, final MarketPipeline pipeline)
    {
        final List<Feed> feeds = feeds(pipeline);
        if (feeds.isEmpty())
        {
            return;
        }
        PrometheusText.header(out, "tickstock_feed_state", "Each live feed's state: 1 for the state it is in, 0 for the others.", "gauge");
        for (final Feed feed : feeds)
        {
            final FeedState state = feed.state();
            for (final FeedState each : FeedState.values())
            {
                line(out, "tickstock_feed_state", feed, "state", each.configName(), each == state ? 1 : 0);
            }
        }
        counter(out, feeds, "tickstock_feed_connects_total", "Connections to the feed whose WebSocket handshake completed.",
            FeedStats::connects);
        PrometheusText.header(out, "tickstock_feed_disconnects_total", "Connections (and attempts) to the feed that ended, by cause.", "counter");
        for (final Feed feed : feeds)
        {
            for (final FeedDisconnect cause : FeedDisconnect.values())
            {
                line(out, "tickstock_feed_disconnects_total", feed, "cause", cause.label(), feed.source().stats().disconnects(cause));
            }
        }
        counter(out, feeds, "tickstock_feed_auth_failures_total", "Keys the feed refused (auth_failed).", FeedStats::authFailures);
        counter(out, feeds, "tickstock_feed_status_messages_total", "Status messages from the feed (never records).", FeedStats::statusMessages);
        counter(out, feeds, "tickstock_feed_frames_total", "Frames received from the feed.", FeedStats::frames);
        counter(out, feeds, "tickstock_feed_records_total", "Records read from the feed's frames, routed or rejected.", FeedStats::records);
        counter(out, feeds, "tickstock_feed_bytes_total", "Payload bytes received from the feed.", FeedStats::bytes);
        PrometheusText.header(out, "tickstock_feed_seconds_since_last_frame", "Seconds since the feed's last frame (absent before the first).", "gauge");
        final long nowMs = EpochClock.millis();
        for (final Feed feed : feeds)
        {
            final long last = feed.source().stats().lastFrameMs();
            if (last != 0)
            {
                out.append("tickstock_feed_seconds_since_last_frame{feed=\"").append(feed.supervisor().name()).append("\"} ")
                    .append(Math.max(0, nowMs - last) / 1000.0).append('\n');
            }
        }
    }

    private static void counter(final StringBuilder out, final List<Feed> feeds, final String name, final String help,
        final java.util.function.ToLongFunction<FeedStats> value)
    {
        PrometheusText.header(out, name, help, "counter");
        for (final Feed feed : feeds)
        {
            MetricsText.sample(out, name, "feed", feed.supervisor().name(), null, null, value.applyAsLong(feed.source().stats()));
        }
    }

    private static void line(final StringBuilder out, final String name, final Feed feed, final String label, final String value, final long sample)
    {
        MetricsText.sample(out, name, "feed", feed.supervisor().name(), label, value, sample);
    }
}
