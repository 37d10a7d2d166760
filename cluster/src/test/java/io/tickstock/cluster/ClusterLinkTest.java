package io.tickstock.cluster;

import io.tickstock.channels.EventType;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.ring.PublishRing;
import io.tickstock.core.ring.WaitStrategyKind;
import io.tickstock.testkit.UdpPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ingest link and an edge's upstream link in one JVM, each with its own media driver, over UDP
 * on 127.0.0.1: an edge that joins after events were published gets them from the recording while
 * more are published live, merges onto the live stream, every id once and in order, then the end.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterLinkTest
{
    /** 5,000 recorded before the edge joins, the rest live while it reads them. */
    private static final int TOTAL = 40_000;

    @Test
    void lateEdgeReadsTheRecordingThenTheLiveStreamThenTheEnd() throws Exception
    {
        final ClusterSettings ingestSettings = ClusterSettings.ingest("127.0.0.1:" + UdpPorts.freePair());
        try (IngestLink ingest = new IngestLink(ingestSettings, "1700000000000"))
        {
            for (int i = 0; i < 5_000; i++)
            {
                ingest.onEvent(trade(i), i, true);
            }
            final LinkedBlockingQueue<MarketEvent> received = new LinkedBlockingQueue<>();
            final PublishRing<MarketEvent> ring = collecting(received);
            final CountDownLatch merged = new CountDownLatch(1);
            final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
            try (UpstreamLink edge = UpstreamLink.join(ClusterSettings.edge(ingestSettings.endpoint().endpoint()), Duration.ofSeconds(10)))
            {
                assertEquals("1700000000000", edge.epoch());
                // the live stream goes on while the edge reads the recording: it must catch up and merge
                final Thread live = new Thread(() ->
                {
                    for (int i = 5_000; i < TOTAL; i++)
                    {
                        ingest.onEvent(trade(i), i, true);
                    }
                }, "test-live");
                edge.start(ring, merged::countDown, ended::add);
                live.start();
                assertTrue(merged.await(30, TimeUnit.SECONDS), "merged onto the live stream");
                live.join(30_000);
                assertTrue(!live.isAlive(), "the live events were published");
                ingest.onShutdown();
                assertEquals("the ingest node stopped after event " + TOTAL, ended.poll(30, TimeUnit.SECONDS));
                assertEquals(UpstreamLink.State.ENDED, edge.state());
                assertEquals(TOTAL, edge.lastId());
            }
            assertTrue(ring.drainAndStop(5, TimeUnit.SECONDS));
            final List<MarketEvent> events = new ArrayList<>(received);
            assertEquals(TOTAL, events.size());
            for (int i = 0; i < events.size(); i++)
            {
                final MarketEvent event = events.get(i);
                assertEquals(i + 1, event.id);
                assertEquals(trade(i).toString(), event.toString());
                assertEquals("sim", event.srcName);
                assertEquals(i, event.srcSeq);
            }
        }
    }

    @Test
    void edgeStartsAtACheckpointWhenTheRecordingBeforeItWasPurged() throws Exception
    {
        // 64 KiB terms, 128 KiB segments, a checkpoint every 256 KiB carrying 500 events of history
        final ClusterSettings ingestSettings = ClusterSettings.ingest("127.0.0.1:" + UdpPorts.freePair())
            .withCheckpoints(256 << 10, 500, 64 << 10, 128 << 10);
        final List<MarketEvent> published = new ArrayList<>();
        try (IngestLink ingest = new IngestLink(ingestSettings, "1700000000001"))
        {
            for (int i = 0; i < 20_000; i++)
            {
                final MarketEvent event = trade(i);
                published.add(event);
                ingest.onEvent(event, i, true);
            }
            assertTrue(ingest.checkpoints() >= 10, ingest.checkpoints() + " checkpoints");
            assertTrue(ingest.recordingStart() > 0, "the recording before the checkpoint before the last was purged");

            final LinkedBlockingQueue<MarketEvent> received = new LinkedBlockingQueue<>();
            final PublishRing<MarketEvent> ring = collecting(received);
            final CountDownLatch merged = new CountDownLatch(1);
            final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
            final long firstId;
            try (UpstreamLink edge = UpstreamLink.join(ClusterSettings.edge(ingestSettings.endpoint().endpoint()), Duration.ofSeconds(10)))
            {
                assertEquals("1700000000001", edge.epoch());
                edge.start(ring, merged::countDown, ended::add);
                assertTrue(merged.await(30, TimeUnit.SECONDS), "merged onto the live stream");
                for (int i = 20_000; i < 21_000; i++)
                {
                    final MarketEvent event = trade(i);
                    published.add(event);
                    ingest.onEvent(event, i, true);
                }
                ingest.onShutdown();
                assertEquals("the ingest node stopped after event 21000", ended.poll(30, TimeUnit.SECONDS));
                firstId = edge.firstId();
                assertTrue(firstId > 1, "started at a checkpoint, not at the purged start: first id " + firstId);
                assertEquals(21_000 - firstId + 1, edge.events());
            }
            assertTrue(ring.drainAndStop(5, TimeUnit.SECONDS));
            // the checkpoint's 500 events of history, its states (each symbol's last trade before it), then every event to the end
            final List<MarketEvent> events = new ArrayList<>();
            final java.util.Map<String, MarketEvent> states = new java.util.HashMap<>();
            for (final MarketEvent event : received)
            {
                if (event.id == MarketEvent.STATE_ONLY)
                {
                    assertTrue(events.size() == 500, "the states come after the history: " + events.size());
                    states.put(event.symbol, event);
                }
                else
                {
                    events.add(event);
                }
            }
            assertEquals(21_000 - firstId + 1, events.size());
            for (int i = 0; i < events.size(); i++)
            {
                assertEquals(firstId + i, events.get(i).id);
                assertEquals(published.get((int)(firstId - 1 + i)).toString(), events.get(i).toString());
            }
            final long nextId = firstId + 500;
            assertEquals(100, states.size(), "one state per symbol");
            for (final MarketEvent state : states.values())
            {
                // the symbol's last trade before the checkpoint: trade i is symbol S(i % 100)
                final int symbol = Integer.parseInt(state.symbol.substring(1));
                final long lastBefore = nextId - 1 - Math.floorMod(nextId - 1 - 1 - symbol, 100);
                assertEquals(published.get((int)lastBefore - 1).toString(), state.toString(), state.symbol);
                assertEquals(published.get((int)lastBefore - 1).sessionHigh, state.sessionHigh);
            }
        }
    }

    /** A started publish ring, as an edge's, whose one consumer keeps a copy of every entry in {@code received}. */
    private static PublishRing<MarketEvent> collecting(final LinkedBlockingQueue<MarketEvent> received)
    {
        final PublishRing<MarketEvent> ring = new PublishRing<>(MarketEvent::new, 1024, WaitStrategyKind.BLOCKING);
        ring.addConsumer("test", (event, sequence, endOfBatch) ->
        {
            final MarketEvent copy = new MarketEvent();
            copy.copyFrom(event);
            received.add(copy);
        });
        ring.start();
        return ring;
    }

    static MarketEvent trade(final int i)
    {
        final MarketEvent event = new MarketEvent().reset(EventType.TRADE, "S" + (i % 100), 1_700_000_000_000L + i);
        event.price = 100_000_000L + i;
        event.size = 100 + i;
        event.srcName = "sim";
        event.srcSeq = i;
        event.recvUs = 1_700_000_000_000_000L + i;
        event.sessionHigh = event.price;
        return event;
    }
}
