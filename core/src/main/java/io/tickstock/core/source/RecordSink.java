package io.tickstock.core.source;

/**
 * Where a source puts what it reads. Called only from the source's own thread.
 *
 * @param <R> the decoded record.
 */
public interface RecordSink<R>
{
    /** Routes a decoded record to its channel(s); the record may be reused once this returns. */
    void publish(R record);

    /** Counts a record rejected at the source, before any channel ({@code malformed}, {@code unknown_type}). */
    void reject(String reason);
}
