package io.tickstock.channels.tick;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The trading day of an event time: the calendar date in America/New_York. Caches the bounds of
 * the last day it computed, so the common case (a time within the same day) costs two compares.
 *
 * <p>Not thread-safe: owned by one channel thread.
 */
public final class SessionCalendar
{
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final ZoneId zone;
    private long dayStartMs = Long.MAX_VALUE;
    private long dayEndMs = Long.MIN_VALUE;
    private long day;

    public SessionCalendar(final ZoneId zone)
    {
        this.zone = zone;
    }

    /** The session (epoch day of the New York date) that contains {@code timeMs}. */
    public long sessionOf(final long timeMs)
    {
        if (timeMs >= dayStartMs && timeMs < dayEndMs)
        {
            return day;
        }
        final LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(timeMs), zone);
        day = date.toEpochDay();
        dayStartMs = date.atStartOfDay(zone).toInstant().toEpochMilli();
        dayEndMs = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return day;
    }
}
