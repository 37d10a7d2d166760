package io.tickstock.core.source;

import java.util.Locale;

/** Where a supervised source stands ({@link SourceSupervisor#state()}). */
public enum SourceState
{
    /** Its thread has not started yet. */
    WAITING,
    /** Its {@code run} is reading. */
    RUNNING,
    /** Its {@code run} threw; it is restarted once the backoff has passed. */
    BACKING_OFF,
    /** Its {@code run} returned: the stream ended (a replay at the end of its file). */
    FINISHED,
    /** Stopped by the pipeline. */
    STOPPED,
    /** Its {@code run} threw and the restart policy allows no further restart: given up. */
    FAILED;

    /** The name in JSON: {@code waiting}, {@code running}, {@code backing-off}, {@code finished}, {@code stopped}, {@code failed}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
