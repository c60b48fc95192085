package org.atoll.calendar;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;

/**
 * Calendar items as ActiveSync carries them in a Sync's ApplicationData (MS-ASCAL 2.2.2), in and out.
 *
 * <p>Writing follows the protocol version: before 16.0 the item carries its UID, a Calendar Location and exceptions
 * keyed by ExceptionStartTime; at 16.x the UID stays on the server, Location is AirSyncBase's (MS-ASAIRS 2.2.2.27)
 * and an exception is named by its AirSyncBase InstanceId. The body is written whole as plain text (MS-ASAIRS
 * 2.2.2.9). Reading takes either form and refuses a malformed element with a {@link MalformedCalendarItem} that names
 * it.
 */
public final class EasCalendarItems {

    private static final CodePage AIRSYNC = CodePage.AIRSYNC;
    private static final CodePage CALENDAR = CodePage.CALENDAR;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;

    /** MS-ASDTYPE 2.6.5 compact date and time, as calendar times are written. */
    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** MS-ASDTYPE 2.3 dateTime, as InstanceId is written. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final int PLAIN_TEXT = 1;

    private EasCalendarItems() {}

    /** The ApplicationData of {@code event} for a device speaking {@code protocol}. */
    public static WbxmlElement write(CalendarEvent event, CalendarProtocol protocol) {
        boolean v16 = protocol.atLeast(CalendarProtocol.EAS_16_0);
        WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData");
        data.add(CALENDAR, "Timezone", EasTimeZones.blobOf(event.zone()).encode());
        data.add(CALENDAR, "AllDayEvent", event.allDay() ? "1" : "0");
        body(event.body()).ifPresent(data::add);
        data.add(CALENDAR, "BusyStatus", Integer.toString(event.busyStatus().code()));
        if (event.organizerName() != null) {
            data.add(CALENDAR, "OrganizerName", event.organizerName());
        }
        if (event.organizerAddress() != null) {
            data.add(CALENDAR, "OrganizerEmail", event.organizerAddress());
        }
        data.add(CALENDAR, "EndTime", COMPACT.format(event.end()));
        location(event.location(), v16).ifPresent(data::add);
        if (event.reminderMinutes() != null) {
            data.add(CALENDAR, "Reminder", Integer.toString(event.reminderMinutes()));
        }
        data.add(CALENDAR, "Sensitivity", Integer.toString(event.sensitivity().code()));
        data.add(CALENDAR, "Subject", event.subject());
        data.add(CALENDAR, "StartTime", COMPACT.format(event.start()));
        if (!v16) {
            data.add(CALENDAR, "UID", event.uid());
        }
        data.add(
                CALENDAR,
                "MeetingStatus",
                Integer.toString(event.meetingStatus().code()));
        if (!event.attendees().isEmpty()) {
            data.add(attendees(event.attendees()));
        }
        data.add(categories(event.categories()));
        Recurrence recurrence = event.recurrence();
        if (recurrence != null) {
            data.add(recurrence(recurrence, protocol));
            if (!event.exceptions().isEmpty()) {
                WbxmlElement exceptions = WbxmlElement.of(CALENDAR, "Exceptions");
                event.exceptions().forEach(e -> exceptions.add(exception(e, v16)));
                data.add(exceptions);
            }
        }
        if (event.isMeeting()) {
            data.add(CALENDAR, "ResponseRequested", event.responseRequested() ? "1" : "0");
        }
        if (protocol.atLeast(CalendarProtocol.EAS_14_1) && event.onlineMeetingLink() != null) {
            data.add(CALENDAR, "OnlineMeetingExternalLink", event.onlineMeetingLink());
        }
        if (protocol.atLeast(CalendarProtocol.EAS_14_0)) {
            data.add(BASE, "NativeBodyType", Integer.toString(PLAIN_TEXT));
        }
        return data;
    }

