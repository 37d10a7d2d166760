package io.tickstock.publisher.internal.socketio;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.tickstock.core.EpochClock;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Socket.IO dashboard's connection (docs/compat.md): on the WebSocket handshake sends Engine.IO's
 * open packet, answers the client's {@code 40} (connect to the default namespace) with
 * {@code 40{"sid":..}}, takes {@code 3} (pong) as a sign of life, and closes on {@code 41}
 * (disconnect) or {@code 1} (close). What the client may send otherwise is ignored, as the
 * original server did.
 *
 * <p>Not thread-safe: one instance per connection, on its event loop.
 */
public final class SocketIoHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private final SocketIoHub hub;
    private final Set<String> symbols;
    private SocketIoHub.Connection connection;

    SocketIoHandler(final SocketIoHub hub, final Set<String> symbols)
    {
        this.hub = hub;
        this.symbols = symbols;
    }

    /** The {@code symbols} query parameter, comma-separated; null (every symbol) when absent, empty or {@code *}. */
    static Set<String> symbols(final String uri)
    {
        final List<String> values = new QueryStringDecoder(uri).parameters().get("symbols");
        if (values == null)
        {
            return null;
        }
        final Set<String> symbols = new TreeSet<>();
        for (final String value : values)
        {
            Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(symbols::add);
        }
        // "*" is every symbol, as on /ws
        return symbols.isEmpty() || symbols.contains("*") ? null : Set.copyOf(symbols);
    }

    /** Whether the WebSocket handshake has completed. */
    public boolean isUpgraded()
    {
        return connection != null;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
        {
            connection = hub.register(ctx.channel(), symbols);
            if (connection == null)
            {
                ctx.writeAndFlush(new CloseWebSocketFrame(1001, "server shutting down")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.writeAndFlush(new TextWebSocketFrame("0{\"sid\":\"" + connection.sid() + "\",\"upgrades\":[],\"pingInterval\":" +
                EngineIo.PING_INTERVAL_MS + ",\"pingTimeout\":" + EngineIo.PING_TIMEOUT_MS + ",\"maxPayload\":1000000}"));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (connection == null)
        {
            return;
        }
        connection.lastSeenMs().set(EpochClock.millis());
        if (!(frame instanceof TextWebSocketFrame text))
        {
            return;
        }
        final String packet = text.text();
        if (packet.equals(EngineIo.CONNECT) || packet.startsWith(EngineIo.CONNECT + "{") || packet.startsWith(EngineIo.CONNECT + "/,"))
        {
            ctx.writeAndFlush(new TextWebSocketFrame(EngineIo.CONNECT + "{\"sid\":\"" + connection.sid() + "\"}"));
            connection.connected().set(true);
        }
        else if (packet.equals(EngineIo.DISCONNECT) || packet.equals(EngineIo.CLOSE))
        {
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        hub.unregister(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
