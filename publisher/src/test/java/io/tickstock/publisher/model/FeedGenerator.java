package io.tickstock.publisher.model;

import io.tickstock.publisher.model.FeedDraft.SentFmv;
import io.tickstock.publisher.model.FeedDraft.SentTrade;
import io.tickstock.publisher.model.FeedDraft.Sym;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.tickstock.publisher.model.FeedDraft.MINUTE;
import static io.tickstock.publisher.model.FeedDraft.price;

/**
 * Seeded generator of NDJSON feeds (docs/protocol.md §1) for the reference-model test: a few
 * hundred to a few thousand records over a handful of symbols, from two source names, around
 * midnight in New York between 2023-11-14 and 2023-11-15. It mixes ordinary traffic with every case
 * docs/semantics.md §1 to §4 has a rule for: duplicates within a source and across the two, trades
 * without ids, out-of-order trades (some more than 60 s older than the latest), trades of the
 * previous session after the new one started, bursts that fire trend and surge both ways, identical
 * and revised bars, late, misaligned and out-of-order bars, 1s bars, FMV outliers, stale and
 * duplicate updates, and a bad record for every reject reason. The same seed gives the same feed.
 * This class picks what comes next and makes the records at a rule's edge; {@link TradeLines},
 * {@link BarLines}, {@link FmvLines} and {@link BadRecords} make each kind of line.
 *
 * <p>Not thread-safe: one instance per feed.
 */
public final class FeedGenerator
{
    public static final List<String> SOURCE_NAMES = List.of("feedA", "feedB");
    /** 2023-11-15T05:00:00Z: midnight in New York (EST), between the 2023-11-14 and 2023-11-15 sessions. */
    public static final long NY_MIDNIGHT = 1_700_024_400_000L;

    private static final String[] SYMBOLS = {"AAPL", "MSFT", "SPY", "BRK.B", "QQQ", "X", "BF-B", "NVDA"};
    private static final long[] BASE_PIPS = {1_874_200, 3_696_700, 4_501_200, 3_542_000, 3_855_000, 354_000, 589_000, 4_965_600};

    /** One feed message and the index of the source name it comes from. */
    public record Line(int source, String text)
    {
    }

    private final FeedDraft feed;
    private final SplittableRandom rnd;
    private final TradeLines trades;
    private final BarLines bars;
    private final FmvLines fmvs;
    private final int target;
    private final long avgStepMs;
    private long lastMinute;
    private boolean clockJumped;

    private FeedGenerator(final long seed)
    {
        feed = new FeedDraft(seed);
        rnd = feed.rnd;
        trades = new TradeLines(feed);
        bars = new BarLines(feed);
        fmvs = new FmvLines(feed);
        target = 200 + rnd.nextInt(2300);
        final long span = 8 * MINUTE + rnd.nextLong(50 * MINUTE);
        avgStepMs = Math.max(50, span / target);
        feed.now = NY_MIDNIGHT - MINUTE - rnd.nextLong(span - 2 * MINUTE) + rnd.nextLong(1000);
        lastMinute = Math.floorDiv(feed.now, MINUTE);
        final int count = 3 + rnd.nextInt(4);
        final List<Integer> pool = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        for (int n = 0; n < count; n++)
        {
            final int pick = pool.remove(rnd.nextInt(pool.size()));
            feed.syms.add(new Sym(SYMBOLS[pick], BASE_PIPS[pick]));
        }
        if (rnd.nextBoolean())
        {
            feed.syms.get(feed.syms.size() - 1).tradesUntil = target / 4;
        }
        feed.syms.get(0).quiet = rnd.nextInt(3) == 0;
    }

    /** The feed for a seed, in feed order. */
    public static List<Line> generate(final long seed)
    {
        return new FeedGenerator(seed).run();
    }

    private List<Line> run()
    {
        while (feed.lines.size() < target)
        {
            advance();
            step();
        }
        return feed.lines;
    }

