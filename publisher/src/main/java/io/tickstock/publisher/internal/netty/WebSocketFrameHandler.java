package io.tickstock.publisher.internal.netty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.tickstock.core.EpochClock;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.fanout.ClientOp;
import io.tickstock.publisher.internal.fanout.ClientSession;
import io.tickstock.publisher.internal.fanout.FanOutClients;
import io.tickstock.publisher.internal.wire.FrameWriter;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One connection's WebSocket side: registers the client once the handshake completes (welcome),
 * hands its ops (docs/protocol.md §2.1) within {@code maxOpsPerSecond} to the fan-out, which
 * answers them in order with the client's events, pings an idle client and closes it when it stays
 * silent, and closes with 1003 (binary frame), 1008 (rate limit exceeded repeatedly) or 1009
 * (message larger than {@code maxFrameBytes}).
 *
 * <p>Not thread-safe: one instance per connection, on its event loop.
 */
public final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    /** The name Netty's handshake gives the frame encoder it adds to the pipeline. */
    private static final String WS_ENCODER = "wsencoder";

    private final FanOutClients fanOut;
    private final ConnectionCounters connections;
    private final EdgeConfig config;
    private final LongSupplier opClock;
    private final String epoch;
    private ClientSession session;
    private boolean pingOutstanding;
    private long rateWindowStart;
    private int opsInWindow;
    private int refusedInWindow;
    private boolean closing;
    /** When the frame being handled was read, for the {@code client_op} latency. */
    private long readNanos;

    /** @param opClock nanoseconds for the {@code maxOpsPerSecond} window ({@code System::nanoTime} but in tests). */
    public WebSocketFrameHandler(final FanOutClients fanOut, final ConnectionCounters connections, final EdgeConfig config, final String epoch,
        final LongSupplier opClock)
    {
        this.fanOut = fanOut;
        this.connections = connections;
        this.epoch = epoch;
        this.config = config;
        this.opClock = opClock;
        this.rateWindowStart = opClock.getAsLong();
    }

    /**
     * The WebSocket frame handling of the edge: path, frame size limit, UTF-8 validation, close
     * handling, extensions. Shared with the Autobahn conformance server so it checks exactly this.
     */
    public static WebSocketServerProtocolConfig protocolConfig(final EdgeConfig config, final String path)
    {
        return WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(path)
            .checkStartsWith(true)
            .maxFramePayloadLength(config.maxFrameBytes())
            .allowExtensions(config.compression())
            .handleCloseFrames(true)
            // no automatic "1000 Bye" on a server-side close: it would follow the decoder's own 1002/1007
            .sendCloseFrame(null)
            .dropPongFrames(true)
            .handshakeTimeoutMillis(config.handshakeTimeoutMs())
            // Netty closes the connection this long after a close frame was flushed if it is still not
            // written (its default, 10 s, reset a slow consumer before its 1013 could reach it):
            // the frame waits behind what the socket holds for edge.slowConsumerCloseMs
            .forceCloseTimeoutMillis(config.slowConsumerCloseMs())
            .build();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
        {
            ctx.pipeline().addAfter(WS_ENCODER, "close-frames", connections.closeFrameCounter());
            session = fanOut.newSession(ctx.channel());
            // written here, before the session exists for the fan-out: nothing can come before it
            ctx.writeAndFlush(new FrameWriter(ctx.alloc()).welcome(config.serverName(), epoch, config).toFrame());
            connections.sessionOpened();
            if (!fanOut.register(session))
            {
                busy(ctx);
            }
        }
        else if (event instanceof IdleStateEvent && session != null)
        {
            if (pingOutstanding)
            {
                close(ctx, 1001, "no answer to ping");
                return;
            }
            pingOutstanding = true;
            ctx.writeAndFlush(new PingWebSocketFrame());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /** Whether the WebSocket handshake has completed. */
    boolean isUpgraded()
    {
        return session != null;
    }

    /** Anything the client sends proves it alive (called for every inbound read, pongs included). */
    void onInbound()
    {
        pingOutstanding = false;
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception
    {
        if (session != null && ctx.channel().isWritable())
        {
            fanOut.writable(session);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (session != null)
        {
            fanOut.unregister(session);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // an inflated permessage-deflate message over the limit fails in the inflater, not the aggregator
        if (cause instanceof TooLongFrameException || cause instanceof DecompressionException ||
            cause.getCause() instanceof DecompressionException)
        {
            close(ctx, 1009, "message larger than " + config.maxFrameBytes() + " bytes");
            return;
        }
        ctx.close();
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (closing)
        {
            return;
        }
        readNanos = System.nanoTime();
        if (!(frame instanceof TextWebSocketFrame))
        {
            close(ctx, 1003, "binary frames are not accepted");
            return;
        }
        final JsonNode root;
        try
        {
            root = JSON.readTree(((TextWebSocketFrame)frame).text());
        }
        catch (final JsonProcessingException ex)
        {
            if (admit(ctx, null))
            {
                error(ctx, null, "bad_json", "not JSON: " + ex.getOriginalMessage());
            }
            return;
        }
        if (root == null || root.isMissingNode())
        {
            if (admit(ctx, null))
            {
                error(ctx, null, "bad_json", "empty frame");
            }
            return;
        }
        if (root.isArray())
        {
            if (root.isEmpty() && admit(ctx, null))
            {
                error(ctx, null, "bad_request", "an array of ops must not be empty");
            }
            for (final JsonNode node : root)
            {
                final ClientOp op = ClientOp.parse(node);
                if (admit(ctx, op.id()))
                {
                    handle(ctx, op);
                }
                else if (closing)
                {
                    return;
                }
            }
        }
        else
        {
            final ClientOp op = ClientOp.parse(root);
            if (admit(ctx, op.id()))
            {
                handle(ctx, op);
            }
        }
    }

    /**
     * Counts one op against {@code maxOpsPerSecond}: over the limit it is refused with
     * {@code rate_limited}; when as many again are refused within the same second, the connection
     * is closed with 1008.
     */
    private boolean admit(final ChannelHandlerContext ctx, final String id)
    {
        final long now = opClock.getAsLong();
        if (now - rateWindowStart >= SECOND_NS)
        {
            rateWindowStart = now;
            opsInWindow = 0;
            refusedInWindow = 0;
        }
        if (opsInWindow < config.maxOpsPerSecond())
        {
            opsInWindow++;
            return true;
        }
        refusedInWindow++;
        if (refusedInWindow > config.maxOpsPerSecond())
        {
            close(ctx, 1008, "rate limit exceeded repeatedly");
        }
        else
        {
            error(ctx, id, "rate_limited", "more than " + config.maxOpsPerSecond() + " ops in one second; op refused");
        }
        return false;
    }

    /** Hands the op to the fan-out, which answers it in order with the client's events. */
    private void handle(final ChannelHandlerContext ctx, final ClientOp op)
    {
        if (op.isError())
        {
            error(ctx, op.id(), op.errorCode(), op.errorMessage());
            return;
        }
        final boolean taken = switch (op.op())
        {
            case ClientOp.SUBSCRIBE -> fanOut.subscribe(session, op, readNanos);
            case ClientOp.UNSUBSCRIBE -> fanOut.unsubscribe(session, op, readNanos);
            default -> fanOut.answer(session, new FrameWriter(ctx.alloc()).pong(op.id(), EpochClock.millis()).toFrame().content(), readNanos);
        };
        if (!taken)
        {
            busy(ctx);
        }
    }

    private void error(final ChannelHandlerContext ctx, final String id, final String code, final String message)
    {
        if (!fanOut.answer(session, new FrameWriter(ctx.alloc()).error(id, code, message).toFrame().content(), readNanos))
        {
            busy(ctx);
        }
    }

    /**
     * The fan-out's command queue is full: the op cannot be answered in order, so the connection
     * closes with 1013 at once rather than lose it silently.
     */
    private void busy(final ChannelHandlerContext ctx)
    {
        if (closing)
        {
            return;
        }
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(1013, "server busy: too many client operations waiting"))
            .addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes behind the answers already handed to the fan-out, and ignores what the client sends from now on. */
    private void close(final ChannelHandlerContext ctx, final int code, final String reason)
    {
        if (closing)
        {
            return;
        }
        closing = true;
        if (session == null)
        {
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        fanOut.close(session, code, reason);
    }
}
