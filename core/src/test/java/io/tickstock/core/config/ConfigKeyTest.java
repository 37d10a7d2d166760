package io.tickstock.core.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A key's declaration answers for its default, parses the file's text and checks a builder's
 * value, each error naming the key, the value and what is allowed (docs/configuration.md, "Errors").
 */
class ConfigKeyTest
{
    private static final ConfigKey PORT = ConfigKey.integer("server.port", 8080, 0, 65_535, "0..65535", "bind port");
    private static final ConfigKey PING = ConfigKey.integerOrOff("edge.pingIntervalMs", 30_000, 100, 3_600_000, "", "");
    private static final ConfigKey RING = ConfigKey.ringSize("tick.ringSize", 16_384, "", "");
    private static final ConfigKey PCT = ConfigKey.decimal("fmv.outlierPct", "5", 1, 100_000_000, "a percentage", "", "");
    private static final ConfigKey SPEED = ConfigKey.atLeast("replay.speed", "1", 0, "", "");
    private static final ConfigKey FLAG = ConfigKey.bool("edge.compression", false, "", "");

    @Test
    void shouldReadItsDefaultInItsType()
    {
        assertEquals(8080, PORT.defaultInt());
        assertEquals(5_000_000, PCT.defaultLong());
        assertFalse(FLAG.defaultBoolean());
        assertEquals("server.port = 8080", PORT.toString());
    }

    @Test
    void shouldParseTheFileTextOrNameTheKeyAndTheRange()
    {
        assertEquals(70, PORT.parseInt("70"));
        assertEquals("server.port: 70000 is out of range; allowed: 0..65535", message(() -> PORT.parseLong("70000")));
        assertEquals("server.port: 'http' is not an integer; allowed: 0..65535", message(() -> PORT.parseLong("http")));
        assertEquals("tick.ringSize: 1000 is not allowed; allowed: a power of two from 64 to 67108864", message(() -> RING.parseLong("1000")));
        assertEquals("tick.ringSize: 'big' is not allowed; allowed: a power of two from 64 to 67108864", message(() -> RING.parseLong("big")));
        assertEquals(2_500_000, PCT.parseMicros("2.5"));
        assertEquals("fmv.outlierPct: '-1' is not allowed; allowed: a percentage from 0.000001 to 100 with at most 6 decimals",
            message(() -> PCT.parseMicros("-1")));
        assertEquals("fmv.outlierPct: '1e99' is not allowed; allowed: a percentage from 0.000001 to 100 with at most 6 decimals",
            message(() -> PCT.parseMicros("1e99")));
        assertEquals("replay.speed: -2 is out of range; allowed: 0 or more", message(() -> SPEED.parseDouble("-2")));
        assertEquals("replay.speed: 'fast' is not a number; allowed: 0 or more", message(() -> SPEED.parseDouble("fast")));
        assertEquals("edge.compression: 'yes' is not allowed; allowed: true, false", message(() -> FLAG.parseBoolean("yes")));
    }

    @Test
    void shouldTakeZeroAsOffAndCheckTheRestInTwoSteps()
    {
        assertEquals(0, PING.parseLong("0"));
        assertEquals(0, PING.check(0));
        assertEquals("edge.pingIntervalMs: -1 is out of range; allowed: 0..3600000", message(() -> PING.parseLong("-1")));
        assertEquals(50, PING.parseLong("50"));
        assertEquals("edge.pingIntervalMs: 50 is out of range; allowed: 100..3600000", message(() -> PING.check(50)));
    }

    @Test
    void shouldCheckABuildersValueAgainstItsOwnRangeOrALowerBoundFromAnotherKey()
    {
        assertEquals(16, PORT.check(16));
        assertEquals("server.port: -1 is out of range; allowed: 0..65535", message(() -> PORT.check(-1)));
        assertEquals("server.port: 10 is out of range; allowed: 500..65535", message(() -> PORT.check(10, 500)));
        assertEquals("tick.ringSize: 100 is not allowed; allowed: a power of two from 64 to 67108864", message(() -> RING.check(100)));
        assertEquals("feed.backup.port: 70000 is out of range; allowed: 0..65535", message(() -> PORT.renamed("feed.backup.port").check(70_000)));
    }

    private static String message(final Runnable call)
    {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }
}
