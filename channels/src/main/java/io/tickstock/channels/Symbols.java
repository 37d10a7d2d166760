package io.tickstock.channels;

/** The symbol rule of the feed and client protocols: {@code [A-Z][A-Z0-9.\-]{0,15}}. */
public final class Symbols
{
    private Symbols()
    {
    }

    public static boolean isValid(final String symbol)
    {
        if (symbol == null || symbol.isEmpty() || symbol.length() > 16)
        {
            return false;
        }
        final char first = symbol.charAt(0);
        if (first < 'A' || first > 'Z')
        {
            return false;
        }
        for (int i = 1; i < symbol.length(); i++)
        {
            final char c = symbol.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'))
            {
                return false;
            }
        }
        return true;
    }
}
