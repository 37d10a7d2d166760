package io.tickstock.publisher.internal.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstock.channels.EventType;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.MarketEvent;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code stock_data} items and their derived fields, exactly as docs/compat.md defines them. */
class DashboardBatchTest
{
    /** 2023-11-14T15:00:00Z, 10:00:00 in New York. */
    private static final long T0 = 1_699_974_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardBatch batch = new DashboardBatch();
    private long lastId;

    private void publish(final MarketEvent event)
    {
        batch.event(event, ++lastId);
    }

    private static MarketEvent event(final EventType type, final String symbol, final long ts)
    {
        final MarketEvent e = new MarketEvent();
        e.type = type;
        e.symbol = symbol;
        e.ts = ts;
        return e;
    }

    private static MarketEvent trade(final String symbol, final String price, final long size, final long ts)
    {
        final MarketEvent e = event(EventType.TRADE, symbol, ts);
        e.price = Fixed.parse(price);
        e.size = size;
        e.lastPrice = e.price;
        return e;
    }

    private static MarketEvent extreme(final EventType type, final String symbol, final String price, final long count, final long ts)
    {
        final MarketEvent e = event(type, symbol, ts);
        e.price = Fixed.parse(price);
        e.count = count;
        return e;
    }

    private JsonNode cut(final Set<String> symbols) throws Exception
    {
        return JSON.readTree(batch.cut().json(JSON, symbols));
    }

    @Test
    void shouldDeriveEachItemsFieldsFromTheSymbolsSessionTrades() throws Exception
    {
        publish(trade("AAPL", "100", 100, T0));                              // id 1
        publish(trade("AAPL", "102", 300, T0 + 1_000));                      // id 2: VWAP (100*100 + 102*300) / 400 = 101.5
        publish(extreme(EventType.HIGH, "AAPL", "102", 1, T0 + 1_000));      // id 3
        publish(trade("AAPL", "99", 100, T0 + 2_000));                       // id 4: VWAP 50,500 / 500 = 101
        publish(extreme(EventType.LOW, "AAPL", "99", 1, T0 + 2_000));        // id 5: a reversal after the high
        final MarketEvent surge = event(EventType.SURGE, "AAPL", T0 + 2_500);
        surge.up = false;
        surge.pct = Fixed.parse("-2.5");
        surge.trigger = MarketEvent.TRIGGER_PRICE;
        publish(surge);                                                      // id 6

        final JsonNode data = cut(null);

        final JsonNode high = data.get("highs").get(0);
        assertEquals("{\"ticker\":\"AAPL\",\"type\":\"high\",\"price\":102.0,\"time\":\"10:00:01\",\"count\":1,\"count_up\":1," +
            "\"count_down\":0,\"percent_change\":2.0,\"vwap\":101.5,\"vwap_divergence\":0.4926,\"volume\":400,\"direction\":\"up\"," +
            "\"reversal\":false,\"trend_flag\":\"neutral\",\"surge_flag\":false,\"trend_strength\":\"strong\",\"event_key\":\"AAPL_high_3\"," +
            "\"label\":\"New High\",\"magnitude\":2.0,\"score\":40,\"trigger_type\":\"price\",\"timestamp\":1.699974001E9,\"event_id\":\"3\"}",
            high.toString());
        final JsonNode low = data.get("lows").get(0);
        assertEquals(-1.0, low.get("percent_change").asDouble());
        assertEquals(101.0, low.get("vwap").asDouble());
        assertEquals(-1.9802, low.get("vwap_divergence").asDouble());
        assertEquals(1, low.get("count_up").asLong());
        assertEquals(1, low.get("count_down").asLong());
        assertTrue(low.get("reversal").asBoolean(), "a low after a high reverses");
        assertEquals("moderate", low.get("trend_strength").asText(), "a 1 % move");
        final JsonNode down = data.get("surging").get("down").get(0);
        assertEquals("{\"ticker\":\"AAPL\",\"type\":\"surge\",\"price\":99.0,\"time\":\"10:00:02\",\"count\":1,\"count_up\":0,\"count_down\":1," +
            "\"percent_change\":-1.0,\"vwap\":101.0,\"vwap_divergence\":-1.9802,\"volume\":500,\"direction\":\"down\",\"reversal\":false," +
            "\"trend_flag\":\"neutral\",\"surge_flag\":true,\"trend_strength\":\"strong\",\"event_key\":\"AAPL_surge_6\",\"label\":\"Surge Down\"," +
            "\"magnitude\":2.5,\"score\":50,\"trigger_type\":\"price\",\"timestamp\":1.6999740025E9,\"event_id\":\"6\"}", down.toString());
        assertEquals("{\"highs\":1,\"lows\":1,\"trending\":{\"up\":0,\"down\":0},\"surging\":{\"up\":0,\"down\":1}}",
            data.get("frequencies").get("per_second").toString());
        final JsonNode activity = data.get("activity");
        assertEquals(1, activity.get("total_highs").asLong());
        assertEquals(1, activity.get("total_lows").asLong());
        assertEquals(3, activity.get("ticks_10sec").asLong(), "the three trades of the second just closed");
        assertEquals(3, activity.get("activity_ratio").get("current_rate").asLong());
        assertEquals("Low", activity.get("activity_level").asText());
    }

    @Test
    void shouldKeepTheNewestThousandItemsOfAListAndCountTheRest() throws Exception
    {
        for (int n = 1; n <= DashboardBatch.MAX_ITEMS + 5; n++)
        {
            publish(extreme(EventType.HIGH, "S" + n, "10", 1, T0));
        }

        final JsonNode highs = cut(null).get("highs");

        assertEquals(DashboardBatch.MAX_ITEMS, highs.size());
        assertEquals("6", highs.get(0).get("event_id").asText(), "the five oldest went");
        assertEquals(Long.toString(DashboardBatch.MAX_ITEMS + 5), highs.get(DashboardBatch.MAX_ITEMS - 1).get("event_id").asText());
        assertEquals(5, batch.droppedItems());
    }

    @Test
    void shouldGiveAFilteredConnectionItsSymbolsOnlyAndStartEachSecondEmpty() throws Exception
    {
        publish(extreme(EventType.HIGH, "AAPL", "10", 1, T0));
        publish(extreme(EventType.HIGH, "MSFT", "20", 1, T0));
        final DashboardBatch.Second second = batch.cut();

        final JsonNode filtered = JSON.readTree(second.json(JSON, Set.of("MSFT")));

        assertEquals(1, filtered.get("highs").size());
        assertEquals("MSFT", filtered.get("highs").get(0).get("ticker").asText());
        assertEquals(1, filtered.get("frequencies").get("per_second").get("highs").asInt());
        assertTrue(second.hasAny(Set.of("AAPL")));
        assertTrue(!second.hasAny(Set.of("TSLA")));
        assertTrue(batch.cut().isEmpty(), "the next second starts empty");
    }
}
