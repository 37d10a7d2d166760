package io.tickstock.channels.feed;

/**
 * The feed fields the decoder captures (docs/protocol.md §1), by index, and the JSON types it
 * captures them as: shared by {@link FeedDecoder}'s Jackson path and its {@link PlainJsonScanner},
 * so both map a key and type a value the same way. An instance holds the fields captured from one
 * object, by index: each one's type ({@link #ABSENT} until captured), and by type its value, an
 * integer in {@code longs}, any number as {@link io.tickstock.channels.Fixed} in {@code fixeds},
 * the text the decoder reads in {@code strings}. The readers that fill it and the assembler that
 * reads it each keep their own reference to the arrays.
 *
 * <p>Not thread-safe: owned by one feed decoder.
 */
final class FeedFields
{
    static final int F_EV = 0;
    static final int F_SYM = 1;
    static final int F_P = 2;
    static final int F_S = 3;
    static final int F_T = 4;
    static final int F_I = 5;
    static final int F_X = 6;
    static final int F_Q = 7;
    static final int F_C = 8;
    static final int F_Z = 9;
    static final int F_O = 10;
    static final int F_H = 11;
    static final int F_L = 12;
    static final int F_V = 13;
    static final int F_VW = 14;
    static final int F_AV = 15;
    static final int F_OP = 16;
    static final int F_A = 17;
    static final int F_E = 18;
    static final int F_FMV = 19;
    /** A live feed's control message ({@code "ev":"status"}): its status and its text. */
    static final int F_STATUS = 20;
    static final int F_MESSAGE = 21;
    static final int FIELDS = 22;

    /** The {@code ev} of a live feed's control message (docs/feeds.md). */
    static final String STATUS_EV = "status";

    static final byte ABSENT = 0;
    static final byte NULL = 1;
    static final byte INT = 2;
    static final byte BIG_INT = 3;
    static final byte FLOAT = 4;
    static final byte STRING = 5;
    static final byte INT_ARRAY = 6;
    static final byte OTHER = 7;

    final byte[] types = new byte[FIELDS];
    final long[] longs = new long[FIELDS];
    final long[] fixeds = new long[FIELDS];
    final String[] strings = new String[FIELDS];

    /** The field index of a key, -1 for a key no record kind reads. */
    static int index(final String name)
    {
        switch (name)
        {
            case "ev":
                return F_EV;
            case "sym":
                return F_SYM;
            case "p":
                return F_P;
            case "s":
                return F_S;
            case "t":
                return F_T;
            case "i":
                return F_I;
            case "x":
                return F_X;
            case "q":
                return F_Q;
            case "c":
                return F_C;
            case "z":
                return F_Z;
            case "o":
                return F_O;
            case "h":
                return F_H;
            case "l":
                return F_L;
            case "v":
                return F_V;
            case "vw":
                return F_VW;
            case "av":
                return F_AV;
            case "op":
                return F_OP;
            case "a":
                return F_A;
            case "e":
                return F_E;
            case "fmv":
                return F_FMV;
            case "status":
                return F_STATUS;
            case "message":
                return F_MESSAGE;
            default:
                return -1;
        }
    }

    /** The field index of a key given as ASCII bytes, as {@link #index(String)} gives it. */
    static int index(final byte[] data, final int start, final int length)
    {
        final byte c0 = data[start];
        if (length == 1)
        {
            switch (c0)
            {
                case 'p':
                    return F_P;
                case 's':
                    return F_S;
                case 't':
                    return F_T;
                case 'i':
                    return F_I;
                case 'x':
                    return F_X;
                case 'q':
                    return F_Q;
                case 'c':
                    return F_C;
                case 'z':
                    return F_Z;
                case 'o':
                    return F_O;
                case 'h':
                    return F_H;
                case 'l':
                    return F_L;
                case 'v':
                    return F_V;
                case 'a':
                    return F_A;
                case 'e':
                    return F_E;
                default:
                    return -1;
            }
        }
        if (length == 2)
        {
            final byte c1 = data[start + 1];
            if (c0 == 'e' && c1 == 'v')
            {
                return F_EV;
            }
            if (c0 == 'v' && c1 == 'w')
            {
                return F_VW;
            }
            if (c0 == 'a' && c1 == 'v')
            {
                return F_AV;
            }
            if (c0 == 'o' && c1 == 'p')
            {
                return F_OP;
            }
            return -1;
        }
        if (length == 3)
        {
            final byte c1 = data[start + 1];
            final byte c2 = data[start + 2];
            if (c0 == 's' && c1 == 'y' && c2 == 'm')
            {
                return F_SYM;
            }
            if (c0 == 'f' && c1 == 'm' && c2 == 'v')
            {
                return F_FMV;
            }
            return -1;
        }
        if (length == 6 && c0 == 's' && equals(data, start, "status"))
        {
            return F_STATUS;
        }
        if (length == 7 && c0 == 'm' && equals(data, start, "message"))
        {
            return F_MESSAGE;
        }
        return -1;
    }

    /** Whether the ASCII bytes from {@code start} spell {@code text} (the caller checked the length). */
    static boolean equals(final byte[] data, final int start, final String text)
    {
        for (int k = 0; k < text.length(); k++)
        {
            if (data[start + k] != text.charAt(k))
            {
                return false;
            }
        }
        return true;
    }
}
