package io.tickstock.publisher.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fixed seeds of {@link ReferenceModelTest} must exercise every rule the model has: every reject
 * reason, duplicates in each channel, each event type and variant, and the corner cases the model
 * notes on the way (cooldowns, forgotten dedup keys, earlier sessions, re-emitted rollups, exact
 * window edges, ...). Runs the model only, so it is fast. The edges the generator rarely hits
 * (cooldowns ending exactly, volRatio exactly two windows in) are in {@link ReferenceModelCasesTest}.
 */
class FeedCoverageTest
{
    private static final List<String> EXPECTED = List.of(
        "source malformed", "source unknown_type",
        "tick rejected bad_symbol", "tick rejected bad_price", "tick rejected bad_size", "tick rejected bad_time",
        "tick duplicates", "tick event trade", "tick event high", "tick event low", "tick event trend", "tick event surge",
        "tick duplicate trade, same source", "tick duplicate trade, other source", "tick trade without id",
        "tick dedup key forgotten: accepted again", "tick same key beyond the dedup window: accepted",
        "tick trade of an earlier session", "tick later session started",
        "tick trade more than 60 s older than the latest: does not drive",
        "tick trend up", "tick trend down", "tick trend held back by its cooldown", "tick surge held back by its cooldown",
        "tick surge up volume", "tick surge down price", "tick surge up price", "tick surge up price_and_volume",
        "tick surge down price_and_volume", "tick surge up price volRatio null",
        "ohlcv rejected bad_symbol", "ohlcv rejected bad_bar", "ohlcv rejected misaligned", "ohlcv rejected late",
        "ohlcv duplicates", "ohlcv event bar", "ohlcv new bar 1m", "ohlcv new bar 1s", "ohlcv revision 1m", "ohlcv revision 1s",
        "ohlcv out-of-order bar 1m", "ohlcv relVol", "ohlcv relVol null: zero mean",
        "ohlcv rollup 5m", "ohlcv rollup 15m", "ohlcv rollup 5m closed by another symbol", "ohlcv rollup re-emitted 5m",
        "ohlcv rollup re-emitted 15m",
        "fmv rejected bad_symbol", "fmv rejected bad_price", "fmv rejected bad_time", "fmv rejected stale",
        "fmv rejected outlier", "fmv duplicates", "fmv event fmv", "fmv with a recent trade", "fmv with no trade",
        "fmv with a trade older than 15 min", "fmv undervalued", "fmv overvalued", "fmv fair", "fmv fair at exactly 1 %",
        "fmv exactly 5 % away: not an outlier",
        "tick edge: same key exactly 60 s apart", "tick edge: dedup key exactly 120 s older than the latest",
        "tick edge: trade exactly 60 s older than the latest drives", "tick edge: trade at midnight in New York",
        "tick edge: trend reference exactly a window before", "tick edge: a trade exactly on the surge window's start",
        "fmv edge: last trade exactly 15 min older", "fmv edge: duplicate of an fmv exactly 60 s older than the newest");

    @Test
    void shouldExerciseEveryRuleOverTheFixedSeeds()
    {
        final Map<String, Long> seen = new TreeMap<>();
        long lines = 0;
        for (long seed = 1; seed <= 200; seed++)
        {
            final List<FeedGenerator.Line> feed = FeedGenerator.generate(seed);
            lines += feed.size();
            final ReferenceModel model = ModelCheck.model(feed);
            seen.merge("source malformed", model.sourceRejects("malformed"), Long::sum);
            seen.merge("source unknown_type", model.sourceRejects("unknown_type"), Long::sum);
            for (final String channel : ReferenceModel.CHANNELS)
            {
                final Accounting a = model.accounting(channel);
                a.rejected.forEach((reason, n) -> seen.merge(channel + " rejected " + reason, n, Long::sum));
                a.events.forEach((type, n) -> seen.merge(channel + " event " + type, n, Long::sum));
                a.notes.forEach((note, n) -> seen.merge(channel + " " + note, n, Long::sum));
                seen.merge(channel + " duplicates", a.duplicates(), Long::sum);
            }
        }
        final List<String> missing = new ArrayList<>();
        for (final String rule : EXPECTED)
        {
            if (seen.getOrDefault(rule, 0L) == 0)
            {
                missing.add(rule);
            }
        }
        final StringBuilder counts = new StringBuilder("seeds 1..200, " + lines + " lines; rules seen:");
        seen.forEach((rule, n) -> counts.append("\n  ").append(rule).append(": ").append(n));
        assertEquals(List.of(), missing, () -> "rules no fixed seed exercises (" + counts + ")");
    }
}
