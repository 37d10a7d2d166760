package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import io.tickstock.core.source.RecordSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Decoding the feed format (docs/protocol.md §1) and the source-level rejects. */
class FeedDecoderTest
{
    private static final long T0 = 1_699_974_000_000L;
    private static final long RECV_US = 1_700_000_000_123_456L;

    /** A copy of the fields of one published record (the decoder reuses its record). */
    record Decoded(RecordKind kind, String symbol, long price, long size, long time, String tradeId, long exchange,
        long open, long high, long low, long close, long volume, long vwap, long start, long end, long fmv,
        String srcName, long srcSeq, long recvUs)
    {
        static Decoded of(final FeedRecord r)
        {
            return new Decoded(r.kind, r.symbol, r.price, r.size, r.time, r.tradeId, r.exchange, r.open, r.high, r.low,
                r.close, r.volume, r.vwap, r.start, r.end, r.fmv, r.srcName, r.srcSeq, r.recvUs);
        }

        static Decoded trade(final String symbol, final long price, final long size, final long time, final String tradeId,
            final long exchange, final long seq, final long recvUs)
        {
            return new Decoded(RecordKind.TRADE, symbol, price, size, time, tradeId, exchange, 0, 0, 0, 0, 0, Fixed.NULL, 0, 0,
                0, "feed", seq, recvUs);
        }

        static Decoded bar(final RecordKind kind, final String symbol, final long o, final long h, final long l, final long c,
            final long v, final long vw, final long start, final long end, final long seq, final long recvUs)
        {
            return new Decoded(kind, symbol, 0, 0, 0, null, FeedRecord.NO_EXCHANGE, o, h, l, c, v, vw, start, end, 0, "feed",
                seq, recvUs);
        }

        static Decoded fmv(final String symbol, final long fmv, final long time, final long seq, final long recvUs)
        {
            return new Decoded(RecordKind.FMV, symbol, 0, 0, time, null, FeedRecord.NO_EXCHANGE, 0, 0, 0, 0, 0, Fixed.NULL, 0,
                0, fmv, "feed", seq, recvUs);
        }
    }

    /** Records what the decoder hands over, in order: a {@link Decoded} or a reject reason with the position it took. */
    static final class RecordingSink implements RecordSink<FeedRecord>
    {
        final List<Object> log = new ArrayList<>();
        FeedDecoder decoder;

        @Override
        public void publish(final FeedRecord record)
        {
            log.add(Decoded.of(record));
        }

        @Override
        public void reject(final String reason)
        {
            log.add(reason + "@" + decoder.position());
        }

        List<Decoded> records()
        {
            return log.stream().filter(Decoded.class::isInstance).map(Decoded.class::cast).toList();
        }

        List<String> rejects()
        {
            return log.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
    }

    private final FeedDecoder decoder = new FeedDecoder("feed");
    private final RecordingSink sink = new RecordingSink();

    {
        sink.decoder = decoder;
    }

    private void decode(final String... messages)
    {
        for (final String message : messages)
        {
            decoder.decode(message, RECV_US, sink);
        }
    }

