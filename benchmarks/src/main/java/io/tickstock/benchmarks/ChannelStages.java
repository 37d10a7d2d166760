package io.tickstock.benchmarks;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.Prioritizer;
import io.tickstock.channels.SymbolTable;
import io.tickstock.channels.fmv.FmvProcessor;
import io.tickstock.channels.fmv.FmvValidator;
import io.tickstock.channels.ohlcv.BarProcessor;
import io.tickstock.channels.ohlcv.BarValidator;
import io.tickstock.channels.tick.SessionCalendar;
import io.tickstock.channels.tick.TickProcessor;
import io.tickstock.channels.tick.TickRules;
import io.tickstock.channels.tick.TickValidator;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.ChannelEntry;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.ring.Stage;

import java.util.List;

/**
 * One channel's three real stages, built as {@code MarketPipeline} builds them, run in chain order
 * on the caller's thread with the gate of {@code Channel}: the validate stage gives every record
 * its outcome, and the process and prioritize stages see only accepted and pass-through records.
 *
 * <p>{@code Channel} also resets the entry's outcome before the validate stage (package-private in
 * core); each validator sets an outcome on every path it returns by, and a stage that threw is
 * rethrown here rather than counted, so the reset changes nothing these benchmarks see. Nor does
 * the chain record its latency or count outcomes, as {@code Channel} does.
 *
 * <p>Not thread-safe: owned by the thread that runs the chain.
 */
final class ChannelStages
{
    final Stage<FeedRecord> validate;
    final Stage<FeedRecord> process;
    final Stage<FeedRecord> prioritize;

    private ChannelStages(final Stage<FeedRecord> validate, final Stage<FeedRecord> process, final Stage<FeedRecord> prioritize)
    {
        this.validate = validate;
        this.process = process;
        this.prioritize = prioritize;
    }

    /** @param symbols the symbol table, shared with any other chain that sees the same records. */
    static ChannelStages tick(final MarketConfig config, final SymbolTable symbols, final Stage<FeedRecord> prioritize)
    {
        return new ChannelStages(
            new TickValidator(symbols, config.tickDedupWindowMs()),
            new TickProcessor(symbols, SessionCalendar.NEW_YORK, config),
            prioritize);
    }

    static ChannelStages ohlcv(final MarketConfig config, final SymbolTable symbols, final Stage<FeedRecord> prioritize)
    {
        return new ChannelStages(
            new BarValidator(symbols, config.ohlcvRetainedBars(), config.ohlcvRelVolBars()), new BarProcessor(config, symbols), prioritize);
    }

    /** @param symbols the symbol table, shared with any other chain that sees the same records. */
    static ChannelStages fmv(final MarketConfig config, final SymbolTable symbols, final Stage<FeedRecord> prioritize)
    {
        return new ChannelStages(
            new FmvValidator(symbols, config.fmvDedupWindowMs(), config.fmvRecentTradeMs(), config.fmvOutlierPct()),
            new FmvProcessor(config.fmvSignalPct()),
            prioritize);
    }

    /** The real prioritize stage of a channel ({@code tick}, {@code ohlcv}, {@code fmv}), publishing into the ring. */
    static Prioritizer prioritizer(final MarketConfig config, final PublishRing<MarketEvent> ring, final String channel)
    {
        final Prioritizer prioritizer = new Prioritizer(config.priorities(), ring, EventType.ofChannel(channel));
        prioritizer.counters(counters(channel));
        return prioritizer;
    }

    /** The counters {@code MarketPipeline} gives a channel. */
    static ChannelCounters counters(final String channel)
    {
        final List<String> reasons;
        switch (channel)
        {
            case "tick":
                reasons = TickRules.REJECT_REASONS;
                break;
            case "ohlcv":
                reasons = BarValidator.REJECT_REASONS;
                break;
            default:
                reasons = FmvValidator.REJECT_REASONS;
                break;
        }
        return new ChannelCounters(
            channel, reasons, EventType.ofChannel(channel).stream().map(EventType::wireName).toList());
    }

    /** Runs the chain on one record; returns its outcome ({@link ChannelEntry} constants). */
    int run(final FeedRecord record) throws Exception
    {
        validate.onEntry(record, true);
        if (proceeds(record))
        {
            process.onEntry(record, true);
            prioritize.onEntry(record, true);
        }
        return record.outcome();
    }

    /** Whether the stages after validate handle the record. */
    static boolean proceeds(final FeedRecord record)
    {
        final int outcome = record.outcome();
        return !record.failed() && (outcome == ChannelEntry.OUTCOME_ACCEPTED || outcome == ChannelEntry.OUTCOME_PASS);
    }
}
