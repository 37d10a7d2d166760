package io.tickstock.benchmarks;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.channels.feed.SimulatorSource;
import io.tickstock.channels.tick.SessionCalendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.SplittableRandom;

/**
 * The benchmarks' input: a seeded market of many symbols written straight into a reused {@link
 * FeedRecord}, with no allocation per record, so that what a benchmark allocates is the code under
 * test's. Trades pick their symbol with the simulator's skew (the first symbols trade most, as
 * real volume does), prices walk in cents, trade ids count up per symbol, and one record in {@link
 * #FMV_EVERY} is an FMV as in {@link SimulatorSource}. Minute bars ({@code AM}) rotate over every
 * symbol, one minute after another, so the ohlcv channel sees the minute burst and its rollups.
 *
 * <p>Event time starts at a session's open (09:30 New York) and advances by the configured rate in
 * records per second of event time, independently of how fast the benchmark runs: the per-symbol
 * state the channels keep (dedup keys, trade history) is that of a market at that rate.
 *
 * <p>Not thread-safe: owned by the benchmark thread that plays the source.
 */
final class MarketFeed
{
    /** One record in this many, in {@link #nextMixed}, is an FMV (as in the simulator). */
    static final int FMV_EVERY = 20;
    /**
     * Trade ids per symbol before they repeat (the same id on the same exchange within 60 s would be
     * a duplicate): the busiest symbol (1.1 % of trades) wraps after 16 minutes at 100,000 records/s, 95 s at 1M.
     */
    private static final int ID_POOL = 1 << 20;
    private static final long FIRST_ID = 52_983_525_000_000L;

    private final SplittableRandom random;
    private final int symbolCount;
    private final String[] symbols;
    private final long[] price;
    private final int[] tradeCount;
    private final long[] lastFmvNs;
    private final long nanosPerRecord;
    private final long openMs;
    private long eventNs;
    private long seq;

    private int barSymbol;
    private long barMinute;
    private int lastBarSymbol = -1;
    private long lastBarOpen;
    private long lastBarHigh;
    private long lastBarLow;
    private long lastBarClose;
    private long lastBarVolume;

    /**
     * @param symbols       how many symbols (the simulator's names).
     * @param recordsPerSec the market's rate in event time.
     * @param seed          the same seed gives the same records.
     */
    MarketFeed(final int symbols, final int recordsPerSec, final long seed)
    {
        this.random = new SplittableRandom(seed);
        this.symbolCount = symbols;
        this.symbols = new String[symbols];
        this.price = new long[symbols];
        this.tradeCount = new int[symbols];
        this.lastFmvNs = new long[symbols];
        for (int i = 0; i < symbols; i++)
        {
            this.symbols[i] = SimulatorSource.symbol(i);
            this.price[i] = (5 + random.nextInt(495)) * Fixed.ONE + random.nextInt(100) * 10_000L;
        }
        this.nanosPerRecord = 1_000_000_000L / recordsPerSec;
        this.openMs = LocalDate.of(2026, 11, 20).atTime(LocalTime.of(9, 30))
            .atZone(SessionCalendar.NEW_YORK).toInstant().toEpochMilli();
    }

    /** The sequence number of the last record written ({@code srcSeq}), counting from 1. */
    long seq()
    {
        return seq;
    }

    /** Records needed to fill the channels' 60 s dedup windows twice over, plus a margin: 130 s of event time. */
    static long steadyStateRecords(final int recordsPerSec)
    {
        return 130L * recordsPerSec;
    }

    /** A fresh trade (never a repeat). */
    void nextTrade(final FeedRecord r)
    {
        final long nowMs = advance();
        final int i = skewedSymbol();
        final long step = (long)(price[i] * random.nextDouble(-0.002, 0.002));
        price[i] = Math.max(10_000L, (price[i] + step) / 10_000L * 10_000L);
        r.clear();
        r.kind = RecordKind.TRADE;
        r.symbol = symbols[i];
        r.price = price[i];
        r.size = random.nextInt(10) == 0 ? 1 + random.nextInt(99) : 100L * (1 + random.nextInt(20));
        r.time = nowMs;
        r.exchange = 1 + random.nextInt(19);
        r.tradeNumber = FIRST_ID + (tradeCount[i]++ & (ID_POOL - 1));  // numeric, as the decoder and simulator give it
        stamp(r);
    }

