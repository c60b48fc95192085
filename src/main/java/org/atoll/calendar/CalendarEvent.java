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

    public CalendarEvent withUid(String value) {
        return toBuilder().uid(value).build();
    }

    public CalendarEvent withLocation(@Nullable String value) {
        return toBuilder().location(value).build();
    }

    public CalendarEvent withBody(@Nullable String value) {
        return toBuilder().body(value).build();
    }

    /** A meeting: the organizer, the attendees, a response requested and {@link MeetingStatus#MEETING}. */
    public CalendarEvent withMeeting(String address, @Nullable String name, List<Attendee> invited) {
        return toBuilder()
                .organizerAddress(address)
                .organizerName(name)
                .responseRequested(true)
                .meetingStatus(MeetingStatus.MEETING)
                .attendees(invited)
                .build();
    }

    public CalendarEvent withBusyStatus(BusyStatus value) {
        return toBuilder().busyStatus(value).build();
    }

    public CalendarEvent withMeetingStatus(MeetingStatus value) {
        return toBuilder().meetingStatus(value).build();
    }

    public CalendarEvent withAttendees(List<Attendee> value) {
        return toBuilder().attendees(value).build();
    }

    public CalendarEvent withSequence(int value) {
        return toBuilder().sequence(value).build();
    }

    public CalendarEvent withRecurrence(@Nullable Recurrence value, List<EventException> changes) {
        return toBuilder().recurrence(value).exceptions(changes).build();
    }

    /** A copy of this event to change some of its fields in: {@code event.toBuilder().uid(other).build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether the event is a meeting with attendees rather than an appointment. */
    public boolean isMeeting() {
        return meetingStatus != MeetingStatus.APPOINTMENT;
    }

    /** The fields of an event being copied with changes; {@link #build()} checks them as the record does. */
    public static final class Builder {
        private String uid;
        private String subject;
        private @Nullable String location;
        private @Nullable String body;
        private Instant start;
        private Instant end;
        private ZoneId zone;
        private boolean allDay;
        private BusyStatus busyStatus;
        private Sensitivity sensitivity;
        private @Nullable Integer reminderMinutes;
        private @Nullable String organizerAddress;
        private @Nullable String organizerName;
        private List<String> categories;
        private boolean responseRequested;
        private MeetingStatus meetingStatus;
        private int sequence;
        private @Nullable String onlineMeetingLink;
        private List<Attendee> attendees;
        private @Nullable Recurrence recurrence;
        private List<EventException> exceptions;

        private Builder(CalendarEvent event) {
            uid = event.uid;
            subject = event.subject;
            location = event.location;
            body = event.body;
            start = event.start;
            end = event.end;
            zone = event.zone;
            allDay = event.allDay;
            busyStatus = event.busyStatus;
            sensitivity = event.sensitivity;
            reminderMinutes = event.reminderMinutes;
            organizerAddress = event.organizerAddress;
            organizerName = event.organizerName;
            categories = event.categories;
            responseRequested = event.responseRequested;
            meetingStatus = event.meetingStatus;
            sequence = event.sequence;
            onlineMeetingLink = event.onlineMeetingLink;
            attendees = event.attendees;
            recurrence = event.recurrence;
            exceptions = event.exceptions;
        }

        public Builder uid(String value) {
            uid = value;
            return this;
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder location(@Nullable String value) {
            location = value;
            return this;
        }

        public Builder body(@Nullable String value) {
            body = value;
            return this;
        }

        public Builder start(Instant value) {
            start = value;
            return this;
        }

        public Builder end(Instant value) {
            end = value;
            return this;
        }

        public Builder zone(ZoneId value) {
            zone = value;
            return this;
        }

        public Builder allDay(boolean value) {
            allDay = value;
            return this;
        }

        public Builder busyStatus(BusyStatus value) {
            busyStatus = value;
            return this;
        }

        public Builder sensitivity(Sensitivity value) {
            sensitivity = value;
            return this;
        }

        public Builder reminderMinutes(@Nullable Integer value) {
            reminderMinutes = value;
            return this;
        }

        public Builder organizerAddress(@Nullable String value) {
            organizerAddress = value;
            return this;
        }

        public Builder organizerName(@Nullable String value) {
            organizerName = value;
            return this;
        }

        public Builder categories(List<String> value) {
            categories = value;
            return this;
        }

        public Builder responseRequested(boolean value) {
            responseRequested = value;
            return this;
        }

        public Builder meetingStatus(MeetingStatus value) {
            meetingStatus = value;
            return this;
        }

        public Builder sequence(int value) {
            sequence = value;
            return this;
        }

        public Builder onlineMeetingLink(@Nullable String value) {
            onlineMeetingLink = value;
            return this;
        }

        public Builder attendees(List<Attendee> value) {
            attendees = value;
            return this;
        }

        public Builder recurrence(@Nullable Recurrence value) {
            recurrence = value;
            return this;
        }

        public Builder exceptions(List<EventException> value) {
            exceptions = value;
            return this;
        }

        public CalendarEvent build() {
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
                    recurrence,
                    exceptions);
        }
    }
}
