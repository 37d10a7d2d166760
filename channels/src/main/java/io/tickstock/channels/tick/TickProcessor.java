package io.tickstock.channels.tick;

import io.tickstock.channels.EventType;
import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketConfig;
import io.tickstock.channels.MarketEvent;
import io.tickstock.channels.PerSymbol;
import io.tickstock.channels.SymbolTable;
import io.tickstock.core.ring.Stage;

import java.time.ZoneId;

/**
 * The tick channel's process stage, per symbol and trading session (docs/semantics.md §2): emits
 * {@code trade} for every accepted trade, {@code high} / {@code low} when a trade breaks the
 * session's range, {@code trend} when the price moved at least the threshold from the reference a
 * window back, and {@code surge} on a volume burst or a sharp move, each with its cooldown.
 *
 * <p>A trade of an earlier session than the symbol's current one is emitted as {@code trade} and
 * changes nothing; a trade of a later session starts a new session, and the first trade of a
 * session sets high = low = its price and emits nothing else. Trades more than 60 s older than the
 * symbol's latest do not drive trend or surge.
 *
 * <p>Not thread-safe: owned by the tick channel's process thread.
 */
public final class TickProcessor implements Stage<FeedRecord>
{
    /** How far behind the symbol's latest trade a trade may be and still drive trend and surge. */
    public static final long DRIVE_HORIZON_MS = 60_000;

    private final SymbolTable symbols;
    private final SessionCalendar calendar;
    private final TradeChunks chunks = new TradeChunks();
    private final PerSymbol<SymbolSession> sessions = new PerSymbol<>(() -> new SymbolSession(chunks));
    private final long trendWindowMs;
    private final long trendThresholdPct;
    private final long surgeWindowMs;
    private final long surgeVolumeMultiple;
    private final long surgeMinVolume;
    private final long surgePricePct;
    private final long surgeCooldownMs;
    private final long keepMs;
    private final boolean trendEnabled;
    private final boolean surgeEnabled;

    /** @param symbols the table the router resolves symbols with (a record not yet resolved is resolved here). */
    public TickProcessor(final SymbolTable symbols, final ZoneId zone, final MarketConfig config)
    {
        this.symbols = symbols;
        this.calendar = new SessionCalendar(zone);
        this.trendWindowMs = config.trendWindowS() * 1000L;
        this.trendThresholdPct = config.trendThresholdPct();
        this.surgeWindowMs = config.surgeWindowS() * 1000L;
        this.surgeVolumeMultiple = config.surgeVolumeMultiple();
        this.surgeMinVolume = config.surgeMinVolume();
        this.surgePricePct = config.surgePricePct();
        this.surgeCooldownMs = config.surgeCooldownS() * 1000L;
        this.trendEnabled = config.trendEnabled();
        this.surgeEnabled = config.surgeEnabled();
        this.keepMs = DRIVE_HORIZON_MS + Math.max(trendWindowMs, surgeWindowMs);
    }

    @Override
    public void onEntry(final FeedRecord trade, final boolean endOfBatch)
    {
        trade.clearEvents();
        final SymbolSession state = sessions.get(symbols.resolve(trade));
        final long session = calendar.sessionOf(trade.time);
        final MarketEvent tradeEvent = trade.addEvent(EventType.TRADE, trade.time);
        tradeEvent.price = trade.price;
        tradeEvent.size = trade.size;

        if (!state.started || session > state.session)
        {
            state.start(session, trade);
        }
        else if (session == state.session)
        {
            onSessionTrade(state, trade);
        }
        tradeEvent.sessionHigh = state.high;
        tradeEvent.sessionLow = state.low;
        tradeEvent.sessionVolume = state.volume;
        tradeEvent.lastPrice = state.lastPrice;
    }

    private void onSessionTrade(final SymbolSession state, final FeedRecord trade)
    {
        final long t = trade.time;
        final long price = trade.price;
        state.volume += trade.size;
        if (t >= state.lastTime)
        {
            state.lastTime = t;
            state.lastPrice = price;
        }
        if (price > state.high)
        {
            final MarketEvent high = trade.addEvent(EventType.HIGH, t);
            high.price = price;
            high.prev = state.high;
            high.count = ++state.highCount;
            state.high = price;
        }
        else if (price < state.low)
        {
            final MarketEvent low = trade.addEvent(EventType.LOW, t);
            low.price = price;
            low.prev = state.low;
            low.count = ++state.lowCount;
            state.low = price;
        }

        final TradeHistory history = state.history;
        final boolean drives = t >= state.lastTime - DRIVE_HORIZON_MS;
        if (!drives)
        {
            history.add(t, price, trade.size);
            history.prune(state.lastTime - keepMs);
            return;
        }
        // Everything comes from the trades before this one, read before it joins the history: the
        // references, and the surge window's volumes (this trade's shares added, as it is in (t - W, t]).
        final long trendRef = history.lastAtOrBefore(t - trendWindowMs, TradeHistory.TREND);
        final long surgeRef = history.lastAtOrBefore(t - surgeWindowMs, TradeHistory.SURGE);
        final long surgeReference = surgeRef != TradeHistory.NONE ? history.price(surgeRef) : state.firstPrice;
        final long sharesAfterWindowStart = history.sharesAfter(surgeRef) + trade.size;
        final long windowVolume = sharesAfterWindowStart - history.sharesAfter(history.lastAtOrBefore(t, TradeHistory.SURGE));
        if (trendEnabled && trendRef != TradeHistory.NONE)
        {
            trend(state, trade, history.price(trendRef));
        }
        history.add(t, price, trade.size);
        if (surgeEnabled)
        {
            surge(state, trade, surgeReference, windowVolume, state.volume - sharesAfterWindowStart);
        }
        history.prune(state.lastTime - keepMs);
    }

