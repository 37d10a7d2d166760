package io.tickstock.channels.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.tickstock.channels.feed.FeedMessages.fmv;
import static io.tickstock.channels.feed.FeedMessages.minuteBar;
import static io.tickstock.channels.feed.FeedMessages.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The source-level rejects of the feed format (docs/protocol.md §1): a message that is not one JSON
 * object or array, or an element that is not an object, is {@code malformed}; a record without a
 * string {@code ev} or missing a required field or with a field of the wrong type is
 * {@code malformed}; an unknown {@code ev} is {@code unknown_type}. Each takes its position in the
 * stream.
 */
class FeedDecoderRejectTest
{
    private final FeedDecoder decoder = new FeedDecoder("feed");
    private final RecordingSink sink = new RecordingSink(decoder);

    private void decode(final String... messages)
    {
        sink.decode(messages);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{",
        "{\"ev\":\"T\",",
        "[{\"ev\":\"T\"}",
        "{\"ev\":\"T\"} {\"ev\":\"T\"}",
        "{\"ev\":\"T\"}x",
        "{'ev':'T'}",
        "{\"p\":NaN}",
        "42",
        "\"T\"",
        "null",
        "true"})
    void shouldCountAMessageThatIsNotOneJsonObjectOrArrayAsOneMalformedRecord(final String message)
    {
        decode(message);

        assertEquals(List.of("malformed@1"), sink.log);
    }

    /** A complete, valid trade with anything but blanks after it is not one JSON value: nothing is published. */
    @ParameterizedTest
    @ValueSource(strings = {" {\"ev\":\"T\"}", "x", ",", "]", "}", " 1", " {", "\"a\""})
    void shouldPublishNothingOfAValidTradeFollowedByMore(final String after)
    {
        decode(trade("") + after);

        assertEquals(List.of("malformed@1"), sink.log);
    }

    @Test
    void shouldCountEveryArrayElementThatIsNotAnObjectAsMalformed()
    {
        decode("[1, " + trade("") + ", \"x\", [ " + trade("") + " ], null, {}, " + fmv("") + "]");

        assertEquals(List.of("malformed@1", "malformed@3", "malformed@4", "malformed@5", "malformed@6"), sink.rejects());
        assertEquals(List.of(2L, 7L), sink.records().stream().map(Decoded::srcSeq).toList());
        assertEquals(7, decoder.position());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1}",
        "{\"ev\":null,\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1}",
        "{\"ev\":5,\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1}",
        "{\"ev\":[\"T\"],\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1}"})
    void shouldRejectARecordWithoutAStringEvAsMalformed(final String message)
    {
        decode(message);

        assertEquals(List.of("malformed@1"), sink.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q", "t", "TRADE", "", "AM "})
    void shouldRejectAnUnknownEvAsUnknownType(final String ev)
    {
        decode("{\"ev\":\"" + ev + "\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1}");

        assertEquals(List.of("unknown_type@1"), sink.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // missing required fields
        "{\"ev\":\"T\",\"p\":1,\"s\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"s\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1}",
        // a required null counts as absent
        "{\"ev\":\"T\",\"sym\":null,\"p\":1,\"s\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":null,\"s\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":null,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":null}",
        // wrong types of required fields
        "{\"ev\":\"T\",\"sym\":5,\"p\":1,\"s\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":\"1\",\"s\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":true,\"s\":1,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1.5,\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":\"1\",\"t\":1}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1.5}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":99999999999999999999}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":{}}",
        // wrong types of optional fields
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"i\":5}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"x\":\"a\"}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"x\":1.5}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"q\":\"7\"}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"c\":[1,\"a\"]}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"c\":[1.5]}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"c\":[[1]]}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"c\":5}",
        "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1,\"s\":1,\"t\":1,\"z\":\"a\"}"})
    void shouldRejectATradeMissingARequiredFieldOrWithAFieldOfTheWrongTypeAsMalformed(final String message)
    {
        decode(message);

        assertEquals(List.of("malformed@1"), sink.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sym", "o", "h", "l", "c", "v", "s", "e"})
    void shouldRejectABarMissingARequiredFieldAsMalformed(final String field)
    {
        final String full = minuteBar("");
        final String without = full.replaceFirst("\"" + field + "\":[^,}]+,?", "").replace(",}", "}");
        decode(without, full.replaceFirst("\"" + field + "\":[^,}]+", "\"" + field + "\":null"));

        assertEquals(List.of("malformed@1", "malformed@2"), sink.log, without);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"o\":\"10\"", "\"v\":1.5", "\"s\":\"x\"", "\"e\":1.5", "\"vw\":\"a\"", "\"av\":\"a\"",
        "\"op\":[]", "\"a\":{}", "\"z\":\"a\""})
    void shouldRejectABarWithAFieldOfTheWrongTypeAsMalformed(final String field)
    {
        // a later duplicate key replaces the earlier value
        decode(minuteBar(field));

        assertEquals(List.of("malformed@1"), sink.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"ev\":\"FMV\",\"fmv\":1,\"t\":1}",
        "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"t\":1}",
        "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":1}",
        "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":null,\"t\":1}",
        "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":\"1\",\"t\":1}",
        "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":1,\"t\":1.5}"})
    void shouldRejectAnFmvMissingARequiredFieldOrWithAFieldOfTheWrongTypeAsMalformed(final String message)
    {
        decode(message);

        assertEquals(List.of("malformed@1"), sink.log);
    }
}