    /**
     * The event a client's ApplicationData describes. A missing UID (16.x clients send ClientUid, or none) gets a new
     * one; a missing TimeZone means UTC.
     *
     * @throws MalformedCalendarItem naming the element that is missing or malformed
     */
    public static CalendarEvent read(WbxmlElement applicationData) throws MalformedCalendarItem {
        ZoneId zone = ZoneOffset.UTC;
        Optional<String> timeZone = applicationData.text(CALENDAR, "Timezone");
        if (timeZone.isPresent()) {
            zone = EasTimeZones.zoneOf(TimeZoneBlob.decode(timeZone.get()));
        }
        Instant start = time(applicationData, "StartTime")
                .orElseThrow(() -> new MalformedCalendarItem("Calendar:StartTime missing"));
        Instant end = time(applicationData, "EndTime").orElse(start);
        if (end.isBefore(start)) {
            throw new MalformedCalendarItem("Calendar:EndTime before Calendar:StartTime");
        }
        String uid = applicationData
                .text(CALENDAR, "UID")
                .or(() -> applicationData.text(CALENDAR, "ClientUid"))
                .orElseGet(() -> UUID.randomUUID().toString());
        Recurrence recurrence = null;
        Optional<WbxmlElement> recurrenceElement = applicationData.child(CALENDAR, "Recurrence");
        if (recurrenceElement.isPresent()) {
            recurrence = recurrence(recurrenceElement.get());
        }
        List<EventException> exceptions = new ArrayList<>();
        Optional<WbxmlElement> exceptionsElement = applicationData.child(CALENDAR, "Exceptions");
        if (exceptionsElement.isPresent()) {
            if (recurrence == null) {
                throw new MalformedCalendarItem("Calendar:Exceptions without Calendar:Recurrence");
            }
            for (WbxmlElement exception : exceptionsElement.get().children(CALENDAR, "Exception")) {
                exceptions.add(exception(exception));
            }
        }
        return new CalendarEvent(
                uid,
                applicationData.text(CALENDAR, "Subject").orElse(""),
                location(applicationData).orElse(null),
                body(applicationData).orElse(null),
                start,
                end,
                zone,
                flag(applicationData, "AllDayEvent").orElse(false),
                code(applicationData, "BusyStatus", BusyStatus::ofCode).orElse(BusyStatus.BUSY),
                code(applicationData, "Sensitivity", Sensitivity::ofCode).orElse(Sensitivity.NORMAL),
                number(applicationData, "Reminder").orElse(null),
                applicationData.text(CALENDAR, "OrganizerEmail").orElse(null),
                applicationData.text(CALENDAR, "OrganizerName").orElse(null),
                categories(applicationData).orElse(List.of()),
                flag(applicationData, "ResponseRequested").orElse(false),
                code(applicationData, "MeetingStatus", MeetingStatus::ofCode).orElse(MeetingStatus.APPOINTMENT),
                0,
                applicationData.text(CALENDAR, "OnlineMeetingExternalLink").orElse(null),
                attendees(applicationData).orElse(List.of()),
                recurrence,
                exceptions);
    }

    /**
     * The change of one occurrence that a 16.x device's ApplicationData describes when it names the occurrence by its
     * AirSyncBase InstanceId (MS-ASAIRS 2.2.2.25, the original start of the occurrence, in the compact or the dateTime
     * form): the occurrence deleted (Calendar Deleted 1) or the fields given changed, as an exception of the series
     * (MS-ASCAL 2.2.2.21). Empty when the ApplicationData has no InstanceId and so describes the whole event.
     *
     * @throws MalformedCalendarItem naming the element that is malformed
     */
    public static Optional<EventException> readOccurrence(WbxmlElement applicationData) throws MalformedCalendarItem {
        if (applicationData.child(BASE, "InstanceId").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(exception(applicationData));
    }

    private static Optional<WbxmlElement> body(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(WbxmlElement.of(BASE, "Body")
                .add("Type", Integer.toString(PLAIN_TEXT))
                .add("EstimatedDataSize", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length))
                .add("Data", text));
    }

