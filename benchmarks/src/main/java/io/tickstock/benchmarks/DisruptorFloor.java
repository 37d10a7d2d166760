package io.tickstock.benchmarks;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.core.ring.ThreadLayout;
import io.tickstock.core.ring.WaitStrategyKind;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of {@code PipelineBenchmark}: the pipeline's rings and threads for a trade with no
 * work in them. A trade's sequence goes into a tick ring and an fmv ring (as the router copies a
 * trade into both); each ring has the channel's handler threads (one fused, or three chained) doing
 * nothing, and the tick ring's last handler publishes the sequence into a publish ring, whose one
 * consumer reports it to the {@link Completion}. Entries are one long; every ring is multi-producer
 * with the given wait strategy, as the pipeline's are.
 *
 * <p>{@link #publish} is called from one thread at a time (the benchmark's); the handlers run on
 * their own threads.
 */
final class DisruptorFloor implements AutoCloseable
{
    private static final EventTranslatorOneArg<Slot, FeedRecord> FROM_RECORD =
        (slot, sequence, record) -> slot.seq = record.srcSeq;
    private static final EventTranslatorOneArg<Slot, Slot> FORWARD = (slot, sequence, from) -> slot.seq = from.seq;

    private final Disruptor<Slot> tick;
    private final Disruptor<Slot> fmv;
    private final Disruptor<Slot> publish;

    /** A ring entry: the record's source sequence. */
    static final class Slot
    {
        long seq;
    }

    DisruptorFloor(
        final ThreadLayout layout,
        final WaitStrategyKind wait,
        final int channelRingSize,
        final int publishRingSize,
        final Completion completion)
    {
        publish = new Disruptor<>(Slot::new, publishRingSize, threads("floor-publish"), ProducerType.MULTI, wait.newStrategy());
        tick = new Disruptor<>(Slot::new, channelRingSize, threads("floor-tick"), ProducerType.MULTI, wait.newStrategy());
        fmv = new Disruptor<>(Slot::new, channelRingSize, threads("floor-fmv"), ProducerType.MULTI, wait.newStrategy());
        publish.handleEventsWith(new Report(completion));
        final EventHandler<Slot> forward = (slot, sequence, endOfBatch) -> publish.getRingBuffer().publishEvent(FORWARD, slot);
        if (layout == ThreadLayout.FUSED)
        {
            tick.handleEventsWith(forward);
            fmv.handleEventsWith(new NoOp());
        }
        else
        {
            final EventHandlerGroup<Slot> tickProcess = tick.handleEventsWith(new NoOp()).then(new NoOp());
            tickProcess.then(forward);
            fmv.handleEventsWith(new NoOp()).then(new NoOp()).then(new NoOp());
        }
        publish.start();
        tick.start();
        fmv.start();
    }

    /** What the router does for a trade: its sequence into the tick ring and the fmv ring. */
    void publish(final FeedRecord record)
    {
        tick.getRingBuffer().publishEvent(FROM_RECORD, record);
        fmv.getRingBuffer().publishEvent(FROM_RECORD, record);
    }

    @Override
    public void close()
    {
        tick.halt();
        fmv.halt();
        publish.halt();
    }

    private static ThreadFactory threads(final String prefix)
    {
        final AtomicInteger next = new AtomicInteger();
        return task ->
        {
            final Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A handler that does nothing. */
    private static final class NoOp implements EventHandler<Slot>
    {
        @Override
        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
            // the floor: no work
        }
    }

    /** The publish ring's consumer: reports each sequence. */
    private static final class Report implements EventHandler<Slot>
    {
        private final Completion completion;

        Report(final Completion completion)
        {
            this.completion = completion;
        }

        @Override
        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
            completion.arrived(slot.seq);
        }
    }
}