    private void trend(final SymbolSession state, final FeedRecord trade, final long reference)
    {
        final long t = trade.time;
        final long diff = trade.price - reference;
        if (diff == 0 || Fixed.compareProducts(Math.abs(diff), 100L * Fixed.ONE, trendThresholdPct, reference) < 0)
        {
            return;
        }
        final boolean up = diff > 0;
        final int direction = up ? 0 : 1;
        if (state.trendFired[direction] && t - state.lastTrend[direction] < trendWindowMs)
        {
            return;
        }
        state.trendFired[direction] = true;
        state.lastTrend[direction] = t;
        final MarketEvent trend = trade.addEvent(EventType.TREND, t);
        trend.up = up;
        trend.pct = Fixed.percent(reference, trade.price);
        trend.windowS = (int)(trendWindowMs / 1000);
    }

    /**
     * @param windowVolume the shares of the trades in the window (t - W, t], this one included.
     * @param volumeBefore the session's shares before the window.
     */
    private void surge(
        final SymbolSession state, final FeedRecord trade, final long reference, final long windowVolume, final long volumeBefore)
    {
        final long t = trade.time;
        final long elapsed = t - surgeWindowMs - state.firstTime;
        final boolean ratioDefined = t - state.firstTime >= 2 * surgeWindowMs && volumeBefore > 0;
        final boolean volumeTrigger = ratioDefined && windowVolume >= surgeMinVolume &&
            Fixed.compareProducts(windowVolume, elapsed, Fixed.ONE, surgeVolumeMultiple, volumeBefore, surgeWindowMs) >= 0;
        final long diff = trade.price - reference;
        final boolean priceTrigger = Fixed.compareProducts(Math.abs(diff), 100L * Fixed.ONE, surgePricePct, reference) >= 0;
        if (!volumeTrigger && !priceTrigger)
        {
            return;
        }
        final boolean up = diff >= 0;
        final int direction = up ? 0 : 1;
        if (state.surgeFired[direction] && t - state.lastSurge[direction] < surgeCooldownMs)
        {
            return;
        }
        state.surgeFired[direction] = true;
        state.lastSurge[direction] = t;
        final MarketEvent surge = trade.addEvent(EventType.SURGE, t);
        surge.up = up;
        surge.trigger = volumeTrigger && priceTrigger ? MarketEvent.TRIGGER_PRICE_AND_VOLUME :
            volumeTrigger ? MarketEvent.TRIGGER_VOLUME : MarketEvent.TRIGGER_PRICE;
        surge.volRatio = ratioDefined ?
            Fixed.quotient(windowVolume, elapsed, Fixed.ONE, volumeBefore, surgeWindowMs) : Fixed.NULL;
        surge.pct = Fixed.percent(reference, trade.price);
        surge.windowS = (int)(surgeWindowMs / 1000);
    }

    /** One symbol's state in its current session. */
    private static final class SymbolSession
    {
        boolean started;
        long session;
        long high;
        long low;
        long highCount;
        long lowCount;
        long volume;
        long lastTime;
        long lastPrice;
        long firstTime;
        long firstPrice;
        final TradeHistory history;
        final boolean[] trendFired = new boolean[2];
        final long[] lastTrend = new long[2];
        final boolean[] surgeFired = new boolean[2];
        final long[] lastSurge = new long[2];

        SymbolSession(final TradeChunks chunks)
        {
            history = new TradeHistory(chunks);
        }

        void start(final long session, final FeedRecord trade)
        {
            this.started = true;
            this.session = session;
            high = trade.price;
            low = trade.price;
            highCount = 0;
            lowCount = 0;
            volume = trade.size;
            lastTime = trade.time;
            lastPrice = trade.price;
            firstTime = trade.time;
            firstPrice = trade.price;
            history.clear(trade.time);
            history.add(trade.time, trade.price, trade.size);
            trendFired[0] = false;
            trendFired[1] = false;
            surgeFired[0] = false;
            surgeFired[1] = false;
        }
    }
}
