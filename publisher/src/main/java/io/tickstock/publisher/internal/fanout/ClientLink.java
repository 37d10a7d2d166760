package io.tickstock.publisher.internal.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.concurrent.TimeUnit;

/**
 * The fan-out thread's side of one client's socket: it gathers the events the client matched in
 * one publish-ring batch into one text frame holding a JSON array (docs/protocol.md §2.0), starting
 * a new frame once one reaches {@code edge.maxBatchFrameBytes}, and hands frames to Netty with one
 * flush per batch, so a client costs one event-loop task per batch, not one per event.
 *
 * <p>Without permessage-deflate the frame is built with its WebSocket header in front (a server
 * frame is never masked) and written as bytes, past the frame encoder: no frame object per write.
 * With deflate on, it goes out as a {@link TextWebSocketFrame} for the extension to compress.
 *
 * <p>Not thread-safe: owned by the fan-out thread.
 */
final class ClientLink
{
    /** The longest header of an unmasked server frame: opcode byte, 127, eight length bytes. */
    private static final int HEADER_ROOM = 10;
    private static final int FIRST_FRAME_BYTES = 4_096;

    final Channel channel;
    private final boolean raw;
    private final int maxFrameBytes;
    private ByteBuf open;
    /** A finished frame not handed to Netty yet: it goes with the flush, or before the next frame. */
    private Object held;
    private int heldBytes;
    private boolean unflushed;
    /** The socket's room below its high-water mark as last read this round; -1 until read. */
    private long room = -1;
    /** Bytes handed to Netty since {@link #room} was read. */
    private long writtenSinceRead;
    /** When the oldest data not flushed yet was gathered ({@link System#nanoTime()}); 0 when none, 1 when it must go now. */
    private long pendingSince;

    ClientLink(final Channel channel, final boolean raw, final int maxFrameBytes)
    {
        this.channel = channel;
        this.raw = raw;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Whether the socket takes more: writable, with room for what this batch gathered so far (read afresh). */
    boolean hasRoom()
    {
        readRoom();
        return pendingBytes() < room;
    }

    /**
     * Whether {@code bytes} more fit below the socket's high-water mark with what this round
     * gathered. The room is read once a round, not per event: only this thread adds to what the
     * socket holds, so the room can only have grown since.
     */
    boolean fits(final int bytes)
    {
        if (room < 0)
        {
            readRoom();
        }
        return pendingBytes() + bytes <= room;
    }

    private void readRoom()
    {
        room = channel.bytesBeforeUnwritable();
        writtenSinceRead = 0;
    }

    private long pendingBytes()
    {
        return writtenSinceRead + heldBytes + (open == null ? 0 : open.writerIndex() - HEADER_ROOM);
    }

    /** Adds one encoded event (a JSON object) to this batch's frame; does not take {@code event}'s reference. */
    void appendEvent(final ByteBuf event)
    {
        final int length = event.readableBytes();
        if (open != null && open.writerIndex() - HEADER_ROOM + length + 2 > maxFrameBytes)
        {
            finishFrame();
        }
        if (pendingSince == 0)
        {
            pendingSince = System.nanoTime() | 2;
        }
        if (open == null)
        {
            open = channel.alloc().directBuffer(Math.max(FIRST_FRAME_BYTES, HEADER_ROOM + length + 2));
            open.writerIndex(HEADER_ROOM);
            open.writeByte('[');
        }
        else
        {
            open.writeByte(',');
        }
        open.writeBytes(event, event.readerIndex(), length);
    }

    /** Writes a complete control frame (a JSON array) after everything gathered so far; takes ownership. */
    void writeControl(final ByteBuf frame)
    {
        finishFrame();
        hold(new TextWebSocketFrame(frame), frame.readableBytes());
        pendingSince = 1;
    }

    /** Whether what was gathered has waited {@code delayNs} (a control frame never waits). */
    boolean flushDue(final long now, final long delayNs)
    {
        return pendingSince == 1 || (pendingSince != 0 && now - pendingSince >= delayNs);
    }

    /** Hands everything gathered to Netty and flushes it: one task on the client's event loop. */
    void flush()
    {
        pendingSince = 0;
        room = -1;
        finishFrame();
        if (held != null)
        {
            final Object last = held;
            held = null;
            heldBytes = 0;
            unflushed = false;
            channel.writeAndFlush(last, channel.voidPromise());
        }
        else if (unflushed)
        {
            unflushed = false;
            channel.flush();
        }
    }

    /**
     * Writes what was gathered, then the close frame, then ends the connection's output (FIN) once
     * that frame is written, and closes the connection when the client answers (its close frame,
     * or the end of its stream) or after {@code closeAfterMs}, whichever comes first. The client
     * reads everything the socket held, then the close frame. Closing the socket as soon as the
     * frame was written reset any client that was still sending (a ping, say): data arriving at a
     * closed socket draws a reset, and the client's stack then drops what it had not read yet,
     * the close frame with it (SlowConsumerIT, the load harness's 'Connection reset').
     */
    void close(final int code, final String reason, final long closeAfterMs)
    {
        flush();
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(written ->
        {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex)
            {
                // reading goes on: the client's close frame or end of stream closes the connection
                duplex.shutdownOutput();
            }
            else
            {
                channel.close();
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), closeAfterMs, TimeUnit.MILLISECONDS);
    }

    /** Drops what was gathered but not handed over (the connection is gone). */
    void discard()
    {
        if (open != null)
        {
            open.release();
            open = null;
        }
        if (held != null)
        {
            io.netty.util.ReferenceCountUtil.release(held);
            held = null;
            heldBytes = 0;
        }
    }

    private void finishFrame()
    {
        if (open == null)
        {
            return;
        }
        final ByteBuf frame = open;
        open = null;
        frame.writeByte(']');
        final int length = frame.writerIndex() - HEADER_ROOM;
        if (raw)
        {
            final int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
            final int at = HEADER_ROOM - header;
            frame.setByte(at, 0x81);
            if (header == 2)
            {
                frame.setByte(at + 1, length);
            }
            else if (header == 4)
            {
                frame.setByte(at + 1, 126);
                frame.setShort(at + 2, length);
            }
            else
            {
                frame.setByte(at + 1, 127);
                frame.setLong(at + 2, length);
            }
            frame.readerIndex(at);
            hold(frame, frame.readableBytes());
        }
        else
        {
            frame.readerIndex(HEADER_ROOM);
            hold(new TextWebSocketFrame(frame), length);
        }
    }

    private void hold(final Object frame, final int bytes)
    {
        if (held != null)
        {
            channel.write(held, channel.voidPromise());
            writtenSinceRead += heldBytes;
            unflushed = true;
        }
        held = frame;
        heldBytes = bytes;
    }
}
