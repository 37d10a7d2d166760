package io.tickstock.publisher.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.monitor.PipelineHealth;
import io.tickstock.channels.monitor.PipelineMonitor;
import io.tickstock.core.monitor.RingReading;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.ChannelStageId;
import io.tickstock.core.ring.Quarantine;
import io.tickstock.core.ring.RecentErrors;
import io.tickstock.core.source.SourceCounters;
import io.tickstock.core.source.SourceSupervisor;
import io.tickstock.publisher.ClientCounts;
import io.tickstock.publisher.internal.fanout.ClientView;
import io.tickstock.publisher.internal.fanout.EventFanOut;
import io.tickstock.publisher.internal.socketio.SocketIoHub;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The JSON of {@code /health}, {@code /debug/channels}, {@code /debug/clients} and {@code /debug/quarantine}
 * (docs/observability.md). Read on request from the live counters; nothing here runs on the hot
 * path. Thread-safe.
 */
final class AdminJson
{
    static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineMonitor monitor;
    private final MarketPipeline pipeline;
    private final EventFanOut fanOut;
    private final BooleanSupplier sourcesStarted;

    /** @param sourcesStarted whether the server has started its sources (the edge's ready flag). */
    AdminJson(final PipelineMonitor monitor, final EventFanOut fanOut, final BooleanSupplier sourcesStarted)
    {
        this.monitor = monitor;
        this.pipeline = monitor.pipeline();
        this.fanOut = fanOut;
        this.sourcesStarted = sourcesStarted;
    }

    /** {@code /health}: the body and whether the server is ready (200) or not (503). */
    record Health(boolean ready, String body)
    {
    }

    /**
     * Ready once the sources have started, none was given up, and every ring is {@code ok}
     * (running, handlers keeping up); live whenever it answers. A source given up is named in
     * {@code failedSources} with why: its failures in a row, the last exception's class and the
     * {@code source.restart.*} setting that ended it. The exception's message, which may name hosts
     * of the feed, stays on the admin view {@code /debug/channels}: {@code /health} is open to anyone.
     */
    Health health()
    {
        final PipelineHealth health = monitor.health(sourcesStarted.getAsBoolean());
        final ArrayNode failed = JSON.createArrayNode();
        for (final PipelineHealth.FailedSource source : health.failedSources())
        {
            failed.addObject().put("name", source.name()).put("reason", source.reason());
        }
        // a live feed is the network's: the pipeline's health knows nothing of its connection
        final List<FeedViews.Feed> feeds = FeedViews.feeds(pipeline);
        final boolean ready = health.ready() && FeedViews.ready(feeds);
        final String status = ready || !health.ready() ? health.status() : "degraded";
        final ObjectNode root = JSON.createObjectNode()
            .put("status", status)
            .put("live", true)
            .put("ready", ready)
            .put("clients", fanOut.views().clients())
            .put("sources", health.sources());
        root.set("failedSources", failed);
        if (!feeds.isEmpty())
        {
            FeedViews.health(root, feeds);
        }
        final ObjectNode channels = root.putObject("channels");
        final List<Channel<FeedRecord>> all = pipeline.channels();
        for (int i = 0; i < all.size(); i++)
        {
            final ChannelCounters c = all.get(i).counters();
            final RingReading reading = health.rings().get(i);
            channels.putObject(c.channel())
                .put("status", reading.status())
                .put("received", c.received())
                .put("accepted", c.accepted())
                .put("duplicates", c.duplicates())
                .put("rejected", c.rejected())
                .put("ringCapacity", reading.capacity())
                .put("ringRemaining", reading.capacity() - reading.fill())
                .put("lag", reading.fill());
        }
        final RingReading publish = health.publish();
        root.putObject(publish.name())
            .put("status", publish.status())
            .put("ringCapacity", publish.capacity())
            .put("ringRemaining", publish.capacity() - publish.fill())
            .put("lag", publish.fill());
        return new Health(ready, write(root));
    }

