package io.tickstock.core.source;

import io.tickstock.core.config.ConfigKey;

import java.util.List;

/**
 * The {@code source.restart.*} keys, each declared once: {@link SourceRestartPolicy.Builder}'s
 * defaults and checks, the example server's parsing and docs/configuration.md's rows come from
 * these. {@code maxBackoffMs}'s lower bound is {@code initialBackoffMs}. Immutable.
 */
public final class RestartKeys
{
    public static final ConfigKey ENABLED = ConfigKey.bool("source.restart.enabled", true,
        "`true`, `false`",
        "restart a source whose run throws (a lost connection, an I/O error); `false`: its thread ends (observability.md, \"Faults and recovery\")");
    public static final ConfigKey INITIAL_BACKOFF_MS = ConfigKey.integer("source.restart.initialBackoffMs", 500, 1, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS,
        "1..3600000",
        "the wait before the first restart in a row; it doubles with each further failure in a row");
    public static final ConfigKey MAX_BACKOFF_MS = ConfigKey.integer("source.restart.maxBackoffMs", 30_000, 1, SourceRestartPolicy.MAX_BACKOFF_LIMIT_MS,
        "`source.restart.initialBackoffMs`..3600000",
        "the wait doubles up to this");
    public static final ConfigKey JITTER = ConfigKey.decimal("source.restart.jitter", "0.2", 0, 1_000_000, "a fraction",
        "0..1, at most 6 decimals",
        "the random share of each wait: it is taken uniformly from (wait × (1 − jitter), wait]");
    public static final ConfigKey MAX_ATTEMPTS = ConfigKey.integer("source.restart.maxAttempts", 0, 0, SourceRestartPolicy.MAX_ATTEMPTS_LIMIT,
        "0..1000000 (0 = no limit)",
        "restarts in a row (no record read in between) before the source is given up");

    /** Every key, in the order docs/configuration.md lists them. */
    public static final List<ConfigKey> ALL = List.of(ENABLED, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, JITTER, MAX_ATTEMPTS);

    private RestartKeys()
    {
    }
}
