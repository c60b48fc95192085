package org.atoll.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One calendar item: a single event or a recurring series with its exceptions (MS-ASCAL 2.2.2, RFC 5545 VEVENT).
 *
 * <p>Start and end are instants; {@code zone} is the IANA zone the event was made in, which decides where a
 * recurrence falls and which TimeZone blob devices get. An all-day event starts and ends at midnight in that zone.
 *
 * @param uid the iCalendar UID, the same for every copy of a meeting
 * @param reminderMinutes minutes before the start, or null for no reminder
 * @param organizerAddress null for an appointment without a meeting
 * @param sequence the iCalendar SEQUENCE, raised by the organizer on every change that matters to attendees
 * @param onlineMeetingLink the link to join an online meeting (MS-ASCAL OnlineMeetingExternalLink)
 */
public record CalendarEvent(
        String uid,
        String subject,
        @Nullable String location,
        @Nullable String body,
        Instant start,
        Instant end,
        ZoneId zone,
        boolean allDay,
        BusyStatus busyStatus,
        Sensitivity sensitivity,
        @Nullable Integer reminderMinutes,
        @Nullable String organizerAddress,
        @Nullable String organizerName,
        List<String> categories,
        boolean responseRequested,
        MeetingStatus meetingStatus,
        int sequence,
        @Nullable String onlineMeetingLink,
        List<Attendee> attendees,
        @Nullable Recurrence recurrence,
        List<EventException> exceptions) {

    public CalendarEvent {
        Objects.requireNonNull(uid);
        Objects.requireNonNull(subject);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("an event cannot end before it starts");
        }
        categories = List.copyOf(categories);
        attendees = List.copyOf(attendees);
        exceptions = List.copyOf(exceptions);
        if (recurrence == null && !exceptions.isEmpty()) {
            throw new IllegalArgumentException("only a recurring series has exceptions");
        }
    }

    /** An appointment with nothing but a title and a time: busy, normal sensitivity, no reminder, no attendees. */
    public static CalendarEvent of(String uid, String subject, Instant start, Instant end, ZoneId zone) {
        return new CalendarEvent(
                uid,
                subject,
                null,
                null,
                start,
                end,
                zone,
                false,
                BusyStatus.BUSY,
                Sensitivity.NORMAL,
                null,
                null,
                null,
                List.of(),
                false,
                MeetingStatus.APPOINTMENT,
                0,
                null,
                List.of(),
                null,
                List.of());
    }

    public CalendarEvent withLocation(@Nullable String value) {
        return new CalendarEvent(
                uid,
                subject,
                value,
                body,
                start,
                end,
                zone,
                allDay,
                busyStatus,
                sensitivity,
                reminderMinutes,
                organizerAddress,
                organizerName,
                categories,
                responseRequested,
                meetingStatus,
                sequence,
                onlineMeetingLink,
                attendees,
                recurrence,
                exceptions);
    }

    public CalendarEvent withBody(@Nullable String value) {
        return new CalendarEvent(
                uid,
                subject,
                location,
                value,
                start,
                end,
                zone,
                allDay,
                busyStatus,
                sensitivity,
                reminderMinutes,
                organizerAddress,
                organizerName,
                categories,
                responseRequested,
                meetingStatus,
                sequence,
                onlineMeetingLink,
                attendees,
                recurrence,
                exceptions);
    }

    /** A meeting: the organizer, the attendees, a response requested and {@link MeetingStatus#MEETING}. */
    public CalendarEvent withMeeting(String address, @Nullable String name, List<Attendee> invited) {
        return new CalendarEvent(
                uid,
                subject,
                location,
                body,
                start,
                end,
                zone,
                allDay,
                busyStatus,
                sensitivity,
                reminderMinutes,
                address,
                name,
                categories,
                true,
                MeetingStatus.MEETING,
                sequence,
                onlineMeetingLink,
                invited,
                recurrence,
                exceptions);
    }

    public CalendarEvent withBusyStatus(BusyStatus value) {
        return new CalendarEvent(
                uid,
                subject,
                location,
                body,
                start,
                end,
                zone,
                allDay,
                value,
                sensitivity,
                reminderMinutes,
                organizerAddress,
                organizerName,
                categories,
                responseRequested,
                meetingStatus,
                sequence,
                onlineMeetingLink,
                attendees,
                recurrence,
                exceptions);
    }

    public CalendarEvent withMeetingStatus(MeetingStatus value) {
        return new CalendarEvent(
                uid,
                subject,
                location,
                body,
                start,
                end,
                zone,
                allDay,
                busyStatus,
                sensitivity,
                reminderMinutes,
                organizerAddress,
                organizerName,
                categories,
                responseRequested,
                value,
                sequence,
                onlineMeetingLink,
                attendees,
                recurrence,
                exceptions);
    }

    public CalendarEvent withAttendees(List<Attendee> value) {
        return new CalendarEvent(
                uid,
                subject,
                location,
                body,
                start,
                end,
                zone,
                allDay,
                busyStatus,
                sensitivity,
                reminderMinutes,
                organizerAddress,
                organizerName,
                categories,
                responseRequested,
                meetingStatus,
                sequence,
                onlineMeetingLink,
                value,
                recurrence,
                exceptions);
    }

    public CalendarEvent withSequence(int value) {
        return new CalendarEvent(
                uid,
                subject,
                location,
                body,
                start,
                end,
                zone,
                allDay,
                busyStatus,
                sensitivity,
                reminderMinutes,
                organizerAddress,
                organizerName,
                categories,
                responseRequested,
                meetingStatus,
                value,
                onlineMeetingLink,
                attendees,
                recurrence,
                exceptions);
    }

    public CalendarEvent withRecurrence(@Nullable Recurrence value, List<EventException> changes) {
        return new CalendarEvent(
                uid,
                subject,
                location,
                body,
                start,
                end,
                zone,
                allDay,
                busyStatus,
                sensitivity,
                reminderMinutes,
                organizerAddress,
                organizerName,
                categories,
                responseRequested,
                meetingStatus,
                sequence,
                onlineMeetingLink,
                attendees,
                value,
                changes);
    }

    /** Whether the event is a meeting with attendees rather than an appointment. */
    public boolean isMeeting() {
        return meetingStatus != MeetingStatus.APPOINTMENT;
    }
}