    private static Optional<WbxmlElement> location(@Nullable String location, boolean v16) {
        if (location == null) {
            return Optional.empty();
        }
        return Optional.of(
                v16
                        ? WbxmlElement.of(BASE, "Location").add("DisplayName", location)
                        : WbxmlElement.text(CALENDAR, "Location", location));
    }

    private static WbxmlElement attendees(List<Attendee> attendees) {
        WbxmlElement list = WbxmlElement.of(CALENDAR, "Attendees");
        for (Attendee attendee : attendees) {
            WbxmlElement element = WbxmlElement.of(CALENDAR, "Attendee").add("Email", attendee.address());
            element.add("Name", attendee.name() != null ? attendee.name() : attendee.address());
            element.add("AttendeeStatus", Integer.toString(attendee.status().code()));
            element.add("AttendeeType", Integer.toString(attendee.type().code()));
            list.add(element);
        }
        return list;
    }

    private static WbxmlElement categories(List<String> categories) {
        WbxmlElement element = WbxmlElement.of(CALENDAR, "Categories");
        categories.forEach(c -> element.add("Category", c));
        return element;
    }

    private static WbxmlElement recurrence(Recurrence recurrence, CalendarProtocol protocol) {
        WbxmlElement element = WbxmlElement.of(CALENDAR, "Recurrence")
                .add("Type", Integer.toString(recurrence.type().code()));
        if (recurrence.occurrences() != null) {
            element.add("Occurrences", Integer.toString(recurrence.occurrences()));
        }
        element.add("Interval", Integer.toString(recurrence.interval()));
        if (recurrence.until() != null) {
            element.add("Until", COMPACT.format(recurrence.until()));
        }
        if (recurrence.weekOfMonth() != null) {
            element.add("WeekOfMonth", Integer.toString(recurrence.weekOfMonth()));
        }
        if (recurrence.dayOfMonth() != null) {
            element.add("DayOfMonth", Integer.toString(recurrence.dayOfMonth()));
        }
        if (!recurrence.daysOfWeek().isEmpty()) {
            element.add("DayOfWeek", Integer.toString(dayMask(recurrence.daysOfWeek())));
        }
        if (recurrence.monthOfYear() != null) {
            element.add("MonthOfYear", Integer.toString(recurrence.monthOfYear()));
        }
        if (protocol.atLeast(CalendarProtocol.EAS_14_1) && recurrence.firstDayOfWeek() != null) {
            element.add(
                    "FirstDayOfWeek",
                    Integer.toString(recurrence.firstDayOfWeek().getValue() % 7));
        }
        return element;
    }

    private static WbxmlElement exception(EventException exception, boolean v16) {
        WbxmlElement element = WbxmlElement.of(CALENDAR, "Exception");
        if (exception.deleted()) {
            element.add("Deleted", "1");
        }
        if (v16) {
            element.add(BASE, "InstanceId", DATE_TIME.format(exception.originalStart()));
        } else {
            element.add("ExceptionStartTime", COMPACT.format(exception.originalStart()));
        }
        if (exception.deleted()) {
            return element;
        }
        if (exception.subject() != null) {
            element.add("Subject", exception.subject());
        }
        if (exception.start() != null) {
            element.add("StartTime", COMPACT.format(exception.start()));
        }
        if (exception.end() != null) {
            element.add("EndTime", COMPACT.format(exception.end()));
        }
        location(exception.location(), v16).ifPresent(element::add);
        body(exception.body()).ifPresent(element::add);
        if (exception.allDay() != null) {
            element.add("AllDayEvent", exception.allDay() ? "1" : "0");
        }
        if (exception.busyStatus() != null) {
            element.add("BusyStatus", Integer.toString(exception.busyStatus().code()));
        }
        if (exception.sensitivity() != null) {
            element.add("Sensitivity", Integer.toString(exception.sensitivity().code()));
        }
        if (exception.reminderMinutes() != null) {
            element.add("Reminder", Integer.toString(exception.reminderMinutes()));
        }
        if (exception.categories() != null) {
            element.add(categories(exception.categories()));
        }
        if (exception.attendees() != null) {
            element.add(attendees(exception.attendees()));
        }
        if (exception.meetingStatus() != null) {
            element.add(
                    "MeetingStatus", Integer.toString(exception.meetingStatus().code()));
        }
        return element;
    }

