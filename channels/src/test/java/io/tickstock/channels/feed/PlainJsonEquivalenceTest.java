package io.tickstock.channels.feed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder's plain-JSON path answers exactly as Jackson does (docs/protocol.md §1): seeded
 * random feed messages, well-formed, mistyped and mutated byte by byte, go through {@link
 * FeedDecoder} and through {@link FeedDecoder#jacksonOnly} (its Jackson path, the decoder as it
 * was), and every message must give the same records, rejections, reasons and positions.
 */
class PlainJsonEquivalenceTest
{
    private static final String[] FIELDS = {"ev", "sym", "p", "s", "t", "i", "x", "q", "c", "z", "o", "h", "l", "v", "vw",
        "av", "op", "a", "e", "fmv", "other", "symbol", "E", "evx"};
    private static final String[] EVS = {"T", "AM", "A", "FMV", "", "Q", "t", "AM ", "FM", "TT"};
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "A", "BRK.B", "", " X ", "SPY", "QQQ"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "187", "187.42", "-187.42", "0.5", "1e3", "1.8742E2",
        "1E-2", "2e+2", "187.4200005", "99999999999999999", "999999999999999999", "9999999999999999999",
        "99999999999999999999", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "10000000000000000000", "1e400", "1700000000123456789",
        "0.0000001", "123456789012345.123456789", "00", "01", "-", "1.", ".5", "1e", "1.e5", "+1", "-01", "1.5.3",
        "0x10", "NaN", "Infinity", "-Infinity"};
    private static final String[] OTHERS = {"null", "true", "false", "nul", "tru", "nullx", "[]", "[1,2]", "[14,41]",
        "[1.5]", "[\"a\"]", "[null]", "[[1]]", "[1,]", "[,1]", "{}", "{\"a\":1}", "{\"a\":[1,{}]}", "\"\"", "\"abc\"",
        "\"a\\\"b\"", "\"\\u0041\"", "\"caf\u00e9\"", "\"tab\there\"", "\"52983525029461\"", "[ 1 , 2 ]"};
    private static final String[] BLANKS = {"", "", "", " ", "\t", "\r\n", "  \n "};
    /** No 'e': inserted into a long digit run it makes an exponent that {@code Fixed}'s exact slow path takes minutes over. */
    private static final char[] MUTATIONS = {'{', '}', '[', ']', ',', ':', '"', '\\', ' ', 'x', '0', '9', '-', '.',
        'n', '\u00e9', '\u0000', '\t', '\u007f', '\u001f'};

    private final Random random = new Random(20261207L);

    @Test
    void shouldGiveJacksonsRecordsRejectionsAndPositionsForRandomMessages()
    {
        final FeedDecoder plain = new FeedDecoder("feed");
        final FeedDecoder jackson = FeedDecoder.jacksonOnly("feed");
        final RecordingSink plainSink = new RecordingSink(plain);
        final RecordingSink jacksonSink = new RecordingSink(jackson);
        int published = 0;
        for (int n = 0; n < 40_000; n++)
        {
            final byte[] message = message();
            final int pad = random.nextInt(3);
            final byte[] framed = new byte[message.length + 2 * pad];
            System.arraycopy(message, 0, framed, pad, message.length);
            plain.decode(framed, pad, message.length, n, plainSink);
            jackson.decode(framed, pad, message.length, n, jacksonSink);
            assertEquals(jacksonSink.log, plainSink.log, () -> new String(message, StandardCharsets.UTF_8));
            published += (int)plainSink.log.stream().filter(Decoded.class::isInstance).count();
            plainSink.log.clear();
            jacksonSink.log.clear();
        }
        assertEquals(jackson.position(), plain.position());
        assertTrue(published > 3_000, "too few valid records to mean anything: " + published);
    }

    private byte[] message()
    {
        final String text;
        if (random.nextInt(4) == 0)
        {
            final StringBuilder frame = new StringBuilder(blank()).append('[').append(blank());
            final int elements = random.nextInt(5);
            for (int k = 0; k < elements; k++)
            {
                if (k > 0)
                {
                    frame.append(blank()).append(',').append(blank());
                }
                frame.append(random.nextInt(8) == 0 ? value() : object());
            }
            text = frame.append(blank()).append(']').append(blank()).toString();
        }
        else
        {
            text = blank() + object() + blank();
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(3) == 0 ? mutate(bytes) : bytes;
    }

    private String object()
    {
        final StringBuilder object = new StringBuilder("{").append(blank());
        final String ev = EVS[random.nextInt(4) == 0 ? random.nextInt(EVS.length) : random.nextInt(4)];
        final List<String> members = new ArrayList<>();
        if (random.nextInt(10) != 0)
        {
            members.add("\"ev\":" + (random.nextInt(20) == 0 ? value() : quoted(ev)));
        }
        for (final String field : wellFormedFields(ev))
        {
            if (random.nextInt(12) != 0)
            {
                members.add(quoted(field) + ':' + (random.nextInt(15) == 0 ? value() : goodValue(field)));
            }
        }
        final int extra = random.nextInt(3);
        for (int k = 0; k < extra; k++)
        {
            final String field = FIELDS[random.nextInt(FIELDS.length)];
            members.add(quoted(field) + ':' + (random.nextBoolean() ? goodValue(field) : value()));
        }
        java.util.Collections.shuffle(members, random);
        for (int k = 0; k < members.size(); k++)
        {
            if (k > 0)
            {
                object.append(blank()).append(',').append(blank());
            }
            object.append(members.get(k).replace(":", blank() + ':' + blank()));
        }
        return object.append(blank()).append('}').toString();
    }

    private static String[] wellFormedFields(final String ev)
    {
        switch (ev)
        {
            case "T":
                return new String[]{"sym", "p", "s", "t", "i", "x", "q", "c", "z"};
            case "AM":
            case "A":
                return new String[]{"sym", "o", "h", "l", "c", "v", "vw", "av", "op", "a", "z", "s", "e"};
            default:
                return new String[]{"sym", "fmv", "t"};
        }
    }

    private String goodValue(final String field)
    {
        switch (field)
        {
            case "sym":
                return quoted(SYMBOLS[random.nextInt(SYMBOLS.length)]);
            case "i":
                return quoted(Long.toString(random.nextLong() >>> random.nextInt(64)));
            case "c":
                return random.nextBoolean() ? "[14,41]" : "[" + random.nextInt(100) + "]";
            case "s":
            case "t":
            case "v":
            case "x":
            case "q":
            case "e":
                return Long.toString(random.nextLong() >>> (1 + random.nextInt(63)));
            default:
                return random.nextInt(100_000) + "." + random.nextInt(1_000_000);
        }
    }

    private String value()
    {
        final int pick = random.nextInt(3);
        if (pick == 0)
        {
            return NUMBERS[random.nextInt(NUMBERS.length)];
        }
        if (pick == 1)
        {
            return OTHERS[random.nextInt(OTHERS.length)];
        }
        return quoted(SYMBOLS[random.nextInt(SYMBOLS.length)]);
    }

    private String blank()
    {
        return BLANKS[random.nextInt(BLANKS.length)];
    }

    private static String quoted(final String text)
    {
        return '"' + text + '"';
    }

    private byte[] mutate(final byte[] bytes)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int at = random.nextInt(bytes.length + 1);
        out.write(bytes, 0, at);
        final int kind = random.nextInt(3);
        if (kind != 0)
        {
            final byte[] inserted = String.valueOf(MUTATIONS[random.nextInt(MUTATIONS.length)]).getBytes(StandardCharsets.UTF_8);
            out.write(inserted, 0, inserted.length);
        }
        final int resume = kind == 1 ? at : Math.min(bytes.length, at + 1);
        out.write(bytes, resume, bytes.length - resume);
        return out.toByteArray();
    }
}
