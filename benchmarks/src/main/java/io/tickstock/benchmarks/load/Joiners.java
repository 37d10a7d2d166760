package io.tickstock.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Late joiners: every {@code everyMs} one more client connects, subscribes {@code ["*"]} to
 * {@code high}, {@code low} and {@code surge} with {@code snapshot: true}, and is timed from the
 * start of its connect to its {@code ack}, and from the ack to the last {@code snapshot} message
 * it read before its first {@code event} (a snapshot comes for every symbol with state, right
 * after the ack). On that first event it closes (1000). At most {@value #MAX_OPEN} are open at
 * once; a joiner due while that many are open is skipped and counted. Joiners are not clients of
 * the mix: their messages are not in the clients' counts (the server's own counts include the
 * few events it sent them). Thread-safe: started from the
 * event loop's scheduler, each joiner on its own channel's event loop.
 */
final class Joiners
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_OPEN = 50;
    private static final String SUBSCRIBE =
        "{\"op\":\"subscribe\",\"id\":\"joiner\",\"symbols\":[\"*\"],\"events\":[\"high\",\"low\",\"surge\"],\"snapshot\":true}";

    private final EventLoopGroup group;
    private final URI uri;
    private final LatencyProbes probes;
    private final AtomicInteger open = new AtomicInteger();
    private ScheduledFuture<?> schedule;

    /** @param uri the server's WebSocket URI, token included. */
    Joiners(final EventLoopGroup group, final URI uri, final LatencyProbes probes)
    {
        this.group = group;
        this.uri = uri;
        this.probes = probes;
    }

    /** Starts a joiner every {@code everyMs}, the first after one interval. */
    synchronized void start(final int everyMs)
    {
        schedule = group.scheduleAtFixedRate(this::join, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    /** No more joiners; those open finish or are closed with the others. */
    synchronized void stop()
    {
        if (schedule != null)
        {
            schedule.cancel(false);
        }
    }

    private void join()
    {
        if (open.get() >= MAX_OPEN)
        {
            probes.joinersSkipped.increment();
            return;
        }
        open.incrementAndGet();
        probes.joinersStarted.increment();
        Connector.open(group, uri, new Joiner(System.nanoTime())).addListener(future ->
        {
            if (!future.isSuccess())
            {
                probes.joinerErrors.increment();
                open.decrementAndGet();
            }
        });
    }

    /** One joiner's connection. Its channel's event loop only. */
    private final class Joiner extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final long connectStartNanos;
        private long ackNanos;
        private long lastSnapshotNanos;
        private long snapshots;
        private boolean welcomed;
        private boolean done;

        Joiner(final long connectStartNanos)
        {
            super(WebSocketFrame.class, true);
            this.connectStartNanos = connectStartNanos;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (frame instanceof CloseWebSocketFrame)
            {
                ctx.close();
                return;
            }
            if (!(frame instanceof TextWebSocketFrame) || done)
            {
                return;
            }
            final long receivedNanos = System.nanoTime();
            try (java.io.InputStream in = new ByteBufInputStream(frame.content()); JsonParser json = JSON.createParser(in))
            {
                if (json.nextToken() != JsonToken.START_ARRAY)
                {
                    probes.joinerErrors.increment();
                    return;
                }
                while (!done && json.nextToken() == JsonToken.START_OBJECT)
                {
                    message(ctx, type(json), receivedNanos);
                }
            }
            catch (final IOException ex)
            {
                probes.joinerErrors.increment();
            }
        }

        private void message(final ChannelHandlerContext ctx, final String type, final long receivedNanos)
        {
            if ("welcome".equals(type) && !welcomed)
            {
                welcomed = true;
                ctx.writeAndFlush(new TextWebSocketFrame(SUBSCRIBE));
            }
            else if ("ack".equals(type) && ackNanos == 0)
            {
                ackNanos = receivedNanos;
                LatencyProbes.record(probes.joinAckUs, receivedNanos - connectStartNanos);
            }
            else if ("snapshot".equals(type))
            {
                snapshots++;
                lastSnapshotNanos = receivedNanos;
            }
            else if ("event".equals(type) && ackNanos != 0)
            {
                done = true;
                probes.recordJoin(snapshots == 0 ? 0 : lastSnapshotNanos - ackNanos, snapshots);
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
            }
            else if ("error".equals(type))
            {
                probes.joinerErrors.increment();
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            open.decrementAndGet();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            probes.joinerErrors.increment();
            ctx.close();
        }
    }

    /** The {@code type} of the message whose object the parser has just entered; the rest is skipped. */
    private static String type(final JsonParser json) throws IOException
    {
        String type = null;
        while (json.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = json.currentName();
            final JsonToken value = json.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)
            {
                json.skipChildren();
            }
            else if ("type".equals(field))
            {
                type = json.getText();
            }
        }
        return type;
    }
}
