package org.atoll.mailbox.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.atoll.mailbox.EventView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code calendar_event} table with its {@code event_recurrence}, {@code event_exception} and
 * {@code event_attendee} rows, one column per property of a {@link CalendarEvent}; callers hold the account's modseq
 * (the writer lock) before they write. An update rewrites the event's rows below it whole.
 */
@Component
public class EventStore {

    private static final String WRITTEN = "uid, subject, location, body, start_utc, end_utc, time_zone, all_day,"
            + " busy_status, sensitivity, reminder_minutes, organizer_address, organizer_name, categories,"
            + " response_requested, meeting_status, sequence, online_meeting_link, window_end";

    private static final String COLUMNS = "id, folder_id, " + WRITTEN + ", last_modified, modseq";

    private final JdbcClient jdbc;

    EventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public EventView insert(
            long accountId, long folderId, CalendarEvent event, Instant windowEnd, Instant at, long modseq) {
        List<@Nullable Object> params = new ArrayList<>(List.of(accountId, folderId));
        params.addAll(values(event, windowEnd));
        params.add(Timestamp.from(at));
        params.add(modseq);
        long id = jdbc.sql("INSERT INTO calendar_event (account_id, folder_id, " + WRITTEN
                        + ", last_modified, modseq) VALUES ("
                        + String.join(", ", Collections.nCopies(params.size(), "?")) + ") RETURNING id")
                .params(params)
                .query(Long.class)
                .single();
        insertParts(accountId, id, event);
        return new EventView(id, folderId, event, windowEnd, at, modseq);
    }

    public Optional<EventView> update(
            long accountId, long eventId, CalendarEvent event, Instant windowEnd, Instant at, long modseq) {
        List<@Nullable Object> params = new ArrayList<>(values(event, windowEnd));
        params.add(Timestamp.from(at));
        params.add(modseq);
        params.add(accountId);
        params.add(eventId);
        String assignments = String.join(" = ?, ", WRITTEN.split(", ")) + " = ?";
        Optional<Long> folderId = jdbc.sql("UPDATE calendar_event SET " + assignments
                        + ", last_modified = ?, modseq = ?" + " WHERE account_id = ? AND id = ? RETURNING folder_id")
                .params(params)
                .query(Long.class)
                .optional();
        if (folderId.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("DELETE FROM event_attendee WHERE account_id = ? AND event_id = ?")
                .params(accountId, eventId)
                .update();
        jdbc.sql("DELETE FROM event_recurrence WHERE account_id = ? AND event_id = ?")
                .params(accountId, eventId)
                .update();
        insertParts(accountId, eventId, event);
        return Optional.of(new EventView(eventId, folderId.get(), event, windowEnd, at, modseq));
    }

    /** Deletes the events among the ids, returning the ones that were there. */
    public List<EventView> delete(long accountId, Collection<Long> eventIds) {
        List<EventView> gone = of(accountId, eventIds);
        if (!gone.isEmpty()) {
            jdbc.sql("DELETE FROM calendar_event WHERE account_id = ? AND id = ANY(?)")
                    .params(accountId, gone.stream().map(EventView::id).toArray(Long[]::new))
                    .update();
        }
        return gone;
    }

    /** Puts the event in another calendar under the modseq. */
    public void move(long accountId, long eventId, long folderId, long modseq) {
        jdbc.sql("UPDATE calendar_event SET folder_id = ?, modseq = ? WHERE account_id = ? AND id = ?")
                .params(folderId, modseq, accountId, eventId)
                .update();
    }

    /** The account's events with this iCalendar UID, in any of its calendars, oldest first. */
    public List<EventView> withUid(long accountId, String uid) {
        return whole(
                accountId,
                jdbc.sql("SELECT " + COLUMNS + " FROM calendar_event WHERE account_id = ? AND uid = ? ORDER BY id")
                        .params(accountId, uid)
                        .query(EventStore::row)
                        .list());
    }

    public List<EventView> of(long accountId, Collection<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return whole(
                accountId,
                jdbc.sql("SELECT " + COLUMNS + " FROM calendar_event WHERE account_id = ? AND id = ANY(?)")
                        .params(accountId, eventIds.toArray(Long[]::new))
                        .query(EventStore::row)
                        .list());
    }

    /**
     * The events of a folder whose window end is at or after {@code since}, by descending (window end, id), after
     * the event with {@code afterEnd} and {@code afterId} (null: from the first).
     */
    public List<EventView> inWindow(
            long accountId, long folderId, Instant since, @Nullable Instant afterEnd, long afterId, int limit) {
        Instant end = afterEnd == null ? Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1) : afterEnd;
        return whole(
                accountId,
                jdbc.sql("SELECT " + COLUMNS + " FROM calendar_event"
                                + " WHERE account_id = ? AND folder_id = ? AND window_end >= ?"
                                + " AND (window_end, id) < (?, ?) ORDER BY window_end DESC, id DESC LIMIT ?")
                        .params(
                                accountId,
                                folderId,
                                utc(since),
                                utc(end),
                                afterEnd == null ? Long.MAX_VALUE : afterId,
                                limit)
                        .query(EventStore::row)
                        .list());
    }

