package io.tickstock.channels;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.ring.Stage;

import java.util.List;

/**
 * Every channel's last stage: gives each event its priority and publishes it into the publish
 * ring, counting events by type.
 *
 * <p>Not thread-safe: owned by one channel's prioritize thread.
 */
public final class Prioritizer implements Stage<FeedRecord>
{
    private static final EventTranslatorOneArg<MarketEvent, MarketEvent> COPY =
        (entry, sequence, event) -> entry.copyFrom(event);

    private final PriorityPolicy policy;
    private final PublishRing<MarketEvent> publishRing;
    private final int[] counterIndex = new int[EventType.values().length];
    private ChannelCounters counters;

    public Prioritizer(final PriorityPolicy policy, final PublishRing<MarketEvent> publishRing, final List<EventType> types)
    {
        this.policy = policy;
        this.publishRing = publishRing;
        java.util.Arrays.fill(counterIndex, -1);
        for (int i = 0; i < types.size(); i++)
        {
            counterIndex[types.get(i).ordinal()] = i;
        }
    }

    /** Set once the channel exists, before it starts. */
    public void counters(final ChannelCounters counters)
    {
        this.counters = counters;
    }

    @Override
    public void onEntry(final FeedRecord record, final boolean endOfBatch)
    {
        final int count = record.eventCount();
        for (int i = 0; i < count; i++)
        {
            final MarketEvent event = record.event(i);
            event.priority = policy.priority(event.type, event.symbol);
            event.publishNanos = System.nanoTime();
            publishRing.publish(COPY, event);
            counters.eventEmitted(counterIndex[event.type.ordinal()]);
        }
    }
}
