package org.atoll.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.AttendeeType;
import org.atoll.calendar.BusyStatus;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.MeetingStatus;
import org.atoll.calendar.Recurrence;
import org.atoll.calendar.RecurrenceType;
import org.atoll.calendar.ResponseStatus;
import org.atoll.calendar.Sensitivity;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.FolderView;
import org.jspecify.annotations.Nullable;

/** The calendar records of the REST API (openapi/openapi.yaml, tag calendars) and their mapping to the core's. */
final class CalendarDtos {

    private CalendarDtos() {}

    /** A calendar: the default one (type CALENDAR) or one the user made (USER_CALENDAR). */
    record CalendarDto(long id, String name, String type, boolean isDefault, long eventCount) {

        static CalendarDto of(FolderView folder, long eventCount) {
            return new CalendarDto(folder.id(), folder.name(), folder.type().name(), folder.role() != null, eventCount);
        }
    }

    record CalendarList(List<CalendarDto> items) {}

    record EventList(List<EventDto> items) {}

    record Organizer(String address, @Nullable String name) {}

    record AttendeeDto(
            @NotNull String address,
            @Nullable String name,
            @Nullable AttendeeType type,
            @Nullable ResponseStatus status,
            @Nullable Instant respondedAt) {

        static AttendeeDto of(Attendee a) {
            return new AttendeeDto(a.address(), a.name(), a.type(), a.status(), a.respondedAt());
        }

        Attendee attendee() {
            return new Attendee(
                    address,
                    name,
                    type == null ? AttendeeType.REQUIRED : type,
                    status == null ? ResponseStatus.NOT_RESPONDED : status,
                    respondedAt);
        }
    }

    record RecurrenceDto(
            @NotNull RecurrenceType type,
            @Nullable Integer interval,
            @Nullable Integer occurrences,
            @Nullable Instant until,
            @Nullable DayOfWeek firstDayOfWeek,
            @Nullable Set<DayOfWeek> daysOfWeek,
            @Nullable Integer dayOfMonth,
            @Nullable Integer weekOfMonth,
            @Nullable Integer monthOfYear) {

        static RecurrenceDto of(Recurrence r) {
            return new RecurrenceDto(
                    r.type(),
                    r.interval(),
                    r.occurrences(),
                    r.until(),
                    r.firstDayOfWeek(),
                    r.daysOfWeek(),
                    r.dayOfMonth(),
                    r.weekOfMonth(),
                    r.monthOfYear());
        }

        /** The rule, checked as MS-ASCAL 2.2.2.37 checks a device's. */
        Recurrence recurrence() {
            Set<DayOfWeek> days = daysOfWeek == null ? Set.of() : daysOfWeek;
            boolean nth = type == RecurrenceType.MONTHLY_NTH || type == RecurrenceType.YEARLY_NTH;
            if (type == RecurrenceType.WEEKLY && days.isEmpty()) {
                throw new InvalidApiRequest("A weekly recurrence names its daysOfWeek");
            }
            if (nth && (weekOfMonth == null || days.size() != 1)) {
                throw new InvalidApiRequest("A recurrence on the nth weekday names weekOfMonth and one of daysOfWeek");
            }
            if (type == RecurrenceType.YEARLY && (monthOfYear == null || dayOfMonth == null)
                    || type == RecurrenceType.YEARLY_NTH && monthOfYear == null) {
                throw new InvalidApiRequest("A yearly recurrence names its monthOfYear and day");
            }
            if (type == RecurrenceType.MONTHLY && dayOfMonth == null) {
                throw new InvalidApiRequest("A monthly recurrence names its dayOfMonth");
            }
            try {
                return new Recurrence(
                        type,
                        interval == null ? 1 : interval,
                        occurrences,
                        until,
                        firstDayOfWeek,
                        days,
                        dayOfMonth,
                        weekOfMonth,
                        monthOfYear);
            } catch (IllegalArgumentException e) {
                throw new InvalidApiRequest(e.getMessage());
            }
        }
    }

    record ExceptionDto(
            @NotNull Instant originalStart,
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
            @Nullable List<@Valid AttendeeDto> attendees,
            @Nullable MeetingStatus meetingStatus) {

        static ExceptionDto of(EventException e) {
            return new ExceptionDto(
                    e.originalStart(),
                    e.deleted(),
                    e.subject(),
                    e.location(),
                    e.body(),
                    e.start(),
                    e.end(),
                    e.allDay(),
                    e.busyStatus(),
                    e.sensitivity(),
                    e.reminderMinutes(),
                    e.categories(),
                    e.attendees() == null
                            ? null
                            : e.attendees().stream().map(AttendeeDto::of).toList(),
                    e.meetingStatus());
        }

        EventException exception() {
            if (deleted) {
                return EventException.deleted(originalStart);
            }
            return new EventException(
                    originalStart,
                    false,
                    subject,
                    location,
                    body,
                    start,
                    end,
                    allDay,
                    busyStatus,
                    sensitivity,
                    reminderMinutes,
                    categories,
                    attendees == null
                            ? null
                            : attendees.stream().map(AttendeeDto::attendee).toList(),
                    meetingStatus);
        }
    }

