package io.tickstock.channels;

import java.util.List;

import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.bar;
import static io.tickstock.channels.MarketPipeline.OHLCV;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Feeds, runs and expected events for the ohlcv channel's rollup tests ({@link RollupTest}, {@link
 * RollupRevisionTest}): 1m bars by minute number from a 15-minute boundary, the bar and rollup
 * events they should give as text, and the source context of an event.
 */
final class Rollups
{
    /** A 15-minute boundary (so also a 5-minute one): 2023-11-14T15:00:00Z. */
    private static final long M0 = T0;
    private static final long MINUTE = 60_000L;

    private Rollups()
    {
    }

    static long minute(final int n)
    {
        return M0 + n * MINUTE;
    }

    static MarketConfig.Builder rollups()
    {
        return PipelineRun.basicRules().ohlcvRollups(List.of("5m", "15m"));
    }

    static PipelineRun run(final MarketConfig.Builder config, final List<String> messages) throws InterruptedException
    {
        return PipelineRun.run(config.build(), List.of(new ListSource("feed", messages)));
    }

    /** A 1m bar of minute n; {@code ohlc} is "o h l c"; {@code vw} is null or the vw text. */
    static String minuteBar(final String symbol, final int n, final String ohlc, final long v, final String vw)
    {
        final String[] p = ohlc.split(" ");
        return bar("AM", symbol, p[0], p[1], p[2], p[3], v, minute(n), minute(n + 1), vw == null ? "" : "\"vw\":" + vw);
    }

    /** A 1m bar of minute n with o = h = l = c = price and vw = price. */
    static String flatMinuteBar(final String symbol, final int n, final String price, final long v)
    {
        return minuteBar(symbol, n, price + " " + price + " " + price + " " + price, v, price);
    }

    static String barEvent(final String symbol, final String tf, final long start, final long end,
        final String ohlc, final long v, final String vw, final String pct, final String relVol, final boolean revised)
    {
        final String[] p = ohlc.split(" ");
        return "bar " + symbol + " ts=" + end + " tf=" + tf + " start=" + start + " end=" + end + " o=" + p[0] +
            " h=" + p[1] + " l=" + p[2] + " c=" + p[3] + " v=" + v + " vw=" + vw + " pct=" + pct + " relVol=" + relVol +
            " revised=" + revised;
    }

    static String minuteEvent(final String symbol, final int n, final String ohlc, final long v, final String vw,
        final String pct, final String relVol, final boolean revised)
    {
        return barEvent(symbol, "1m", minute(n), minute(n + 1), ohlc, v, vw, pct, relVol, revised);
    }

    static String flatMinuteEvent(final String symbol, final int n, final String price, final long v, final String relVol)
    {
        return minuteEvent(symbol, n, price + " " + price + " " + price + " " + price, v, price, "0", relVol, false);
    }

    /** A rollup event: relVol is always null. */
    static String rollup(final String symbol, final int minutes, final int startMinute, final String ohlc,
        final long v, final String vw, final String pct, final boolean revised)
    {
        return barEvent(symbol, minutes + "m", minute(startMinute), minute(startMinute + minutes), ohlc, v, vw, pct, "null",
            revised);
    }

    /** The source context of an event: the source, its position in the stream (1-based), its receive time. */
    static String src(final MarketEvent event)
    {
        return event.srcName + "#" + event.srcSeq + "@" + event.recvUs;
    }

    /** The source context of the n-th (0-based) message of a {@link ListSource} named feed. */
    static String feedMessage(final int n)
    {
        return "feed#" + (n + 1) + "@" + ListSource.recvUs(n);
    }

    static MarketEvent only(final PipelineRun run, final String tf, final boolean revised, final int startMinute)
    {
        final List<MarketEvent> found = run.events(OHLCV).stream()
            .filter(e -> e.tf.equals(tf) && e.revised == revised && e.start == minute(startMinute)).toList();
        assertEquals(1, found.size(), tf + " " + startMinute);
        return found.get(0);
    }
}