    private static EventException exception(WbxmlElement element) throws MalformedCalendarItem {
        Optional<Instant> original = time(element, "ExceptionStartTime");
        if (original.isEmpty()) {
            Optional<String> instanceId = element.text(BASE, "InstanceId");
            if (instanceId.isPresent()) {
                original = Optional.of(parseTime("AirSyncBase:InstanceId", instanceId.get()));
            }
        }
        Instant originalStart = original.orElseThrow(
                () -> new MalformedCalendarItem("Calendar:Exception without ExceptionStartTime or InstanceId"));
        if (flag(element, "Deleted").orElse(false)) {
            return EventException.deleted(originalStart);
        }
        return new EventException(
                originalStart,
                false,
                element.text(CALENDAR, "Subject").orElse(null),
                location(element).orElse(null),
                body(element).orElse(null),
                time(element, "StartTime").orElse(null),
                time(element, "EndTime").orElse(null),
                flag(element, "AllDayEvent").orElse(null),
                code(element, "BusyStatus", BusyStatus::ofCode).orElse(null),
                code(element, "Sensitivity", Sensitivity::ofCode).orElse(null),
                number(element, "Reminder").orElse(null),
                categories(element).orElse(null),
                attendees(element).orElse(null),
                code(element, "MeetingStatus", MeetingStatus::ofCode).orElse(null));
    }

