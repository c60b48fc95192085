package org.atoll.calendar;

import java.time.Instant;

/**
 * One occurrence of an event, as expansion gives it: a single event's only occurrence, or one of a series with its
 * exceptions applied.
 *
 * @param originalStart the start the series' rule gives it (equal to {@code start} unless it was moved)
 * @param busyStatus how it shows in free/busy, the exception's own when it has one
 */
public record Occurrence(Instant start, Instant end, Instant originalStart, BusyStatus busyStatus) {}
