package io.tickstock.benchmarks;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.PriorityPolicy;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.Stage;
import io.tickstock.core.ring.ThreadLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The queue peer of {@code PipelineBenchmark}: the pipeline's work for a trade on the same threads,
 * handed from thread to thread through {@link ArrayBlockingQueue}s instead of Disruptor rings. The
 * producer copies the trade into a tick queue and an fmv queue; each channel runs its real stages
 * ({@link ChannelStages}) on one thread (fused) or one thread per stage with a queue between each
 * (threaded); the tick and fmv prioritize stages do what {@code Prioritizer} does (priority, publish
 * stamp, copy, count) but put the events into one publish queue, whose consumer thread reports each
 * trade to the {@link Completion}. Queues have the capacities of the pipeline's rings.
 *
 * <p>To compare the hand-offs and not the garbage collector, entries are not allocated per record:
 * records and events are copied into pools of pre-allocated objects reused in turn, each pool large
 * enough that an object is never reused while a queue or a stage still holds it. The peer records
 * no latency histograms, which the pipeline's channels do; the comparison favours the peer there.
 *
 * <p>{@link #publish} is called from one thread at a time (the benchmark's); the stages run on
 * their own threads.
 */
final class QueuePeer implements AutoCloseable
{
    private final ArrayBlockingQueue<FeedRecord> tickIn;
    private final ArrayBlockingQueue<FeedRecord> fmvIn;
    private final RecordPool tickPool;
    private final RecordPool fmvPool;
    private final List<Thread> threads = new ArrayList<>();
    private final List<StageLoop> loops = new ArrayList<>();
    private final SymbolTable symbols = new SymbolTable();
    private final ChannelStages tick;
    private final ChannelStages fmv;

    QueuePeer(final MarketConfig config, final ThreadLayout layout, final Completion completion)
    {
        final int channelCapacity = config.tickRingSize();
        final int stagesPerThread = layout == ThreadLayout.FUSED ? 3 : 1;
        final ArrayBlockingQueue<MarketEvent> publishQueue = new ArrayBlockingQueue<>(config.publishRingSize());
        tick = ChannelStages.tick(config, symbols, new QueuePrioritizer(config.priorities(), publishQueue, "tick"));
        fmv = ChannelStages.fmv(config, symbols, new QueuePrioritizer(config.priorities(), publishQueue, "fmv"));
        tickIn = new ArrayBlockingQueue<>(channelCapacity);
        fmvIn = new ArrayBlockingQueue<>(channelCapacity);
        // each queue and each thread of a chain may hold a record, and the producer one more
        final int threadsPerChain = 3 / stagesPerThread;
        tickPool = new RecordPool(threadsPerChain * (channelCapacity + 1) + 1);
        fmvPool = new RecordPool(threadsPerChain * (channelCapacity + 1) + 1);
        chain("queue-tick", tick, tickIn, layout, channelCapacity);
        chain("queue-fmv", fmv, fmvIn, layout, channelCapacity);
        start("queue-publish", () -> consume(publishQueue, completion));
    }

    /** Brings the channels' state to steady state before the threads see a record: validate and process only. */
    static void prefill(final ChannelStages stages, final FeedRecord record) throws Exception
    {
        stages.validate.onEntry(record, true);
        if (ChannelStages.proceeds(record))
        {
            stages.process.onEntry(record, true);
        }
    }

    ChannelStages tickStages()
    {
        return tick;
    }

    ChannelStages fmvStages()
    {
        return fmv;
    }

    /** What the router does for a trade: its symbol resolved, a copy into the tick queue and one into the fmv queue. */
    void publish(final FeedRecord record) throws InterruptedException
    {
        record.symbolId = symbols.idOf(record.symbol);
        final FeedRecord forTick = tickPool.next();
        forTick.copyFrom(record);
        tickIn.put(forTick);
        final FeedRecord forFmv = fmvPool.next();
        forFmv.copyFrom(record);
        fmvIn.put(forFmv);
    }

    /** Exceptions the stages threw, counted and skipped as a channel does; read after {@link #close()}. */
    long stageErrors()
    {
        long sum = 0;
        for (final StageLoop loop : loops)
        {
            sum += loop.errors;
        }
        return sum;
    }

    /** Interrupts the threads and waits for them to end. */
    @Override
    public void close()
    {
        for (final Thread thread : threads)
        {
            thread.interrupt();
        }
        try
        {
            for (final Thread thread : threads)
            {
                thread.join(5_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void chain(
        final String name,
        final ChannelStages stages,
        final ArrayBlockingQueue<FeedRecord> in,
        final ThreadLayout layout,
        final int capacity)
    {
        if (layout == ThreadLayout.FUSED)
        {
            start(name + "-chain", new StageLoop(in, null, List.of(stages.validate, stages.process, stages.prioritize), true));
            return;
        }
        final ArrayBlockingQueue<FeedRecord> toProcess = new ArrayBlockingQueue<>(capacity);
        final ArrayBlockingQueue<FeedRecord> toPrioritize = new ArrayBlockingQueue<>(capacity);
        start(name + "-validate", new StageLoop(in, toProcess, List.of(stages.validate), true));
        start(name + "-process", new StageLoop(toProcess, toPrioritize, List.of(stages.process), false));
        start(name + "-prioritize", new StageLoop(toPrioritize, null, List.of(stages.prioritize), false));
    }

    private void start(final String name, final StageLoop loop)
    {
        loops.add(loop);
        start(name, (Runnable)loop);
    }

    private void start(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static void consume(final ArrayBlockingQueue<MarketEvent> queue, final Completion completion)
    {
        try
        {
            while (true)
            {
                final MarketEvent event = queue.take();
                if (event.type == EventType.TRADE)
                {
                    completion.arrived(event.srcSeq);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Pre-allocated records reused in turn. Not thread-safe: owned by the producer. */
    private static final class RecordPool
    {
        private final FeedRecord[] records;
        private final int mask;
        private long next;

        RecordPool(final int atLeast)
        {
            final int size = Integer.highestOneBit(atLeast - 1) << 1;
            records = new FeedRecord[size];
            for (int i = 0; i < size; i++)
            {
                records[i] = new FeedRecord();
            }
            mask = size - 1;
        }

        FeedRecord next()
        {
            return records[(int)(next++ & mask)];
        }
    }

    /** Takes records from one queue, runs its stages with the channel's gate, passes them on. */
    private static final class StageLoop implements Runnable
    {
        private final ArrayBlockingQueue<FeedRecord> in;
        private final ArrayBlockingQueue<FeedRecord> out;
        private final List<Stage<FeedRecord>> stages;
        private final boolean validates;
        private long errors;

        /** @param validates whether the first stage is the validate stage, which sees every record. */
        StageLoop(
            final ArrayBlockingQueue<FeedRecord> in,
            final ArrayBlockingQueue<FeedRecord> out,
            final List<Stage<FeedRecord>> stages,
            final boolean validates)
        {
            this.in = in;
            this.out = out;
            this.stages = stages;
            this.validates = validates;
        }

        @Override
        public void run()
        {
            try
            {
                while (true)
                {
                    final FeedRecord record = in.take();
                    for (int i = 0, n = stages.size(); i < n; i++)
                    {
                        if ((i == 0 && validates) || ChannelStages.proceeds(record))
                        {
                            runStage(stages.get(i), record);
                        }
                    }
                    if (out != null)
                    {
                        out.put(record);
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        private void runStage(final Stage<FeedRecord> stage, final FeedRecord record) throws InterruptedException
        {
            try
            {
                // no end of batch to tell from a queue; these stages do not use it
                stage.onEntry(record, true);
            }
            catch (final InterruptedException ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                errors++;
            }
        }
    }

    /** {@code Prioritizer}'s work, publishing into a queue. Not thread-safe: owned by one chain's prioritize thread. */
    private static final class QueuePrioritizer implements Stage<FeedRecord>
    {
        private final PriorityPolicy policy;
        private final ArrayBlockingQueue<MarketEvent> queue;
        private final ChannelCounters counters;
        private final int[] counterIndex = new int[EventType.values().length];
        private final MarketEvent[] pool;
        private final int mask;
        private long next;

        QueuePrioritizer(final PriorityPolicy policy, final ArrayBlockingQueue<MarketEvent> queue, final String channel)
        {
            this.policy = policy;
            this.queue = queue;
            this.counters = ChannelStages.counters(channel);
            final List<EventType> types = EventType.ofChannel(channel);
            java.util.Arrays.fill(counterIndex, -1);
            for (int i = 0; i < types.size(); i++)
            {
                counterIndex[types.get(i).ordinal()] = i;
            }
            // the queue and its consumer may hold events, and this stage the one it fills
            final int size = Integer.highestOneBit(queue.remainingCapacity() + 1) << 1;
            pool = new MarketEvent[size];
            for (int i = 0; i < size; i++)
            {
                pool[i] = new MarketEvent();
            }
            mask = size - 1;
        }

        @Override
        public void onEntry(final FeedRecord record, final boolean endOfBatch) throws InterruptedException
        {
            final int count = record.eventCount();
            for (int i = 0; i < count; i++)
            {
                final MarketEvent event = record.event(i);
                event.priority = policy.priority(event.type, event.symbol);
                event.publishNanos = System.nanoTime();
                final MarketEvent slot = pool[(int)(next++ & mask)];
                slot.copyFrom(event);
                queue.put(slot);
                counters.eventEmitted(counterIndex[event.type.ordinal()]);
            }
        }
    }
}