    /** An event or series as the API shows it; times are UTC instants, timeZone the IANA zone it was made in. */
    record EventDto(
            long id,
            long calendarId,
            String uid,
            String subject,
            @Nullable String location,
            @Nullable String body,
            Instant start,
            Instant end,
            String timeZone,
            boolean allDay,
            BusyStatus busyStatus,
            Sensitivity sensitivity,
            @Nullable Integer reminderMinutes,
            @Nullable Organizer organizer,
            List<String> categories,
            boolean responseRequested,
            MeetingStatus meetingStatus,
            int sequence,
            @Nullable String onlineMeetingLink,
            List<AttendeeDto> attendees,
            @Nullable RecurrenceDto recurrence,
            List<ExceptionDto> exceptions,
            Instant lastModified) {

        static EventDto of(EventView view) {
            CalendarEvent e = view.event();
            return new EventDto(
                    view.id(),
                    view.folderId(),
                    e.uid(),
                    e.subject(),
                    e.location(),
                    e.body(),
                    e.start(),
                    e.end(),
                    e.zone().getId(),
                    e.allDay(),
                    e.busyStatus(),
                    e.sensitivity(),
                    e.reminderMinutes(),
                    e.organizerAddress() == null ? null : new Organizer(e.organizerAddress(), e.organizerName()),
                    e.categories(),
                    e.responseRequested(),
                    e.meetingStatus(),
                    e.sequence(),
                    e.onlineMeetingLink(),
                    e.attendees().stream().map(AttendeeDto::of).toList(),
                    e.recurrence() == null ? null : RecurrenceDto.of(e.recurrence()),
                    e.exceptions().stream().map(ExceptionDto::of).toList(),
                    view.lastModified());
        }
    }

    /**
     * What a client writes of an event; a new event without a UID gets one, a change without one keeps the stored
     * UID. An event with attendees is a meeting unless meetingStatus says otherwise.
     */
    record WriteEvent(
            @Nullable String uid,
            @NotNull String subject,
            @Nullable String location,
            @Nullable String body,
            @NotNull Instant start,
            @NotNull Instant end,
            @NotNull String timeZone,
            @Nullable Boolean allDay,
            @Nullable BusyStatus busyStatus,
            @Nullable Sensitivity sensitivity,
            @Nullable Integer reminderMinutes,
            @Nullable @Valid Organizer organizer,
            @Nullable List<String> categories,
            @Nullable Boolean responseRequested,
            @Nullable MeetingStatus meetingStatus,
            @Nullable Integer sequence,
            @Nullable String onlineMeetingLink,
            @Nullable List<@Valid AttendeeDto> attendees,
            @Nullable @Valid RecurrenceDto recurrence,
            @Nullable List<@Valid ExceptionDto> exceptions) {

        EventContent content() {
            ZoneId zone;
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new InvalidApiRequest("timeZone is an IANA time zone such as Europe/Berlin");
            }
            List<Attendee> invited = attendees == null
                    ? List.of()
                    : attendees.stream().map(AttendeeDto::attendee).toList();
            Recurrence rule = recurrence == null ? null : recurrence.recurrence();
            List<EventException> changes = exceptions == null
                    ? List.of()
                    : exceptions.stream().map(ExceptionDto::exception).toList();
            try {
                CalendarEvent event = new CalendarEvent(
                        uid == null ? UUID.randomUUID().toString() : uid,
                        subject,
                        location,
                        body,
                        start,
                        end,
                        zone,
                        allDay != null && allDay,
                        busyStatus == null ? BusyStatus.BUSY : busyStatus,
                        sensitivity == null ? Sensitivity.NORMAL : sensitivity,
                        reminderMinutes,
                        organizer == null ? null : organizer.address(),
                        organizer == null ? null : organizer.name(),
                        categories == null ? List.of() : categories,
                        responseRequested != null ? responseRequested : !invited.isEmpty(),
                        meetingStatus != null
                                ? meetingStatus
                                : invited.isEmpty() ? MeetingStatus.APPOINTMENT : MeetingStatus.MEETING,
                        sequence == null ? 0 : sequence,
                        onlineMeetingLink,
                        invited,
                        rule,
                        changes);
                return new EventContent(event, uid != null);
            } catch (IllegalArgumentException e) {
                throw new InvalidApiRequest(e.getMessage());
            }
        }
    }

    /** The outcome of an import: what was stored, and what was refused with its reason. */
    record ImportResult(List<Imported> imported, List<Refused> refused) {}

    record Imported(long id, String uid) {}

    record Refused(int position, @Nullable String uid, String reason) {}

    /** MS-ASCMD 2.2.3.107 MergedFreeBusy over [from, to): one digit per interval, 0 free to 3 out of office. */
    record FreeBusyDto(Instant from, Instant to, int intervalMinutes, String mergedFreeBusy) {}
}
