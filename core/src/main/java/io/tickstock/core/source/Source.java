package io.tickstock.core.source;

/**
 * The source SPI (the real-time adapter): a feed the pipeline reads, on a thread of its own.
 * Implementations decode each message into a reused record and hand it to the sink.
 *
 * <p>{@link #run} returns only when the stream has ended for good (a replay at the end of its
 * file, a simulator at its limit) or {@link #stop()} was called. A lost connection, or any other
 * failure, is thrown: the pipeline then runs the source again after a backoff
 * ({@link SourceRestartPolicy}), so a run must be able to follow a failed one (reconnect, or go on
 * where the last one left off).
 *
 * @param <R> the decoded record.
 */
public interface Source<R>
{
    /** The configured source name, carried on every event the source causes. */
    String name();

    /**
     * Reads until the stream ends or {@link #stop()} is called. Called on the source's thread: once,
     * and again after each failure the restart policy allows.
     *
     * @throws Exception a failure or a disconnect: counted and logged by the pipeline, which
     *                   restarts the source or, when the policy allows no restart, ends its thread.
     */
    void run(RecordSink<R> sink) throws Exception;

    /** Asks {@link #run} to return soon, and any later run to return at once. Any thread. */
    void stop();

    /**
     * How this source is restarted after {@link #run} threw, when it has a policy of its own (a
     * live feed reconnects on its {@code feed.backoff.*}); null, the default, for the pipeline's
     * ({@code source.restart.*}).
     */
    default SourceRestartPolicy restartPolicy()
    {
        return null;
    }
}
