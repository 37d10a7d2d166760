package io.tickstock.benchmarks;

import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.publisher.EdgeConfig;
import io.tickstock.publisher.internal.fanout.FanOutDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The edge's fan-out alone ({@link FanOutDriver}: no socket, no ring): one {@code high} event handed
 * to {@code clients} clients that all follow {@code *} for {@code high}, so each event matches every
 * client. {@link #eventPerBatch} ends a publish-ring batch after every event (one frame and one
 * flush per client per event: the light-load case); {@link #batchOf64} hands 64 events as one
 * batch (one frame of 64 events per client). Divide by {@code clients} for the cost per matching
 * client. {@code -prof gc} shows the allocation per event; the history is on, as by default.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class FanOutBenchmark
{
    private static final int SYMBOLS = 8_000;

    @Param({"1", "100", "1000"})
    int clients;

    private FanOutDriver driver;
    private final MarketEvent event = new MarketEvent();
    private final String[] symbols = new String[SYMBOLS];
    private int next;

    @Setup
    public void setUp()
    {
        for (int i = 0; i < SYMBOLS; i++)
        {
            symbols[i] = SimulatorSource.symbol(i);
        }
        driver = new FanOutDriver(EdgeConfig.builder().build());
        for (int i = 0; i < clients; i++)
        {
            driver.addClient("{\"op\":\"subscribe\",\"symbols\":[\"*\"],\"events\":[\"high\"],\"snapshot\":false}");
        }
        event.reset(EventType.HIGH, SimulatorSource.symbol(0), System.currentTimeMillis());
        event.price = 101_500_000;
        event.prev = 101_000_000;
        event.count = 3;
        event.srcName = "bench";
        event.recvUs = System.currentTimeMillis() * 1_000;
        event.derived = true;
    }

    @Benchmark
    public long eventPerBatch()
    {
        event.symbol = symbols[next++ % SYMBOLS];
        driver.publish(event, true);
        return driver.bytesWritten();
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public long batchOf64()
    {
        for (int i = 0; i < 63; i++)
        {
            event.symbol = symbols[next++ % SYMBOLS];
            driver.publish(event, false);
        }
        event.symbol = symbols[next++ % SYMBOLS];
        driver.publish(event, true);
        return driver.bytesWritten();
    }
}
