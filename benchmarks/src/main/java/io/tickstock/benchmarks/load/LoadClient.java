package io.tickstock.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickstock.core.EpochClock;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated client: once the server's {@code welcome} arrives it sends its subscribe op, then
 * reads every frame, timing each event from its receive stamp to the moment the frame was read.
 * The receipt time is taken once per frame, before parsing, so the client's own parsing is not
 * counted against the server. It times its subscribe op to the {@code ack} and, with pings on,
 * sends a {@code ping} op every {@link LatencyProbes#pingEveryMs} once subscribed and times each
 * to its {@code pong} (the pong queues behind the events sent before it, so this is the round trip
 * a client sees). Event loop thread only.
 */
final class LoadClient extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private final String subscribe;
    private final ClientStats stats;
    private final LatencyProbes probes;
    private final long pingDelayMs;
    /** Pings not yet answered: {sequence, sent at (System.nanoTime())}, oldest first. */
    private final ArrayDeque<long[]> pings = new ArrayDeque<>();
    private ScheduledFuture<?> pinger;
    private long pingSequence;
    private long subscribeSentNanos;
    private long lastId;
    private boolean welcomed;
    private boolean acked;
    private boolean closed;

    /**
     * @param subscribe   the subscribe op's JSON text.
     * @param pingDelayMs when pings are on, how long after its ack this client sends its first
     *                    (staggers the clients' pings over the interval).
     */
    LoadClient(final String subscribe, final ClientStats stats, final LatencyProbes probes, final long pingDelayMs)
    {
        super(WebSocketFrame.class, true);
        this.subscribe = subscribe;
        this.stats = stats;
        this.probes = probes;
        this.pingDelayMs = pingDelayMs;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
        {
            stats.connected.increment();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof TextWebSocketFrame text)
        {
            final long receivedUs = EpochClock.micros();
            final long receivedNanos = System.nanoTime();
            read(ctx, text.content(), receivedUs, receivedNanos);
        }
        else if (frame instanceof CloseWebSocketFrame close)
        {
            stats.recordClose(close.statusCode());
            closed = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (!closed)
        {
            stats.recordClose(1006);
        }
        if (pinger != null)
        {
            pinger.cancel(false);
        }
        stats.disconnected.increment();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        stats.recordError("client " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        ctx.close();
    }

    private void read(final ChannelHandlerContext ctx, final ByteBuf content, final long receivedUs, final long receivedNanos)
    {
        final int length = content.readableBytes();
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length)
        {
            bytes = new byte[Math.max(length, bytes.length * 2)];
            SCRATCH.set(bytes);
        }
        content.getBytes(content.readerIndex(), bytes, 0, length);
        try (JsonParser json = JSON.createParser(bytes, 0, length))
        {
            if (json.nextToken() != JsonToken.START_ARRAY)
            {
                stats.unreadable.increment();
                return;
            }
            while (json.nextToken() == JsonToken.START_OBJECT)
            {
                message(ctx, json, receivedUs, receivedNanos);
            }
        }
        catch (final IOException ex)
        {
            stats.unreadable.increment();
        }
    }

    private void message(final ChannelHandlerContext ctx, final JsonParser json, final long receivedUs, final long receivedNanos)
        throws IOException
    {
        String type = null;
        String textId = null;
        String event = null;
        String tf = null;
        long id = 0;
        long start = 0;
        long end = 0;
        long recvUs = 0;
        long dropped = 0;
        String code = null;
        while (json.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = json.currentName();
            final JsonToken value = json.nextToken();
            if (value == JsonToken.START_OBJECT && "src".equals(field))
            {
                while (json.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = json.currentName();
                    json.nextToken();
                    if ("recvUs".equals(name))
                    {
                        recvUs = json.getLongValue();
                    }
                }
            }
            else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)
            {
                json.skipChildren();
            }
            else
            {
                switch (field)
                {
                    case "type" -> type = json.getText();
                    case "event" -> event = json.getText();
                    case "tf" -> tf = json.getText();
                    case "code" -> code = json.getText();
                    case "id" ->
                    {
                        id = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
                        textId = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    }
                    case "start" -> start = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
                    case "end" -> end = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
                    case "dropped" -> dropped = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
                    default ->
                    {
                    }
                }
            }
        }
        if ("event".equals(type))
        {
            if (id <= lastId)
            {
                stats.outOfOrder.increment();
            }
            lastId = id;
            if ("bar".equals(event) && !"1m".equals(tf) && !"1s".equals(tf))
            {
                // a rollup (5m, 15m) is held for the window's allowed lateness by design
                // (docs/semantics.md): timed from its window's end, apart from the events
                stats.recordRollup(receivedUs - end * 1_000);
            }
            else
            {
                stats.recordEvent(receivedUs - recvUs);
                if ("bar".equals(event) && "1m".equals(tf))
                {
                    stats.recordMinuteBar(start, recvUs, receivedUs);
                }
            }
        }
        else if ("gap".equals(type))
        {
            stats.gaps.increment();
            stats.gapEvents.add(dropped);
        }
        else if ("snapshot".equals(type))
        {
            stats.snapshots.increment();
        }
        else if ("ack".equals(type))
        {
            stats.subscribed.increment();
            if (!acked)
            {
                acked = true;
                probes.recordAck(subscribeSentNanos, receivedNanos);
                if (probes.pingEveryMs > 0)
                {
                    pinger = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), pingDelayMs, probes.pingEveryMs, TimeUnit.MILLISECONDS);
                }
            }
        }
        else if ("pong".equals(type))
        {
            pong(textId, receivedNanos);
        }
        else if ("welcome".equals(type) && !welcomed)
        {
            welcomed = true;
            subscribeSentNanos = System.nanoTime();
            ctx.writeAndFlush(new TextWebSocketFrame(subscribe));
        }
        else if ("error".equals(type))
        {
            stats.recordError("server error " + code);
        }
    }

    private void ping(final ChannelHandlerContext ctx)
    {
        if (!probes.pinging() || !ctx.channel().isActive() || closed)
        {
            pinger.cancel(false);
            return;
        }
        final long sequence = ++pingSequence;
        pings.add(new long[] {sequence, System.nanoTime()});
        probes.pingsSent.increment();
        ctx.writeAndFlush(new TextWebSocketFrame("{\"op\":\"ping\",\"id\":\"" + sequence + "\"}"));
    }

    /** Pongs come in the order of their pings; one that never came is left out (counted as missing). */
    private void pong(final String textId, final long receivedNanos)
    {
        final long sequence;
        try
        {
            sequence = textId == null ? -1 : Long.parseLong(textId);
        }
        catch (final NumberFormatException ex)
        {
            stats.unreadable.increment();
            return;
        }
        while (!pings.isEmpty() && pings.peek()[0] < sequence)
        {
            pings.poll();
        }
        if (!pings.isEmpty() && pings.peek()[0] == sequence)
        {
            probes.pongs.increment();
            probes.recordPong(pings.poll()[1], receivedNanos);
        }
        else
        {
            stats.unreadable.increment();
        }
    }
}
