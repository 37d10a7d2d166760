package io.tickstock.channels;

import io.tickstock.channels.feed.FeedDecoder;
import io.tickstock.core.source.RecordSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A record's text ({@link FeedRecord#describe()}, as the quarantine shows it) renders its decoded fields. */
class FeedRecordTest
{
    private static List<String> decode(final String... lines)
    {
        final List<String> out = new ArrayList<>();
        final FeedDecoder decoder = new FeedDecoder("feed");
        final RecordSink<FeedRecord> sink = new RecordSink<>()
        {
            @Override
            public void publish(final FeedRecord record)
            {
                out.add(record.describe() + " | " + record + " | " + record.sourceName() + "#" + record.sourceSeq());
            }

            @Override
            public void reject(final String reason)
            {
                out.add(reason);
            }
        };
        for (final String line : lines)
        {
            decoder.decode(line, 1, sink);
        }
        return out;
    }

    @Test
    void shouldRenderEveryKindOfRecordByItsFields()
    {
        assertEquals(List.of(
            "T AAPL p=187.25 s=100 t=1700000000000 i=abc x=4 | T AAPL p=187.25 s=100 t=1700000000000 i=abc x=4 src=feed#1 | feed#1",
            "T MSFT p=0.000001 s=0 t=5 i=null x=null | T MSFT p=0.000001 s=0 t=5 i=null x=null src=feed#2 | feed#2",
            "AM SPY o=450 h=451.5 l=449.75 c=451 v=12000 vw=450.6 s=1699974000000 e=1699974060000 | " +
                "AM SPY o=450 h=451.5 l=449.75 c=451 v=12000 vw=450.6 s=1699974000000 e=1699974060000 src=feed#3 | feed#3",
            "A QQQ o=1 h=1 l=1 c=1 v=0 vw=null s=0 e=1000 | A QQQ o=1 h=1 l=1 c=1 v=0 vw=null s=0 e=1000 src=feed#4 | feed#4",
            "FMV AAPL fmv=187.3 t=1700000000000000000 | FMV AAPL fmv=187.3 t=1700000000000000000 src=feed#5 | feed#5",
            "T BIG p=not-finite s=1 t=1 i=null x=null | T BIG p=not-finite s=1 t=1 i=null x=null src=feed#77 | feed#77"),
            decode(
                "{\"ev\":\"T\",\"sym\":\"AAPL\",\"p\":187.25,\"s\":100,\"t\":1700000000000,\"i\":\"abc\",\"x\":4}",
                "{\"ev\":\"T\",\"sym\":\"MSFT\",\"p\":0.000001,\"s\":0,\"t\":5}",
                "{\"ev\":\"AM\",\"sym\":\"SPY\",\"o\":450,\"h\":451.5,\"l\":449.75,\"c\":451,\"v\":12000,\"vw\":450.6," +
                    "\"s\":1699974000000,\"e\":1699974060000}",
                "{\"ev\":\"A\",\"sym\":\"QQQ\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":0,\"s\":0,\"e\":1000}",
                "{\"ev\":\"FMV\",\"sym\":\"AAPL\",\"fmv\":187.3,\"t\":1700000000000000000}",
                "{\"ev\":\"T\",\"sym\":\"BIG\",\"p\":1e400,\"s\":1,\"t\":1,\"q\":77}"));
    }

    @Test
    void shouldRenderAClearedRecordWithoutFailing()
    {
        final FeedRecord record = new FeedRecord();
        assertEquals("(no kind) null", record.describe());
        record.kind = RecordKind.CLOCK;
        record.symbol = "";
        assertEquals("CLOCK ", record.describe());
    }
}
