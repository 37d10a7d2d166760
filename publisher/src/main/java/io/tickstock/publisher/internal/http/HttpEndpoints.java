package io.tickstock.publisher.internal.http;

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
import io.tickstock.channels.MarketPipeline;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.NodeView;
import io.tickstock.publisher.internal.socketio.EngineIo;
import io.tickstock.publisher.internal.socketio.SocketIoHub;
import io.tickstock.publisher.internal.fanout.EventFanOut;
import io.tickstock.publisher.internal.netty.AdminStream;
import io.tickstock.publisher.internal.netty.ConnectionCounters;
import io.tickstock.publisher.internal.netty.UpgradeGuard;
import io.tickstock.publisher.internal.wire.AlertJson;

import java.nio.charset.StandardCharsets;

/**
 * Plain HTTP on the edge's port: {@code /health} (liveness and readiness, JSON; 503 while not
 * ready), {@code /metrics} (Prometheus text), the debug views {@code /debug/channels},
 * {@code /debug/clients}, {@code /debug/sources}, {@code /debug/stats}, {@code /debug/alerts}, {@code /debug/quarantine}
 * and the {@code /dashboard} page (docs/observability.md). Anything else is 404; methods other
 * than GET and HEAD are 405.
 *
 * <p>Thread-safe: shared by every connection.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class HttpEndpoints extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final MarketPipeline pipeline;
    private final EventFanOut fanOut;
    private final ConnectionCounters connections;
    private final EdgeMonitoring monitoring;
    private final EdgeConfig config;
    private volatile AdminStream alerts;
    private volatile SocketIoHub socketIo;
    private volatile java.util.List<NodeView> views = java.util.List.of();

    public HttpEndpoints(final MarketPipeline pipeline, final EventFanOut fanOut, final ConnectionCounters connections,
        final EdgeMonitoring monitoring, final EdgeConfig config)
    {
        this.pipeline = pipeline;
        this.fanOut = fanOut;
        this.connections = connections;
        this.monitoring = monitoring;
        this.config = config;
    }

    /** The Socket.IO compatibility endpoint, for {@code /metrics} and {@code /debug/clients}; null when it is off. */
    public void socketIo(final SocketIoHub hub)
    {
        socketIo = hub;
    }

    /** The node's own parts, each at {@code /debug/NAME} and in {@code /metrics}. */
    public void views(final java.util.List<NodeView> nodeViews)
    {
        views = nodeViews;
    }

    /** Where {@code /debug/alerts} finds the alert engine (none attached: empty lists). */
    public void alerts(final AdminStream stream)
    {
        alerts = stream;
    }

    /** Admin endpoints per {@code edge.adminAccess}: null when allowed, else the refusal. */
    private HttpResponseStatus adminRefusal(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        return UpgradeGuard.adminRefusal(config, ctx.channel(), request);
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
                final AdminJson.Health health = monitoring.json.health();
                respond(ctx, request, health.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "application/json", health.body());
                break;
            case "/debug/channels":
            case "/debug/clients":
            case "/debug/sources":
            case "/debug/stats":
            case "/debug/quarantine":
            case DashboardAssets.PAGE:
            case DashboardAssets.PAGE + "/":
                if (!refusedAsAdmin(ctx, request, path))
                {
                    monitoringView(ctx, request, path);
                }
                break;
            case "/debug/alerts":
                if (!refusedAsAdmin(ctx, request, path))
                {
                    final AdminStream stream = alerts;
                    respond(ctx, request, HttpResponseStatus.OK, "application/json",
                        AlertJson.debug(stream == null ? null : stream.engine()));
                }
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
                    MetricsText.render(pipeline, fanOut, connections, socketIo, views));
                break;
            default:
                if (socketIo != null && EngineIo.isPath(path))
                {
                    // a long-polling request, or a WebSocket one without its upgrade: Engine.IO's own error answer
                    final String engineIoRefusal = EngineIo.refusal(request.uri());
                    respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "application/json",
                        engineIoRefusal != null ? engineIoRefusal : "{\"code\":3,\"message\":\"Bad request\"}");
                    break;
                }
                final NodeView view = view(path);
                if (view != null)
                {
                    if (!refusedAsAdmin(ctx, request, path))
                    {
                        respond(ctx, request, HttpResponseStatus.OK, "application/json", view.json());
                    }
                    break;
                }
                final DashboardAssets.Asset asset = monitoring.dashboard.get(path);
                if (asset != null)
                {
                    // the page's script and style: the same for every install, no data, so not restricted
                    respond(ctx, request, HttpResponseStatus.OK, asset.contentType(), asset.body(), true);
                    break;
                }
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
                    "not found: " + path + "\nendpoints: /ws (WebSocket), /health, /metrics, /debug/channels, /debug/clients, /debug/sources, " +
                        "/debug/stats, /debug/alerts, /debug/quarantine" + viewPaths() + ", /dashboard, /admin/ws (WebSocket)\n");
                break;
        }
    }

    private NodeView view(final String path)
    {
        for (final NodeView view : views)
        {
            if (path.equals("/debug/" + view.name()))
            {
                return view;
            }
        }
        return null;
    }

    private String viewPaths()
    {
        final StringBuilder paths = new StringBuilder();
        views.forEach(view -> paths.append(", /debug/").append(view.name()));
        return paths.toString();
    }

    /** Answers the refusal of an admin endpoint, as for {@code /metrics}; returns whether it refused. */
    private boolean refusedAsAdmin(final ChannelHandlerContext ctx, final FullHttpRequest request, final String path)
    {
        final HttpResponseStatus refusal = adminRefusal(ctx, request);
        if (refusal == null)
        {
            return false;
        }
        respond(ctx, request, refusal, "text/plain; charset=utf-8",
            refusal.code() + " " + refusal.reasonPhrase() + ": " + path + " is restricted (edge.adminAccess = " +
                config.adminAccess().configName() + ")\n");
        return true;
    }

    /** The debug views ({@code /debug/alerts} apart) and the dashboard page; admin already checked. */
    private void monitoringView(final ChannelHandlerContext ctx, final FullHttpRequest request, final String path)
    {
        switch (path)
        {
            case "/debug/channels":
                respond(ctx, request, HttpResponseStatus.OK, "application/json", monitoring.json.channels());
                break;
            case "/debug/clients":
                respond(ctx, request, HttpResponseStatus.OK, "application/json", monitoring.json.clients(socketIo));
                break;
            case "/debug/sources":
                respond(ctx, request, HttpResponseStatus.OK, "application/json", monitoring.json.sources());
                break;
            case "/debug/quarantine":
                respond(ctx, request, HttpResponseStatus.OK, "application/json", monitoring.json.quarantine());
                break;
            case "/debug/stats":
                final java.util.List<String> since = new QueryStringDecoder(request.uri()).parameters().get("since");
                long after = 0;
                try
                {
                    after = since == null || since.isEmpty() ? 0 : Long.parseLong(since.get(0));
                }
                catch (final NumberFormatException ex)
                {
                    respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8",
                        "since: '" + since.get(0) + "' is not a sample number\n");
                    return;
                }
                respond(ctx, request, HttpResponseStatus.OK, "application/json", monitoring.stats.render(after));
                break;
            default:
                final DashboardAssets.Asset page = monitoring.dashboard.get(path);
                respond(ctx, request, HttpResponseStatus.OK, page.contentType(), page.body(), true);
                break;
        }
    }

    private static void respond(
        final ChannelHandlerContext ctx,
        final FullHttpRequest request,
        final HttpResponseStatus status,
        final String contentType,
        final String body)
    {
        respond(ctx, request, status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** @param page whether the body is a dashboard file: adds its Content-Security-Policy. */
    private static void respond(
        final ChannelHandlerContext ctx,
        final FullHttpRequest request,
        final HttpResponseStatus status,
        final String contentType,
        final byte[] body,
        final boolean page)
    {
        final ByteBuf content = HttpMethod.HEAD.equals(request.method()) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (page)
        {
            response.headers().set("Content-Security-Policy", DashboardAssets.CONTENT_SECURITY_POLICY);
            response.headers().set("X-Content-Type-Options", "nosniff");
        }
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