    private static Recurrence recurrence(WbxmlElement element) throws MalformedCalendarItem {
        RecurrenceType type = code(element, "Type", RecurrenceType::ofCode)
                .orElseThrow(() -> new MalformedCalendarItem("Calendar:Recurrence without Type"));
        int interval = number(element, "Interval").orElse(1);
        if (interval < 1 || interval > 999) {
            throw new MalformedCalendarItem("Calendar:Interval out of range: " + interval);
        }
        Optional<Integer> occurrences = number(element, "Occurrences");
        Optional<Instant> until = time(element, "Until");
        if (occurrences.isPresent() && until.isPresent()) {
            throw new MalformedCalendarItem("Calendar:Recurrence with both Until and Occurrences");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Optional<Integer> mask = number(element, "DayOfWeek");
        if (mask.isPresent()) {
            if (mask.get() < 0 || mask.get() > 127) {
                throw new MalformedCalendarItem("Calendar:DayOfWeek out of range: " + mask.get());
            }
            for (int bit = 0; bit < 7; bit++) {
                if ((mask.get() & (1 << bit)) != 0) {
                    days.add(bit == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(bit));
                }
            }
        }
        Optional<Integer> week = bounded(element, "WeekOfMonth", 1, 5);
        Optional<Integer> day = bounded(element, "DayOfMonth", 1, 31);
        Optional<Integer> month = bounded(element, "MonthOfYear", 1, 12);
        Optional<Integer> first = bounded(element, "FirstDayOfWeek", 0, 6);
        boolean nth = type == RecurrenceType.MONTHLY_NTH || type == RecurrenceType.YEARLY_NTH;
        if (nth && (week.isEmpty() || days.isEmpty())) {
            throw new MalformedCalendarItem(
                    "Calendar:Recurrence of type " + type.code() + " without WeekOfMonth and DayOfWeek");
        }
        if (type == RecurrenceType.WEEKLY && days.isEmpty()) {
            throw new MalformedCalendarItem("Calendar:Recurrence of type 1 without DayOfWeek");
        }
        return new Recurrence(
                type,
                interval,
                occurrences.orElse(null),
                until.orElse(null),
                first.map(f -> f == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(f)).orElse(null),
                days,
                day.orElse(null),
                week.orElse(null),
                month.orElse(null));
    }

    private static Optional<List<Attendee>> attendees(WbxmlElement parent) throws MalformedCalendarItem {
        Optional<WbxmlElement> list = parent.child(CALENDAR, "Attendees");
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<Attendee> attendees = new ArrayList<>();
        for (WbxmlElement attendee : list.get().children(CALENDAR, "Attendee")) {
            String address = attendee.text(CALENDAR, "Email")
                    .orElseThrow(() -> new MalformedCalendarItem("Calendar:Attendee without Email"));
            attendees.add(new Attendee(
                    address,
                    attendee.text(CALENDAR, "Name")
                            .filter(name -> !name.equals(address))
                            .orElse(null),
                    code(attendee, "AttendeeType", AttendeeType::ofCode).orElse(AttendeeType.REQUIRED),
                    code(attendee, "AttendeeStatus", ResponseStatus::ofCode).orElse(ResponseStatus.UNKNOWN),
                    null));
        }
        return Optional.of(attendees);
    }

    private static Optional<List<String>> categories(WbxmlElement parent) {
        return parent.child(CALENDAR, "Categories")
                .map(list -> list.children(CALENDAR, "Category").stream()
                        .flatMap(c -> c.text().stream())
                        .toList());
    }

    private static Optional<String> location(WbxmlElement parent) {
        Optional<String> calendar = parent.text(CALENDAR, "Location");
        return calendar.isPresent()
                ? calendar
                : parent.child(BASE, "Location").flatMap(l -> l.text(BASE, "DisplayName"));
    }

    private static Optional<String> body(WbxmlElement parent) {
        return parent.child(BASE, "Body").flatMap(b -> b.text(BASE, "Data"));
    }

    private static Optional<Instant> time(WbxmlElement parent, String name) throws MalformedCalendarItem {
        Optional<String> text = parent.text(CALENDAR, name);
        return text.isEmpty() ? Optional.empty() : Optional.of(parseTime("Calendar:" + name, text.get()));
    }

    /** MS-ASDTYPE 2.6.5 compact form, or the 2.3 dateTime form some clients send. */
    private static Instant parseTime(String element, String text) throws MalformedCalendarItem {
        try {
            if (text.length() == 16 && text.charAt(8) == 'T' && text.endsWith("Z")) {
                return LocalDateTime.parse(text.substring(0, 15), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                        .toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedCalendarItem(element + ": not a date and time: " + text);
        }
    }

    private static Optional<Boolean> flag(WbxmlElement parent, String name) throws MalformedCalendarItem {
        Optional<Integer> value = bounded(parent, name, 0, 1);
        return value.map(v -> v == 1);
    }

    private static Optional<Integer> bounded(WbxmlElement parent, String name, int min, int max)
            throws MalformedCalendarItem {
        Optional<Integer> value = number(parent, name);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            throw new MalformedCalendarItem("Calendar:" + name + " out of range: " + value.get());
        }
        return value;
    }

    private static Optional<Integer> number(WbxmlElement parent, String name) throws MalformedCalendarItem {
        Optional<String> text = parent.text(CALENDAR, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.get().strip()));
        } catch (NumberFormatException e) {
            throw new MalformedCalendarItem("Calendar:" + name + ": not a number: " + text.get());
        }
    }

    private static <T> Optional<T> code(WbxmlElement parent, String name, IntFunction<Optional<T>> lookup)
            throws MalformedCalendarItem {
        Optional<Integer> value = number(parent, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> known = lookup.apply(value.get());
        if (known.isEmpty()) {
            throw new MalformedCalendarItem("Calendar:" + name + ": unknown value " + value.get());
        }
        return known;
    }

    /** MS-ASCAL 2.2.2.18 DayOfWeek, which MS-ASEMAIL shares: one bit per day, Sunday the lowest. */
    static int dayMask(Set<DayOfWeek> days) {
        int mask = 0;
        for (DayOfWeek day : days) {
            mask |= 1 << (day.getValue() % 7);
        }
        return mask;
    }
}
