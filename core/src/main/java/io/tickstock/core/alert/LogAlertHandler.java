package io.tickstock.core.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every alert transition through slf4j: a firing alert at the level of its severity (info,
 * warn, or error for error and critical), a resolution at info. Each rule fires at most once per
 * resolution and cooldown, so the log needs no further rate limit. Thread-safe.
 */
public final class LogAlertHandler implements AlertHandler
{
    private final Logger log;

    /** Logs to {@code io.tickstock.alerts}. */
    public LogAlertHandler()
    {
        this(LoggerFactory.getLogger("io.tickstock.alerts"));
    }

    public LogAlertHandler(final Logger log)
    {
        this.log = log;
    }

    @Override
    public void onAlert(final Alert alert)
    {
        if (alert.isResolved())
        {
            log.info("alert resolved [{}] {}", alert.severity().configName(), alert.message());
            return;
        }
        switch (alert.severity())
        {
            case INFO:
                log.info("alert firing [info] {}", alert.message());
                break;
            case WARNING:
                log.warn("alert firing [warning] {}", alert.message());
                break;
            case ERROR:
            case CRITICAL:
            default:
                log.error("alert firing [{}] {}", alert.severity().configName(), alert.message());
                break;
        }
    }
}
