package io.tickstock.benchmarks;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.core.source.RecordSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Feed decoding per record kind: one NDJSON line into the decoder's reused record, handed to a
 * sink that only reads it; and {@link #tradeFrame}, a live-feed frame (a JSON array) of {@value
 * #FRAME_TRADES} trades of different symbols, per trade. These messages are plain JSON, so the
 * decoder reads them straight from the bytes (its Jackson path is only for the rest): {@code -prof
 * gc} shows what a message still costs, the trade id's {@code String} (docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class FeedDecodeBenchmark
{
    private static final byte[] TRADE = ("{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187.42,\"s\":100,\"t\":1700000000123," +
        "\"i\":\"52983525029461\",\"x\":4,\"q\":3681328,\"c\":[14,41],\"z\":3}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAR = ("{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":187.1,\"h\":187.5,\"l\":187.05,\"c\":187.42," +
        "\"v\":120345,\"vw\":187.3012,\"av\":40123456,\"op\":186.2,\"a\":187.0101,\"z\":85,\"s\":1699999980000," +
        "\"e\":1700000040000}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] FMV = "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":187.4312,\"t\":1700000000123456789}"
        .getBytes(StandardCharsets.UTF_8);

    static final int FRAME_TRADES = 10;
    private static final byte[] TRADE_FRAME = tradeFrame();

    private final FeedDecoder decoder = new FeedDecoder("bench");
    private Blackhole blackhole;
    private final RecordSink<FeedRecord> sink = new RecordSink<>()
    {
        @Override
        public void publish(final FeedRecord record)
        {
            blackhole.consume(record.price + record.close + record.fmv);
        }

        @Override
        public void reject(final String reason)
        {
            blackhole.consume(reason);
        }
    };

    @Benchmark
    public void trade(final Blackhole bh)
    {
        blackhole = bh;
        decoder.decode(TRADE, 0, TRADE.length, 0, sink);
    }

    @Benchmark
    public void minuteBar(final Blackhole bh)
    {
        blackhole = bh;
        decoder.decode(BAR, 0, BAR.length, 0, sink);
    }

    @Benchmark
    public void fmv(final Blackhole bh)
    {
        blackhole = bh;
        decoder.decode(FMV, 0, FMV.length, 0, sink);
    }

    @Benchmark
    @OperationsPerInvocation(FRAME_TRADES)
    public void tradeFrame(final Blackhole bh)
    {
        blackhole = bh;
        decoder.decode(TRADE_FRAME, 0, TRADE_FRAME.length, 0, sink);
    }

    private static byte[] tradeFrame()
    {
        final StringBuilder frame = new StringBuilder("[");
        for (int i = 0; i < FRAME_TRADES; i++)
        {
            if (i > 0)
            {
                frame.append(',');
            }
            frame.append("{\"ev\":\"T\",\"sym\":\"").append(SimulatorSource.symbol(i))
                .append("\",\"p\":").append(100 + i).append(".4").append(i)
                .append(",\"s\":").append(100 * (i + 1))
                .append(",\"t\":").append(1_700_000_000_123L + i)
                .append(",\"i\":\"").append(52_983_525_029_461L + i)
                .append("\",\"x\":4,\"c\":[14,41],\"z\":3}");
        }
        return frame.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
