package io.tickstock.publisher.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceRestartPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A live feed: the Polygon/Massive stocks WebSocket protocol (docs/feeds.md) as a {@link Source}.
 * Each run connects to {@link FeedSettings#url()}; on the feed's {@code connected} status sends
 * {@code {"action":"auth","params":KEY}}, on {@code auth_success} sends
 * {@code {"action":"subscribe","params":LIST}}, and from then on decodes every data frame with the
 * same {@link FeedDecoder} as a replay, stamped with the time the frame arrived. Status messages
 * are logged and counted, never routed; any other {@code ev} is {@code unknown_type}.
 *
 * <p>A run ends by throwing a {@link FeedException} when the connection ends: a close, an error,
 * {@link FeedSettings#idleTimeoutMs()} without a frame or an answer to the pings the connection
 * sends, {@code auth_failed} or
 * {@code max_connections}. The pipeline then runs it again after the feed's backoff
 * ({@link #restartPolicy()}: exponential, with jitter), which connects, authenticates and
 * subscribes again. The record positions go on across runs, and a feed that resends trades after
 * a reconnect has them dropped as duplicates by the tick channel's dedup, as two feeds carrying
 * the same trades do (docs/semantics.md).
 *
 * <p>The key is read on each connect ({@link FeedKey}) and goes nowhere but the auth message: not
 * to a log, an exception, {@code /debug} or {@code /metrics}; a status text that echoed it is
 * masked.
 *
 * <p>Thread-safe for {@link #stop()} and {@link #stats()}; {@link #run} runs on the source's thread.
 * The connection runs on one Netty event loop thread of its own, {@code tickstock-feed-NAME}.
 */
public final class FeedSource implements Source<FeedRecord>
{
    private static final Logger LOG = LoggerFactory.getLogger(FeedSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often a run looks at {@link #stop()} while it waits. */
    private static final long STOP_CHECK_MS = 100;

    private final FeedSettings settings;
    private final FeedStats stats = new FeedStats();
    private final EventLoopGroup group;
    private final SslContext tls;
    private volatile boolean stopped;
    /** The decoder's position after the runs so far: a run goes on numbering from it. Source thread only. */
    private long positionDone;
    private byte[] scratch = new byte[64 * 1024];

    public FeedSource(final FeedSettings settings)
    {
        this.settings = settings;
        this.tls = settings.tls() ? clientTls() : null;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tickstock-feed-" + settings.name(), true),
            NioIoHandler.newFactory());
    }

    @Override
    public String name()
    {
        return settings.name();
    }

    public FeedSettings settings()
    {
        return settings;
    }

    public FeedStats stats()
    {
        return stats;
    }

    /** The feed's backoff between connects ({@code feed.backoff.*}), instead of the pipeline's {@code source.restart.*}. */
    @Override
    public SourceRestartPolicy restartPolicy()
    {
        return settings.backoff();
    }

    @Override
    public void stop()
    {
        stopped = true;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void run(final RecordSink<FeedRecord> sink) throws FeedException, InterruptedException
    {
        if (stopped)
        {
            return;
        }
        stats.phase(FeedState.CONNECTING);
        final String key;
        try
        {
            key = settings.key().read();
        }
        catch (final IllegalStateException ex)
        {
            throw fail(FeedDisconnect.KEY_MISSING, ex.getMessage());
        }
        final FeedDecoder decoder = new FeedDecoder(settings.name(), positionDone);
        final Session session = new Session(key, sink);
        decoder.statusListener(session);
        try (FeedConnection connection = FeedConnection.open(group, settings, tls, stats))
        {
            session.connection = connection;
            long idleDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMs());
            while (!stopped)
            {
                final long leftMs = TimeUnit.NANOSECONDS.toMillis(idleDeadline - System.nanoTime());
                if (leftMs <= 0)
                {
                    throw session.opened ?
                        fail(FeedDisconnect.IDLE, "no frame for " + settings.idleTimeoutMs() + " ms (feed.idleTimeoutMs)") :
                        fail(FeedDisconnect.CONNECT_FAILED, "no WebSocket handshake within " + settings.connectTimeoutMs() + " ms");
                }
                final Object next = connection.poll(Math.min(leftMs, STOP_CHECK_MS));
                if (next == null)
                {
                    continue;
                }
                if (next == FeedConnection.ALIVE)
                {
                    // the feed answered a ping: alive, however quiet the market
                }
                else if (next == FeedConnection.OPEN)
                {
                    session.opened = true;
                    stats.connected();
                    stats.phase(FeedState.AUTHENTICATING);
                    LOG.info("feed {}: connected to {}", settings.name(), settings.displayUrl());
                }
                else if (next instanceof FeedConnection.Frame frame)
                {
                    decode(decoder, frame, session);
                }
                else
                {
                    final FeedConnection.Ended ended = (FeedConnection.Ended)next;
                    throw fail(ended.cause(), ended.detail());
                }
                idleDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.idleTimeoutMs());
            }
        }
        finally
        {
            positionDone = decoder.position();
        }
    }

    private void decode(final FeedDecoder decoder, final FeedConnection.Frame frame, final Session session) throws FeedException
    {
        final ByteBuf payload = frame.payload();
        final int length = payload.readableBytes();
        try
        {
            if (scratch.length < length)
            {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            payload.getBytes(payload.readerIndex(), scratch, 0, length);
        }
        finally
        {
            payload.release();
        }
        stats.frame(length);
        decoder.decode(scratch, 0, length, frame.recvUs(), session);
        if (session.refused != null)
        {
            throw session.refused;
        }
    }

    private FeedException fail(final FeedDisconnect cause, final String detail)
    {
        stats.disconnected(cause);
        return new FeedException(cause, "feed " + settings.name() + " at " + settings.displayUrl() + ": " + cause.label() + ": " + detail);
    }

    private static SslContext clientTls()
    {
        try
        {
            // the JDK's trust store, and the host name checked against the certificate
            return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("feed: cannot set up TLS: " + ex.getMessage(), ex);
        }
    }

    /**
     * One run's conversation: answers the feed's status messages and counts the records decoded
     * from its frames before they go on to the pipeline. On the source's thread.
     */
    private final class Session implements FeedDecoder.StatusListener, RecordSink<FeedRecord>
    {
        private final String key;
        private final RecordSink<FeedRecord> sink;
        FeedConnection connection;
        boolean opened;
        /** Set when the feed refused the key or the connection; the run throws it after the frame. */
        FeedException refused;

        Session(final String key, final RecordSink<FeedRecord> sink)
        {
            this.key = key;
            this.sink = sink;
        }

        @Override
        public void publish(final FeedRecord record)
        {
            stats.record();
            sink.publish(record);
        }

        @Override
        public void reject(final String reason)
        {
            stats.record();
            sink.reject(reason);
        }

        @Override
        public void status(final String status, final String message)
        {
            final String text = mask(message);
            stats.status(mask(status) + (text == null ? "" : ": " + text));
            if (status == null)
            {
                LOG.warn("feed {}: a status message without a status ({})", settings.name(), text);
                return;
            }
            switch (status)
            {
                case "connected":
                    connection.send(action("auth", key));
                    break;
                case "auth_success":
                    stats.keyAccepted();
                    connection.send(action("subscribe", settings.subscribe()));
                    stats.phase(FeedState.STREAMING);
                    LOG.info("feed {}: authenticated; subscribed to {}", settings.name(), settings.subscribe());
                    break;
                case "auth_failed":
                    if (refused == null)
                    {
                        refused = fail(FeedDisconnect.AUTH_FAILED, "the feed refused the key from " + settings.key() +
                            (text == null ? "" : " (" + text + ")") + "; check the key; retrying after feed.backoff");
                        LOG.error(refused.getMessage());
                    }
                    break;
                case "max_connections":
                    if (refused == null)
                    {
                        refused = fail(FeedDisconnect.MAX_CONNECTIONS, "the feed allows no further connection with this key" +
                            (text == null ? "" : " (" + text + ")") + "; another process may be using it; retrying after feed.backoff");
                        LOG.error(refused.getMessage());
                    }
                    break;
                case "success":
                    LOG.info("feed {}: {}", settings.name(), text);
                    break;
                default:
                    LOG.warn("feed {}: status {}{}", settings.name(), mask(status), text == null ? "" : ": " + text);
                    break;
            }
        }

        /** The feed's text with the key, should it ever echo it, masked. */
        private String mask(final String text)
        {
            return text == null || key.isEmpty() ? text : text.replace(key, "<key>");
        }
    }

    /** {@code {"action":NAME,"params":PARAMS}}, the params escaped as JSON requires. */
    private static String action(final String name, final String params)
    {
        return JSON.createObjectNode().put("action", name).put("params", params).toString();
    }
}