    public long countInWindow(long accountId, long folderId, Instant since) {
        return jdbc.sql(
                        "SELECT count(*) FROM calendar_event WHERE account_id = ? AND folder_id = ? AND window_end >= ?")
                .params(accountId, folderId, utc(since))
                .query(Long.class)
                .single();
    }

    /**
     * The events of the given folders (all the account's when null) that may have an occurrence overlapping
     * [{@code from}, {@code to}): starting before {@code to} and ending, last occurrence included, at or after
     * {@code from}; by start, at most {@code limit}.
     */
    public List<EventView> overlapping(
            long accountId, @Nullable Collection<Long> folderIds, Instant from, Instant to, int limit) {
        return whole(
                accountId,
                jdbc.sql("SELECT " + COLUMNS + " FROM calendar_event WHERE account_id = ?"
                                + " AND (?::bigint[] IS NULL OR folder_id = ANY(?)) AND start_utc < ? AND window_end >= ?"
                                + " ORDER BY start_utc, id LIMIT ?")
                        .params(
                                accountId,
                                folderIds == null ? null : folderIds.toArray(Long[]::new),
                                folderIds == null ? null : folderIds.toArray(Long[]::new),
                                utc(to),
                                utc(from),
                                limit)
                        .query(EventStore::row)
                        .list());
    }

    /** The ids of the folder's events by UID, for those of {@code uids} it holds (the lowest id of a UID held twice). */
    public Map<String, Long> idsByUid(long accountId, long folderId, Collection<String> uids) {
        Map<String, Long> ids = new HashMap<>();
        if (uids.isEmpty()) {
            return ids;
        }
        jdbc.sql("SELECT uid, min(id) AS id FROM calendar_event WHERE account_id = ? AND folder_id = ? AND uid = ANY(?)"
                        + " GROUP BY uid")
                .params(accountId, folderId, uids.toArray(String[]::new))
                .query((row, n) -> Map.entry(row.getString("uid"), row.getLong("id")))
                .list()
                .forEach(e -> ids.put(e.getKey(), e.getValue()));
        return ids;
    }

    public long count(long accountId, @Nullable Long folderId) {
        return jdbc.sql("SELECT count(*) FROM calendar_event WHERE account_id = ?"
                        + " AND (?::bigint IS NULL OR folder_id = ?)")
                .params(accountId, folderId, folderId)
                .query(Long.class)
                .single();
    }

    // ---- writing the parts

