package io.tickstock.publisher;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands before the WebSocket upgrade: refuses it with 401 (token missing or wrong), 403 (Origin
 * not allowed) or 503 (too many connections), and closes a connection that has not completed an
 * upgrade within {@code handshakeTimeoutMs}. Plain HTTP requests pass through.
 *
 * <p>Not thread-safe: one instance per connection, on its event loop; the connection count is
 * shared and atomic.
 */
final class UpgradeGuard extends ChannelInboundHandlerAdapter
{
    static final String WEBSOCKET_PATH = "/ws";

    private final EdgeConfig config;
    private final AtomicInteger connections;
    private final WebSocketFrameHandler client;

    UpgradeGuard(final EdgeConfig config, final AtomicInteger connections, final WebSocketFrameHandler client)
    {
        this.config = config;
        this.connections = connections;
        this.client = client;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        ctx.executor().schedule(() ->
        {
            if (!client.isUpgraded() && ctx.channel().isActive())
            {
                ctx.close();
            }
        }, config.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof FullHttpRequest) || !isUpgrade((FullHttpRequest)msg))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final FullHttpRequest request = (FullHttpRequest)msg;
        final HttpResponseStatus refusal = refusal(request);
        if (refusal != null)
        {
            ReferenceCountUtil.release(request);
            refuse(ctx, refusal);
            return;
        }
        track(ctx.channel(), connections);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    private HttpResponseStatus refusal(final FullHttpRequest request)
    {
        if (!config.tokens().isEmpty() && !hasToken(request, config.tokens()))
        {
            return HttpResponseStatus.UNAUTHORIZED;
        }
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
        final String body = status.code() + " " + status.reasonPhrase() + "\n";
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status == HttpResponseStatus.UNAUTHORIZED)
        {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
