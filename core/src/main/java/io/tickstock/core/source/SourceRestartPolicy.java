package io.tickstock.core.source;

/**
 * How the pipeline restarts a source whose {@link Source#run} threw: after an exponential backoff
 * with jitter, at most {@link #maxAttempts()} times in a row (0: without limit). The delay before
 * the {@code n}-th restart in a row is
 *
 * <pre>
 * base  = min(maxBackoffMs, initialBackoffMs * 2^(n-1))
 * delay = base - floor(base * jitter * u)      (u uniform in [0, 1))
 * </pre>
 *
 * so it lies in {@code (base * (1 - jitter), base]}, never above {@code maxBackoffMs} and never
 * below 1 ms. A run that read at least one record before it failed starts the count again, so a
 * source that keeps working between failures is restarted at the initial backoff, and one that
 * fails at once on every run backs off up to {@code maxBackoffMs} and, with a limit, is given up.
 *
 * <p>Built once with {@link #builder()}; {@link Builder#build()} throws naming the configuration
 * key ({@code source.restart.*}), the bad value and the allowed range. Immutable.
 */
public final class SourceRestartPolicy
{
    /** The longest backoff allowed: an hour. */
    public static final long MAX_BACKOFF_LIMIT_MS = 3_600_000L;
    /** The most restarts in a row a limit may allow. */
    public static final int MAX_ATTEMPTS_LIMIT = 1_000_000;

    private static final SourceRestartPolicy DISABLED = builder().enabled(false).build();

    private final boolean enabled;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final double jitter;
    private final int maxAttempts;
    private final String maxAttemptsKey;

    private SourceRestartPolicy(final Builder b)
    {
        maxAttemptsKey = b.maxAttemptsKey;
        enabled = b.enabled;
        initialBackoffMs = b.initialBackoffMs;
        maxBackoffMs = b.maxBackoffMs;
        jitter = b.jitter;
        maxAttempts = b.maxAttempts;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** The defaults of docs/configuration.md: enabled, 500 ms doubling up to 30 s, jitter 0.2, no limit. */
    public static SourceRestartPolicy defaults()
    {
        return builder().build();
    }

    /** A source that throws is not restarted: its thread ends. */
    public static SourceRestartPolicy disabled()
    {
        return DISABLED;
    }

    /** {@code source.restart.enabled}: whether a source that throws is restarted at all. */
    public boolean enabled()
    {
        return enabled;
    }

    /** {@code source.restart.initialBackoffMs}: the delay before the first restart in a row. */
    public long initialBackoffMs()
    {
        return initialBackoffMs;
    }

    /** {@code source.restart.maxBackoffMs}: the delay doubles up to this. */
    public long maxBackoffMs()
    {
        return maxBackoffMs;
    }

    /** {@code source.restart.jitter}: the fraction of each delay that is random, 0..1. */
    public double jitter()
    {
        return jitter;
    }

    /** {@code source.restart.maxAttempts}: restarts in a row before the source is given up; 0 for no limit. */
    public int maxAttempts()
    {
        return maxAttempts;
    }

    /** The configuration key of {@link #maxAttempts()}, as a source given up names it: {@code source.restart.maxAttempts} unless set. */
    public String maxAttemptsKey()
    {
        return maxAttemptsKey;
    }

    /**
     * Whether a source that has failed {@code failuresInARow} times in a row (this failure
     * included) is restarted once more.
     */
    public boolean allowsRestart(final int failuresInARow)
    {
        return enabled && (maxAttempts == 0 || failuresInARow <= maxAttempts);
    }

    /**
     * The delay before a restart: a pure function of its arguments.
     *
     * @param failuresInARow the failures in a row so far, this one included: 1 or more.
     * @param draw           a uniform random number in [0, 1): the jitter's share.
     * @return milliseconds, 1..{@link #maxBackoffMs()}.
     */
    public long backoffMs(final int failuresInARow, final double draw)
    {
        if (failuresInARow < 1)
        {
            throw new IllegalArgumentException("failuresInARow: " + failuresInARow + " is out of range; allowed: 1 or more");
        }
        if (!(draw >= 0 && draw < 1))
        {
            throw new IllegalArgumentException("draw: " + draw + " is out of range; allowed: [0, 1)");
        }
        final int doublings = failuresInARow - 1;
        // initialBackoffMs << doublings stays below maxBackoffMs only while no bit is shifted out
        final long base = doublings >= Long.numberOfLeadingZeros(initialBackoffMs) - 1 ?
            maxBackoffMs : Math.min(maxBackoffMs, initialBackoffMs << doublings);
        final long delay = base - (long)(base * jitter * draw);
        return Math.max(1, delay);
    }

    @Override
    public String toString()
    {
        return enabled ?
            "restart after " + initialBackoffMs + " ms doubling to " + maxBackoffMs + " ms, jitter " + jitter +
                (maxAttempts == 0 ? ", no limit" : ", at most " + maxAttempts + " in a row") :
            "no restart";
    }

    /** Collects the settings; each setter names its configuration key. */
    public static final class Builder
    {
        private boolean enabled = RestartKeys.ENABLED.defaultBoolean();
        private long initialBackoffMs = RestartKeys.INITIAL_BACKOFF_MS.defaultLong();
        private long maxBackoffMs = RestartKeys.MAX_BACKOFF_MS.defaultLong();
        private double jitter = RestartKeys.JITTER.defaultLong() / 1e6;
        private int maxAttempts = RestartKeys.MAX_ATTEMPTS.defaultInt();
        private String maxAttemptsKey = RestartKeys.MAX_ATTEMPTS.name();

        private Builder()
        {
        }

        /** {@code source.restart.enabled} ({@link RestartKeys}, as for every setter here). */
        public Builder enabled(final boolean value)
        {
            enabled = value;
            return this;
        }

        /** {@code source.restart.initialBackoffMs}. */
        public Builder initialBackoffMs(final long value)
        {
            initialBackoffMs = value;
            return this;
        }

        /** {@code source.restart.maxBackoffMs}: at least {@code initialBackoffMs}. */
        public Builder maxBackoffMs(final long value)
        {
            maxBackoffMs = value;
            return this;
        }

        /** {@code source.restart.jitter}: 0 (none) to 1 (the whole delay random). */
        public Builder jitter(final double value)
        {
            jitter = value;
            return this;
        }

        /** {@code source.restart.maxAttempts}: 0 is no limit. */
        public Builder maxAttempts(final int value)
        {
            maxAttempts = value;
            return this;
        }

        /**
         * The key a source given up names ({@link SourceSupervisor#givenUpReason()}), when the policy
         * comes from other settings than {@code source.restart.*}, such as a live feed's
         * {@code feed.backoff.maxAttempts}. The setters' checks still name {@code source.restart.*}:
         * such settings are checked where they are read.
         */
        public Builder maxAttemptsKey(final String value)
        {
            maxAttemptsKey = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, the bad value and the allowed range. */
        public SourceRestartPolicy build()
        {
            RestartKeys.INITIAL_BACKOFF_MS.check(initialBackoffMs);
            RestartKeys.MAX_BACKOFF_MS.check(maxBackoffMs, initialBackoffMs);
            if (!(jitter >= 0 && jitter <= 1))
            {
                throw new IllegalArgumentException(RestartKeys.JITTER.name() + ": " + jitter + " is out of range; allowed: 0..1");
            }
            RestartKeys.MAX_ATTEMPTS.check(maxAttempts);
            return new SourceRestartPolicy(this);
        }
    }
}
