package io.tickstock.publisher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketPipeline;
import io.tickstock.core.Channel;
import io.tickstock.core.ChannelCounters;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Plain HTTP on the edge's port: {@code /health} (liveness and readiness, JSON; 503 while not
 * ready) and {@code /metrics} (Prometheus text). Anything else is 404; methods other than GET and
 * HEAD are 405.
 *
 * <p>Thread-safe: shared by every connection.
 */
@io.netty.channel.ChannelHandler.Sharable
final class HttpEndpoints extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final MarketPipeline pipeline;
    private final EventFanOut fanOut;
    private final BooleanSupplier ready;
    private final EdgeConfig config;

    HttpEndpoints(final MarketPipeline pipeline, final EventFanOut fanOut, final BooleanSupplier ready, final EdgeConfig config)
    {
        this.pipeline = pipeline;
        this.fanOut = fanOut;
        this.ready = ready;
        this.config = config;
    }

    /** Admin endpoints per {@code edge.adminAccess}: null when allowed, else the refusal. */
    private HttpResponseStatus adminRefusal(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        switch (config.adminAccess())
        {
            case LOOPBACK:
                final java.net.SocketAddress remote = ctx.channel().remoteAddress();
                return remote instanceof java.net.InetSocketAddress && ((java.net.InetSocketAddress)remote).getAddress().isLoopbackAddress() ?
                    null : HttpResponseStatus.FORBIDDEN;
            case TOKEN:
                return UpgradeGuard.hasToken(request, java.util.List.of(config.adminToken())) ? null : HttpResponseStatus.UNAUTHORIZED;
            case ANY:
            default:
                return null;
        }
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final String path = new QueryStringDecoder(request.uri()).path();
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method()))
        {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "only GET\n");
            return;
        }
        switch (path)
        {
            case "/health":
                final boolean isReady = ready.getAsBoolean();
                respond(ctx, request, isReady ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "application/json", health(isReady));
                break;
            case "/metrics":
                final HttpResponseStatus refusal = adminRefusal(ctx, request);
                if (refusal != null)
                {
                    respond(ctx, request, refusal, "text/plain; charset=utf-8",
                        refusal.code() + " " + refusal.reasonPhrase() + ": /metrics is restricted (edge.adminAccess = " +
                            config.adminAccess().configName() + ")\n");
                    break;
                }
                respond(ctx, request, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                    MetricsText.render(pipeline, fanOut));
                break;
            default:
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
                    "not found: " + path + "\nendpoints: /ws (WebSocket), /health, /metrics\n");
                break;
        }
    }

    private String health(final boolean isReady)
    {
        final StringBuilder out = new StringBuilder(256)
            .append("{\"status\":\"").append(isReady ? "up" : "starting").append("\",\"live\":true,\"ready\":").append(isReady)
            .append(",\"clients\":").append(fanOut.clients()).append(",\"channels\":{");
        boolean first = true;
        for (final Channel<FeedRecord> channel : pipeline.channels())
        {
            final ChannelCounters c = channel.counters();
            if (!first)
            {
                out.append(',');
            }
            first = false;
            out.append('"').append(c.channel()).append("\":{\"received\":").append(c.received())
                .append(",\"accepted\":").append(c.accepted()).append(",\"duplicates\":").append(c.duplicates())
                .append(",\"rejected\":").append(c.rejected()).append(",\"ringCapacity\":").append(channel.ring().getBufferSize())
                .append(",\"ringRemaining\":").append(channel.ring().remainingCapacity()).append('}');
        }
        return out.append("}}").toString();
    }

    private static void respond(
        final ChannelHandlerContext ctx,
        final FullHttpRequest request,
        final HttpResponseStatus status,
        final String contentType,
        final String body)
    {
        final ByteBuf content = HttpMethod.HEAD.equals(request.method()) ?
            Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.getBytes(StandardCharsets.UTF_8).length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
