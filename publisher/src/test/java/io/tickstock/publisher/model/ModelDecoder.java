package io.tickstock.publisher.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reference model's own reading of one source's feed (docs/protocol.md §1, docs/semantics.md
 * §1), on Jackson's tree model: a line is one JSON object or an array of them; a blank line is no
 * record; every other record, rejected or not, takes the next position in the source's stream.
 * Rejects are {@code malformed} or {@code unknown_type}.
 *
 * <p>Not thread-safe: owned by the test thread.
 */
final class ModelDecoder
{
    static final String MALFORMED = "malformed";
    static final String UNKNOWN_TYPE = "unknown_type";
    static final List<String> REJECT_REASONS = List.of(MALFORMED, UNKNOWN_TYPE);

    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    /** A record that fails a field check: malformed. */
    private static final class Malformed extends Exception
    {
        private static final long serialVersionUID = 1L;

        Malformed()
        {
            super(null, null, false, false);
        }
    }

    private final String sourceName;
    private long position;

    ModelDecoder(final String sourceName)
    {
        this.sourceName = sourceName;
    }

    /** Records counted so far, rejected ones included. */
    long position()
    {
        return position;
    }

    /**
     * Decodes one line; {@code cause} numbers the records over the whole feed and is advanced by
     * one per record, rejects included.
     */
    void decode(final String line, final int lineIndex, final long[] cause, final Consumer<ModelRecord> records,
        final Consumer<String> rejects)
    {
        if (line.isBlank())
        {
            return;
        }
        final JsonNode root;
        try (JsonParser parser = JSON.createParser(line))
        {
            root = JSON.readTree(parser);
            if (root == null || parser.nextToken() != null)
            {
                throw new IOException("not exactly one JSON value");
            }
        }
        catch (final IOException ex)
        {
            reject(MALFORMED, cause, rejects);
            return;
        }
        if (root.isArray())
        {
            for (final JsonNode element : root)
            {
                record(element, lineIndex, cause, records, rejects);
            }
        }
        else
        {
            record(root, lineIndex, cause, records, rejects);
        }
    }

    private void reject(final String reason, final long[] cause, final Consumer<String> rejects)
    {
        position++;
        cause[0]++;
        rejects.accept(reason);
    }

    private void record(final JsonNode node, final int lineIndex, final long[] cause, final Consumer<ModelRecord> records,
        final Consumer<String> rejects)
    {
        if (!node.isObject())
        {
            reject(MALFORMED, cause, rejects);
            return;
        }
        final JsonNode ev = node.get("ev");
        if (ev == null || !ev.isTextual())
        {
            reject(MALFORMED, cause, rejects);
            return;
        }
        final ModelRecord.Kind kind;
        switch (ev.textValue())
        {
            case "T":
                kind = ModelRecord.Kind.TRADE;
                break;
            case "AM":
                kind = ModelRecord.Kind.BAR_MINUTE;
                break;
            case "A":
                kind = ModelRecord.Kind.BAR_SECOND;
                break;
            case "FMV":
                kind = ModelRecord.Kind.FMV;
                break;
            default:
                reject(UNKNOWN_TYPE, cause, rejects);
                return;
        }
        final ModelRecord record;
        try
        {
            record = fields(kind, node, position + 1, cause[0], lineIndex);
        }
        catch (final Malformed ex)
        {
            reject(MALFORMED, cause, rejects);
            return;
        }
        position++;
        cause[0]++;
        records.accept(record);
    }

    private ModelRecord fields(final ModelRecord.Kind kind, final JsonNode n, final long seq, final long cause,
        final int line) throws Malformed
    {
        final String sym = string(n, "sym", true);
        switch (kind)
        {
            case TRADE:
            {
                final BigDecimal p = number(n, "p", true);
                final long s = integer(n, "s", true);
                final long t = integer(n, "t", true);
                final String i = string(n, "i", false);
                final Long x = present(n, "x") ? integer(n, "x", true) : null;
                final Long q = present(n, "q") ? integer(n, "q", true) : null;
                if (present(n, "c"))
                {
                    final JsonNode c = n.get("c");
                    if (!c.isArray())
                    {
                        throw new Malformed();
                    }
                    for (final JsonNode element : c)
                    {
                        integerValue(element);
                    }
                }
                if (present(n, "z"))
                {
                    integer(n, "z", true);
                }
                return new ModelRecord(kind, sourceName, q != null ? q : seq, cause, line, sym, Numbers.price(p), s, t, i, x,
                    null, null, null, null, 0, false, null, 0, 0, null);
            }
            case BAR_MINUTE:
            case BAR_SECOND:
            {
                final BigDecimal o = number(n, "o", true);
                final BigDecimal h = number(n, "h", true);
                final BigDecimal l = number(n, "l", true);
                final BigDecimal c = number(n, "c", true);
                final long v = integer(n, "v", true);
                final long s = integer(n, "s", true);
                final long e = integer(n, "e", true);
                final BigDecimal vw = number(n, "vw", false);
                for (final String optional : List.of("av", "op", "a", "z"))
                {
                    number(n, optional, false);
                }
                return new ModelRecord(kind, sourceName, seq, cause, line, sym, null, 0, 0, null, null,
                    Numbers.price(o), Numbers.price(h), Numbers.price(l), Numbers.price(c), v,
                    vw != null, vw == null ? null : Numbers.price(vw), s, e, null);
            }
            default:
            {
                final BigDecimal fmv = number(n, "fmv", true);
                final long t = integer(n, "t", true);
                return new ModelRecord(kind, sourceName, seq, cause, line, sym, null, 0, t, null, null,
                    null, null, null, null, 0, false, null, 0, 0, Numbers.price(fmv));
            }
        }
    }

    /** Present and not null (a null counts as absent). */
    private static boolean present(final JsonNode n, final String field)
    {
        final JsonNode value = n.get(field);
        return value != null && !value.isNull();
    }

    private static String string(final JsonNode n, final String field, final boolean required) throws Malformed
    {
        if (!present(n, field))
        {
            if (required)
            {
                throw new Malformed();
            }
            return null;
        }
        final JsonNode value = n.get(field);
        if (!value.isTextual())
        {
            throw new Malformed();
        }
        return value.textValue();
    }

    /** Any JSON number, exact; null when absent and optional. */
    private static BigDecimal number(final JsonNode n, final String field, final boolean required) throws Malformed
    {
        if (!present(n, field))
        {
            if (required)
            {
                throw new Malformed();
            }
            return null;
        }
        final JsonNode value = n.get(field);
        if (!value.isNumber())
        {
            throw new Malformed();
        }
        return value.decimalValue();
    }

    private static long integer(final JsonNode n, final String field, final boolean required) throws Malformed
    {
        if (!present(n, field))
        {
            if (required)
            {
                throw new Malformed();
            }
            return 0;
        }
        return integerValue(n.get(field));
    }

    /** A JSON integer (no decimal point, no exponent) within 64 bits. */
    private static long integerValue(final JsonNode value) throws Malformed
    {
        if (!value.isIntegralNumber() || !value.canConvertToLong())
        {
            throw new Malformed();
        }
        return value.longValue();
    }
}
