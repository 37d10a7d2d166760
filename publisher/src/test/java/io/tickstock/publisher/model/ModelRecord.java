package io.tickstock.publisher.model;

import java.math.BigDecimal;

/**
 * One feed record as the reference model decodes it (docs/protocol.md §1, docs/semantics.md §1):
 * prices are exact 6-decimal {@link BigDecimal}s, rounded half away from zero, and {@code null} when
 * too large for 6-decimal fixed point ("not finite"). Only the fields of the record's kind are set.
 *
 * @param kind the record's kind.
 * @param srcName its source's name.
 * @param srcSeq its source sequence: its position in the source's stream, or a trade's {@code q}.
 * @param cause its index over all records of the feed, in feed order: which record caused an event.
 * @param line the feed line (0-based) it came from.
 */
record ModelRecord(Kind kind, String srcName, long srcSeq, long cause, int line, String sym,
    BigDecimal p, long s, long t, String i, Long x,
    BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, long v, boolean hasVw, BigDecimal vw, long start, long end,
    BigDecimal fmv)
{
    enum Kind
    {
        TRADE, BAR_MINUTE, BAR_SECOND, FMV
    }
}
