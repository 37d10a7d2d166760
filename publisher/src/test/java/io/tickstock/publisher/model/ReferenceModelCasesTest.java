package io.tickstock.publisher.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small hand-made feeds on the edges of the rules, each worked out by hand from the documents:
 * first the {@link ReferenceModel} must give exactly the events written here (the model checked
 * against the spec), then the pipeline must agree with the model ({@link ModelCheck}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferenceModelCasesTest
{
    /** 2023-11-14T15:00:00Z: 10:00 in New York, on a 15-minute boundary. */
    private static final long T0 = 1_699_974_000_000L;

    private static FeedGenerator.Line a(final String text)
    {
        return new FeedGenerator.Line(0, text);
    }

    private static FeedGenerator.Line b(final String text)
    {
        return new FeedGenerator.Line(1, text);
    }

    private static String trade(final String price, final long size, final long t, final String extra)
    {
        return "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":" + price + ",\"s\":" + size + ",\"t\":" + t + extra + "}";
    }

    /** The model's events of a channel, each as {@code event SYMBOL priority=.. ts=.. field=value... src=name#seq}. */
    private static List<String> model(final List<FeedGenerator.Line> feed, final String channel)
    {
        final List<String> out = new ArrayList<>();
        ModelCheck.model(feed).events().stream().filter(e -> e.channel().equals(channel)).forEach(e -> out.add(describe(e.message())));
        return out;
    }

    private static String describe(final JsonNode m)
    {
        final StringBuilder out = new StringBuilder(m.get("event").asText()).append(' ').append(m.get("symbol").asText());
        final Iterator<Map.Entry<String, JsonNode>> fields = m.fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> field = fields.next();
            final String name = field.getKey();
            final JsonNode value = field.getValue();
            if (name.equals("src"))
            {
                out.append(" src=").append(value.get("name").asText()).append('#').append(value.get("seq").asLong());
            }
            else if (!List.of("type", "id", "event", "channel", "symbol").contains(name))
            {
                out.append(' ').append(name).append('=')
                    .append(value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText());
            }
        }
        return out.toString();
    }

    @Test
    void shouldFireTrendOnAReferenceExactlyAWindowBackAndAgainExactlyACooldownLater() throws Exception
    {
        final List<FeedGenerator.Line> feed = List.of(
            a(trade("100", 100, T0, "")),
            a(trade("100.5", 100, T0 + 60_000, "")),   // reference T0 exactly 60 s back: +0.5 % fires
            a(trade("101", 100, T0 + 119_999, "")),    // +1 % from T0, but 1 ms inside the up cooldown
            a(trade("101.5", 100, T0 + 120_000, "")),  // +0.995 % from T0+60 s, exactly a cooldown later: fires
            a(trade("100", 100, T0 + 180_000, "")));   // -1.48 %: a down trend, and a price surge

        assertEquals(List.of(
            "trade AAPL priority=3 ts=" + T0 + " price=100 size=100 src=feedA#1",
            "trade AAPL priority=3 ts=" + (T0 + 60_000) + " price=100.5 size=100 src=feedA#2",
            "high AAPL priority=1 ts=" + (T0 + 60_000) + " price=100.5 prev=100 count=1 src=feedA#2",
            "trend AAPL priority=2 ts=" + (T0 + 60_000) + " direction=up pct=0.5 windowS=60 src=feedA#2",
            "trade AAPL priority=3 ts=" + (T0 + 119_999) + " price=101 size=100 src=feedA#3",
            "high AAPL priority=1 ts=" + (T0 + 119_999) + " price=101 prev=100.5 count=2 src=feedA#3",
            "trade AAPL priority=3 ts=" + (T0 + 120_000) + " price=101.5 size=100 src=feedA#4",
            "high AAPL priority=1 ts=" + (T0 + 120_000) + " price=101.5 prev=101 count=3 src=feedA#4",
            "trend AAPL priority=2 ts=" + (T0 + 120_000) + " direction=up pct=0.995025 windowS=60 src=feedA#4",
            "trade AAPL priority=3 ts=" + (T0 + 180_000) + " price=100 size=100 src=feedA#5",
            "trend AAPL priority=2 ts=" + (T0 + 180_000) + " direction=down pct=-1.477833 windowS=60 src=feedA#5",
            "surge AAPL priority=1 ts=" + (T0 + 180_000) + " direction=down trigger=price volRatio=4.25 pct=-1.477833 windowS=10 src=feedA#5"),
            model(feed, "tick"));
        ModelCheck.assertPipelineMatchesModel("trend edges", "case-trend", feed);
    }

    @Test
    void shouldFireAVolumeSurgeExactlyTwoWindowsIntoTheSessionAndAgainExactlyACooldownLater() throws Exception
    {
        final List<FeedGenerator.Line> feed = List.of(
            a(trade("50", 1000, T0, "")),
            b(trade("50", 1000, T0 + 10_000, "")),
            a(trade("50", 30_000, T0 + 20_000, "")),   // two windows in: 30000 vs 2000 per window = 15x
            b(trade("50", 30_000, T0 + 49_999, "")),   // 3.75x, 1 ms inside the cooldown
            a(trade("50", 40_000, T0 + 50_000, "")));  // 8.75x, exactly a cooldown later

        assertEquals(List.of(
            "trade AAPL priority=3 ts=" + T0 + " price=50 size=1000 src=feedA#1",
            "trade AAPL priority=3 ts=" + (T0 + 10_000) + " price=50 size=1000 src=feedB#1",
            "trade AAPL priority=3 ts=" + (T0 + 20_000) + " price=50 size=30000 src=feedA#2",
            "surge AAPL priority=1 ts=" + (T0 + 20_000) + " direction=up trigger=volume volRatio=15 pct=0 windowS=10 src=feedA#2",
            "trade AAPL priority=3 ts=" + (T0 + 49_999) + " price=50 size=30000 src=feedB#2",
            "trade AAPL priority=3 ts=" + (T0 + 50_000) + " price=50 size=40000 src=feedA#3",
            "surge AAPL priority=1 ts=" + (T0 + 50_000) + " direction=up trigger=volume volRatio=8.75 pct=0 windowS=10 src=feedA#3"),
            model(feed, "tick"));
        ModelCheck.assertPipelineMatchesModel("surge edges", "case-surge", feed);
    }

    @Test
    void shouldRememberADedupKeyExactlyTwoWindowsOldAndForgetItOneMillisecondLater() throws Exception
    {
        final String first = trade("10", 1, T0, ",\"i\":\"a\",\"x\":1");
        final List<FeedGenerator.Line> feed = List.of(
            a(first),
            a(trade("10", 1, T0 + 120_000, ",\"i\":\"b\",\"x\":1")),
            b(first),                                                  // 120 s older than the latest: a duplicate
            a(trade("10", 1, T0 + 120_001, ",\"i\":\"c\",\"x\":1")),
            b(first));                                                 // 120.001 s older: forgotten, accepted

        assertEquals(List.of(
            "trade AAPL priority=3 ts=" + T0 + " price=10 size=1 src=feedA#1",
            "trade AAPL priority=3 ts=" + (T0 + 120_000) + " price=10 size=1 src=feedA#2",
            "trade AAPL priority=3 ts=" + (T0 + 120_001) + " price=10 size=1 src=feedA#3",
            "trade AAPL priority=3 ts=" + T0 + " price=10 size=1 src=feedB#2"),
            model(feed, "tick"));
        ModelCheck.assertPipelineMatchesModel("dedup horizon", "case-dedup", feed);
    }

    /**
     * A window whose first bar arrives after the clock already passed its end plus the allowed
     * lateness is closed at once: "a window is emitted once clock >= windowEnd + allowedLateness",
     * and the clock there is T0 + 16 min.
     */
    @Test
    void shouldEmitTheRollupsOfAWindowAlreadyClosedByTheClockWhenItsFirstBarArrives() throws Exception
    {
        final List<FeedGenerator.Line> feed = List.of(
            a("{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":10,\"h\":11,\"l\":9,\"c\":10.5,\"v\":100,\"vw\":10,\"s\":" + (T0 + 900_000) +
                ",\"e\":" + (T0 + 960_000) + "}"),
            a("{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":10,\"h\":10,\"l\":10,\"c\":10,\"v\":50,\"s\":" + T0 + ",\"e\":" + (T0 + 60_000) +
                "}"));

        assertEquals(List.of(
            "bar AAPL priority=3 ts=" + (T0 + 960_000) + " tf=1m o=10 h=11 l=9 c=10.5 v=100 vw=10 start=" + (T0 + 900_000) +
                " end=" + (T0 + 960_000) + " pct=5 relVol=null revised=false src=feedA#1",
            "bar AAPL priority=3 ts=" + (T0 + 60_000) + " tf=1m o=10 h=10 l=10 c=10 v=50 vw=null start=" + T0 +
                " end=" + (T0 + 60_000) + " pct=0 relVol=null revised=false src=feedA#2",
            "bar AAPL priority=3 ts=" + (T0 + 300_000) + " tf=5m o=10 h=10 l=10 c=10 v=50 vw=null start=" + T0 +
                " end=" + (T0 + 300_000) + " pct=0 relVol=null revised=false src=feedA#2",
            "bar AAPL priority=3 ts=" + (T0 + 900_000) + " tf=15m o=10 h=10 l=10 c=10 v=50 vw=null start=" + T0 +
                " end=" + (T0 + 900_000) + " pct=0 relVol=null revised=false src=feedA#2"),
            model(feed, "ohlcv"));
        ModelCheck.assertPipelineMatchesModel("rollup of a window closed before its first bar", "case-rollup-closed", feed);
    }

    /**
     * The largest price 6-decimal fixed point holds is 9,223,372,036,854.775807 (docs/semantics.md §1,
     * Numbers), in plain and exponent form alike; one micro more, or a price that rounds to it, is
     * not finite: {@code bad_price}.
     */
    @Test
    void shouldAcceptTheLargestFixedPointPriceAndRejectOneMicroMoreInEitherForm() throws Exception
    {
        final List<FeedGenerator.Line> feed = List.of(
            a(trade("9223372036854.775807", 1, T0, "")),
            a(trade("9.223372036854775807e12", 1, T0 + 1, "")),
            a(trade("9223372036854.775808", 1, T0 + 2, "")),
            a(trade("9223372036854.7758075", 1, T0 + 3, "")),   // rounds up to one micro more
            a(trade("9.223372036854775808e12", 1, T0 + 4, "")));

        assertEquals(List.of(
            "trade AAPL priority=3 ts=" + T0 + " price=9223372036854.775807 size=1 src=feedA#1",
            "trade AAPL priority=3 ts=" + (T0 + 1) + " price=9223372036854.775807 size=1 src=feedA#2"),
            model(feed, "tick"));
        assertEquals(3, ModelCheck.model(feed).accounting("tick").rejected("bad_price"));
        ModelCheck.assertPipelineMatchesModel("largest price", "case-largest-price", feed);
    }
}
