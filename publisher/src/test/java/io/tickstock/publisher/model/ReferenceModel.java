package io.tickstock.publisher.model;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.core.RecordSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain, independent implementation of DESIGN.md §5 and §6 (channel semantics and accounting),
 * with the readings of docs/semantics.md §8 and the issue 3 decisions (trend, surge, rollups), to
 * check the real pipeline against: feed it NDJSON lines in feed order, each tagged with its source,
 * and it gives the events each line causes, in the order each channel emits them, and every
 * channel's counts. Decoding goes through the real {@link FeedDecoder} (one per source name, as a
 * source would); everything after it is the model's own: maps and lists, one thread, no code shared
 * with the pipeline's channel classes.
 *
 * <p>Configuration is the defaults of docs/configuration.md, with the ohlcv clock advanced by event
 * time only (no processing-time ticks).
 *
 * <p>Not thread-safe: owned by the test thread.
 */
public final class ReferenceModel
{
    public static final List<String> CHANNELS = List.of("tick", "ohlcv", "fmv");

    /** One event the model expects, with the feed line (0-based) whose record caused it. */
    public record Expected(String channel, String symbol, EventType type, boolean rollup, String text, int line)
    {
    }

    private final List<String> sourceNames;
    private final List<FeedDecoder> decoders = new ArrayList<>();
    private final TickModel tick = new TickModel();
    private final OhlcvModel ohlcv = new OhlcvModel();
    private final FmvModel fmv = new FmvModel();
    private final Map<String, Long> sourceRejects = new TreeMap<>();
    private final Map<String, Integer> lineBySrc = new HashMap<>();
    private final List<Expected> events = new ArrayList<>();

    public ReferenceModel(final List<String> sourceNames)
    {
        this.sourceNames = List.copyOf(sourceNames);
        for (final String name : sourceNames)
        {
            decoders.add(new FeedDecoder(name));
        }
    }

    /** How an event is compared: {@link MarketEvent#toString()} and its source name and sequence. */
    public static String describe(final MarketEvent event)
    {
        return event + " src=" + event.srcName + "#" + event.srcSeq;
    }

    /** True for a bar event of a rollup timeframe (not {@code 1s} or {@code 1m}). */
    public static boolean isRollup(final MarketEvent event)
    {
        return event.type == EventType.BAR && !"1s".equals(event.tf) && !"1m".equals(event.tf);
    }

    /**
     * Feeds one message (an NDJSON line or a JSON array) of source {@code source} (an index into the
     * source names); returns the events it causes, over all channels.
     */
    public List<Expected> feed(final int source, final String line, final int lineIndex)
    {
        final List<Expected> caused = new ArrayList<>();
        decoders.get(source).decode(line, 0, new RecordSink<FeedRecord>()
        {
            @Override
            public void publish(final FeedRecord record)
            {
                lineBySrc.put(record.srcName + "#" + record.srcSeq, lineIndex);
                switch (record.kind)
                {
                    case TRADE:
                        add(caused, "tick", tick.onTrade(record), lineIndex);
                        fmv.onTrade(record);
                        break;
                    case BAR_MINUTE:
                    case BAR_SECOND:
                        add(caused, "ohlcv", ohlcv.onBar(record), lineIndex);
                        break;
                    case FMV:
                        add(caused, "fmv", fmv.onFmv(record), lineIndex);
                        break;
                    default:
                        throw new IllegalStateException("record kind " + record.kind);
                }
            }

            @Override
            public void reject(final String reason)
            {
                sourceRejects.merge(reason, 1L, Long::sum);
            }
        });
        return caused;
    }

    private void add(final List<Expected> caused, final String channel, final List<MarketEvent> out, final int line)
    {
        for (final MarketEvent event : out)
        {
            accounting(channel).event(event.type.wireName());
            final Expected expected = new Expected(channel, event.symbol, event.type, isRollup(event), describe(event), line);
            caused.add(expected);
            events.add(expected);
        }
    }

    /** Every event so far, each channel's in its emission order (channels interleaved in feed order). */
    public List<Expected> events()
    {
        return Collections.unmodifiableList(events);
    }

    public Accounting accounting(final String channel)
    {
        switch (channel)
        {
            case "tick":
                return tick.accounting;
            case "ohlcv":
                return ohlcv.accounting;
            case "fmv":
                return fmv.accounting;
            default:
                throw new IllegalArgumentException("no channel " + channel);
        }
    }

    /** Records rejected before any channel, by reason ({@code malformed}, {@code unknown_type}). */
    public long sourceRejects(final String reason)
    {
        return sourceRejects.getOrDefault(reason, 0L);
    }

    /** The feed line (0-based) of the record with this source context, or -1. */
    public int lineOf(final String srcName, final long srcSeq)
    {
        return lineBySrc.getOrDefault(srcName + "#" + srcSeq, -1);
    }

    /** Records read so far over all sources, rejected ones included (each decoder's position). */
    public long recordsRead()
    {
        return decoders.stream().mapToLong(FeedDecoder::position).sum();
    }

    public List<String> sourceNames()
    {
        return sourceNames;
    }
}
