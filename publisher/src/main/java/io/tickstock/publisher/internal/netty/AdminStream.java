package io.tickstock.publisher.internal.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.tickstock.core.alert.Alert;
import io.tickstock.core.alert.AlertEngine;
import io.tickstock.core.alert.AlertHandler;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.wire.AlertJson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The admin WebSocket stream on {@code /admin/ws} ({@code edge.adminAccess} applies): every admin
 * client is sent, as soon as it connects, the alerts firing at that moment, and then every alert
 * transition as it happens, each as a frame holding a JSON array of alerts ({@link AlertJson}).
 * Admin clients send nothing; their frames are ignored. Also keeps the edge's {@link AlertEngine}
 * for {@code /debug/alerts}.
 *
 * <p>Thread-safe: the engine's thread writes, each connection's event loop registers it.
 */
public final class AdminStream implements AlertHandler
{
    public static final String PATH = "/admin/ws";

    private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
    private volatile AlertEngine engine;

    /** The admin stream's WebSocket handling: the edge's, on {@link #PATH}, passing pongs on to prove the client alive. */
    static WebSocketServerProtocolConfig protocolConfig(final EdgeConfig config)
    {
        return WebSocketFrameHandler.protocolConfig(config, PATH).toBuilder().dropPongFrames(false).build();
    }

    /** Streams the engine's transitions from now on. */
    public void engine(final AlertEngine alerts)
    {
        engine = alerts;
        alerts.addHandler(this);
    }

    /** The engine whose alerts are streamed, or null. */
    public AlertEngine engine()
    {
        return engine;
    }

    AdminStreamHandler newHandler()
    {
        return new AdminStreamHandler(this);
    }

    /** Adds a client whose handshake completed and sends it the alerts firing now, oldest first. On its event loop. */
    void register(final Channel channel)
    {
        clients.add(channel);
        final AlertEngine alerts = engine;
        if (alerts != null && !alerts.active().isEmpty())
        {
            final List<Alert> firing = new ArrayList<>(alerts.active());
            Collections.reverse(firing);
            channel.writeAndFlush(new TextWebSocketFrame(AlertJson.frame(firing)));
        }
    }

    void unregister(final Channel channel)
    {
        clients.remove(channel);
    }

    public int clients()
    {
        return clients.size();
    }

    @Override
    public void onAlert(final Alert alert)
    {
        if (clients.isEmpty())
        {
            return;
        }
        final String frame = AlertJson.frame(List.of(alert));
        for (final Channel channel : clients)
        {
            if (!channel.isWritable())
            {
                // alerts are rare: a client that has not read a socket buffer's worth of them is not reading
                channel.close();
                continue;
            }
            channel.writeAndFlush(new TextWebSocketFrame(frame));
        }
    }

    /** Closes every admin client with 1001, waiting at most {@code timeoutMs} in all for the close frames to go out. */
    public void closeAll(final long timeoutMs) throws InterruptedException
    {
        final List<ChannelFuture> closing = new ArrayList<>();
        for (final Channel channel : clients)
        {
            closing.add(channel.writeAndFlush(new CloseWebSocketFrame(1001, "server shutting down"))
                .addListener(ChannelFutureListener.CLOSE));
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final ChannelFuture future : closing)
        {
            future.await(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}
