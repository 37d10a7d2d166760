package io.tickstock.cluster;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import org.agrona.CloseHelper;

/**
 * An edge's view of the ingest node's recording (docs/scale-out.md): a control session with the
 * node's Archive, the recording of the live stream it found, and the questions asked of it. A
 * session the Archive dropped (the edge was paused or cut off for seconds) is made again, and the
 * recording must then be the same one: an ingest node restarted at the same endpoint records a
 * new epoch under the same id.
 *
 * <p>Not thread-safe: the edge's link thread, once started (the joining thread before).
 */
final class UpstreamRecording implements AutoCloseable
{
    private static final String SYSTEM_PICKS_PORT = ":0";

    private final ClusterSettings settings;
    private final Aeron aeron;
    private final long recordingId;
    private final int sessionId;
    private final long startedMs;
    private AeronArchive archive;

    private UpstreamRecording(final ClusterSettings settings, final Aeron aeron, final AeronArchive archive, final long[] found)
    {
        this.settings = settings;
        this.aeron = aeron;
        this.archive = archive;
        this.recordingId = found[0];
        this.sessionId = (int)found[1];
        this.startedMs = found[2];
    }

    /**
     * Opens a control session with the ingest node's Archive and finds its newest recording of the
     * stream that goes on.
     *
     * @throws IllegalStateException when no ingest node answers, or it records no live stream.
     */
    static UpstreamRecording find(final ClusterSettings settings, final Aeron aeron)
    {
        final AeronArchive archive;
        try
        {
            archive = connect(settings, aeron);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("cluster.upstream: no ingest node answers at " + settings.upstream() +
                " (recording control at " + settings.upstream().archiveControl() + "): " + ex.getMessage(), ex);
        }
        final long[] found = {-1, 0, 0};
        try
        {
            archive.listRecordingsForUri(0, Integer.MAX_VALUE, "aeron:udp", ClusterSettings.STREAM_ID,
                (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition, initialTermId,
                    segmentFileLength, termBufferLength, mtuLength, recordingSessionId, streamId, strippedChannel, originalChannel,
                    sourceIdentity) ->
                {
                    if (id > found[0] && stopPosition == AeronArchive.NULL_POSITION)
                    {
                        found[0] = id;
                        found[1] = recordingSessionId;
                        found[2] = startTimestamp;
                    }
                });
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(archive);
            throw new IllegalStateException("cluster.upstream: the node at " + settings.upstream() + " did not list its recordings: " +
                ex.getMessage(), ex);
        }
        if (found[0] < 0)
        {
            CloseHelper.quietClose(archive);
            throw new IllegalStateException("cluster.upstream: the node at " + settings.upstream() + " records no live event stream");
        }
        return new UpstreamRecording(settings, aeron, archive, found);
    }

    /** A control session; the Archive's answers come to {@code cluster.localHost} on a port the system picks. */
    private static AeronArchive connect(final ClusterSettings settings, final Aeron aeron)
    {
        return AeronArchive.connect(new AeronArchive.Context()
            .aeron(aeron)
            .idleStrategy(AeronMedia.idle())
            .controlRequestChannel("aeron:udp?endpoint=" + settings.upstream().archiveControl().endpoint())
            .controlResponseChannel(localChannel(settings)));
    }

    /** {@code aeron:udp?endpoint=LOCAL_HOST:0}: where the ingest node sends to this edge, on a port the system picks. */
    static String localChannel(final ClusterSettings settings)
    {
        return "aeron:udp?endpoint=" + settings.localHost() + SYSTEM_PICKS_PORT;
    }

    /** The control session, for a replay-merge; it may be a new one after {@link #goesOn()} or {@link #position()}. */
    AeronArchive archive()
    {
        return archive;
    }

    long recordingId()
    {
        return recordingId;
    }

    /** The stream's session id: the live image's and the replay's. */
    int sessionId()
    {
        return sessionId;
    }

    /**
     * Whether the recording still goes on; a control session that ended is made again first.
     *
     * @throws IllegalStateException when the recording is another one (the ingest node restarted).
     */
    boolean goesOn()
    {
        try
        {
            return archive.getStopPosition(recordingId) == AeronArchive.NULL_POSITION;
        }
        catch (final RuntimeException sessionEnded)
        {
            reconnect();
            final long[] seen = {Long.MIN_VALUE, AeronArchive.NULL_POSITION};
            archive.listRecording(recordingId,
                (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition, initialTermId,
                    segmentFileLength, termBufferLength, mtuLength, recordingSessionId, streamId, strippedChannel, originalChannel,
                    sourceIdentity) ->
                {
                    seen[0] = recordingSessionId == sessionId ? startTimestamp : Long.MIN_VALUE;
                    seen[1] = stopPosition;
                });
            if (seen[0] != startedMs)
            {
                throw new IllegalStateException("the ingest node restarted: its recording is another epoch's");
            }
            return seen[1] == AeronArchive.NULL_POSITION;
        }
    }

    /** The recording's position now; a control session that ended is made again first. */
    long position()
    {
        try
        {
            return archive.getRecordingPosition(recordingId);
        }
        catch (final RuntimeException sessionEnded)
        {
            goesOn();
            return archive.getRecordingPosition(recordingId);
        }
    }

    /** Where the recording starts now (it moves on as the ingest node purges); a control session that ended is made again first. */
    long startPosition()
    {
        try
        {
            return archive.getStartPosition(recordingId);
        }
        catch (final RuntimeException sessionEnded)
        {
            goesOn();
            return archive.getStartPosition(recordingId);
        }
    }

    private void reconnect()
    {
        CloseHelper.quietClose(archive);
        archive = connect(settings, aeron);
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(archive);
    }
}
