package io.tickstock.core.ring;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Names the threads a ring starts after the handlers they run, in the order the ring asks for them
 * (the Disruptor asks once per handler, in the order the handlers were added), and runs each
 * handler's loop inside the wrapper it was added with, if any. Thread-safe.
 */
final class NamedThreadFactory implements ThreadFactory
{
    private final String prefix;
    private final List<String> names;
    private final List<UnaryOperator<Runnable>> wrappers;
    private final AtomicInteger next = new AtomicInteger();

    NamedThreadFactory(final String prefix, final List<String> names)
    {
        this(prefix, names, List.of());
    }

    /** @param wrappers by index, as {@code names}: what each thread's loop runs inside; none past its end. */
    NamedThreadFactory(final String prefix, final List<String> names, final List<UnaryOperator<Runnable>> wrappers)
    {
        this.prefix = prefix;
        this.names = names;
        this.wrappers = wrappers;
    }

    @Override
    public Thread newThread(final Runnable task)
    {
        final int index = next.getAndIncrement();
        final String suffix = index < names.size() ? names.get(index) : Integer.toString(index);
        final Runnable body = index < wrappers.size() ? wrappers.get(index).apply(task) : task;
        final Thread thread = new Thread(body, prefix + "-" + suffix);
        thread.setDaemon(true);
        return thread;
    }
}
