package io.tickstock.core.source;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelEntry;

import java.util.List;

/**
 * Picks the channel(s) for each record and copies the record into their rings. The route is a
 * bit mask over the channel list, so one record may feed several rings (every trade also goes to
 * the fmv channel's last-trade table). A record routed nowhere is a programming error.
 *
 * <p>Thread-safe: each source thread publishes through it.
 *
 * @param <R> the record, which is also the channels' ring entry.
 */
public final class Router<R extends ChannelEntry> implements RecordSink<R>
{
    /** Maps a record to a bit mask of channel indexes. */
    @FunctionalInterface
    public interface Route<R>
    {
        int channels(R record);
    }

    private final Channel<R>[] channels;
    private final Route<R> route;
    private final EventTranslatorOneArg<R, R> copier;
    private final SourceCounters sourceCounters;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Router(
        final List<Channel<R>> channels,
        final Route<R> route,
        final EventTranslatorOneArg<R, R> copier,
        final SourceCounters sourceCounters)
    {
        if (channels.size() > 31)
        {
            throw new IllegalArgumentException("at most 31 channels: " + channels.size());
        }
        this.channels = channels.toArray(new Channel[0]);
        this.route = route;
        this.copier = copier;
        this.sourceCounters = sourceCounters;
    }

    @Override
    public void publish(final R record)
    {
        int mask = route.channels(record);
        if (mask == 0)
        {
            throw new IllegalStateException("record routed to no channel");
        }
        sourceCounters.routed();
        while (mask != 0)
        {
            final int index = Integer.numberOfTrailingZeros(mask);
            channels[index].publish(copier, record);
            mask &= mask - 1;
        }
    }

    @Override
    public void reject(final String reason)
    {
        sourceCounters.reject(reason);
    }

    public SourceCounters sourceCounters()
    {
        return sourceCounters;
    }
}
