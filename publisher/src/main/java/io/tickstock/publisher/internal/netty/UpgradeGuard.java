package io.tickstock.publisher.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.ReferenceCountUtil;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.socketio.EngineIo;
import io.tickstock.publisher.internal.socketio.SocketIoHandler;
import io.tickstock.publisher.internal.socketio.SocketIoHub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands before the WebSocket upgrade: refuses it with 401 (token missing or wrong), 403 (Origin
 * not allowed) or 503 (too many connections), and closes a connection that has not completed an
 * upgrade within {@code handshakeTimeoutMs}. An upgrade on {@link AdminStream#PATH} is an admin
 * client: {@code edge.adminAccess} decides instead of {@code edge.tokens} (403 off loopback, 401
 * without the admin token), and the connection's handlers after this one are replaced by the admin
 * stream's own. Plain HTTP requests pass through.
 *
 * <p>Not thread-safe: one instance per connection, on its event loop; the connection count is
 * shared and atomic.
 */
public final class UpgradeGuard extends ChannelInboundHandlerAdapter
{
    public static final String WEBSOCKET_PATH = "/ws";

    private final EdgeConfig config;
    private final AtomicInteger connections;
    private final WebSocketFrameHandler client;
    private final AdminStream adminStream;
    private final SocketIoHub socketIo;
    private AdminStreamHandler admin;
    private SocketIoHandler dashboard;

    /** @param socketIo the Socket.IO compatibility endpoint (docs/compat.md); null when it is off. */
    public UpgradeGuard(final EdgeConfig config, final AtomicInteger connections, final WebSocketFrameHandler client,
        final AdminStream adminStream, final SocketIoHub socketIo)
    {
        this.config = config;
        this.connections = connections;
        this.client = client;
        this.adminStream = adminStream;
        this.socketIo = socketIo;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        final ScheduledFuture<?> timeout = ctx.executor().schedule(() ->
        {
            if (!client.isUpgraded() && (admin == null || !admin.isUpgraded()) && (dashboard == null || !dashboard.isUpgraded()) &&
                ctx.channel().isActive())
            {
                ctx.close();
            }
        }, config.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        // a closed connection needs no timeout: in a connect/disconnect storm they would pile up by the thousand
        ctx.channel().closeFuture().addListener(future -> timeout.cancel(false));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof FullHttpRequest))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final FullHttpRequest request = (FullHttpRequest)msg;
        final boolean adminUpgrade = isAdminUpgrade(request);
        final boolean socketIoUpgrade = socketIo != null && isSocketIoUpgrade(request);
        if (!adminUpgrade && !socketIoUpgrade && !isUpgrade(request))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final String engineIoRefusal = socketIoUpgrade ? EngineIo.refusal(request.uri()) : null;
        if (engineIoRefusal != null)
        {
            ReferenceCountUtil.release(request);
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "application/json", engineIoRefusal);
            return;
        }
        final HttpResponseStatus access = adminUpgrade ? adminRefusal(config, ctx.channel(), request) :
            !config.tokens().isEmpty() && !hasToken(request, config.tokens()) ? HttpResponseStatus.UNAUTHORIZED : null;
        final HttpResponseStatus refusal = access != null ? access : admission(request);
        if (refusal != null)
        {
            ReferenceCountUtil.release(request);
            refuse(ctx, refusal);
            return;
        }
        track(ctx.channel(), connections);
        if (adminUpgrade)
        {
            routeToAdminStream(ctx);
        }
        else if (socketIoUpgrade)
        {
            routeToSocketIo(ctx, request.uri());
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    /** Replaces the client handlers after this one with the admin stream's: its own path, protocol handler and handler. */
    private void routeToAdminStream(final ChannelHandlerContext ctx)
    {
        final ChannelPipeline pipeline = removeHandlersAfter(ctx);
        admin = adminStream.newHandler();
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(AdminStream.protocolConfig(config)))
            .addLast("frame-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()))
            .addLast("admin", admin);
    }

    /** Replaces the client handlers after this one with a Socket.IO dashboard's (docs/compat.md). */
    private void routeToSocketIo(final ChannelHandlerContext ctx, final String uri)
    {
        final ChannelPipeline pipeline = removeHandlersAfter(ctx);
        dashboard = socketIo.newHandler(uri);
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketFrameHandler.protocolConfig(config, EngineIo.PATH)))
            .addLast("frame-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()))
            .addLast("socketio", dashboard);
    }

    /** Removes the handlers after this one, adding back permessage-deflate when it is on; returns the pipeline. */
    private ChannelPipeline removeHandlersAfter(final ChannelHandlerContext ctx)
    {
        final ChannelPipeline pipeline = ctx.pipeline();
        boolean after = false;
        for (final String name : pipeline.names())
        {
            if (after && pipeline.context(name) != null)
            {
                pipeline.remove(name);
            }
            after |= name.equals(ctx.name());
        }
        if (config.compression())
        {
            pipeline.addLast("deflate", new WebSocketServerCompressionHandler(config.maxFrameBytes()));
        }
        return pipeline;
    }

    /** Who may read the admin endpoints, per {@code edge.adminAccess}: null when allowed, else the refusal. */
    public static HttpResponseStatus adminRefusal(final EdgeConfig config, final io.netty.channel.Channel channel,
        final FullHttpRequest request)
    {
        switch (config.adminAccess())
        {
            case LOOPBACK:
                final java.net.SocketAddress remote = channel.remoteAddress();
                return remote instanceof java.net.InetSocketAddress &&
                    ((java.net.InetSocketAddress)remote).getAddress().isLoopbackAddress() ? null : HttpResponseStatus.FORBIDDEN;
            case TOKEN:
                return hasToken(request, List.of(config.adminToken())) ? null : HttpResponseStatus.UNAUTHORIZED;
            case ANY:
            default:
                return null;
        }
    }

    /** After the token or admin check: Origin and the connection count decide; null admits (and counts) the connection. */
    private HttpResponseStatus admission(final FullHttpRequest request)
    {
        final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !config.allowedOrigins().isEmpty() && !config.allowedOrigins().contains(origin))
        {
            return HttpResponseStatus.FORBIDDEN;
        }
        if (connections.incrementAndGet() > config.maxConnections())
        {
            connections.decrementAndGet();
            return HttpResponseStatus.SERVICE_UNAVAILABLE;
        }
        return null;
    }

    /** The connection counts until it closes; called once its upgrade was admitted. */
    private static void track(final io.netty.channel.Channel channel, final AtomicInteger connections)
    {
        channel.closeFuture().addListener(future -> connections.decrementAndGet());
    }

    private static boolean isAdminUpgrade(final FullHttpRequest request)
    {
        return new QueryStringDecoder(request.uri()).path().equals(AdminStream.PATH) &&
            request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static boolean isSocketIoUpgrade(final FullHttpRequest request)
    {
        return new QueryStringDecoder(request.uri()).path().equals(EngineIo.PATH) &&
            request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static boolean isUpgrade(final FullHttpRequest request)
    {
        final String path = new QueryStringDecoder(request.uri()).path();
        return (path.equals(WEBSOCKET_PATH) || path.startsWith(WEBSOCKET_PATH + "/")) &&
            request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Whether the request carries one of the tokens, as {@code ?token=} or {@code Authorization: Bearer}. */
    static boolean hasToken(final FullHttpRequest request, final List<String> tokens)
    {
        String offered = null;
        final String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            offered = authorization.substring(7).trim();
        }
        else
        {
            final List<String> query = new QueryStringDecoder(request.uri()).parameters().get("token");
            if (query != null && !query.isEmpty())
            {
                offered = query.get(0);
            }
        }
        if (offered == null)
        {
            return false;
        }
        final byte[] offeredBytes = offered.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (final String token : tokens)
        {
            match |= MessageDigest.isEqual(offeredBytes, token.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    private static void refuse(final ChannelHandlerContext ctx, final HttpResponseStatus status)
    {
        refuse(ctx, status, "text/plain; charset=utf-8", status.code() + " " + status.reasonPhrase() + "\n");
    }

    private static void refuse(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String contentType, final String body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status == HttpResponseStatus.UNAUTHORIZED)
        {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