    private void insertParts(long accountId, long eventId, CalendarEvent event) {
        int ordinal = 0;
        for (Attendee attendee : event.attendees()) {
            insertAttendee(accountId, eventId, ordinal++, null, attendee);
        }
        Recurrence recurrence = event.recurrence();
        if (recurrence == null) {
            return;
        }
        jdbc.sql("INSERT INTO event_recurrence (account_id, event_id, type, recurrence_interval, occurrences, until,"
                        + " first_day_of_week, days_of_week, day_of_month, week_of_month, month_of_year)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        accountId,
                        eventId,
                        (short) recurrence.type().code(),
                        recurrence.interval(),
                        recurrence.occurrences(),
                        utc(recurrence.until()),
                        recurrence.firstDayOfWeek() == null
                                ? null
                                : (short) (recurrence.firstDayOfWeek().getValue() % 7),
                        (short) dayMask(recurrence.daysOfWeek()),
                        small(recurrence.dayOfMonth()),
                        small(recurrence.weekOfMonth()),
                        small(recurrence.monthOfYear()))
                .update();
        for (EventException exception : event.exceptions()) {
            jdbc.sql("INSERT INTO event_exception (account_id, event_id, original_start, deleted, subject, location,"
                            + " body, start_utc, end_utc, all_day, busy_status, sensitivity, reminder_minutes,"
                            + " categories, attendees_changed, meeting_status)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(Arrays.asList(
                            accountId,
                            eventId,
                            utc(exception.originalStart()),
                            exception.deleted(),
                            exception.subject(),
                            exception.location(),
                            exception.body(),
                            utc(exception.start()),
                            utc(exception.end()),
                            exception.allDay(),
                            exception.busyStatus() == null
                                    ? null
                                    : (short) exception.busyStatus().code(),
                            exception.sensitivity() == null
                                    ? null
                                    : (short) exception.sensitivity().code(),
                            exception.reminderMinutes(),
                            exception.categories() == null
                                    ? null
                                    : exception.categories().toArray(String[]::new),
                            exception.attendees() != null,
                            exception.meetingStatus() == null
                                    ? null
                                    : (short) exception.meetingStatus().code()))
                    .update();
            if (exception.attendees() != null) {
                for (Attendee attendee : exception.attendees()) {
                    insertAttendee(accountId, eventId, ordinal++, exception.originalStart(), attendee);
                }
            }
        }
    }

    private void insertAttendee(
            long accountId, long eventId, int ordinal, @Nullable Instant exceptionStart, Attendee attendee) {
        jdbc.sql("INSERT INTO event_attendee (account_id, event_id, ordinal, exception_start, address, name, type,"
                        + " status, responded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Arrays.asList(
                        accountId,
                        eventId,
                        ordinal,
                        utc(exceptionStart),
                        attendee.address(),
                        attendee.name(),
                        (short) attendee.type().code(),
                        (short) attendee.status().code(),
                        utc(attendee.respondedAt())))
                .update();
    }

    /** The values of {@link #WRITTEN}, in its order. */
    private static List<@Nullable Object> values(CalendarEvent event, Instant windowEnd) {
        return Arrays.asList(
                event.uid(),
                event.subject(),
                event.location(),
                event.body(),
                utc(event.start()),
                utc(event.end()),
                event.zone().getId(),
                event.allDay(),
                (short) event.busyStatus().code(),
                (short) event.sensitivity().code(),
                event.reminderMinutes(),
                event.organizerAddress(),
                event.organizerName(),
                event.categories().toArray(String[]::new),
                event.responseRequested(),
                (short) event.meetingStatus().code(),
                event.sequence(),
                event.onlineMeetingLink(),
                utc(windowEnd));
    }

    // ---- reading

    /** An event row before its parts are read. */
    private record Row(
            long id, long folderId, CalendarEvent event, Instant windowEnd, Instant lastModified, long modseq) {}

    private static Row row(ResultSet row, int n) throws SQLException {
        CalendarEvent event = new CalendarEvent(
                row.getString("uid"),
                row.getString("subject"),
                row.getString("location"),
                row.getString("body"),
                instant(row, "start_utc"),
                instant(row, "end_utc"),
                ZoneId.of(row.getString("time_zone")),
                row.getBoolean("all_day"),
                BusyStatus.ofCode(row.getShort("busy_status")).orElseThrow(),
                Sensitivity.ofCode(row.getShort("sensitivity")).orElseThrow(),
                integer(row, "reminder_minutes"),
                row.getString("organizer_address"),
                row.getString("organizer_name"),
                strings(row.getArray("categories")),
                row.getBoolean("response_requested"),
                MeetingStatus.ofCode(row.getShort("meeting_status")).orElseThrow(),
                row.getInt("sequence"),
                row.getString("online_meeting_link"),
                List.of(),
                null,
                List.of());
        return new Row(
                row.getLong("id"),
                row.getLong("folder_id"),
                event,
                instant(row, "window_end"),
                instant(row, "last_modified"),
                row.getLong("modseq"));
    }

    private record AttendeeRow(long eventId, @Nullable Instant exceptionStart, Attendee attendee) {}

    private record ExceptionRow(long eventId, EventException exception, boolean attendeesChanged) {}

    /** The rows with their recurrence, exceptions and attendees, in the rows' order. */
    private List<EventView> whole(long accountId, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        Map<Long, Recurrence> recurrences = new HashMap<>();
        jdbc.sql("SELECT * FROM event_recurrence WHERE account_id = ? AND event_id = ANY(?)")
                .params(accountId, ids)
                .query((row, n) -> Map.entry(row.getLong("event_id"), recurrence(row)))
                .list()
                .forEach(e -> recurrences.put(e.getKey(), e.getValue()));
        Map<Long, List<ExceptionRow>> exceptions = new HashMap<>();
        jdbc.sql("SELECT * FROM event_exception WHERE account_id = ? AND event_id = ANY(?) ORDER BY original_start")
                .params(accountId, ids)
                .query(EventStore::exception)
                .list()
                .forEach(e -> exceptions
                        .computeIfAbsent(e.eventId(), k -> new ArrayList<>())
                        .add(e));
        Map<Long, List<AttendeeRow>> attendees = new HashMap<>();
        jdbc.sql("SELECT * FROM event_attendee WHERE account_id = ? AND event_id = ANY(?) ORDER BY ordinal")
                .params(accountId, ids)
                .query((row, n) -> new AttendeeRow(
                        row.getLong("event_id"),
                        instantOrNull(row, "exception_start"),
                        new Attendee(
                                row.getString("address"),
                                row.getString("name"),
                                AttendeeType.ofCode(row.getShort("type")).orElseThrow(),
                                ResponseStatus.ofCode(row.getShort("status")).orElseThrow(),
                                instantOrNull(row, "responded_at"))))
                .list()
                .forEach(a -> attendees
                        .computeIfAbsent(a.eventId(), k -> new ArrayList<>())
                        .add(a));
        List<EventView> views = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<AttendeeRow> its = attendees.getOrDefault(row.id(), List.of());
            List<Attendee> series = its.stream()
                    .filter(a -> a.exceptionStart() == null)
                    .map(AttendeeRow::attendee)
                    .toList();
            Map<Instant, List<Attendee>> byException = new LinkedHashMap<>();
            its.stream()
                    .filter(a -> a.exceptionStart() != null)
                    .forEach(a -> byException
                            .computeIfAbsent(a.exceptionStart(), k -> new ArrayList<>())
                            .add(a.attendee()));
            List<EventException> changes = exceptions.getOrDefault(row.id(), List.of()).stream()
                    .map(e -> e.attendeesChanged()
                            ? withAttendees(
                                    e.exception(),
                                    byException.getOrDefault(e.exception().originalStart(), List.of()))
                            : e.exception())
                    .toList();
            CalendarEvent event = row.event().withAttendees(series).withRecurrence(recurrences.get(row.id()), changes);
            views.add(
                    new EventView(row.id(), row.folderId(), event, row.windowEnd(), row.lastModified(), row.modseq()));
        }
        return views;
    }

    private static Recurrence recurrence(ResultSet row) throws SQLException {
        Integer first = integer(row, "first_day_of_week");
        return new Recurrence(
                RecurrenceType.ofCode(row.getShort("type")).orElseThrow(),
                row.getInt("recurrence_interval"),
                integer(row, "occurrences"),
                instantOrNull(row, "until"),
                first == null ? null : first == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(first),
                days(row.getShort("days_of_week")),
                integer(row, "day_of_month"),
                integer(row, "week_of_month"),
                integer(row, "month_of_year"));
    }

    private static ExceptionRow exception(ResultSet row, int n) throws SQLException {
        Integer busy = integer(row, "busy_status");
        Integer sensitivity = integer(row, "sensitivity");
        Integer meeting = integer(row, "meeting_status");
        Array categories = row.getArray("categories");
        return new ExceptionRow(
                row.getLong("event_id"),
                new EventException(
                        instant(row, "original_start"),
                        row.getBoolean("deleted"),
                        row.getString("subject"),
                        row.getString("location"),
                        row.getString("body"),
                        instantOrNull(row, "start_utc"),
                        instantOrNull(row, "end_utc"),
                        row.getObject("all_day", Boolean.class),
                        busy == null ? null : BusyStatus.ofCode(busy).orElseThrow(),
                        sensitivity == null
                                ? null
                                : Sensitivity.ofCode(sensitivity).orElseThrow(),
                        integer(row, "reminder_minutes"),
                        categories == null ? null : strings(categories),
                        null,
                        meeting == null ? null : MeetingStatus.ofCode(meeting).orElseThrow()),
                row.getBoolean("attendees_changed"));
    }

    private static EventException withAttendees(EventException e, List<Attendee> attendees) {
        return new EventException(
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
                attendees,
                e.meetingStatus());
    }

    // ---- values

    private static int dayMask(Set<DayOfWeek> days) {
        int mask = 0;
        for (DayOfWeek day : days) {
            mask |= 1 << (day.getValue() % 7);
        }
        return mask;
    }

    private static Set<DayOfWeek> days(int mask) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int bit = 0; bit < 7; bit++) {
            if ((mask & (1 << bit)) != 0) {
                days.add(bit == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(bit));
            }
        }
        return days;
    }

    private static @Nullable Short small(@Nullable Integer value) {
        return value == null ? null : value.shortValue();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable Integer integer(ResultSet row, String column) throws SQLException {
        return row.getObject(column, Integer.class);
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
