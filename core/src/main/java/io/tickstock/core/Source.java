package io.tickstock.core;

/**
 * The source SPI (the real-time adapter): a feed the pipeline reads, on a thread of its own.
 * Implementations decode each message into a reused record and hand it to the sink.
 *
 * @param <R> the decoded record.
 */
public interface Source<R>
{
    /** The configured source name, carried on every event the source causes. */
    String name();

    /**
     * Reads until the stream ends or {@link #stop()} is called. Called once, on the source's thread.
     *
     * @throws Exception counted and logged by the pipeline; the source's thread ends.
     */
    void run(RecordSink<R> sink) throws Exception;

    /** Asks {@link #run} to return soon. Any thread. */
    void stop();
}
