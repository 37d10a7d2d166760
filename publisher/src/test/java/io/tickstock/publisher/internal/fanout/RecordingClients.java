package io.tickstock.publisher.internal.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients of a fan-out with no socket, for the tests that drive {@link EventFanOut} directly: each
 * is an in-memory channel that records the text of every frame it is sent, a raw frame's header
 * checked against its payload (RFC 6455 §5.2), and releases it.
 *
 * <p>Not thread-safe: one test thread plays the publish ring and every event loop.
 */
final class RecordingClients
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingClients()
    {
    }

    /** A client on {@code fanOut} that applied {@code subscribe}; {@code frames} fills with what it is sent. */
    static ClientSession connect(final EventFanOut fanOut, final String subscribe, final List<String> frames) throws Exception
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter()
        {
            @Override
            public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
            {
                frames.add(msg instanceof TextWebSocketFrame ? ((TextWebSocketFrame)msg).text() : rawFrameText((ByteBuf)msg));
                ReferenceCountUtil.release(msg);
                promise.trySuccess();
            }
        });
        final ClientSession session = fanOut.clients().newSession(channel);
        fanOut.clients().register(session);
        assertTrue(fanOut.clients().subscribe(session, ClientOp.parse(JSON.readTree(subscribe)), System.nanoTime()));
        return session;
    }

    /** A client, and the list its frames go to. */
    static List<String> connect(final EventFanOut fanOut, final String subscribe) throws Exception
    {
        final List<String> frames = new ArrayList<>();
        connect(fanOut, subscribe, frames);
        return frames;
    }

    /** The payload of an unmasked server text frame, its header checked against it. */
    private static String rawFrameText(final ByteBuf frame)
    {
        assertEquals(0x81, frame.readUnsignedByte(), "FIN and the text opcode");
        final int marker = frame.readUnsignedByte();
        assertEquals(0, marker & 0x80, "a server frame is not masked");
        final long length = marker == 126 ? frame.readUnsignedShort() : marker == 127 ? frame.readLong() : marker;
        assertEquals(length, frame.readableBytes(), "the header's length is the payload's");
        if (marker == 126)
        {
            assertTrue(length > 125, "the shortest length form");
        }
        return frame.toString(StandardCharsets.UTF_8);
    }
}
