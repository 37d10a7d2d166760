package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.core.source.RecordSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A live feed's control messages ({@code "ev":"status"}, docs/feeds.md): with a status listener
 * they go to it, take no position and are never records; without one (a replay) they are
 * {@code unknown_type}, as before. Both of the decoder's paths, plain and Jackson, agree.
 */
class FeedDecoderStatusTest
{
    private static final long RECV_US = 1_700_000_000_123_456L;
    private static final String TRADE = "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187.5,\"s\":100,\"t\":1700000000000}";

    private final List<String> log = new ArrayList<>();

    private final RecordSink<FeedRecord> sink = new RecordSink<>()
    {
        @Override
        public void publish(final FeedRecord record)
        {
            log.add(record.kind.ev() + " " + record.symbol + " #" + record.srcSeq);
        }

        @Override
        public void reject(final String reason)
        {
            log.add(reason);
        }
    };

    private FeedDecoder decoder(final boolean jacksonOnly)
    {
        final FeedDecoder decoder = jacksonOnly ? FeedDecoder.jacksonOnly("feed") : new FeedDecoder("feed");
        decoder.statusListener((status, message) -> log.add("status " + status + " / " + message));
        return decoder;
    }

    @ParameterizedTest(name = "jacksonOnly={0}")
    @ValueSource(booleans = {false, true})
    void shouldHandStatusMessagesToTheListenerWithoutAPosition(final boolean jacksonOnly)
    {
        final FeedDecoder decoder = decoder(jacksonOnly);

        decoder.decode("[{\"ev\":\"status\",\"status\":\"connected\",\"message\":\"Connected Successfully\"}]", RECV_US, sink);
        decoder.decode("[" + TRADE + ",{\"ev\":\"status\",\"status\":\"success\",\"message\":\"subscribed to: T.*\"}," + TRADE + "]",
            RECV_US, sink);
        decoder.decode("{\"ev\":\"status\",\"message\":\"no status\"}", RECV_US, sink);
        decoder.decode("[{\"ev\":\"status\",\"status\":7}]", RECV_US, sink);
        decoder.decode("[{\"ev\":\"Q\",\"sym\":\"AAPL\"}," + TRADE + "]", RECV_US, sink);

        assertEquals(List.of(
            "status connected / Connected Successfully",
            "T AAPL #1",
            "status success / subscribed to: T.*",
            "T AAPL #2",
            "status null / no status",
            "status null / null",
            "unknown_type",
            "T AAPL #4"), log);
        assertEquals(4, decoder.position());
    }

    @Test
    void shouldHandleAStatusWithEscapesOnTheJacksonPath()
    {
        final FeedDecoder decoder = decoder(false);

        decoder.decode("[{\"ev\":\"status\",\"status\":\"auth_failed\",\"message\":\"bad \\\"key\\\"\"}]", RECV_US, sink);

        assertEquals(List.of("status auth_failed / bad \"key\""), log);
        assertEquals(0, decoder.position());
    }

    @Test
    void shouldRejectStatusMessagesAsUnknownWithoutAListener()
    {
        final FeedDecoder decoder = new FeedDecoder("replay");

        decoder.decode("{\"ev\":\"status\",\"status\":\"connected\"}", RECV_US, sink);
        decoder.decode(TRADE, RECV_US, sink);

        assertEquals(List.of("unknown_type", "T AAPL #2"), log);
    }
}
