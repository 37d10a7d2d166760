package io.tickstock.channels.feed;

import io.tickstock.channels.FeedRecord;
import io.tickstock.channels.Fixed;
import io.tickstock.channels.RecordKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.tickstock.channels.feed.FeedMessages.RECV_US;
import static io.tickstock.channels.feed.FeedMessages.T0;
import static io.tickstock.channels.feed.FeedMessages.fmv;
import static io.tickstock.channels.feed.FeedMessages.minuteBar;
import static io.tickstock.channels.feed.FeedMessages.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Decoding the feed format (docs/protocol.md §1): each kind of record with its fields, arrays and
 * blanks, the stream position each record takes, and the decoder's reuse of its record and symbol
 * cache. {@link FeedDecoderRejectTest} has what the decoder rejects.
 */
class FeedDecoderTest
{
    private final FeedDecoder decoder = new FeedDecoder("feed");
    private final RecordingSink sink = new RecordingSink(decoder);

    private void decode(final String... messages)
    {
        sink.decode(messages);
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
    @ValueSource(strings = {" ", "\t", "\r\n", " \n "})
    void shouldDecodeAValidTradeWithBlanksAroundIt(final String blank)
    {
        decode(blank + trade("") + blank);

        assertEquals(List.of(Decoded.trade("AAPL", 187_420_000L, 100, T0, null, FeedRecord.NO_EXCHANGE, 1, RECV_US)), sink.log);
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

    /**
     * A trade id that is a number in canonical form arrives as {@code tradeNumber}, with no String
     * (docs/semantics.md, "Duplicates"), from the plain scanner and from Jackson alike; any other id
     * stays text, "007" included (a different id from "7"), as does a number past 2^56 - 1.
     */
    @ParameterizedTest
    @CsvSource({
        "7, 7,",
        "0, 0,",
        "3681328, 3681328,",
        "72057594037927935, 72057594037927935,",
        "72057594037927936, -1, 72057594037927936",
        "007, -1, 007",
        "abc, -1, abc",
        "12a, -1, 12a",
        "-5, -1, -5",
    })
    void shouldCarryANumericTradeIdAsANumber(final String id, final long number, final String text)
    {
        for (final FeedDecoder reader : List.of(new FeedDecoder("feed"), FeedDecoder.jacksonOnly("feed")))
        {
            final CopiedRecords sink = new CopiedRecords();
            reader.decode(trade("\"i\":\"" + id + "\",\"x\":4"), RECV_US, sink);
            final List<FeedRecord> records = sink.records;
            assertEquals(1, records.size());
            assertEquals(number, records.get(0).tradeNumber, id);
            assertEquals(text, records.get(0).tradeId, id);
            assertEquals(id, records.get(0).tradeIdText(), id);
        }
    }

    @Test
    void shouldStartEachRecordFromClearedFields()
    {
        decode(trade("\"i\":\"abc\",\"x\":4"), trade("\"i\":\"12\""), trade(""));

        assertEquals("12", sink.records().get(1).tradeId());
        assertEquals(FeedRecord.NO_EXCHANGE, sink.records().get(1).exchange());
        final Decoded second = sink.records().get(2);
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