    /**
     * A trade, or with probability 1 / {@code repeatEvery} the trade just written again (the same
     * trade from a second feed): the input of the tick channel with its dedup path exercised.
     * Leaves the record untouched but for the source sequence when it repeats, so the caller passes
     * the same record it passed last time.
     */
    void nextTradeOrRepeat(final FeedRecord r, final int repeatEvery)
    {
        if (seq > 0 && r.kind == RecordKind.TRADE && random.nextInt(repeatEvery) == 0)
        {
            advance();
            stamp(r);
            return;
        }
        nextTrade(r);
    }

    /** An FMV within 2 % of the symbol's price, its time (ns) after the symbol's last. */
    void nextFmv(final FeedRecord r)
    {
        final long nowMs = advance();
        final int i = skewedSymbol();
        final long deviation = (long)(price[i] * random.nextDouble(-0.02, 0.02));
        final long ns = Math.max(nowMs * 1_000_000L, lastFmvNs[i] + 1);
        lastFmvNs[i] = ns;
        r.clear();
        r.kind = RecordKind.FMV;
        r.symbol = symbols[i];
        r.fmv = Math.max(10_000L, (price[i] + deviation) / 10_000L * 10_000L);
        r.time = ns;
        stamp(r);
    }

    /** What the router gives the fmv channel: every trade, and one FMV in {@link #FMV_EVERY} records. */
    void nextMixed(final FeedRecord r)
    {
        if (random.nextInt(FMV_EVERY) == 0)
        {
            nextFmv(r);
        }
        else
        {
            nextTrade(r);
        }
    }

    /**
     * The next one-minute bar: every symbol in turn, then the next minute. With probability 1 /
     * {@code repeatEvery} the previous bar again (a duplicate), and as often the previous bar
     * with more volume (a revision); never when {@code repeatEvery} is 0.
     */
    void nextBar(final FeedRecord r, final int repeatEvery)
    {
        if (lastBarSymbol >= 0 && repeatEvery > 0)
        {
            final int dice = random.nextInt(repeatEvery);
            if (dice == 0 || dice == 1)
            {
                if (dice == 1)
                {
                    lastBarVolume += 100;
                }
                writeBar(r, lastBarSymbol, lastBarMinute());
                return;
            }
        }
        final int i = barSymbol;
        final long open = price[i];
        final long step = (long)(open * random.nextDouble(-0.004, 0.004));
        final long close = Math.max(10_000L, (open + step) / 10_000L * 10_000L);
        price[i] = close;
        lastBarOpen = open;
        lastBarClose = close;
        lastBarHigh = Math.max(open, close) + random.nextInt(5) * 10_000L;
        lastBarLow = Math.max(10_000L, Math.min(open, close) - random.nextInt(5) * 10_000L);
        lastBarVolume = 100L * (1 + random.nextInt(5_000));
        lastBarSymbol = i;
        writeBar(r, i, barMinute);
        if (++barSymbol == symbolCount)
        {
            barSymbol = 0;
            barMinute++;
        }
    }

    private long lastBarMinute()
    {
        return barSymbol == 0 ? barMinute - 1 : barMinute;
    }

    private void writeBar(final FeedRecord r, final int i, final long minute)
    {
        r.clear();
        r.kind = RecordKind.BAR_MINUTE;
        r.symbol = symbols[i];
        r.open = lastBarOpen;
        r.high = lastBarHigh;
        r.low = lastBarLow;
        r.close = lastBarClose;
        r.volume = lastBarVolume;
        r.vwap = (lastBarOpen + lastBarClose) / 2;
        r.start = openMs + minute * 60_000L;
        r.end = r.start + 60_000L;
        stamp(r);
    }

    private long advance()
    {
        eventNs += nanosPerRecord;
        return openMs + eventNs / 1_000_000L;
    }

    private int skewedSymbol()
    {
        final double skew = random.nextDouble();
        return (int)(skew * skew * symbolCount);
    }

    private void stamp(final FeedRecord r)
    {
        r.srcName = "bench";
        r.srcSeq = ++seq;
    }
}
