package io.tickstock.publisher.internal.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.channels.feed.ReplaySource;
import io.tickstock.core.EpochClock;
import io.tickstock.core.monitor.PrometheusText;
import io.tickstock.publisher.internal.fanout.ClientView;
import io.tickstock.publisher.internal.fanout.EventTap;
import io.tickstock.core.source.Source;
import io.tickstock.publisher.feed.FeedSource;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The Socket.IO compatibility endpoint's shared side (docs/compat.md): the {@link DashboardBatch}
 * on the edge's fan-out, the connections of {@code /socket.io/}, and one timer that sends them
 * {@code stock_data} each second something happened, {@code status_update} every 2 s, and an
 * Engine.IO ping every {@value EngineIo#PING_INTERVAL_MS} ms. A connection whose socket is not
 * writable (a dashboard that stopped reading) misses that second: counted, never waited for.
 *
 * <p>Thread-safe: connections come and go on their event loops, the timer runs on one of them.
 */
public final class SocketIoHub
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key of the message for connections without a {@code symbols} filter: no set of symbols is this one. */
    private static final Set<String> EVERY_SYMBOL = java.util.Collections.unmodifiableSet(new java.util.HashSet<>());

    private final DashboardBatch batch = new DashboardBatch();
    private final Map<Channel, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong stockData = new AtomicLong();
    private final AtomicLong statusUpdates = new AtomicLong();
    private final AtomicLong droppedSeconds = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final BooleanSupplier ready;
    private final LongSupplier e2eP50Micros;
    private final String provider;
    private volatile List<ScheduledFuture<?>> timers = List.of();
    private volatile boolean closing;
    private final io.tickstock.core.RateLimitedLog failures =
        new io.tickstock.core.RateLimitedLog(org.slf4j.LoggerFactory.getLogger(SocketIoHub.class), 10_000);
    private int ticks;

    /** One dashboard connection: its id and the symbols it asked for (null: every symbol). */
    record Connection(String sid, Set<String> symbols, long openedMs, AtomicLong sent, AtomicLong dropped, AtomicLong lastSeenMs,
        java.util.concurrent.atomic.AtomicBoolean connected)
    {
        /** Whether the client has connected to the namespace ({@code 40}): only then is it sent events. */
        boolean inNamespace()
        {
            return connected.get();
        }
    }

    /**
     * @param ready        whether the server is ready (its sources started, nothing given up)
     * @param e2eP50Micros the median end-to-end latency of the last interval, for {@code avg_response}
     * @param provider     what {@code status_update.provider} names: the kind of the server's source
     */
    public SocketIoHub(final BooleanSupplier ready, final LongSupplier e2eP50Micros, final String provider)
    {
        this.ready = ready;
        this.e2eP50Micros = e2eP50Micros;
        this.provider = provider;
    }

    /** The tap to put on the edge's fan-out, before the publish ring starts. */
    public EventTap batch()
    {
        return batch;
    }

    /**
     * What {@code status_update.provider} says: {@code polygon} when the server reads a live feed
     * (the original's provider), {@code replay} for a replay file, else {@code simulated}.
     */
    public static String provider(final MarketPipeline pipeline)
    {
        for (final Source<FeedRecord> source : pipeline.sources())
        {
            if (source instanceof FeedSource)
            {
                return "polygon";
            }
            if (source instanceof ReplaySource)
            {
                return "replay";
            }
        }
        return "simulated";
    }

    /** Starts the timer on one of {@code group}'s event loops. */
    public void start(final EventLoopGroup group)
    {
        final ScheduledFuture<?> second = group.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
        timers = List.of(second);
    }

    /** A new connection's handler; it registers itself once the WebSocket handshake completes. */
    public SocketIoHandler newHandler(final String uri)
    {
        return new SocketIoHandler(this, SocketIoHandler.symbols(uri));
    }

    /** Null once the hub is closing: the connection is refused instead. */
    Connection register(final Channel channel, final Set<String> symbols)
    {
        if (closing)
        {
            return null;
        }
        final Connection connection = new Connection(UUID.randomUUID().toString(), symbols, EpochClock.millis(), new AtomicLong(), new AtomicLong(),
            new AtomicLong(EpochClock.millis()), new java.util.concurrent.atomic.AtomicBoolean());
        connections.put(channel, connection);
        sessions.incrementAndGet();
        return connection;
    }

    void unregister(final Channel channel)
    {
        connections.remove(channel);
    }

    /** The timer's beat; an exception is logged and the beat after it runs, as a timer that stopped would end every dashboard. */
    private void everySecond()
    {
        try
        {
            beat();
        }
        catch (final RuntimeException ex)
        {
            failures.warn("socket.io endpoint: a beat failed; {}", "the next runs in 1 s", ex);
        }
    }

    private void beat()
    {
        ticks++;
        final DashboardBatch.Second second = batch.cut();
        if (!second.isEmpty())
        {
            final Map<Set<String>, String> byFilter = new HashMap<>();
            for (final Map.Entry<Channel, Connection> entry : connections.entrySet())
            {
                final Connection connection = entry.getValue();
                if (!connection.inNamespace() || connection.symbols() != null && !second.hasAny(connection.symbols()))
                {
                    continue;
                }
                final String payload = byFilter.computeIfAbsent(connection.symbols() == null ? EVERY_SYMBOL : connection.symbols(),
                    any -> event("stock_data", second.json(JSON, connection.symbols())));
                if (send(entry.getKey(), payload, connection))
                {
                    stockData.incrementAndGet();
                }
            }
        }
        if (ticks % 2 == 0)
        {
            final String status = event("status_update", statusJson());
            connections.forEach((channel, connection) ->
            {
                if (connection.inNamespace() && send(channel, status, connection))
                {
                    statusUpdates.incrementAndGet();
                }
            });
        }
        if (ticks % (EngineIo.PING_INTERVAL_MS / 1000) == 0)
        {
            final long deadline = EpochClock.millis() - EngineIo.PING_INTERVAL_MS - EngineIo.PING_TIMEOUT_MS;
            connections.forEach((channel, connection) ->
            {
                if (connection.lastSeenMs().get() < deadline)
                {
                    // no pong (nor anything else) for a ping interval and its timeout: Engine.IO's own rule
                    channel.writeAndFlush(new CloseWebSocketFrame(1001, "ping timeout")).addListener(ChannelFutureListener.CLOSE);
                }
                else
                {
                    channel.writeAndFlush(new TextWebSocketFrame(EngineIo.PING));
                }
            });
        }
    }

    /** Sends a message unless the socket holds more than its high-water mark: then the message is dropped and counted. */
    private boolean send(final Channel channel, final String text, final Connection connection)
    {
        if (!channel.isWritable())
        {
            connection.dropped().incrementAndGet();
            droppedSeconds.incrementAndGet();
            return false;
        }
        channel.writeAndFlush(new TextWebSocketFrame(text));
        connection.sent().incrementAndGet();
        return true;
    }

    /** {@code 42["NAME","PAYLOAD"]}: a Socket.IO event whose one argument is the payload as a JSON string. */
    static String event(final String name, final String payload)
    {
        try
        {
            return "42" + JSON.writeValueAsString(List.of(name, payload));
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private String statusJson()
    {
        final boolean up = ready.getAsBoolean();
        final long now = EpochClock.millis();
        return JSON.createObjectNode()
            .put("status", up ? "healthy" : "degraded")
            .put("connected", up)
            .put("provider", provider)
            .put("market_status", marketStatus(now))
            .put("timestamp", now / 1000.0)
            .put("avg_response", e2eP50Micros.getAsLong() / 1000.0)
            .toString();
    }

    /** PRE (04:00-09:30), REGULAR (09:30-16:00), AFTER (16:00-20:00) or CLOSED, New York time; weekends CLOSED. */
    static String marketStatus(final long epochMs)
    {
        final ZonedDateTime time = Instant.ofEpochMilli(epochMs).atZone(io.tickstock.channels.tick.SessionCalendar.NEW_YORK);
        if (time.getDayOfWeek().getValue() >= 6)
        {
            return "CLOSED";
        }
        final LocalTime clock = time.toLocalTime();
        if (clock.isBefore(LocalTime.of(4, 0)) || !clock.isBefore(LocalTime.of(20, 0)))
        {
            return "CLOSED";
        }
        if (clock.isBefore(LocalTime.of(9, 30)))
        {
            return "PRE";
        }
        return clock.isBefore(LocalTime.of(16, 0)) ? "REGULAR" : "AFTER";
    }

    /**
     * Stops the timer, refuses new connections and closes every connection with 1001, as the native
     * edge does on shutdown, waiting up to {@code flushMs} for the close frames to be written.
     */
    public void close(final long flushMs) throws InterruptedException
    {
        closing = true;
        timers.forEach(timer -> timer.cancel(false));
        final List<io.netty.channel.ChannelFuture> closes = new java.util.ArrayList<>();
        connections.keySet().forEach(channel -> closes.add(
            channel.writeAndFlush(new CloseWebSocketFrame(1001, "server shutting down")).addListener(ChannelFutureListener.CLOSE)));
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushMs);
        for (final io.netty.channel.ChannelFuture close : closes)
        {
            close.await(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /** The connections now. */
    public int clients()
    {
        return connections.size();
    }

    /** For {@code /debug/clients}: each connection's id, remote address, symbols, sent and dropped messages. */
    public List<Map<String, Object>> describe()
    {
        final List<Map<String, Object>> list = new java.util.ArrayList<>();
        connections.forEach((channel, connection) ->
        {
            final Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("sid", connection.sid());
            row.put("remote", ClientView.address(channel.remoteAddress()));
            row.put("symbols", connection.symbols() == null ? List.of("*") : List.copyOf(connection.symbols()));
            row.put("openedMs", connection.openedMs());
            row.put("sent", connection.sent().get());
            row.put("dropped", connection.dropped().get());
            list.add(row);
        });
        return list;
    }

    /** The {@code tickstock_socketio_*} series (docs/observability.md). */
    public void metrics(final StringBuilder out)
    {
        PrometheusText.header(out, "tickstock_socketio_clients", "Socket.IO compatibility connections (docs/compat.md).", "gauge");
        out.append("tickstock_socketio_clients ").append(connections.size()).append('\n');
        PrometheusText.header(out, "tickstock_socketio_sessions_total", "Socket.IO connections whose WebSocket handshake completed.", "counter");
        out.append("tickstock_socketio_sessions_total ").append(sessions.get()).append('\n');
        PrometheusText.header(out, "tickstock_socketio_messages_total", "Socket.IO messages sent, by event.", "counter");
        PrometheusText.sample(out, "tickstock_socketio_messages_total", "event", "stock_data", stockData.get());
        PrometheusText.sample(out, "tickstock_socketio_messages_total", "event", "status_update", statusUpdates.get());
        PrometheusText.header(out, "tickstock_socketio_dropped_total",
            "What a Socket.IO connection did not get: items over the list cap, messages to a socket that was not writable.", "counter");
        PrometheusText.sample(out, "tickstock_socketio_dropped_total", "what", "items", batch.droppedItems());
        PrometheusText.sample(out, "tickstock_socketio_dropped_total", "what", "messages", droppedSeconds.get());
    }
}
