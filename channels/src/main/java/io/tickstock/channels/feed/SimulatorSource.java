package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.core.EpochClock;
import io.tickstock.core.source.RecordSink;
import io.tickstock.core.source.Source;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A seeded simulated market of N symbols: trades at a given rate (activity skewed towards the
 * first symbols, as real volume is), prices on a random walk in cents, a fair-market-value update
 * for one record in twenty, and a one-minute bar ({@code AM}) for every symbol that traded once
 * its minute closes. The rate may surge for a stretch ({@link RateProfile}). Event times are the
 * wall clock. The same seed gives the same sequence of
 * symbols, prices and sizes. Each trade and FMV is stamped ({@code recvUs}) with the time it was
 * due at the configured rate, so latency measured from that stamp includes any time the source
 * was held up (coordinated omission is accounted for).
 *
 * <p>Paced in 1 ms steps with {@link LockSupport#parkNanos}: it never spins. Thread-safe for
 * {@link #stop()}; {@link #run} runs on the source's thread.
 */
public final class SimulatorSource implements Source<FeedRecord>
{
    private static final long STEP_NS = 1_000_000L;
    private static final long PACED = Long.MIN_VALUE;
    private static final String[] LEADERS = {"SPY", "QQQ", "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "AMD"};

    private final String name;
    private final int symbolCount;
    private final RateProfile rate;
    private final long seed;
    private final long maxRecords;
    /** The simulated clock's first instant (ms since the epoch), or {@link #PACED}. */
    private final long simulatedFromMs;
    private volatile boolean stopped;
    private volatile long produced;

    private SimulatorSource(final Builder b, final RateProfile rate)
    {
        this.name = b.name;
        this.symbolCount = b.symbols;
        this.rate = rate;
        this.seed = b.seed;
        this.maxRecords = b.maxRecords;
        this.simulatedFromMs = b.simulatedFromMs;
    }

    /**
     * A simulator with the defaults of the {@code simulator.*} keys (docs/configuration.md): named
     * {@code sim}, 8,000 symbols, 20,000 records/s, seed 1, no record limit. For example
     * {@code SimulatorSource.builder().symbols(500).rate(5_000).seed(7).build()}.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /** The simulator's i-th symbol: the leaders first, then four-letter names. */
    public static String symbol(final int index)
    {
        if (index < LEADERS.length)
        {
            return LEADERS[index];
        }
        int n = index;
        final char[] letters = new char[4];
        for (int i = 3; i >= 0; i--)
        {
            letters[i] = (char)('A' + n % 26);
            n /= 26;
        }
        return "X" + new String(letters);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void stop()
    {
        stopped = true;
    }

    /** Records produced so far. */
    public long produced()
    {
        return produced;
    }

    @Override
    public void run(final RecordSink<FeedRecord> sink)
    {
        final Market market = new Market();
        final FeedRecord record = new FeedRecord();
        if (simulatedFromMs != PACED)
        {
            runUnpaced(sink, market, record);
            return;
        }
        final long startNs = System.nanoTime();
        final long startUs = EpochClock.micros();
        long sent = 0;
        long seq = 0;
        while (!stopped && (maxRecords == 0 || seq < maxRecords))
        {
            final long due = rate.dueBy((System.nanoTime() - startNs) / 1_000L);
            final long nowMs = EpochClock.millis();
            seq = market.closeMinutes(nowMs, record, sink, seq);
            while (sent < due && !stopped && (maxRecords == 0 || seq < maxRecords))
            {
                market.next(nowMs, record);
                record.srcSeq = ++seq;
                // stamped with when it was due, not when it got out: a stall counts against every
                // record it delayed (no coordinated omission), at no cost per record
                record.recvUs = startUs + rate.dueAtUs(sent);
                sink.publish(record);
                sent++;
            }
            produced = seq;
            LockSupport.parkNanos(STEP_NS);
        }
        produced = seq;
    }

    /** As fast as the sink takes records, on a simulated clock: every minute closes, its bars published, within seconds. */
    private void runUnpaced(final RecordSink<FeedRecord> sink, final Market market, final FeedRecord record)
    {
        long sent = 0;
        long seq = 0;
        while (!stopped && (maxRecords == 0 || seq < maxRecords))
        {
            // one millisecond of event time per trade or FMV: 60,000 records make a minute
            final long nowMs = simulatedFromMs + sent;
            seq = market.closeMinutes(nowMs, record, sink, seq);
            if (maxRecords != 0 && seq >= maxRecords)
            {
                break;
            }
            market.next(nowMs, record);
            record.srcSeq = ++seq;
            record.recvUs = EpochClock.micros();
            sink.publish(record);
            sent++;
            if ((sent & 1023) == 0)
            {
                produced = seq;
            }
        }
        produced = seq;
    }

    /** The simulated market's state. Not thread-safe: owned by the source thread. */
    private final class Market
    {
        private final SplittableRandom random = new SplittableRandom(seed);
        private final String[] symbols = new String[symbolCount];
        private final long[] price = new long[symbolCount];
        private final long[] tradeIds = new long[symbolCount];
        private final long[] lastFmvNs = new long[symbolCount];
        private final long[] barOpen = new long[symbolCount];
        private final long[] barHigh = new long[symbolCount];
        private final long[] barLow = new long[symbolCount];
        private final long[] barClose = new long[symbolCount];
        private final long[] barVolume = new long[symbolCount];
        private final double[] barNotional = new double[symbolCount];
        private final int[] active = new int[symbolCount];
        private final boolean[] isActive = new boolean[symbolCount];
        private int activeCount;
        private long minuteStart = Long.MIN_VALUE;

        Market()
        {
            for (int i = 0; i < symbolCount; i++)
            {
                symbols[i] = symbol(i);
                price[i] = (5 + random.nextInt(495)) * Fixed.ONE + random.nextInt(100) * 10_000L;
            }
        }

        void next(final long nowMs, final FeedRecord r)
        {
            final double skew = random.nextDouble();
            final int i = (int)(skew * skew * symbolCount);
            r.clear();
            r.symbol = symbols[i];
            r.srcName = name;
            if (random.nextInt(20) == 0 && price[i] > 0)
            {
                r.kind = RecordKind.FMV;
                final long deviation = (long)(price[i] * random.nextDouble(-0.02, 0.02));
                r.fmv = Math.max(10_000L, (price[i] + deviation) / 10_000L * 10_000L);
                final long ns = Math.max(nowMs * 1_000_000L, lastFmvNs[i] + 1);
                lastFmvNs[i] = ns;
                r.time = ns;
                return;
            }
            final long step = (long)(price[i] * random.nextDouble(-0.002, 0.002));
            price[i] = Math.max(10_000L, (price[i] + step) / 10_000L * 10_000L);
            r.kind = RecordKind.TRADE;
            r.price = price[i];
            r.size = random.nextInt(10) == 0 ? 1 + random.nextInt(99) : 100L * (1 + random.nextInt(20));
            r.time = nowMs;
            r.exchange = 1 + random.nextInt(19);
            r.tradeNumber = ++tradeIds[i];
            addToBar(i, nowMs, r.price, r.size);
        }

        private void addToBar(final int i, final long nowMs, final long tradePrice, final long size)
        {
            if (minuteStart == Long.MIN_VALUE)
            {
                minuteStart = nowMs - Math.floorMod(nowMs, 60_000L);
            }
            if (!isActive[i])
            {
                isActive[i] = true;
                active[activeCount++] = i;
                barOpen[i] = tradePrice;
                barHigh[i] = tradePrice;
                barLow[i] = tradePrice;
                barVolume[i] = 0;
                barNotional[i] = 0;
            }
            barHigh[i] = Math.max(barHigh[i], tradePrice);
            barLow[i] = Math.min(barLow[i], tradePrice);
            barClose[i] = tradePrice;
            barVolume[i] += size;
            barNotional[i] += (double)tradePrice * size;
        }

        /** Publishes the bars of a minute that has closed; returns the updated sequence. */
        long closeMinutes(final long nowMs, final FeedRecord r, final RecordSink<FeedRecord> sink, final long seqIn)
        {
            long seq = seqIn;
            if (minuteStart == Long.MIN_VALUE || nowMs < minuteStart + 60_000L)
            {
                return seq;
            }
            for (int n = 0; n < activeCount && (maxRecords == 0 || seq < maxRecords); n++)
            {
                final int i = active[n];
                r.clear();
                r.kind = RecordKind.BAR_MINUTE;
                r.symbol = symbols[i];
                r.srcName = name;
                r.open = barOpen[i];
                r.high = barHigh[i];
                r.low = barLow[i];
                r.close = barClose[i];
                r.volume = barVolume[i];
                r.vwap = barVolume[i] > 0 ? Math.round(barNotional[i] / barVolume[i]) : Fixed.NULL;
                r.start = minuteStart;
                r.end = minuteStart + 60_000L;
                r.srcSeq = ++seq;
                r.recvUs = EpochClock.micros();
                sink.publish(r);
                isActive[i] = false;
            }
            activeCount = 0;
            minuteStart = nowMs - Math.floorMod(nowMs, 60_000L);
            return seq;
        }
    }

    /** Collects the settings; each setter names its configuration key. Not thread-safe. */
    public static final class Builder
    {
        private String name = "sim";
        private int symbols = SourceKeys.SIMULATOR_SYMBOLS.defaultInt();
        private long rate = SourceKeys.SIMULATOR_RATE.defaultLong();
        private RateProfile profile;
        private long seed = SourceKeys.SIMULATOR_SEED.defaultLong();
        private long maxRecords = SourceKeys.SIMULATOR_MAX_RECORDS.defaultLong();
        private long simulatedFromMs = PACED;

        private Builder()
        {
        }

        /** {@code source.name}: carried on every event. Default {@code sim}. */
        public Builder name(final String value)
        {
            name = value;
            return this;
        }

        /** {@code simulator.symbols}: 1..456,976. Default 8,000. */
        public Builder symbols(final int value)
        {
            symbols = value;
            return this;
        }

        /** {@code simulator.rate}: trade and FMV records per second, steady, 1..10,000,000. Default 20,000. */
        public Builder rate(final long value)
        {
            rate = value;
            profile = null;
            return this;
        }

        /** A rate that changes over time (a surge: {@code simulator.rate} and {@code simulator.surge.*}). */
        public Builder rate(final RateProfile value)
        {
            profile = java.util.Objects.requireNonNull(value, "rate");
            return this;
        }

        /** {@code simulator.seed}: the same seed gives the same symbols, prices and sizes. Default 1. */
        public Builder seed(final long value)
        {
            seed = value;
            return this;
        }

        /** {@code simulator.maxRecords}: stop after this many records, bars included; 0 (the default) runs until stopped. */
        public Builder maxRecords(final long value)
        {
            maxRecords = value;
            return this;
        }

        /**
         * Runs unpaced on a simulated clock from {@code startMs} (ms since the epoch), one
         * millisecond of event time per trade or FMV: a minute's bars every 60,000 records, as
         * fast as the pipeline takes them. The rate is then ignored, and receive stamps are the
         * wall clock at publishing. For warming a throwaway pipeline up (the example server's
         * {@code server.warmUpRecords}) and for tests; not a configuration key.
         */
        public Builder simulatedFrom(final long startMs)
        {
            if (startMs == PACED)
            {
                throw new IllegalArgumentException("simulatedFrom: " + startMs + " is out of range");
            }
            simulatedFromMs = startMs;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
        public SimulatorSource build()
        {
            java.util.Objects.requireNonNull(name, "source.name");
            SourceKeys.SIMULATOR_SYMBOLS.check(symbols);
            if (maxRecords < 0)
            {
                throw new IllegalArgumentException("simulator.maxRecords: " + maxRecords +
                    " is out of range; allowed: 0 (no limit) or more");
            }
            return new SimulatorSource(this, profile != null ? profile : RateProfile.steady(rate));
        }
    }
}