    private static String trade(final String fields)
    {
        return "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187.42,\"s\":100,\"t\":" + T0 + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String minuteBar(final String fields)
    {
        return "{\"ev\":\"AM\",\"sym\":\"AAPL\",\"o\":10,\"h\":11,\"l\":9.5,\"c\":10.5,\"v\":1000,\"s\":" + T0 + ",\"e\":" +
            (T0 + 60_000) + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String fmv(final String fields)
    {
        return "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":187.5,\"t\":" + T0 * 1_000_000L +
            (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    @Test
    void shouldDecodeATradeWithEveryFieldAndUseQAsItsSequence()
    {
        decode(trade("\"i\":\"abc\",\"x\":4,\"q\":3681328,\"c\":[12,37],\"z\":3,\"unknown\":{\"nested\":[1,{}]}"));

        assertEquals(List.of(Decoded.trade("AAPL", 187_420_000L, 100, T0, "abc", 4, 3_681_328L, RECV_US)), sink.log);
        assertEquals(1, decoder.position());
    }

    @Test
    void shouldDecodeATradeWithoutOptionalFieldsWithItsStreamPositionAsSequence()
    {
        decode(trade(""), trade(""));

        assertEquals(List.of(
            Decoded.trade("AAPL", 187_420_000L, 100, T0, null, FeedRecord.NO_EXCHANGE, 1, RECV_US),
            Decoded.trade("AAPL", 187_420_000L, 100, T0, null, FeedRecord.NO_EXCHANGE, 2, RECV_US)), sink.log);
    }

    @Test
    void shouldTreatNullOptionalTradeFieldsAsAbsent()
    {
        decode(trade("\"i\":null,\"x\":null,\"q\":null,\"c\":null,\"z\":null"));

        assertEquals(List.of(Decoded.trade("AAPL", 187_420_000L, 100, T0, null, FeedRecord.NO_EXCHANGE, 1, RECV_US)), sink.log);
    }

    @Test
    void shouldDecodeMinuteAndSecondBarsWithOptionalVwap()
    {
        decode(
            minuteBar("\"vw\":10.25,\"av\":123456,\"op\":9.9,\"a\":10.1,\"z\":12"),
            minuteBar("\"vw\":null"),
            "{\"ev\":\"A\",\"sym\":\"MSFT\",\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":7,\"s\":" + T0 + ",\"e\":" + (T0 + 1000) + "}");

        assertEquals(List.of(
            Decoded.bar(RecordKind.BAR_MINUTE, "AAPL", 10_000_000L, 11_000_000L, 9_500_000L, 10_500_000L, 1000, 10_250_000L,
                T0, T0 + 60_000, 1, RECV_US),
            Decoded.bar(RecordKind.BAR_MINUTE, "AAPL", 10_000_000L, 11_000_000L, 9_500_000L, 10_500_000L, 1000, Fixed.NULL,
                T0, T0 + 60_000, 2, RECV_US),
            Decoded.bar(RecordKind.BAR_SECOND, "MSFT", 1_000_000L, 2_000_000L, 500_000L, 1_500_000L, 7, Fixed.NULL,
                T0, T0 + 1000, 3, RECV_US)), sink.log);
    }

    @Test
    void shouldDecodeAnFmvWithItsTimeInNanosecondsAndIgnoreQ()
    {
        decode(fmv("\"q\":99"));

        assertEquals(List.of(Decoded.fmv("AAPL", 187_500_000L, T0 * 1_000_000L, 1, RECV_US)), sink.log);
    }

    @Test
    void shouldDecodeEachObjectOfAnArrayAsOneRecordAndStampItsReceiveTime()
    {
        decoder.decode("[" + trade("") + "," + fmv("") + "," + minuteBar("") + "]", 11, sink);
        decoder.decode(trade(""), 22, sink);

        assertEquals(List.of(RecordKind.TRADE, RecordKind.FMV, RecordKind.BAR_MINUTE, RecordKind.TRADE),
            sink.records().stream().map(Decoded::kind).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), sink.records().stream().map(Decoded::srcSeq).toList());
        assertEquals(List.of(11L, 11L, 11L, 22L), sink.records().stream().map(Decoded::recvUs).toList());
        assertEquals(List.of("feed", "feed", "feed", "feed"), sink.records().stream().map(Decoded::srcName).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t  ", "[]", " [ ] "})
    void shouldProduceNoRecordForABlankLineOrAnEmptyArray(final String message)
    {
        decode(message);

        assertEquals(List.of(), sink.log);
        assertEquals(0, decoder.position());
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

    @ParameterizedTest
    @ValueSource(strings = {" ", "\t", "\r\n", " \n "})
    void shouldDecodeAValidTradeWithBlanksAroundIt(final String blank)
    {
        decode(blank + trade("") + blank);

        assertEquals(List.of(Decoded.trade("AAPL", 187_420_000L, 100, T0, null, FeedRecord.NO_EXCHANGE, 1, RECV_US)), sink.log);
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

    @Test
    void shouldIgnoreFieldsOfOtherRecordKinds()
    {
        decode(fmv("\"i\":5,\"x\":\"a\",\"c\":\"b\",\"vw\":\"c\""));

        assertEquals(List.of(Decoded.fmv("AAPL", 187_500_000L, T0 * 1_000_000L, 1, RECV_US)), sink.log);
    }

    @Test
    void shouldPassPricesThatDoNotFitFixedPointOnAsNotFiniteForTheChannelToReject()
    {
        decode(
            "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1e400,\"s\":1,\"t\":1}",
            "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":99999999999999999999,\"s\":1,\"t\":1}",
            "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":1.8742E2,\"s\":1,\"t\":1}",
            "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187,\"s\":1,\"t\":1}",
            "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187.4200005,\"s\":1,\"t\":1}");

        assertEquals(List.of(Fixed.NOT_FINITE, Fixed.NOT_FINITE, 187_420_000L, 187_000_000L, 187_420_001L),
            sink.records().stream().map(Decoded::price).toList());
    }

    @Test
    void shouldNumberEveryRecordInTheStreamIncludingRejectedOnes()
    {
        decode(
            trade(""),                          // 1
            "not json",                         // 2
            "",                                 // none
            "{\"ev\":\"X\"}",                   // 3
            "[" + trade("") + ", 7]",           // 4, 5
            trade("\"q\":1000"),                // 6, sequence 1000
            "{\"ev\":\"T\"}",                   // 7
            fmv(""));                           // 8

        assertEquals(List.of(
            "T@1", "malformed@2", "unknown_type@3", "T@4", "malformed@5", "T@1000", "malformed@7", "FMV@8"),
            sink.log.stream().map(entry -> entry instanceof Decoded d ? d.kind().ev() + "@" + d.srcSeq() : (String)entry)
                .toList());
        assertEquals(8, decoder.position());
    }

    @Test
    void shouldDecodeAMessageWithinAByteRange()
    {
        final byte[] data = ("xx" + trade("") + "yy").getBytes(StandardCharsets.UTF_8);

        decoder.decode(data, 2, data.length - 4, RECV_US, sink);

        assertEquals(List.of(Decoded.trade("AAPL", 187_420_000L, 100, T0, null, FeedRecord.NO_EXCHANGE, 1, RECV_US)), sink.log);
    }

    @Test
    void shouldStartEachRecordFromClearedFields()
    {
        decode(trade("\"i\":\"abc\",\"x\":4"), trade(""));

        final Decoded second = sink.records().get(1);
        assertNull(second.tradeId());
        assertEquals(FeedRecord.NO_EXCHANGE, second.exchange());
    }

    @Test
    void shouldDecodeEverySymbolExactlyWhenMoreSymbolsArriveThanTheDecoderCaches()
    {
        final List<String> expected = new ArrayList<>();
        for (int round = 0; round < 3; round++)
        {
            for (int n = 0; n < 5_000; n++)
            {
                final String symbol = "S" + (round == 1 ? 4_999 - n : n);
                expected.add(symbol);
                decode("{\"ev\":\"T\",\"sym\":\"" + symbol + "\",\"p\":1,\"s\":1,\"t\":1}");
            }
        }

        assertEquals(expected, sink.records().stream().map(Decoded::symbol).toList());
    }
}
