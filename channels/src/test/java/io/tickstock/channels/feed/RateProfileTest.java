package io.tickstock.channels.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateProfileTest
{
    @Test
    void steadyRateIsLinear()
    {
        final RateProfile profile = RateProfile.steady(1_000);
        assertEquals(1, profile.dueBy(0));
        assertEquals(1, profile.dueBy(999));
        assertEquals(2, profile.dueBy(1_000));
        assertEquals(1_001, profile.dueBy(1_000_000));
        assertEquals(0, profile.dueAtUs(0));
        assertEquals(1_000_000, profile.dueAtUs(1_000));
        assertEquals(1_000, profile.rateAt(123_456_789));
    }

    @Test
    void surgeMultipliesTheRateForItsStretchOnly()
    {
        // 1,000/s, then 5,000/s from 10 s to 40 s, then 1,000/s again
        final RateProfile profile = new RateProfile(1_000, 5, 10_000, 30_000);
        assertEquals(10_000 + 1, profile.dueBy(10_000_000));
        assertEquals(10_000 + 150_000 + 1, profile.dueBy(40_000_000));
        assertEquals(10_000 + 150_000 + 20_000 + 1, profile.dueBy(60_000_000));
        assertEquals(1_000, profile.rateAt(9_999_999));
        assertEquals(5_000, profile.rateAt(10_000_000));
        assertEquals(5_000, profile.rateAt(39_999_999));
        assertEquals(1_000, profile.rateAt(40_000_000));
        assertEquals(10_000_000, profile.dueAtUs(10_000));
        assertEquals(10_000_200, profile.dueAtUs(10_001));
        assertEquals(40_000_000, profile.dueAtUs(160_000));
        assertEquals(40_001_000, profile.dueAtUs(160_001));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 10_000, 77_777, 160_000, 160_001, 250_000})
    void theKthRecordIsDueExactlyWhenDueByFirstCountsIt(final long k)
    {
        final RateProfile profile = new RateProfile(1_000, 5, 10_000, 30_000);
        final long at = profile.dueAtUs(k);
        assertTrue(profile.dueBy(at) > k, "record " + k + " due at " + at);
        if (at > 0)
        {
            assertTrue(profile.dueBy(at - 1) <= k, "record " + k + " not due before " + at);
        }
    }

    @Test
    void badSettingsNameTheKeyAndTheAllowedRange()
    {
        assertEquals("simulator.surge.multiplier: 11 is out of range; allowed: 1..10 "
                + "(the surge rate, multiplier x simulator.rate 1000000, is at most 10000000)",
            assertThrows(IllegalArgumentException.class, () -> new RateProfile(1_000_000, 11, 0, 1)).getMessage());
        assertEquals("simulator.rate: 0 is out of range; allowed: 1..10000000",
            assertThrows(IllegalArgumentException.class, () -> new RateProfile(0, 1, 0, 0)).getMessage());
        assertEquals("simulator.surge.durationMs: -1 is out of range; allowed: 0..86400000",
            assertThrows(IllegalArgumentException.class, () -> new RateProfile(1, 1, 0, -1)).getMessage());
    }
}
