package io.tickstock.core.ring;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tickstock.core.ConfigChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
public final class PublishRing<O>
{
    private final Disruptor<O> disruptor;
    private final List<EventHandler<? super O>> consumers = new ArrayList<>();
    private final List<String> consumerNames = new ArrayList<>();
    private final List<UnaryOperator<Runnable>> consumerThreadBodies = new ArrayList<>();
    private final RecentErrors recentErrors = new RecentErrors(RecentErrors.DEFAULT_CAPACITY);
    private final CountingExceptionHandler<O> exceptionHandler =
        new CountingExceptionHandler<>("publish", recentErrors, "consumer");
    private final AtomicLong fullWaits = new AtomicLong();
    private final WakeableWaitStrategy waitStrategy;
    private boolean started;
    private volatile boolean running;
    /** Copies for readers on other threads, which must not wait behind a drain holding the lock. */
    private volatile List<String> consumerNamesView = List.of();
    private volatile List<EventHandler<? super O>> startedConsumers = List.of();

    /**
     * @param ringSize     capacity in entries, a power of two.
     * @param waitStrategy how consumers wait; a consumer with other work can be woken for it ({@link #waitStrategy()}).
     */
    public PublishRing(final EventFactory<O> factory, final int ringSize, final WaitStrategyKind waitStrategy)
    {
        ConfigChecks.powerOfTwo("publish.ringSize", ringSize, 2, 1 << 30);
        this.waitStrategy = new WakeableWaitStrategy(waitStrategy);
        this.disruptor = new Disruptor<>(
            factory, ringSize, new NamedThreadFactory("tickstock-publish", consumerNames, consumerThreadBodies), ProducerType.MULTI,
            this.waitStrategy);
        disruptor.setDefaultExceptionHandler(exceptionHandler);
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
            disruptor.handleEventsWith(handlers);
        }
        started = true;
        disruptor.start();
        startedConsumers = List.copyOf(consumers);
        running = true;
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

    /** Whether the ring has started and not been stopped by {@link #drainAndStop}. */
    public boolean isRunning()
    {
        return running;
    }

    /** The consumers' names, in the order they were added. */
    public List<String> consumerNames()
    {
        return consumerNamesView;
    }

    /**
     * The sequence each consumer has processed up to, in the order they were added; -1 for every
     * consumer before {@link #start()}.
     */
    public long[] consumerSequences()
    {
        final List<EventHandler<? super O>> handlers = startedConsumers;
        final long[] sequences = new long[consumerNamesView.size()];
        java.util.Arrays.fill(sequences, -1);
        for (int i = 0; i < handlers.size() && i < sequences.length; i++)
        {
            sequences[i] = disruptor.getSequenceValueFor(handlers.get(i));
        }
        return sequences;
    }

    /** The last few exceptions thrown by consumers, and how many there were in all. */
    public RecentErrors recentErrors()
    {
        return recentErrors;
    }

    /**
     * Publishes one event; when the ring is full, counts a {@link #fullWaits() full wait} and waits
     * for room (a slow consumer slows the channels, never loses).
     */
    public <A> void publish(final EventTranslatorOneArg<O, A> translator, final A arg)
    {
        final RingBuffer<O> ring = disruptor.getRingBuffer();
        if (!ring.tryPublishEvent(translator, arg))
        {
            fullWaits.incrementAndGet();
            ring.publishEvent(translator, arg);
        }
    }

    /** Publishes that found the ring full and had to wait for room, since start. */
    public long fullWaits()
    {
        return fullWaits.get();
    }

    public RingBuffer<O> ring()
    {
        return disruptor.getRingBuffer();
    }

    /** Exceptions thrown by consumers so far. */
    public long consumerErrors()
    {
        return exceptionHandler.errors();
    }

    /** Waits until every consumer has seen every published event, then stops the threads. */
    public synchronized boolean drainAndStop(final long timeout, final TimeUnit unit)
    {
        running = false;
        return RingDrain.drainAndHalt(disruptor, consumers, timeout, unit);
    }
}
