package io.tickstock.cluster;

import com.lmax.disruptor.EventHandler;
import io.aeron.Aeron;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.aeron.driver.status.SenderPos;
import io.tickstock.channels.MarketEvent;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The ingest node's side of the scale-out (docs/scale-out.md): a publish-ring consumer that sends
 * every event, with its id, to edge nodes over one Aeron stream and records it in an Aeron Archive
 * in the same process, so that an edge joining late, or falling behind, reads what it missed from
 * the recording and merges onto the live stream.
 *
 * <p>The stream is multi-destination: each edge joins at the {@code cluster.endpoint} control
 * address, and so does the Archive's recording, the one member of the stream's flow-control group
 * (tagged flow control): the stream never runs ahead of the recording, and an edge, not in the
 * group, never holds the ingest node back (a slow edge is overrun and catches up from the
 * recording). The first message is the epoch; the last, when the pipeline stops, names the last id.
 *
 * <p>An event's id is its publish-ring sequence + 1: the id the node's own WebSocket edge gives it,
 * as long as that edge numbers every event (both count from 1; an exception in the edge's fan-out,
 * counted as a consumer error, would leave a number out on its side only).
 *
 * <p>{@link #onEvent} runs on its publish-ring consumer thread; the counters may be read from any
 * thread; {@link #close()} after the pipeline stopped.
 */
public final class IngestLink implements EventHandler<MarketEvent>, AutoCloseable
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long ARCHIVE_POLL_NS = TimeUnit.SECONDS.toNanos(1);
    /** The flow-control group of the stream: the recording's receiver, and nothing else. */
    private static final long RECORDING_GROUP_TAG = 0x7469636BL;
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    /**
     * How long the stream stays open after its end was sent, for edges to repair a loss in its last
     * messages: a NAK and its retransmit take milliseconds on a LAN, this leaves room for a
     * loaded host.
     */
    private static final long REPAIR_LINGER_MS = 1_000;

    private final ClusterSettings settings;
    private final Path aeronDir;
    private final Path archiveDir;
    private final ArchivingMediaDriver media;
    private final Aeron aeron;
    /** The node's own control session with its Archive: the consumer thread's, after the constructor; made again if it ends. */
    private volatile AeronArchive archive;
    private final String archiveControlChannel;
    private final int archiveControlStreamId;
    private long nextArchivePollNs;
    private final ExclusivePublication publication;
    private final int recordingCounterId;
    private final long recordingId;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
    private final IdleStrategy idle;
    private volatile long lastId;
    private volatile long backPressured;
    private volatile boolean started;
    /** Set (under {@link #countersLock}) when Aeron is closed: its counters' memory is gone, and the views must not read it. */
    private boolean closed;
    private final Object countersLock = new Object();
    /** Set when closing starts: an offer waiting for room gives up. */
    private volatile boolean closing;
    private volatile boolean offering;
    private final String epoch;
    private final Checkpoint checkpoint;
    private long nextCheckpointPosition;
    private long lastCheckpointPosition = -1;
    private volatile long recordingStart;
    private volatile long checkpoints;
    private volatile long lastCheckpointMicros;
    private volatile long purgeFailures;
    /** Counted down once the stream's end was published, on the consumer's thread. */
    private final java.util.concurrent.CountDownLatch endPublished = new java.util.concurrent.CountDownLatch(1);

    /**
     * Starts the media driver and the Archive, opens the stream at {@code cluster.endpoint},
     * starts recording it and publishes the epoch.
     *
     * @throws IllegalStateException when the endpoint cannot be bound or the recording does not start.
     */
    public IngestLink(final ClusterSettings settings, final String epoch)
    {
        this.settings = settings;
        // first: its direct memory is the one allocation here that can fail on a small host
        this.checkpoint = new Checkpoint(settings.checkpointHistory());
        this.idle = AeronMedia.idle(settings.threading());
        this.aeronDir = AeronMedia.directory(settings.aeronDir(), "tickstock-aeron-");
        this.archiveDir = AeronMedia.directory(settings.archiveDir(), "tickstock-archive-");
        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir.toString())
            .archiveDir(archiveDir.toFile())
            .controlChannel("aeron:udp?endpoint=" + settings.endpoint().archiveControl().endpoint())
            .replicationChannel("aeron:udp?endpoint=" + settings.endpoint().host() + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(settings.threading() == ClusterSettings.Threading.SHARED ? ArchiveThreadingMode.SHARED : ArchiveThreadingMode.DEDICATED)
            .idleStrategySupplier(() -> AeronMedia.idle(settings.threading()))
            .segmentFileLength(settings.segmentLength())
            .fileSyncLevel(0)
            .deleteArchiveOnStart(true);
        ArchivingMediaDriver launched = null;
        Aeron client = null;
        AeronArchive archiveClient = null;
        ExclusivePublication stream = null;
        final String streamChannel = new ChannelUriStringBuilder()
            .media(CommonContext.UDP_MEDIA)
            .controlEndpoint(settings.endpoint().endpoint())
            .controlMode(CommonContext.MDC_CONTROL_MODE_DYNAMIC)
            .termLength(settings.termLength())
            // the stream waits for the recording alone: the Archive's receiver is the one member
            // of the flow-control group; edges are not in it, so a slow edge never holds the
            // ingest node back (it is overrun and catches up from the recording)
            .taggedFlowControl(RECORDING_GROUP_TAG, 1, null)
            .build();
        int counterId = CountersReader.NULL_COUNTER_ID;
        try
        {
            launched = ArchivingMediaDriver.launch(AeronMedia.driver(aeronDir, settings.termLength(), settings.threading()), archiveContext);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString()));
            archiveClient = connectArchive(client, archiveContext.localControlChannel(), archiveContext.localControlStreamId());
            stream = client.addExclusivePublication(streamChannel, ClusterSettings.STREAM_ID);
            archiveClient.startRecording(new ChannelUriStringBuilder()
                .media(CommonContext.UDP_MEDIA)
                .endpoint(settings.endpoint().host() + ":0")
                .controlEndpoint(settings.endpoint().endpoint())
                .sessionId(stream.sessionId())
                .groupTag(RECORDING_GROUP_TAG)
                .build(), ClusterSettings.STREAM_ID, SourceLocation.REMOTE);
            final CountersReader counters = client.countersReader();
            final long deadline = System.nanoTime() + CONNECT_TIMEOUT_NS;
            while ((counterId = RecordingPos.findCounterIdBySession(counters, stream.sessionId(), archiveClient.archiveId())) ==
                CountersReader.NULL_COUNTER_ID || !stream.isConnected())
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the recording did not start within " +
                        TimeUnit.NANOSECONDS.toSeconds(CONNECT_TIMEOUT_NS) + " s");
                }
                idle.idle();
            }
            idle.reset();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(stream, archiveClient, client, launched);
            deleteOwnDirectories();
            throw new IllegalStateException("cluster.endpoint: cannot start the ingest node's stream at " + settings.endpoint() +
                " (recording control at " + settings.endpoint().archiveControl() + "): " + ex.getMessage(), ex);
        }
        this.media = launched;
        this.aeron = client;
        this.archive = archiveClient;
        this.archiveControlChannel = archiveContext.localControlChannel();
        this.archiveControlStreamId = archiveContext.localControlStreamId();
        this.publication = stream;
        this.recordingCounterId = counterId;
        this.recordingId = RecordingPos.getRecordingId(aeron.countersReader(), counterId);
        this.epoch = epoch;
        this.nextCheckpointPosition = settings.checkpointBytes();
        offer(buffer, 0, EventCodec.encodeEpoch(buffer, 0, epoch));
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        final long id = sequence + 1;
        final int length = EventCodec.encodeEvent(buffer, 0, event, id);
        offer(buffer, 0, length);
        checkpoint.record(buffer, length, event, id);
        lastId = id;
        if (publication.position() >= nextCheckpointPosition)
        {
            writeCheckpoint(id + 1);
        }
        final long nowNs = System.nanoTime();
        if (nowNs - nextArchivePollNs >= 0)
        {
            // the Archive pings its control sessions every second: a session that never reads its
            // answers fills them up and is closed, and the next purge would fail
            nextArchivePollNs = nowNs + ARCHIVE_POLL_NS;
            pollArchive();
        }
    }

    private static AeronArchive connectArchive(final Aeron client, final String channel, final int streamId)
    {
        return AeronArchive.connect(new AeronArchive.Context()
            .aeron(client)
            .idleStrategy(AeronMedia.idle())
            .controlRequestChannel(channel)
            .controlRequestStreamId(streamId)
            .controlResponseChannel(channel));
    }

    private void pollArchive()
    {
        try
        {
            archive.pollForRecordingSignals();
        }
        catch (final RuntimeException sessionEnded)
        {
            reconnectArchive();
        }
    }

    /** A new control session with the node's own Archive, the old one closed; quietly: the next call tries again. */
    private void reconnectArchive()
    {
        CloseHelper.quietClose(archive);
        try
        {
            archive = connectArchive(aeron, archiveControlChannel, archiveControlStreamId);
        }
        catch (final RuntimeException ex)
        {
            // the Archive did not answer: the next poll or purge tries again
        }
    }

    /**
     * A checkpoint before the event with {@code nextId}, then the recording purged up to the
     * segment of the checkpoint before this one: an edge starting now reads at most two
     * checkpoints' worth of the stream (docs/scale-out.md).
     */
    private void writeCheckpoint(final long nextId)
    {
        final long at = publication.position();
        final long startedNs = System.nanoTime();
        checkpoint.write(this::offer, epoch, nextId);
        checkpoints++;
        nextCheckpointPosition = publication.position() + settings.checkpointBytes();
        if (lastCheckpointPosition >= 0)
        {
            final long purgeTo = AeronArchive.segmentFileBasePosition(0, lastCheckpointPosition, settings.termLength(), settings.segmentLength());
            if (purgeTo > recordingStart)
            {
                try
                {
                    archive.purgeSegments(recordingId, purgeTo);
                    recordingStart = purgeTo;
                }
                catch (final RuntimeException ex)
                {
                    // a segment an edge is replaying stays, or the session had ended: the next
                    // checkpoint tries again, on a new session
                    purgeFailures++;
                    reconnectArchive();
                }
            }
        }
        lastCheckpointPosition = at;
        lastCheckpointMicros = (System.nanoTime() - startedNs) / 1_000;
    }

    @Override
    public void onStart()
    {
        started = true;
    }

    /** The publish ring stopped after its last event: tell the edges the stream ends there. */
    @Override
    public void onShutdown()
    {
        try
        {
            offer(buffer, 0, EventCodec.encodeEnd(buffer, 0, lastId));
        }
        finally
        {
            endPublished.countDown();
        }
    }

    private void offer(final DirectBuffer message, final int offset, final int length)
    {
        boolean counted = false;
        long result;
        offering = true;
        try
        {
            while ((result = publication.offer(message, offset, length)) < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || closing)
                {
                    throw new IllegalStateException("the stream to the edge nodes is closed" +
                        (closing ? ", the node is stopping" : " (" + Publication.errorString(result) + ")"));
                }
                if (!counted)
                {
                    // the recording (or the driver) is behind: wait for it rather than lose the event
                    backPressured++;
                    counted = true;
                }
                idle.idle();
            }
            idle.reset();
        }
        finally
        {
            offering = false;
        }
    }

    /** The newest event's id published; 0 before the first. */
    public long lastId()
    {
        return lastId;
    }

    /** Messages (events, and checkpoints' messages) that had to wait for the recording or the driver to take them. */
    public long backPressured()
    {
        return backPressured;
    }

    /**
     * Edge nodes connected now: the control sessions of the recording but this node's own (each
     * edge keeps one open while it serves; Aeron does not expose a multi-destination stream's
     * receivers).
     */
    public long connectedEdges()
    {
        synchronized (countersLock)
        {
            return closed ? 0 : Math.max(0, media.archive().context().controlSessionsCounter().get() - 1);
        }
    }

    /** Bytes of the stream so far; -1 once closed. */
    public long position()
    {
        synchronized (countersLock)
        {
            return closed ? -1 : publication.position();
        }
    }

    /** Bytes recorded so far; -1 once closed. */
    public long recordedPosition()
    {
        synchronized (countersLock)
        {
            return closed ? -1 : aeron.countersReader().getCounterValue(recordingCounterId);
        }
    }

    public long recordingId()
    {
        return recordingId;
    }

    /** Where the recording starts now: 0 until the first purge, then the segment of the checkpoint before the last. */
    public long recordingStart()
    {
        return recordingStart;
    }

    /** Checkpoints written so far. */
    public long checkpoints()
    {
        return checkpoints;
    }

    /** How long writing the last checkpoint and purging behind it took, µs: live events waited that long behind it. */
    public long lastCheckpointMicros()
    {
        return lastCheckpointMicros;
    }

    /** Purges the Archive refused (a segment being replayed); each is tried again at the next checkpoint. */
    public long purgeFailures()
    {
        return purgeFailures;
    }

    /** A count of this node's media driver: NAKs received, retransmits sent, ... */
    public long driverCounter(final io.aeron.driver.status.SystemCounterDescriptor counter)
    {
        synchronized (countersLock)
        {
            return closed ? -1 : media.mediaDriver().context().systemCounters().get(counter).get();
        }
    }

    public ClusterSettings settings()
    {
        return settings;
    }

    /**
     * After the publish ring stopped: waits (up to 2 s) until the stream's end was published, sent
     * and recorded, and 1 s more for edges to repair a loss, then stops the recording, the
     * Archive and the media driver and removes the directories this node made.
     */
    @Override
    public void close()
    {
        if (started)
        {
            final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
            try
            {
                // the ring's halt does not wait for its consumer's onShutdown
                endPublished.await(DRAIN_TIMEOUT_NS, TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            final long end = publication.position();
            while ((senderPosition() < end || recordedPosition() < end) && System.nanoTime() < deadline)
            {
                idle.idle();
            }
            // an edge that lost a piece of the last messages asks for it again (a NAK): the
            // publication must still be there to answer; Aeron does not say when every edge has all
            lingerForRepairs();
        }
        // a consumer still waiting for room (the ring did not drain) gives up before the stream goes
        closing = true;
        final long offerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (offering && System.nanoTime() < offerDeadline)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        synchronized (countersLock)
        {
            closed = true;
            CloseHelper.quietCloseAll(publication, archive, aeron, media);
        }
        deleteOwnDirectories();
    }

    /** The directories this node made (none configured): removed. */
    private void deleteOwnDirectories()
    {
        if (settings.archiveDir() == null)
        {
            AeronMedia.delete(archiveDir);
        }
        if (settings.aeronDir() == null)
        {
            AeronMedia.delete(aeronDir);
        }
    }

    private static void lingerForRepairs()
    {
        try
        {
            Thread.sleep(REPAIR_LINGER_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private long senderPosition()
    {
        final CountersReader counters = aeron.countersReader();
        final long registrationId = publication.registrationId();
        final long[] position = {Long.MAX_VALUE};
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == SenderPos.SENDER_POSITION_TYPE_ID && key.getLong(0) == registrationId)
            {
                position[0] = counters.getCounterValue(counterId);
            }
        });
        return position[0];
    }
}