    private void advance()
    {
        long dt = trades.inBurst() ? 30 + rnd.nextLong(900) : rnd.nextLong(2 * avgStepMs + 1);
        if (rnd.nextInt(150) == 0)
        {
            dt += 60_000 + rnd.nextLong(120_000);
        }
        feed.now += dt;
        final long minute = Math.floorDiv(feed.now, MINUTE);
        while (lastMinute < minute)
        {
            lastMinute++;
            bars.minuteBars((lastMinute - 1) * MINUTE);
        }
    }

    private void step()
    {
        final int roll = rnd.nextInt(1000);
        if (trades.inBurst() && roll < 700)
        {
            trades.burstTrade();
        }
        else if (roll < 470)
        {
            feed.emit(feed.source(), trades.trade(feed.tradingSym(), feed.now + rnd.nextLong(3), rnd.nextInt(30) == 0));
        }
        else if (roll < 490)
        {
            trades.startBurst();
        }
        else if (roll < 550)
        {
            trades.resendTrade();
        }
        else if (roll < 570)
        {
            trades.sameIdOtherTime();
        }
        else if (roll < 600)
        {
            feed.emit(feed.source(),
                trades.trade(feed.tradingSym(), feed.now - 1 - rnd.nextLong(rnd.nextBoolean() ? 59_000 : 150_000), false));
        }
        else if (roll < 620)
        {
            trades.previousSession();
        }
        else if (roll < 660)
        {
            bars.secondBars();
        }
        else if (roll < 690)
        {
            bars.reviseOrRepeatBar();
        }
        else if (roll < 705)
        {
            bars.oldBar();
        }
        else if (roll < 720)
        {
            final Sym sym = feed.randomSym();
            feed.emit(feed.source(), BadRecords.bar(rnd, sym.name, sym.pips, feed.now));
        }
        else if (roll < 800)
        {
            feed.emit(feed.source(), fmvs.fmv(feed.randomSym(), 0));
        }
        else if (roll < 815)
        {
            feed.emit(feed.source(), fmvs.fmv(feed.randomSym(), rnd.nextBoolean() ? 1 : -1));
        }
        else if (roll < 835)
        {
            fmvs.staleOrRepeatFmv();
        }
        else if (roll < 840)
        {
            feed.emit(feed.source(),
                FmvLines.fmvLine("ZZZ", 1_000_000 + rnd.nextLong(10_000), feed.now * 1_000_000L + rnd.nextLong(1_000_000)));
        }
        else if (roll < 870)
        {
            final Sym sym = feed.randomSym();
            feed.emit(feed.source(), BadRecords.trade(rnd, sym.name, sym.pips, feed.now));
        }
        else if (roll < 880)
        {
            final Sym sym = feed.randomSym();
            feed.emit(feed.source(), BadRecords.fmv(rnd, sym.name, sym.pips, feed.now));
        }
        else if (roll < 900)
        {
            feed.emit(feed.source(), BadRecords.sourceReject(rnd, feed.randomSym().name, feed.now));
        }
        else if (roll < 905)
        {
            feed.emit(feed.source(), "[" + trades.trade(feed.tradingSym(), feed.now, false) + "," +
                fmvs.fmv(feed.randomSym(), 0) +
                (rnd.nextBoolean() ? ",42" : "") + "]");
        }
        else if (roll < 908)
        {
            feed.emit(feed.source(), rnd.nextBoolean() ? "" : "   ");
        }
        else if (roll < 940)
        {
            boundary();
        }
        else if (roll < 941 && !clockJumped && rnd.nextInt(4) == 0)
        {
            clockJumped = true;
            final long s = Math.floorDiv(feed.now, 1000) * 1000 + 600_000 + rnd.nextLong(900) * 1000;
            feed.emit(feed.source(), bars.newBar("A", feed.randomSym(), s, s + 1000).text());
        }
        else
        {
            feed.emit(feed.source(), trades.trade(feed.tradingSym(), feed.now, false));
        }
    }

