package io.tickstock.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The symbol rule {@code [A-Z][A-Z0-9.\-]{0,15}} (docs/protocol.md) at the edge of every character range and of the length. */
class SymbolsTest
{
    @ParameterizedTest
    @ValueSource(strings = {"A", "Z", "AZ", "A0", "A9", "A.", "A-", "ABCDEFGHIJKLMNOP", "Z9.-"})
    void shouldAcceptSymbolsOfOneToSixteenCharactersFromTheAllowedRanges(final String symbol)
    {
        assertTrue(Symbols.isValid(symbol), symbol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "[", "0", ".", "A@", "A[", "A/", "A:", "A,", "A_", "Aa", "ABCDEFGHIJKLMNOPQ"})
    void shouldRejectEmptyTooLongOrAnyCharacterJustOutsideTheAllowedRanges(final String symbol)
    {
        assertFalse(Symbols.isValid(symbol), symbol);
    }
}
