package org.atoll.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One occurrence of a series that differs from the series (MS-ASCAL 2.2.2.20 Exception, RFC 5545 RECURRENCE-ID):
 * deleted, or with the fields that are not null changed. It is keyed by the start the occurrence had in the series.
 *
 * @param originalStart the start the occurrence has by the series' rule (ExceptionStartTime, RECURRENCE-ID)
 */
public record EventException(
        Instant originalStart,
        boolean deleted,
        @Nullable String subject,
        @Nullable String location,
        @Nullable String body,
        @Nullable Instant start,
        @Nullable Instant end,
        @Nullable Boolean allDay,
        @Nullable BusyStatus busyStatus,
        @Nullable Sensitivity sensitivity,
        @Nullable Integer reminderMinutes,
        @Nullable List<String> categories,
        @Nullable List<Attendee> attendees,
        @Nullable MeetingStatus meetingStatus) {

    public EventException {
        Objects.requireNonNull(originalStart);
        categories = categories == null ? null : List.copyOf(categories);
        attendees = attendees == null ? null : List.copyOf(attendees);
    }

    /** The occurrence that started at {@code originalStart} is cancelled. */
    public static EventException deleted(Instant originalStart) {
        return new EventException(
                originalStart, true, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The occurrence that started at {@code originalStart} takes place from {@code start} to {@code end}. */
    public static EventException moved(Instant originalStart, Instant start, Instant end) {
        return new EventException(
                originalStart, false, null, null, null, start, end, null, null, null, null, null, null, null);
    }

    /** The occurrence's start: moved, or the original one. */
    public Instant effectiveStart() {
        return start != null ? start : originalStart;
    }
}
