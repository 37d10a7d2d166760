package io.tickstock.core.ring;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tickstock.core.ConfigChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The final ring, shared by every channel: the prioritize stages publish outbound events here and
 * the consumers (the WebSocket edge, an embedding application's own handlers) read them, each on
 * its own thread, all in the same order. Consumers are added before {@link #start()}.
 *
 * <p>Any thread may publish; each consumer runs on its own thread.
 *
 * @param <O> the outbound event entry.
 */
public final class PublishRing<O> extends DisruptorRing<O>
{
    /** The publish ring's name among the rings: its threads are {@code tickstock-publish-CONSUMER}. */
    public static final String NAME = "publish";

    private final List<EventHandler<? super O>> consumers = new ArrayList<>();
    private final List<String> consumerNames;
    private final List<UnaryOperator<Runnable>> consumerThreadBodies;
    private final WakeableWaitStrategy waitStrategy;
    private boolean started;
    /** Copies for readers on other threads, which must not wait behind a drain holding the lock. */
    private volatile List<String> consumerNamesView = List.of();
    private volatile List<EventHandler<? super O>> startedConsumers = List.of();

    /**
     * @param ringSize     capacity in entries, a power of two.
     * @param waitStrategy how consumers wait; a consumer with other work can be woken for it ({@link #waitStrategy()}).
     */
    public PublishRing(final EventFactory<O> factory, final int ringSize, final WaitStrategyKind waitStrategy)
    {
        this(factory, checkedSize(ringSize), new WakeableWaitStrategy(waitStrategy), new ArrayList<>(), new ArrayList<>());
    }

    /** @param consumerNames and {@code threadBodies} fill as consumers are added; the thread factory reads them at start. */
    private PublishRing(
        final EventFactory<O> factory,
        final int ringSize,
        final WakeableWaitStrategy waitStrategy,
        final List<String> consumerNames,
        final List<UnaryOperator<Runnable>> threadBodies)
    {
        super(new Disruptor<>(factory, ringSize, new NamedThreadFactory("tickstock-" + NAME, consumerNames, threadBodies),
            ProducerType.MULTI, waitStrategy), NAME, "consumer");
        this.waitStrategy = waitStrategy;
        this.consumerNames = consumerNames;
        this.consumerThreadBodies = threadBodies;
    }

    private static int checkedSize(final int ringSize)
    {
        ConfigChecks.powerOfTwo("publish.ringSize", ringSize, 2, 1 << 30);
        return ringSize;
    }

    /**
     * Adds a consumer that sees every published event in ring order on its own thread. An
     * exception it throws is counted and logged; it goes on with the next event.
     *
     * @param name names the consumer's thread ({@code tickstock-publish-NAME}).
     */
    public synchronized void addConsumer(final String name, final EventHandler<? super O> consumer)
    {
        addConsumer(name, consumer, UnaryOperator.identity());
    }

    /**
     * {@link #addConsumer(String, EventHandler)}, with the consumer's whole loop run inside {@code
     * threadBody}: for a consumer whose libraries want their own kind of thread (the edge's Netty
     * buffers are pooled only on threads that clean up Netty's thread-locals).
     */
    public synchronized void addConsumer(
        final String name, final EventHandler<? super O> consumer, final UnaryOperator<Runnable> threadBody)
    {
        if (started)
        {
            throw new IllegalStateException("consumers must be added before the publish ring starts");
        }
        consumers.add(consumer);
        consumerThreadBodies.add(threadBody);
        consumerNames.add(name);
        consumerNamesView = List.copyOf(consumerNames);
    }

    public synchronized void start()
    {
        if (!consumers.isEmpty())
        {
            @SuppressWarnings({"unchecked", "rawtypes"})
            final EventHandler<? super O>[] handlers = consumers.toArray(new EventHandler[0]);
            disruptor().handleEventsWith(handlers);
        }
        started = true;
        startedConsumers = List.copyOf(consumers);
        startRing();
    }

    /**
     * How the consumers wait: a consumer that also serves commands from other threads registers
     * them with {@link WakeableWaitStrategy#watch} on its own thread and is woken by {@link
     * WakeableWaitStrategy#wake()}.
     */
    public WakeableWaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /** {@value #NAME}. */
    @Override
    public String name()
    {
        return NAME;
    }

    /** The consumers' names, in the order they were added. */
    @Override
    public List<String> handlerNames()
    {
        return consumerNamesView;
    }

    /**
     * The sequence each consumer has processed up to, in the order they were added; -1 for every
     * consumer before {@link #start()}.
     */
    @Override
    public long[] handlerSequences()
    {
        final List<EventHandler<? super O>> handlers = startedConsumers;
        final long[] sequences = new long[consumerNamesView.size()];
        java.util.Arrays.fill(sequences, -1);
        final long[] started = sequences(handlers);
        System.arraycopy(started, 0, sequences, 0, Math.min(started.length, sequences.length));
        return sequences;
    }


    /** Exceptions thrown by consumers so far. */
    public long consumerErrors()
    {
        return exceptionsCaught();
    }

    /** Waits until every consumer has seen every published event, then stops the threads. */
    public synchronized boolean drainAndStop(final long timeout, final TimeUnit unit)
    {
        return drain(consumers, timeout, unit);
    }
}
