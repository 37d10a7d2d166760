package io.tickstock.publisher.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tickstock.publisher.model.ModelEvent.NODES;

/**
 * A plain, independent implementation of docs/semantics.md (channel rules, priorities,
 * accounting) and of what a client receives (docs/protocol.md §2.2 snapshots, §2.3 events), to
 * check the real pipeline and edge against: feed it NDJSON lines in feed order, each tagged with
 * its source, and it gives the event messages each line causes, in the order each channel emits
 * them, the snapshot state per symbol, and every channel's counts.
 *
 * <p>It shares no code with the product: it decodes the feed itself on Jackson's tree model
 * ({@link ModelDecoder}), computes with exact {@link java.math.BigDecimal}s ({@link Numbers}) and
 * builds its own messages as JSON trees. Configuration is the defaults of docs/configuration.md
 * plus the per-symbol priority boosts given, with the ohlcv clock advanced by event time only.
 *
 * <p>Not thread-safe: owned by the test thread.
 */
public final class ReferenceModel
{
    public static final List<String> CHANNELS = List.of("tick", "ohlcv", "fmv");
    /** Placeholder in an expected message for what only the edge knows: {@code id}. */
    static final TextNode UNPREDICTED = TextNode.valueOf("?");

    /** Default priority per event type (docs/semantics.md §6, docs/configuration.md). */
    private static final Map<String, Integer> PRIORITIES = Map.of(
        "high", 1, "low", 1, "surge", 1, "trend", 2, "bar", 3, "fmv", 3, "trade", 3);

    /**
     * One event message the model expects.
     *
     * @param message the message as the edge should send it, {@code id} {@link #UNPREDICTED}.
     * @param line the feed line (0-based) of the record that caused it.
     */
    public record Expected(String channel, String symbol, String event, boolean rollup, ObjectNode message, int line)
    {
    }

    private final List<String> sourceNames;
    private final Map<String, Integer> boosts;
    private final List<ModelDecoder> decoders = new ArrayList<>();
    private final TickModel tick = new TickModel();
    private final OhlcvModel ohlcv = new OhlcvModel();
    private final FmvModel fmv = new FmvModel();
    private final SnapshotModel snapshots = new SnapshotModel();
    private final Map<String, Long> sourceRejects = new TreeMap<>();
    private final Map<String, Integer> lineBySrc = new HashMap<>();
    private final List<Expected> events = new ArrayList<>();
    private final long[] records = new long[1];

    /**
     * @param boosts {@code priority.boost.SYMBOL} settings the pipeline runs with (docs/configuration.md).
     */
    public ReferenceModel(final List<String> sourceNames, final Map<String, Integer> boosts)
    {
        this.sourceNames = List.copyOf(sourceNames);
        this.boosts = Map.copyOf(boosts);
        for (final String name : sourceNames)
        {
            decoders.add(new ModelDecoder(name));
        }
    }

    /**
     * Feeds one message (an NDJSON line or a JSON array) of source {@code source} (an index into the
     * source names); returns the events it causes, over all channels.
     */
    public List<Expected> feed(final int source, final String line, final int lineIndex)
    {
        final List<Expected> caused = new ArrayList<>();
        decoders.get(source).decode(line, lineIndex, records, record ->
        {
            lineBySrc.put(record.srcName() + "#" + record.srcSeq(), lineIndex);
            switch (record.kind())
            {
                case TRADE:
                    add(caused, tick.onTrade(record));
                    fmv.onTrade(record);
                    break;
                case BAR_MINUTE:
                case BAR_SECOND:
                    add(caused, ohlcv.onBar(record));
                    break;
                default:
                    add(caused, fmv.onFmv(record));
                    break;
            }
        }, reason -> sourceRejects.merge(reason, 1L, Long::sum));
        return caused;
    }

    private void add(final List<Expected> caused, final List<ModelEvent> out)
    {
        for (final ModelEvent e : out)
        {
            accounting(e.channel).event(e.event);
            snapshots.apply(e);
            final Expected expected = new Expected(e.channel, e.symbol, e.event, e.rollup, message(e), e.src.line());
            caused.add(expected);
            events.add(expected);
        }
    }

    /** The {@code event} message of docs/protocol.md §2.3, fields in the encoder's order. */
    private ObjectNode message(final ModelEvent e)
    {
        final ObjectNode m = NODES.objectNode();
        m.put("type", "event");
        m.set("id", UNPREDICTED);
        m.put("event", e.event);
        m.put("channel", e.channel);
        m.put("symbol", e.symbol);
        m.put("priority", priority(e.event, e.symbol));
        m.put("ts", e.ts);
        m.setAll(e.fields);
        final ObjectNode src = m.putObject("src");
        src.put("name", e.src.srcName());
        src.put("seq", e.src.srcSeq());
        // the receive time the test's source stamps on each line (TwoNameSource): for a rollup, its last bar's
        src.put("recvUs", TwoNameSource.RECV_BASE_US + e.src.line());
        return m;
    }

    /** The type's priority lowered by the symbol's boost, never below 0 (docs/semantics.md §6). */
    private int priority(final String event, final String symbol)
    {
        return Math.max(0, PRIORITIES.get(event) - boosts.getOrDefault(symbol, 0));
    }

    /** Every event so far, each channel's in its emission order (channels interleaved in feed order). */
    public List<Expected> events()
    {
        return Collections.unmodifiableList(events);
    }

    /** Symbols with snapshot state. */
    public List<String> snapshotSymbols()
    {
        return List.copyOf(snapshots.symbols());
    }

    /** The {@code snapshot} message the edge should send for a symbol now, or null when it has no state. */
    public ObjectNode snapshot(final String symbol)
    {
        return snapshots.snapshot(symbol);
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

    /** Records read so far over all sources, rejected ones included (each source's position). */
    public long recordsRead()
    {
        return decoders.stream().mapToLong(ModelDecoder::position).sum();
    }

    public List<String> sourceNames()
    {
        return sourceNames;
    }
}
