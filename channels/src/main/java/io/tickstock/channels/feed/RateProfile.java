package io.tickstock.channels.feed;

/**
 * A simulated feed's pace: a base rate of records per second, optionally raised by a multiplier
 * for one stretch of time (a market-open surge, say five times the base rate for 30 s from the
 * start). Answers both ways round: how many records are due after a given time, and when the
 * k-th record is due, so a source can stamp each record with its due time. Immutable.
 */
public final class RateProfile
{
    /** The highest rate the simulator is asked for, surge included. */
    public static final long MAX_RATE = 10_000_000L;

    private final long rate;
    private final long surgeRate;
    private final long surgeStartUs;
    private final long surgeEndUs;
    /** Records due by the start and by the end of the surge. */
    private final long dueAtSurgeStart;
    private final long dueAtSurgeEnd;

    /**
     * @param rate            records per second outside the surge, 1..10,000,000.
     * @param surgeMultiplier the surge's rate as a multiple of {@code rate}; 1 means no surge.
     * @param surgeStartMs    when the surge starts, milliseconds after the source starts.
     * @param surgeDurationMs how long it lasts; 0 means no surge.
     */
    public RateProfile(final long rate, final int surgeMultiplier, final long surgeStartMs, final long surgeDurationMs)
    {
        SourceKeys.SIMULATOR_RATE.check(rate);
        if (surgeMultiplier < 1 || (long)surgeMultiplier * rate > MAX_RATE)
        {
            throw new IllegalArgumentException("simulator.surge.multiplier: " + surgeMultiplier + " is out of range; allowed: 1.."
                + Math.max(1, MAX_RATE / rate) + " (the surge rate, multiplier x simulator.rate " + rate + ", is at most 10000000)");
        }
        SourceKeys.SIMULATOR_SURGE_START_MS.check(surgeStartMs);
        SourceKeys.SIMULATOR_SURGE_DURATION_MS.check(surgeDurationMs);
        this.rate = rate;
        this.surgeRate = surgeDurationMs == 0 ? rate : rate * surgeMultiplier;
        this.surgeStartUs = surgeStartMs * 1_000L;
        this.surgeEndUs = surgeStartUs + surgeDurationMs * 1_000L;
        this.dueAtSurgeStart = surgeStartUs * rate / 1_000_000L;
        this.dueAtSurgeEnd = dueAtSurgeStart + (surgeEndUs - surgeStartUs) * surgeRate / 1_000_000L;
    }

    /** Records per second outside the surge. */
    public long rate()
    {
        return rate;
    }

    /** A steady rate, no surge. */
    public static RateProfile steady(final long rate)
    {
        return new RateProfile(rate, 1, 0, 0);
    }

    /** How many records are due {@code elapsedUs} after the start (the first is due at 0). */
    public long dueBy(final long elapsedUs)
    {
        if (elapsedUs < surgeStartUs)
        {
            return elapsedUs * rate / 1_000_000L + 1;
        }
        if (elapsedUs < surgeEndUs)
        {
            return dueAtSurgeStart + (elapsedUs - surgeStartUs) * surgeRate / 1_000_000L + 1;
        }
        return dueAtSurgeEnd + (elapsedUs - surgeEndUs) * rate / 1_000_000L + 1;
    }

    /** When the record with index {@code k} (from 0) is due, microseconds after the start. */
    public long dueAtUs(final long k)
    {
        if (k < dueAtSurgeStart)
        {
            return k * 1_000_000L / rate;
        }
        if (k < dueAtSurgeEnd)
        {
            return surgeStartUs + (k - dueAtSurgeStart) * 1_000_000L / surgeRate;
        }
        return surgeEndUs + (k - dueAtSurgeEnd) * 1_000_000L / rate;
    }

    /** The rate at {@code elapsedUs} after the start, records per second. */
    public long rateAt(final long elapsedUs)
    {
        return elapsedUs >= surgeStartUs && elapsedUs < surgeEndUs ? surgeRate : rate;
    }

    @Override
    public String toString()
    {
        return surgeRate == rate ? rate + "/s"
            : rate + "/s, " + surgeRate + "/s from " + surgeStartUs / 1_000 + " ms to " + surgeEndUs / 1_000 + " ms";
    }
}
