package io.tickstock.examples;

import java.util.Collection;
import java.util.Locale;

/**
 * The known key an unknown one was probably meant to be: the nearest by case-insensitive edit
 * distance, offered when the distance is at most {@code max(3, length / 3)} (docs/configuration.md,
 * "Errors").
 */
final class KeySuggestion
{
    private KeySuggestion()
    {
    }

    /** {@code "; did you mean 'KNOWN'?"} for the nearest known key within the distance, else "". */
    static String nearest(final String key, final Collection<String> knownKeys)
    {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String known : knownKeys)
        {
            final int distance = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }
        return best != null && bestDistance <= Math.max(3, key.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(final String a, final String b)
    {
        final int[] previous = new int[b.length() + 1];
        final int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            System.arraycopy(current, 0, previous, 0, current.length);
        }
        return previous[b.length()];
    }
}
