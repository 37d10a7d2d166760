package io.tickstock.cluster;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.status.SystemCounterDescriptor;
import io.aeron.logbuffer.Header;
import io.tickstock.channels.MarketEvent;
import io.tickstock.core.ring.PublishRing;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The edge node's side of the scale-out (docs/scale-out.md): joins the ingest node's stream from
 * the start of its recording (replay-merge: the recording up to the live stream, then the live
 * stream), reads the epoch, and hands every event, with the id the ingest node gave it, to the
 * edge's publish ring, in order, none twice, none missed: a message whose id is not the next one
 * ends the stream as lost rather than be served. When the live stream breaks off while the
 * recording goes on (this edge fell behind, or lost its image), it joins again from the position it
 * had reached.
 *
 * <p>{@link #join} on the caller's thread; then one thread, {@code tickstock-upstream}, polls;
 * every getter may be called from any thread.
 */
public final class UpstreamLink implements AutoCloseable
{
    /** Where the link stands. */
    public enum State
    {
        /** Looking for the ingest node's recording, or joining it again. */
        JOINING,
        /** Reading the recording, not yet merged onto the live stream. */
        REPLAYING,
        /** On the live stream. */
        LIVE,
        /** The ingest node ended the stream: everything it published was handed on. */
        ENDED,
        /** The stream broke off and cannot be joined again (the ingest node is gone, or ids jumped). */
        LOST
    }

    private static final int FRAGMENT_LIMIT = 256;
    private static final long LAG_CHECK_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    /** Rejoins in a row from the same position before the stream counts as lost (a message that always fails). */
    private static final int MAX_REJOINS_WITHOUT_PROGRESS = 5;
    /** Longer than a request to the Archive may take (10 s): close waits for the link's thread to leave Aeron alone. */
    private static final long CLOSE_JOIN_MS = 15_000;

    private final ClusterSettings settings;
    private final Path aeronDir;
    private final MediaDriver driver;
    private final Aeron aeron;
    /** The ingest node's recording and the control session with its Archive. */
    private final UpstreamRecording recording;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onMessage);
    /** Symbols and the other strings of the stream, each made once. */
    private final AsciiStrings strings = new AsciiStrings();
    private final IdleStrategy idle;
    private final EventTranslatorOneArg<MarketEvent, UpstreamLink> decode = (event, sequence, link) ->
    {
        EventCodec.decodeEvent(link.message, link.messageOffset, event, link.strings);
        if (EventCodec.kind(link.message, link.messageOffset) == EventCodec.STATE)
        {
            event.id = MarketEvent.STATE_ONLY;
        }
        event.publishNanos = System.nanoTime();
    };
    private Subscription subscription;
    private ReplayMerge merge;
    private PublishRing<MarketEvent> ring;
    private Runnable onMerged;
    private Consumer<String> onEnd;
    private Thread thread;
    private DirectBuffer message;
    private int messageOffset;
    /** This merge reached the live stream. */
    private boolean mergedSignalled;
    /** The first merge reached the live stream and {@code onMerged} ran. */
    private boolean announced;
    private volatile boolean running = true;
    private volatile State state = State.JOINING;
    private volatile String epoch;
    private volatile String endReason;
    private volatile long lastId;
    private volatile long position;
    private volatile long events;
    private volatile long joins;
    private volatile long recordedPosition;
    /** The first id this edge serves: 1, or the first history id of the checkpoint it started at. */
    private volatile long firstId = 1;
    /** Snapshot states applied from the checkpoint it started at. */
    private volatile long states;
    /** An epoch or a checkpoint was read: events from here on are served. */
    private boolean synced;
    /** Inside a checkpoint this edge does not need. */
    private boolean skipping;
    private long nextLagCheckNs;
    private long positionAtLastCheck = -1;
    private long rejoinPosition = -1;
    private int rejoinsWithoutProgress;
    /** Set (under {@link #countersLock}) when Aeron is closed: its counters' memory is gone, and the views must not read it. */
    private boolean closed;
    private final Object countersLock = new Object();

    private UpstreamLink(final ClusterSettings settings)
    {
        this.settings = settings;
        this.idle = AeronMedia.idle(settings.threading());
        this.aeronDir = AeronMedia.directory(settings.aeronDir(), "tickstock-aeron-");
        MediaDriver launched = null;
        Aeron client = null;
        try
        {
            launched = MediaDriver.launchEmbedded(AeronMedia.driver(aeronDir, settings.termLength(), settings.threading()));
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(launched.aeronDirectoryName()));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(client, launched);
            AeronMedia.delete(settings.aeronDir() == null ? aeronDir : null);
            throw new IllegalStateException("cluster.aeronDir: cannot start a media driver in " + aeronDir + ": " + ex.getMessage(), ex);
        }
        this.driver = launched;
        this.aeron = client;
        try
        {
            this.recording = UpstreamRecording.find(settings, aeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(aeron, driver);
            AeronMedia.delete(settings.aeronDir() == null ? aeronDir : null);
            throw ex;
        }
    }

    /**
     * Joins the ingest node at {@code cluster.upstream}: finds its live recording, starts reading it
     * from the start and waits for the epoch, its first message.
     *
     * @throws IllegalStateException when no ingest node answers, or it sends no epoch within {@code timeout}.
     */
    public static UpstreamLink join(final ClusterSettings settings, final Duration timeout)
    {
        final UpstreamLink link = new UpstreamLink(settings);
        try
        {
            link.startMerge();
            // the epoch is the recording's first message, or in the first checkpoint after where a
            // purged recording starts (up to a segment on): the timeout is for a silent stream
            long deadline = System.nanoTime() + timeout.toNanos();
            while (link.epoch == null)
            {
                if (link.state == State.LOST)
                {
                    throw new IllegalStateException("cluster.upstream: " + link.endReason);
                }
                if (System.nanoTime() > deadline || link.merge.hasFailed())
                {
                    throw new IllegalStateException("cluster.upstream: the node at " + settings.upstream() + " sent nothing for " +
                        timeout.toMillis() + " ms before its epoch");
                }
                final int read = link.merge.poll(link.assembler, 1);
                if (read > 0)
                {
                    deadline = System.nanoTime() + timeout.toNanos();
                }
                link.idle.idle(read);
            }
            return link;
        }
        catch (final RuntimeException ex)
        {
            link.close();
            throw ex;
        }
    }

    /** The ingest node's epoch: the edge's clients are welcomed with it. */
    public String epoch()
    {
        return epoch;
    }

    /**
     * Starts handing events to {@code publishRing} on the link's own thread.
     *
     * @param merged runs once, on that thread, when the link reached the live stream: the edge's
     *               state now holds everything published before.
     * @param ended  runs once, on that thread, with the reason, when the stream ended or was lost.
     */
    public synchronized void start(final PublishRing<MarketEvent> publishRing, final Runnable merged, final Consumer<String> ended)
    {
        this.ring = publishRing;
        this.onMerged = merged;
        this.onEnd = ended;
        thread = new Thread(this::run, "tickstock-upstream");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        while (running && state != State.ENDED && state != State.LOST)
        {
            int work;
            try
            {
                work = merge.poll(assembler, FRAGMENT_LIMIT);
                if (state == State.ENDED || state == State.LOST)
                {
                    break;
                }
                if (merge.isMerged())
                {
                    if (!mergedSignalled)
                    {
                        mergedSignalled = true;
                        state = State.LIVE;
                        if (!announced)
                        {
                            announced = true;
                            onMerged.run();
                        }
                    }
                    final Image image = merge.image();
                    if (image == null || image.isClosed() || image.isEndOfStream())
                    {
                        rejoin("the live stream closed");
                    }
                    else if (System.nanoTime() - nextLagCheckNs >= 0)
                    {
                        nextLagCheckNs = System.nanoTime() + LAG_CHECK_NS;
                        recordedPosition = recording.position();
                        if (recordedPosition > position && position == positionAtLastCheck)
                        {
                            // behind by more than the sender still holds: the image waits for data
                            // no one will resend; the recording has it
                            rejoin("no progress on the live stream for a second, " + (recordedPosition - position) +
                                " bytes behind the recording");
                        }
                        positionAtLastCheck = position;
                    }
                }
                else if (merge.hasFailed())
                {
                    rejoin("the replay failed");
                }
            }
            catch (final RuntimeException ex)
            {
                work = 0;
                rejoin(ex.getMessage());
            }
            catch (final Throwable fatal)
            {
                // an Error: nothing here can be trusted to go on; end as lost so that the edge says so
                end(State.LOST, "the link failed: " + fatal);
                break;
            }
            idle.idle(work);
        }
        if (endReason != null)
        {
            onEnd.accept(endReason);
        }
    }

    /** The stream broke off: join it again where this link stands, if the recording still goes on. */
    private void rejoin(final String why)
    {
        if (state == State.ENDED || state == State.LOST)
        {
            return;
        }
        CloseHelper.quietCloseAll(merge, subscription);
        merge = null;
        subscription = null;
        rejoinsWithoutProgress = position == rejoinPosition ? rejoinsWithoutProgress + 1 : 1;
        rejoinPosition = position;
        if (rejoinsWithoutProgress > MAX_REJOINS_WITHOUT_PROGRESS)
        {
            end(State.LOST, "joined " + MAX_REJOINS_WITHOUT_PROGRESS + " times in a row without getting past position " + position + " (" + why + ")");
            return;
        }
        try
        {
            if (!recording.goesOn())
            {
                end(State.LOST, "the ingest node's recording stopped at a position this edge had not reached (" + why + ")");
                return;
            }
            state = State.JOINING;
            startMerge();
        }
        catch (final RuntimeException ex)
        {
            end(State.LOST, "the ingest node at " + settings.upstream() + " is gone (" + why + "; " + ex.getMessage() + ")");
        }
    }

    private void startMerge()
    {
        final long start = recording.startPosition();
        if (synced && position < start)
        {
            end(State.LOST, "this edge fell behind what the ingest node's recording still holds: it is at " + position +
                ", the recording starts at " + start + " (purged behind a checkpoint); started again, an edge begins at a checkpoint");
            return;
        }
        if (!synced)
        {
            // nothing read yet: from where the recording starts now (0, or a segment before a checkpoint)
            position = Math.max(position, start);
        }
        final int sessionId = recording.sessionId();
        final String local = UpstreamRecording.localChannel(settings);
        subscription = aeron.addSubscription("aeron:udp?control-mode=manual|session-id=" + sessionId, ClusterSettings.STREAM_ID);
        merge = new ReplayMerge(subscription, recording.archive(), "aeron:udp?session-id=" + sessionId, local,
            local + "|control=" + settings.upstream().endpoint(), recording.recordingId(), position);
        joins++;
        positionAtLastCheck = -1;
        mergedSignalled = false;
        state = State.REPLAYING;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final byte kind = EventCodec.kind(buffer, offset);
        switch (kind)
        {
            case EventCodec.EPOCH:
                if (epoch == null)
                {
                    epoch = versioned(() -> EventCodec.decodeEpoch(buffer, offset));
                    synced = epoch != null;
                }
                break;
            case EventCodec.CHECKPOINT:
                if (synced)
                {
                    // this edge has it all already: the checkpoint is for edges that start here
                    skipping = true;
                }
                else
                {
                    epoch = versioned(() -> EventCodec.checkpointEpoch(buffer, offset));
                    if (epoch == null)
                    {
                        return;
                    }
                    firstId = EventCodec.checkpointFirstHistoryId(buffer, offset);
                    lastId = firstId - 1;
                    synced = true;
                }
                break;
            case EventCodec.CHECKPOINT_END:
                skipping = false;
                break;
            case EventCodec.STATE:
                if (synced && !skipping)
                {
                    publish(buffer, offset);
                    states++;
                }
                break;
            case EventCodec.HISTORY:
            case EventCodec.EVENT:
                if (!synced || skipping)
                {
                    // before the first checkpoint this edge reads, or a checkpoint it does not need
                    break;
                }
                final long id = EventCodec.eventId(buffer, offset);
                if (id != lastId + 1)
                {
                    end(State.LOST, "event id " + id + " where " + (lastId + 1) + " was next: not served");
                    return;
                }
                publish(buffer, offset);
                lastId = id;
                events++;
                break;
            case EventCodec.END:
                end(State.ENDED, "the ingest node stopped after event " + EventCodec.decodeEnd(buffer, offset));
                break;
            default:
                end(State.LOST, "a message of unknown kind " + kind + " at position " + header.position());
                return;
        }
        position = header.position();
    }

    /** The epoch, or null after ending as lost when the stream is of another format version. */
    private String versioned(final java.util.function.Supplier<String> epochOf)
    {
        try
        {
            return epochOf.get();
        }
        catch (final IllegalStateException otherVersion)
        {
            end(State.LOST, otherVersion.getMessage());
            return null;
        }
    }

    /** Hands the event message at {@code offset} to the edge's publish ring: a state message with id -1, applied and not served. */
    private void publish(final DirectBuffer buffer, final int offset)
    {
        message = buffer;
        messageOffset = offset;
        ring.publish(decode, this);
    }

    private void end(final State how, final String reason)
    {
        if (state != State.ENDED && state != State.LOST)
        {
            endReason = reason;
            state = how;
        }
    }

    public State state()
    {
        return state;
    }

    /** Why the stream ended or was lost; null while it goes on. */
    public String endReason()
    {
        return endReason;
    }

    /** {@link #lagBytes()} in events, at the mean bytes per event of the stream so far: the stream does not say how many events a byte range holds. */
    public long lagEventsEstimate()
    {
        final long read = position;
        final long id = lastId;
        return read == 0 || id == 0 ? 0 : Math.round(lagBytes() * (double)id / read);
    }

    /** The id of the last event handed on; 0 before the first. */
    public long lastId()
    {
        return lastId;
    }

    /** The first id handed on: 1, or the first history id of the checkpoint the edge started at. */
    public long firstId()
    {
        return firstId;
    }

    /** Snapshot states applied from the checkpoint the edge started at. */
    public long states()
    {
        return states;
    }

    /** Events handed on. */
    public long events()
    {
        return events;
    }

    /** The stream's position after the last message handled, bytes. */
    public long position()
    {
        return position;
    }

    /** Times the link joined the stream: 1, plus one for each rejoin after the stream broke off. */
    public long joins()
    {
        return joins;
    }

    /**
     * How far the recording is ahead of this link, bytes, as of the last look (once a second while
     * live; a replay's requests to the Archive are not interleaved with others); 0 before.
     */
    public long lagBytes()
    {
        return Math.max(0, recordedPosition - position);
    }

    /** A count of this node's media driver: NAKs sent, retransmits, loss gaps filled, ... */
    public long driverCounter(final SystemCounterDescriptor counter)
    {
        synchronized (countersLock)
        {
            return closed ? -1 : driver.context().systemCounters().get(counter).get();
        }
    }

    public ClusterSettings settings()
    {
        return settings;
    }

    /** Stops the link's thread and Aeron; removes the directory this node made. */
    @Override
    public void close()
    {
        running = false;
        final Thread polling;
        synchronized (this)
        {
            polling = thread;
        }
        if (polling != null && polling != Thread.currentThread())
        {
            try
            {
                polling.join(CLOSE_JOIN_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (countersLock)
        {
            closed = true;
            CloseHelper.quietCloseAll(merge, subscription, recording, aeron, driver);
        }
        if (settings.aeronDir() == null)
        {
            AeronMedia.delete(aeronDir);
        }
    }
}
