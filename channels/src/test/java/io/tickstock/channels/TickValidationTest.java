package io.tickstock.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tickstock.channels.Expected.tradeEvent;
import static io.tickstock.channels.Expected.high;
import static io.tickstock.channels.Feed.T0;
import static io.tickstock.channels.Feed.trade;
import static io.tickstock.channels.MarketPipeline.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tick channel's checks, in their order (docs/semantics.md §2): {@code bad_symbol}, {@code
 * bad_price}, {@code bad_size}, {@code bad_time}, through the real pipeline.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TickValidationTest
{
    @Test
    void shouldRejectInvalidSymbolsAsBadSymbol() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("aapl", "10", 1, T0),
            trade("", "10", 1, T0),
            trade("1ABC", "10", 1, T0),
            trade("ABCDEFGHIJKLMNOPQ", "10", 1, T0),
            trade("AB CD", "10", 1, T0),
            trade(".A", "10", 1, T0),
            trade("BRK.B", "10", 1, T0),
            trade("ABCDEFGHIJKLMNOP", "10", 1, T0),
            trade("A-1", "10", 1, T0));

        assertEquals("received=9 accepted=3 duplicates=0 rejected=6", run.outcomes(TICK));
        assertEquals("bad_symbol=6", run.rejects(TICK));
        assertEquals(List.of(
            tradeEvent("BRK.B", T0, "10", 1),
            tradeEvent("ABCDEFGHIJKLMNOP", T0, "10", 1),
            tradeEvent("A-1", T0, "10", 1)), run.describe(TICK));
    }

    @Test
    void shouldRejectPriceThatIsNotPositiveOrNotFiniteAfterFixedPointRounding() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "0", 1, T0),
            trade("AAPL", "-1.5", 1, T0 + 1),
            trade("AAPL", "1e400", 1, T0 + 2),
            trade("AAPL", "99999999999999999999", 1, T0 + 3),
            trade("AAPL", "9223372036855", 1, T0 + 4),
            trade("AAPL", "0.0000004", 1, T0 + 5),
            trade("AAPL", "0.0000005", 1, T0 + 6),
            trade("AAPL", "1.5e2", 1, T0 + 7));

        assertEquals("received=8 accepted=2 duplicates=0 rejected=6", run.outcomes(TICK));
        assertEquals("bad_price=6", run.rejects(TICK));
        assertEquals(List.of(
            tradeEvent("AAPL", T0 + 6, "0.000001", 1),
            tradeEvent("AAPL", T0 + 7, "150", 1),
            high("AAPL", T0 + 7, "150", "0.000001", 1)), run.describe(TICK));
    }

    @Test
    void shouldRejectNegativeSizeAsBadSizeAndAcceptZeroSize() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", -1, T0),
            trade("AAPL", "10", 0, T0 + 1));

        assertEquals("received=2 accepted=1 duplicates=0 rejected=1", run.outcomes(TICK));
        assertEquals("bad_size=1", run.rejects(TICK));
        assertEquals(List.of(tradeEvent("AAPL", T0 + 1, "10", 0)), run.describe(TICK));
    }

    @Test
    void shouldRejectTimeThatIsNotPositiveAsBadTime() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("AAPL", "10", 1, 0),
            trade("AAPL", "10", 1, -5),
            trade("AAPL", "10", 1, 1));

        assertEquals("received=3 accepted=1 duplicates=0 rejected=2", run.outcomes(TICK));
        assertEquals("bad_time=2", run.rejects(TICK));
        assertEquals(List.of(tradeEvent("AAPL", 1, "10", 1)), run.describe(TICK));
    }

    @Test
    void shouldNameTheFirstFailingCheckInTheListedOrder() throws InterruptedException
    {
        final PipelineRun run = PipelineRun.of(
            trade("bad", "0", -1, 0),
            trade("AAPL", "0", -1, 0),
            trade("AAPL", "10", -1, 0),
            trade("AAPL", "10", 1, 0));

        assertEquals("received=4 accepted=0 duplicates=0 rejected=4", run.outcomes(TICK));
        assertEquals("bad_symbol=1 bad_price=1 bad_size=1 bad_time=1", run.rejects(TICK));
        assertEquals(List.of(), run.events());
    }
}