    /**
     * A record exactly on (or 1 ms past) the edge of a rule: a trade a window after an earlier one
     * (trend reference, surge window, volRatio's two windows, cooldowns), the same (x, i) exactly 60 s
     * away, a trade exactly 60 s older than the symbol's latest, an FMV exactly 15 minutes after the
     * last trade, a trade at midnight.
     */
    private void boundary()
    {
        final List<SentTrade> sent = feed.trades;
        final Sym sym = feed.tradingSym();
        final int edge = rnd.nextInt(2);
        switch (rnd.nextInt(8))
        {
            case 0:
            {
                final long[] gaps = {10_000, 20_000, 30_000, 60_000};
                final long gap = gaps[rnd.nextInt(gaps.length)] + edge;
                final boolean afterBurst = rnd.nextBoolean();
                for (int i = sent.size() - 1; i >= 0 && i >= sent.size() - 400; i--)
                {
                    final SentTrade old = sent.get(i);
                    if (old.symbol().equals(sym.name) && old.t() + gap <= feed.now + 1000 && old.t() + gap >= feed.now - 3000 &&
                        (old.burst() || !afterBurst))
                    {
                        feed.emit(feed.source(),
                            trades.tradeLine(sym, trades.quantize(sym.pips), 1 + rnd.nextInt(400), old.t() + gap));
                        return;
                    }
                }
                feed.emit(feed.source(), trades.trade(sym, feed.now, false));
                return;
            }
            case 1:
            {
                final SentTrade old = feed.pickRecent(sent);
                if (old != null && old.id() != null)
                {
                    final long t = old.t() + (rnd.nextBoolean() ? 1 : -1) * (60_000 + edge);
                    feed.emit(feed.source(),
                        TradeLines.renderTrade(old.symbol(), price(old.pips()), old.size(), t, old.id(), old.x(), ""));
                }
                return;
            }
            case 2:
                if (sym.lastTradeT != Long.MIN_VALUE)
                {
                    feed.emit(feed.source(),
                        trades.tradeLine(sym, trades.quantize(sym.pips), 1 + rnd.nextInt(400), sym.lastTradeT - 60_000 - edge));
                }
                return;
            case 3:
                if (sym.lastTradeT != Long.MIN_VALUE)
                {
                    final long tNs = (sym.lastTradeT + 900_000 + edge) * 1_000_000L + rnd.nextLong(1_000_000);
                    feed.emit(feed.source(),
                        fmvs.fmvLine(sym, Math.round(sym.lastTradePips * (1 + (rnd.nextDouble() - 0.5) * 0.2)), tNs));
                }
                return;
            case 4:
                feed.emit(feed.source(),
                    trades.tradeLine(sym, trades.quantize(sym.pips), 1 + rnd.nextInt(400), NY_MIDNIGHT - edge));
                return;
            case 5:
            {
                // A new latest trade 120 s after an earlier one with an id, then that one again: still
                // remembered (a duplicate) at exactly 120 s, forgotten (accepted) 1 ms later.
                for (int i = 0; i < sent.size(); i++)
                {
                    final SentTrade old = sent.get(i);
                    if (old.symbol().equals(sym.name) && old.id() != null && old.t() >= sym.lastTradeT - 120_000 &&
                        old.t() <= sym.lastTradeT - 100_000)
                    {
                        feed.emit(feed.source(),
                            trades.tradeLine(sym, trades.quantize(sym.pips), 1 + rnd.nextInt(400), old.t() + 120_000 + edge));
                        feed.emit(feed.source(), old.text());
                        return;
                    }
                }
                return;
            }
            case 6:
                if (sym.firstOfSessionT >= NY_MIDNIGHT && Math.abs(sym.firstOfSessionT + 20_000 - feed.now) < 5_000)
                {
                    feed.emit(feed.source(), trades.tradeLine(sym, trades.quantize(sym.pips), 1 + rnd.nextInt(20_000),
                        sym.firstOfSessionT + 20_000 - edge));
                }
                return;
            default:
            {
                // The same (t, fmv) as an accepted FMV about 60 s older than the newest: duplicate or stale.
                if (!sym.fmvs.isEmpty())
                {
                    final SentFmv newest = sym.fmvs.get(sym.fmvs.size() - 1);
                    feed.emit(feed.source(), fmvs.fmvLine(sym, newest.pips(), newest.tNs() + 60_000_000_000L + edge));
                    feed.emit(feed.source(), newest.text());
                }
                return;
            }
        }
    }
}
