package io.tickstock.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each bad setting is refused with its key and the allowed values. */
class ClusterSettingsTest
{
    @Test
    void shouldDefaultToAStandaloneNodeOnTheDocumentedEndpoint()
    {
        final ClusterSettings settings = ClusterSettings.of("standalone", "", "", "127.0.0.1", "", "", 16 << 20, 128 << 20, "shared", 1L << 30, 65_536);
        assertEquals(ClusterSettings.Role.STANDALONE, settings.role());
        assertEquals("127.0.0.1:40456", settings.endpoint().endpoint());
        assertEquals("127.0.0.1:40457", settings.endpoint().archiveControl().endpoint());
        assertNull(settings.upstream());
        assertNull(settings.aeronDir());
    }

    @Test
    void shouldNameTheKeyOfEachBadValue()
    {
        assertEquals("cluster.role: 'hub' is not a role; allowed: standalone, ingest, edge", refusal("hub", "", "", 16 << 20, 128 << 20));
        assertEquals("cluster.upstream (--upstream): required with cluster.role=edge; allowed: HOST:PORT, the ingest node's cluster.endpoint",
            refusal("edge", "", "", 16 << 20, 128 << 20));
        assertEquals("cluster.upstream: 'ingest-1' is not HOST:PORT", refusal("edge", "", "ingest-1", 16 << 20, 128 << 20));
        assertEquals("cluster.endpoint: port 65535 is out of range; allowed: 1..65534", refusal("ingest", "h:65535", "", 16 << 20, 128 << 20));
        assertEquals("cluster.endpoint: 'h:x' is not HOST:PORT (the port is not a number)", refusal("ingest", "h:x", "", 16 << 20, 128 << 20));
        assertEquals("cluster.termLengthBytes: 100000 is not allowed; allowed: a power of two from 65536 to 1073741824",
            refusal("ingest", "", "", 100_000, 128 << 20));
        assertEquals("cluster.segmentLengthBytes: 1048576 is less than cluster.termLengthBytes 16777216; allowed: a power of two, " +
            "at least the term length", refusal("ingest", "", "", 16 << 20, 1 << 20));
    }

    @Test
    void shouldOfferDedicatedThreadsButNeverSpinByDefault()
    {
        assertEquals(ClusterSettings.Threading.SHARED, ClusterSettings.ingest("127.0.0.1:40456").threading());
        assertEquals(ClusterSettings.Threading.DEDICATED_SPIN,
            ClusterSettings.of("edge", "", "h:1", "127.0.0.1", "", "", 16 << 20, 128 << 20, "dedicated-spin", 1L << 30, 65_536).threading());
        assertEquals("cluster.threading: 'spin' is not allowed; allowed: shared, dedicated, dedicated-spin", assertThrows(IllegalArgumentException.class,
            () -> ClusterSettings.of("edge", "", "h:1", "127.0.0.1", "", "", 16 << 20, 128 << 20, "spin", 1L << 30, 65_536)).getMessage());
    }

    private static String refusal(final String role, final String endpoint, final String upstream, final long term, final long segment)
    {
        return assertThrows(IllegalArgumentException.class,
            () -> ClusterSettings.of(role, endpoint, upstream, "127.0.0.1", "", "", term, segment, "shared", 1L << 30, 65_536)).getMessage();
    }
}
