package io.tickstock.channels;

/** The kinds of feed record, by their {@code ev}. */
public enum RecordKind
{
    /** {@code T}: a trade. */
    TRADE("T"),
    /** {@code AM}: a one-minute bar. */
    BAR_MINUTE("AM"),
    /** {@code A}: a one-second bar. */
    BAR_SECOND("A"),
    /** {@code FMV}: a fair-market-value update. */
    FMV("FMV"),
    /** Not a feed record: a processing-time tick that advances the ohlcv channel's clock. */
    CLOCK("");

    private final String ev;

    RecordKind(final String ev)
    {
        this.ev = ev;
    }

    public String ev()
    {
        return ev;
    }

    /** The record kind for an {@code ev} value, or null when unknown. */
    public static RecordKind ofEv(final String ev)
    {
        switch (ev)
        {
            case "T":
                return TRADE;
            case "AM":
                return BAR_MINUTE;
            case "A":
                return BAR_SECOND;
            case "FMV":
                return FMV;
            default:
                return null;
        }
    }
}