    /** {@code /debug/channels}: every ring's state, handlers, recent errors and accounting. */
    String channels()
    {
        final List<RingReading> readings = monitor.rings().read();
        final ObjectNode root = JSON.createObjectNode();
        final ObjectNode ringsNode = root.putObject("rings");
        final List<Channel<FeedRecord>> all = pipeline.channels();
        for (int i = 0; i < all.size(); i++)
        {
            final Channel<FeedRecord> channel = all.get(i);
            final ObjectNode ring = ringsNode.putObject(channel.name()).put("kind", "channel")
                .put("layout", channel.layout().configName());
            ring(ring, readings.get(i));
            ring.put("fullWaits", channel.fullWaits());
            final ChannelCounters c = channel.counters();
            final ObjectNode errors = ring.putObject("errors");
            errors.put("total", channel.recentErrors().total());
            final ObjectNode byStage = errors.putObject("byStage");
            for (final ChannelStageId stage : ChannelStageId.values())
            {
                byStage.put(stage.label(), c.handlerErrors(stage));
            }
            errors.put("uncaught", channel.uncaughtErrors());
            recent(errors, channel.recentErrors());
            final ObjectNode accounting = ring.putObject("accounting")
                .put("received", c.received())
                .put("accepted", c.accepted())
                .put("duplicates", c.duplicates())
                .put("rejected", c.rejected());
            final ObjectNode reasons = accounting.putObject("rejectedByReason");
            for (final String reason : c.rejectReasons())
            {
                reasons.put(reason, c.rejected(reason));
            }
            final ObjectNode events = accounting.putObject("events");
            for (final String type : c.eventTypes())
            {
                events.put(type, c.events(type));
            }
        }
        final RingReading publishReading = readings.get(readings.size() - 1);
        final ObjectNode publish = ringsNode.putObject(publishReading.name()).put("kind", "publish");
        ring(publish, publishReading);
        publish.put("fullWaits", pipeline.publishRing().fullWaits());
        final ObjectNode errors = publish.putObject("errors").put("total", pipeline.publishRing().recentErrors().total());
        recent(errors, pipeline.publishRing().recentErrors());
        publish.putObject("accounting")
            .put("published", publishReading.cursor() + 1)
            .put("lastEventId", fanOut.views().lastId());
        final SourceCounters source = pipeline.sourceCounters();
        final ObjectNode sourceNode = root.putObject("source")
            .put("routed", source.routedRecords())
            .put("rejected", source.rejected());
        final ObjectNode sourceReasons = sourceNode.putObject("rejectedByReason");
        for (final String reason : source.reasons())
        {
            sourceReasons.put(reason, source.rejected(reason));
        }
        sourceNode.put("failures", source.sourceFailures()).put("finished", pipeline.sourcesFinished());
        final ArrayNode sources = sourceNode.putArray("sources");
        for (final SourceSupervisor<FeedRecord> supervisor : pipeline.supervisors())
        {
            final ObjectNode node = sources.addObject()
                .put("name", supervisor.name())
                .put("state", supervisor.state().configName());
            FeedViews.failures(node, supervisor);
        }
        return write(root);
    }

    /** {@code /debug/sources}: every source's state and counters, and for a live feed its connection's (docs/feeds.md). */
    String sources()
    {
        final ObjectNode root = JSON.createObjectNode();
        FeedViews.sources(root, pipeline);
        return write(root);
    }

    /** {@code /debug/quarantine}: the records a stage threw on, newest first, and how many there were. */
    String quarantine()
    {
        final Quarantine quarantine = pipeline.quarantine();
        final List<Quarantine.Entry> kept = quarantine.snapshot();
        final ObjectNode root = JSON.createObjectNode()
            .put("capacity", quarantine.capacity())
            .put("total", quarantine.total())
            .put("kept", kept.size())
            .put("evicted", quarantine.evicted());
        final ObjectNode byChannel = root.putObject("byChannel");
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            byChannel.put(channel.name(), channel.counters().quarantined());
        }
        final ArrayNode records = root.putArray("records");
        for (final Quarantine.Entry entry : kept)
        {
            records.addObject()
                .put("timeMs", entry.timeMs())
                .put("time", Instant.ofEpochMilli(entry.timeMs()).toString())
                .put("channel", entry.channel())
                .put("stage", entry.stage())
                .put("exception", entry.exception())
                .put("message", entry.message())
                .put("record", entry.record())
                .put("source", entry.source())
                .put("sourceSeq", entry.sourceSeq());
        }
        return write(root);
    }

    private static void ring(final ObjectNode node, final RingReading reading)
    {
        node.put("status", reading.status())
            .put("running", reading.running())
            .put("capacity", reading.capacity())
            .put("fill", reading.fill())
            .put("fillRatio", reading.fillRatio())
            .put("cursor", reading.cursor());
        final ArrayNode handlers = node.putArray("handlers");
        for (int i = 0; i < reading.handlers().size(); i++)
        {
            handlers.addObject()
                .put("name", reading.handlers().get(i))
                .put("sequence", reading.sequences()[i])
                .put("lag", reading.lag(i));
        }
    }

    private static void recent(final ObjectNode errors, final RecentErrors recent)
    {
        final ArrayNode list = errors.putArray("recent");
        for (final RecentErrors.Entry entry : recent.snapshot())
        {
            list.addObject()
                .put("timeMs", entry.timeMs())
                .put("time", Instant.ofEpochMilli(entry.timeMs()).toString())
                .put("stage", entry.stage())
                .put("message", entry.message());
        }
    }

    /** {@code /debug/clients}: every connection with its subscription and delivery counts. */
    /** @param socketIo the Socket.IO compatibility endpoint, whose connections are listed as {@code socketio}; null when off. */
    String clients(final SocketIoHub socketIo)
    {
        final List<ClientView> views = fanOut.views().clientViews();
        final ObjectNode root = JSON.createObjectNode().put("count", views.size());
        final ArrayNode list = root.putArray("clients");
        for (final ClientView view : views)
        {
            final ObjectNode client = list.addObject()
                .put("id", view.id())
                .put("remote", view.remote())
                .put("connectedMs", view.connectedAtMs());
            final ObjectNode subscription = client.putObject("subscription")
                .put("symbols", view.symbols())
                .put("all", view.all());
            final ArrayNode events = subscription.putArray("events");
            view.eventNames().forEach(events::add);
            final ClientCounts counts = view.counts();
            client.put("queued", counts.queued())
                .put("matched", counts.matched())
                .put("sent", counts.sent())
                .put("conflated", counts.conflated())
                .put("dropped", counts.dropped())
                .put("closing", view.closing());
        }
        if (socketIo != null)
        {
            root.set("socketio", JSON.valueToTree(socketIo.describe()));
        }
        return write(root);
    }

    static String write(final ObjectNode node)
    {
        try
        {
            return JSON.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write JSON", ex);
        }
    }
}
