package io.tickstock.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.tickstock.channels.EventType;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.fmv.FmvProcessor;
import io.tickstock.publisher.internal.wire.EventJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The edge's encoding of one event as the client protocol's {@code event} message ({@link
 * EventJson}), per event type: {@link #encode} into one reused direct buffer (the encoding alone),
 * and {@link #encodePooled} as the edge's fan-out does it once per event, into a 384-byte direct
 * buffer from Netty's pooled allocator, wrapped in {@code [...]}, then released. The id grows with
 * every call, as the edge's does. {@code -prof gc} shows the allocation per event; Netty's leak
 * detector, at its default level, samples one buffer in 128 and is left as in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class EventJsonBenchmark
{
    /** The event type, by its wire name. */
    @Param({"trade", "high", "surge", "bar", "fmv"})
    public String type;

    private final MarketEvent event = new MarketEvent();
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private ByteBuf reused;
    private long id = 1_000_000;

    @Setup(Level.Trial)
    public void setUp()
    {
        reused = allocator.directBuffer(512);
        final EventType eventType = EventType.ofWireName(type);
        event.reset(eventType, "AAPL", 1_795_620_600_123L);
        event.srcName = "polygon";
        event.srcSeq = 52_983_525;
        event.recvUs = 1_795_620_600_123_456L;
        switch (eventType)
        {
            case TRADE:
                event.price = 187_420_000L;
                event.size = 100;
                break;
            case HIGH:
                event.price = 187_500_000L;
                event.prev = 187_420_000L;
                event.count = 17;
                break;
            case SURGE:
                event.up = true;
                event.trigger = MarketEvent.TRIGGER_PRICE_AND_VOLUME;
                event.volRatio = 3_412_345L;
                event.pct = 1_204_211L;
                event.windowS = 10;
                break;
            case BAR:
                event.tf = "1m";
                event.open = 187_100_000L;
                event.high = 187_500_000L;
                event.low = 187_050_000L;
                event.close = 187_420_000L;
                event.volume = 120_345;
                event.vwap = 187_301_200L;
                event.start = 1_795_620_540_000L;
                event.end = 1_795_620_600_000L;
                event.pct = 171_031L;
                event.relVol = 1_250_000L;
                break;
            case FMV:
                event.fmv = 187_431_200L;
                event.last = 187_420_000L;
                event.pct = 5_976L;
                event.signal = FmvProcessor.FAIR;
                break;
            default:
                event.pct = Fixed.ONE;
                event.windowS = 60;
                break;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        reused.release();
    }

    /** Encodes into a reused buffer; returns the message's length. */
    @Benchmark
    public int encode()
    {
        final ByteBuf out = reused.clear();
        EventJson.write(out, event, ++id);
        return out.writerIndex();
    }

    /** What the edge does once per event before the fan-out: a pooled frame buffer, encode, release. */
    @Benchmark
    public int encodePooled()
    {
        final ByteBuf frame = allocator.directBuffer(384);
        frame.writeByte('[');
        EventJson.write(frame, event, ++id);
        frame.writeByte(']');
        final int length = frame.readableBytes();
        frame.release();
        return length;
    }
}
