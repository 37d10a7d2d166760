package io.tickstock.channels;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.channels.fmv.FmvProcessor;
import io.tickstock.channels.fmv.FmvValidator;
import io.tickstock.channels.ohlcv.BarProcessor;
import io.tickstock.channels.ohlcv.BarValidator;
import io.tickstock.channels.tick.SessionCalendar;
import io.tickstock.channels.tick.TickProcessor;
import io.tickstock.channels.tick.TickRules;
import io.tickstock.channels.tick.TickValidator;
import io.tickstock.core.Housekeeping;
import io.tickstock.core.Pipeline;
import io.tickstock.core.latency.LatencyMonitor;
import io.tickstock.core.ring.Channel;
import io.tickstock.core.ring.ChannelCounters;
import io.tickstock.core.ring.ChannelStageId;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.ring.Quarantine;
import io.tickstock.core.ring.Stage;
import io.tickstock.core.source.Router;
import io.tickstock.core.source.Source;
import io.tickstock.core.source.SourceCounters;
import io.tickstock.core.source.SourceSupervisor;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The market-data pipeline assembled: sources → router → the tick, ohlcv and fmv channels → the
 * publish ring. Attach consumers of {@link MarketEvent}s with {@link #addConsumer} before {@link
 * #start()}.
 *
 * <pre>{@code
 * MarketPipeline pipeline = MarketPipeline.create(MarketConfig.defaults(), List.of(source));
 * pipeline.addConsumer("mine", (event, sequence, endOfBatch) -> System.out.println(event));
 * pipeline.start();
 * pipeline.startSources();
 * }</pre>
 *
 * Thread-safe.
 */
public final class MarketPipeline
{
    public static final String TICK = "tick";
    public static final String OHLCV = "ohlcv";
    public static final String FMV = "fmv";
    /** Reasons a record is rejected before any channel. */
    public static final List<String> SOURCE_REJECT_REASONS = List.of(FeedDecoder.MALFORMED, FeedDecoder.UNKNOWN_TYPE);

    private static final int TICK_BIT = 1;
    private static final int OHLCV_BIT = 1 << 1;
    private static final int FMV_BIT = 1 << 2;
    private static final EventTranslatorOneArg<FeedRecord, FeedRecord> COPY = (entry, sequence, record) -> entry.copyFrom(record);


    private final MarketConfig config;
    private final Pipeline<FeedRecord, MarketEvent> pipeline;
    private final Channel<FeedRecord> ohlcvChannel;
    private final LatencyMonitor latency;
    private final TickValidator tickValidator;
    private final SymbolTable symbols = new SymbolTable();
    private final Quarantine quarantine;
    private final StageWrapper wrapper;
    private final Housekeeping housekeeping = new Housekeeping();
    private Housekeeping.Task clock;

    /**
     * Wraps a stage of a channel as it is built: a seam for fault-injection tests in this package
     * (a stage that throws on some records), never used by the public factory.
     */
    @FunctionalInterface
    interface StageWrapper
    {
        Stage<FeedRecord> wrap(String channel, ChannelStageId stage, Stage<FeedRecord> inner);
    }

    private MarketPipeline(final MarketConfig config, final List<Source<FeedRecord>> sources, final StageWrapper wrapper)
    {
        this.config = config;
        this.wrapper = wrapper;
        this.quarantine = new Quarantine(config.quarantineSize());
        this.latency = new LatencyMonitor(config.monitorIntervalMs());
        final PublishRing<MarketEvent> publishRing =
            new PublishRing<>(MarketEvent::new, config.publishRingSize(), config.waitStrategy());
        this.tickValidator = new TickValidator(symbols, config.tickDedupWindowMs());
        final Channel<FeedRecord> tick = channel(TICK, config.tickRingSize(), TickRules.REJECT_REASONS,
            tickValidator, new TickProcessor(symbols, SessionCalendar.NEW_YORK, config), publishRing);
        final Channel<FeedRecord> ohlcv = channel(OHLCV, config.ohlcvRingSize(), BarValidator.REJECT_REASONS,
            new BarValidator(symbols, config.ohlcvRetainedBars(), config.ohlcvRelVolBars()), new BarProcessor(config, symbols), publishRing);
        final Channel<FeedRecord> fmv = channel(FMV, config.fmvRingSize(), FmvValidator.REJECT_REASONS,
            new FmvValidator(symbols, config.fmvDedupWindowMs(), config.fmvRecentTradeMs(), config.fmvOutlierPct()),
            new FmvProcessor(config.fmvSignalPct()), publishRing);
        this.ohlcvChannel = ohlcv;
        final List<Channel<FeedRecord>> channels = List.of(tick, ohlcv, fmv);
        final Router<FeedRecord> router = new Router<>(channels, this::route, COPY,
            new SourceCounters(SOURCE_REJECT_REASONS));
        this.pipeline = new Pipeline<>(channels, publishRing, router, sources, config.sourceRestart());
    }

    /** Builds the pipeline; nothing runs until {@link #start()}. */
    public static MarketPipeline create(final MarketConfig config, final List<Source<FeedRecord>> sources)
    {
        return new MarketPipeline(config, sources, (channel, stage, inner) -> inner);
    }

    /** {@link #create} with every stage passed through {@code wrapper}: for tests. */
    static MarketPipeline create(final MarketConfig config, final List<Source<FeedRecord>> sources, final StageWrapper wrapper)
    {
        return new MarketPipeline(config, sources, wrapper);
    }

    private Channel<FeedRecord> channel(
        final String name,
        final int ringSize,
        final List<String> rejectReasons,
        final Stage<FeedRecord> validate,
        final Stage<FeedRecord> process,
        final PublishRing<MarketEvent> publishRing)
    {
        final List<EventType> types = EventType.ofChannel(name);
        final Prioritizer prioritizer = new Prioritizer(config.priorities(), publishRing, types);
        final int eventCapacity = eventCapacity(config, name);
        final Channel<FeedRecord> channel = Channel.builder(name, () -> new FeedRecord(eventCapacity))
            .ringSize(ringSize)
            .waitStrategy(config.waitStrategy())
            .layout(config.layout())
            .latency(latency)
            .rejectReasons(rejectReasons)
            .eventTypes(types.stream().map(EventType::wireName).toList())
            .quarantine(quarantine)
            .validate(wrapper.wrap(name, ChannelStageId.VALIDATE, validate))
            .process(wrapper.wrap(name, ChannelStageId.PROCESS, process))
            .prioritize(wrapper.wrap(name, ChannelStageId.PRIORITIZE, prioritizer))
            .build();
        prioritizer.counters(channel.counters());
        return channel;
    }

    /**
     * The channels a record goes to. Its symbol is resolved to its id here, once, on the source
     * thread, before the router copies the record into the rings.
     */
    private int route(final FeedRecord record)
    {
        switch (record.kind)
        {
            case TRADE:
                record.symbolId = symbols.idOf(record.symbol);
                return TICK_BIT | FMV_BIT;
            case BAR_MINUTE:
            case BAR_SECOND:
                record.symbolId = symbols.idOf(record.symbol);
                return OHLCV_BIT;
            case FMV:
                record.symbolId = symbols.idOf(record.symbol);
                return FMV_BIT;
            default:
                return 0;
        }
    }

    public MarketConfig config()
    {
        return config;
    }

    /**
     * The events each entry of a channel's ring preallocates: a tick or fmv record makes at most
     * one event of each of its channel's types; a bar one per rollup besides its own, and a
     * minute's close grows the entry that closes the windows.
     */
    public static int eventCapacity(final MarketConfig config, final String channel)
    {
        return channel.equals(OHLCV) ? 1 + config.ohlcvRollups().size() : EventType.ofChannel(channel).size();
    }

    /** Adds a consumer of every published event, on its own thread; before {@link #start()}. */
    public void addConsumer(final String name, final EventHandler<? super MarketEvent> consumer)
    {
        pipeline.publishRing().addConsumer(name, consumer);
    }

    /** {@link #addConsumer(String, EventHandler)} with the consumer's thread loop run inside {@code threadBody}. */
    public void addConsumer(
        final String name, final EventHandler<? super MarketEvent> consumer, final UnaryOperator<Runnable> threadBody)
    {
        pipeline.publishRing().addConsumer(name, consumer, threadBody);
    }

    /**
     * Starts the channels and the publish ring, the latency intervals and the ohlcv clock (both on
     * {@link #housekeeping()}); sources wait for {@link #startSources()}.
     */
    public synchronized void start()
    {
        latency.start(housekeeping);
        pipeline.start();
        final long tickMs = config.ohlcvClockTickMs();
        if (tickMs > 0)
        {
            clock = housekeeping.every(tickMs, "ohlcv clock", new OhlcvClock(ohlcvChannel));
        }
    }

    /**
     * The one thread ({@link Housekeeping#THREAD_NAME}) of the pipeline's periodic work: the latency
     * intervals, the ohlcv clock, and whatever monitoring the application adds (alert evaluations,
     * the edge's stats samples, a summary line). Its tasks must not block.
     */
    public Housekeeping housekeeping()
    {
        return housekeeping;
    }

    public void startSources()
    {
        pipeline.startSources();
    }

    public boolean awaitSources(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return pipeline.awaitSources(timeout, unit);
    }

    public boolean sourcesFinished()
    {
        return pipeline.sourcesFinished();
    }

    /** Stops the sources and drains every ring; see {@link Pipeline#stop}. */
    public synchronized boolean stop(final long timeout, final TimeUnit unit)
    {
        if (clock != null)
        {
            // waits for a tick in progress, so none is published into a ring being drained
            clock.cancel();
            clock = null;
        }
        final boolean drained = pipeline.stop(timeout, unit);
        latency.rotateAll();
        latency.stop();
        return drained;
    }

    /** Latency per stage ({@code source_to_channel}, {@code channel} per channel; consumers add theirs). */
    public LatencyMonitor latency()
    {
        return latency;
    }

    public List<Channel<FeedRecord>> channels()
    {
        return pipeline.channels();
    }

    public ChannelCounters counters(final String channel)
    {
        for (final Channel<FeedRecord> c : pipeline.channels())
        {
            if (c.name().equals(channel))
            {
                return c.counters();
            }
        }
        throw new IllegalArgumentException("no channel " + channel + "; channels: tick, ohlcv, fmv");
    }

    /**
     * The dedup keys the tick channel remembers now ({@link TickValidator#rememberedKeys()}), for tests
     * of its memory bound. Not thread-safe: read it only while the tick channel is idle (every record
     * published so far has been processed) or after {@link #stop}.
     */
    int tickDedupKeys()
    {
        return tickValidator.rememberedKeys();
    }

    /** The slots of the tick channel's dedup tables ({@link TickValidator#dedupSlots()}), read as {@link #tickDedupKeys}. */
    long tickDedupSlots()
    {
        return tickValidator.dedupSlots();
    }

    /** The slots of the pages the dedup tables are carved from ({@link TickValidator#dedupPageSlots()}), read likewise. */
    long tickDedupPageSlots()
    {
        return tickValidator.dedupPageSlots();
    }

    public SourceCounters sourceCounters()
    {
        return pipeline.router().sourceCounters();
    }

    public PublishRing<MarketEvent> publishRing()
    {
        return pipeline.publishRing();
    }

    public List<Source<FeedRecord>> sources()
    {
        return pipeline.sources();
    }

    /** One supervisor per source, in the order of {@link #sources()}: its state, failures and restarts. */
    public List<SourceSupervisor<FeedRecord>> supervisors()
    {
        return pipeline.supervisors();
    }

    /** The records that made a stage of any channel throw: the newest {@code pipeline.quarantineSize} of them. */
    public Quarantine quarantine()
    {
        return quarantine;
    }
}
