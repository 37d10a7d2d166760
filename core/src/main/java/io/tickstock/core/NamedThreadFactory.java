package io.tickstock.core;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads a ring starts after the handlers they run, in the order the ring asks for them
 * (the Disruptor asks once per handler, in the order the handlers were added). Thread-safe.
 */
final class NamedThreadFactory implements ThreadFactory
{
    private final String prefix;
    private final List<String> names;
    private final AtomicInteger next = new AtomicInteger();

    NamedThreadFactory(final String prefix, final List<String> names)
    {
        this.prefix = prefix;
        this.names = names;
    }

    @Override
    public Thread newThread(final Runnable task)
    {
        final int index = next.getAndIncrement();
        final String suffix = index < names.size() ? names.get(index) : Integer.toString(index);
        final Thread thread = new Thread(task, prefix + "-" + suffix);
        thread.setDaemon(true);
        return thread;
    }
}
