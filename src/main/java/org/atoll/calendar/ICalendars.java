package org.atoll.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Clazz;
import net.fortuna.ical4j.model.property.Conference;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.jspecify.annotations.Nullable;

/**
 * Events as iCalendar (RFC 5545) through ical4j: VEVENTs with RRULE, EXDATE and RECURRENCE-ID overrides, whole
 * {@code .ics} calendars in and out, expansion of a series into occurrences, and iMIP messages (RFC 6047, RFC 5546).
 *
 * <p>Reading is bounded: a calendar longer than {@link #MAX_ICS_CHARS} characters is refused unread. Anything the
 * library cannot parse, a VEVENT without UID or DTSTART, or a rule ActiveSync cannot carry is refused with a
 * {@link MalformedCalendarItem} naming the reason.
 */
public final class ICalendars {

    /** The longest calendar text read. */
    public static final int MAX_ICS_CHARS = 8 * 1024 * 1024;

    private static final String PRODUCT = "-//Atoll//Atoll Calendar//EN";
    private static final String BUSY_STATUS = "X-MICROSOFT-CDO-BUSYSTATUS";
    /** The calendar's zone for dates and floating times, as Google and Apple write it. */
    private static final String DEFAULT_ZONE = "X-WR-TIMEZONE";

    private static final DateTimeFormatter UTC_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final TimeZoneRegistry ZONES =
            TimeZoneRegistryFactory.getInstance().createRegistry();

    private ICalendars() {}

    /** A calendar holding these events, with a VTIMEZONE for each zone they use. */
    public static String export(List<CalendarEvent> events) {
        return calendar(null, events).toString();
    }

    /**
     * The events of an {@code .ics} calendar: each UID's VEVENT without RECURRENCE-ID with its overrides as
     * exceptions. {@code owner} decides the meeting status: a meeting {@code owner} organizes is theirs.
     *
     * @throws MalformedCalendarItem when the text is not iCalendar or an event cannot be read
     */
    public static List<CalendarEvent> parse(String ics, @Nullable String owner) throws MalformedCalendarItem {
        Calendar calendar = build(ics);
        ZoneId zone = defaultZone(calendar);
        List<CalendarEvent> events = new ArrayList<>();
        for (List<VEvent> group : byUid(calendar).values()) {
            events.add(event(group, owner, zone));
        }
        return events;
    }

    /**
     * The events of an {@code .ics} calendar one by one, as {@link #parse} reads them: an event that cannot be read
     * (no UID, overrides without their series, a malformed property) is refused with its reason while the others are
     * read.
     *
     * @throws MalformedCalendarItem when the text as a whole is not iCalendar
     */
    public static CalendarImport parseEach(String ics, @Nullable String owner) throws MalformedCalendarItem {
        Calendar calendar = build(ics);
        ZoneId zone = defaultZone(calendar);
        Map<String, List<VEvent>> groups = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        List<CalendarEvent> accepted = new ArrayList<>();
        List<CalendarImport.Refused> refused = new ArrayList<>();
        int position = 0;
        for (CalendarComponent component : calendar.getComponents(net.fortuna.ical4j.model.Component.VEVENT)) {
            VEvent vevent = (VEvent) component;
            Optional<String> uid = text(vevent, Property.UID);
            if (uid.isEmpty() || uid.get().isBlank()) {
                refused.add(new CalendarImport.Refused(position, null, "VEVENT without UID"));
            } else {
                positions.putIfAbsent(uid.get(), position);
                List<VEvent> group = groups.computeIfAbsent(uid.get(), k -> new ArrayList<>());
                if (vevent.getProperty(Property.RECURRENCE_ID).isPresent()) {
                    group.add(vevent);
                } else {
                    group.addFirst(vevent);
                }
            }
            position++;
        }
        for (Map.Entry<String, List<VEvent>> group : groups.entrySet()) {
            int first = positions.get(group.getKey());
            try {
                accepted.add(event(group.getValue(), owner, zone));
            } catch (MalformedCalendarItem e) {
                refused.add(new CalendarImport.Refused(first, group.getKey(), e.getMessage()));
            } catch (RuntimeException e) {
                refused.add(new CalendarImport.Refused(first, group.getKey(), "unreadable event: " + e.getMessage()));
            }
        }
        return new CalendarImport(accepted, refused);
    }

    /** The occurrences of {@code event} that overlap [{@code from}, {@code to}), in order, expanded by ical4j. */
    public static List<Occurrence> occurrences(CalendarEvent event, Instant from, Instant to) {
        if (event.recurrence() == null) {
            return event.start().isBefore(to) && event.end().isAfter(from)
                            || event.start().equals(from) && event.end().equals(from)
                    ? List.of(new Occurrence(event.start(), event.end(), event.start(), event.busyStatus()))
                    : List.of();
        }
        Period<ZonedDateTime> range = new Period<>(from.atZone(ZoneOffset.UTC), to.atZone(ZoneOffset.UTC));
        List<VEvent> components = vevents(event);
        Map<Instant, EventException> changed = new HashMap<>();
        event.exceptions().forEach(e -> changed.put(e.originalStart(), e));
        List<Occurrence> occurrences = new ArrayList<>();
        for (Period<?> period : components.getFirst().<Temporal>calculateRecurrenceSet(range)) {
            Instant start = instant(period.getStart(), event.zone());
            if (!changed.containsKey(start)) {
                occurrences.add(
                        new Occurrence(start, instant(period.getEnd(), event.zone()), start, event.busyStatus()));
            }
        }
        for (VEvent override : components.subList(1, components.size())) {
            RecurrenceId<?> id = override.getRequiredProperty(Property.RECURRENCE_ID);
            EventException exception = changed.get(instant(id.getDate(), event.zone()));
            for (Period<?> period : override.<Temporal>calculateRecurrenceSet(range)) {
                occurrences.add(new Occurrence(
                        instant(period.getStart(), event.zone()),
                        instant(period.getEnd(), event.zone()),
                        exception.originalStart(),
                        exception.busyStatus() != null ? exception.busyStatus() : event.busyStatus()));
            }
        }
        occurrences.removeIf(o -> !o.start().isBefore(to)
                || o.end().isBefore(from)
                || o.end().equals(from) && o.end().isAfter(o.start()));
        occurrences.sort(Comparator.comparing(Occurrence::start));
        return occurrences;
    }

    /** Whether the occurrence overlaps [from, to); ical4j also lists those that start at {@code to}. */
    private static boolean overlaps(Occurrence occurrence, Instant from, Instant to) {
        return occurrence.start().isBefore(to)
                && (occurrence.end().isAfter(from)
                        || occurrence.start().equals(from) && occurrence.end().equals(from));
    }

    /** An iMIP REQUEST (RFC 5546 3.2.2) inviting every attendee of {@code event}, asking each to answer. */
    public static String request(CalendarEvent event) {
        return calendar(ItipMethod.REQUEST, List.of(event)).toString();
    }

    /**
     * An iMIP CANCEL (RFC 5546 3.2.5) of {@code event} for {@code attendees}: all of them when the meeting is
     * cancelled, or those taken off it.
     */
    public static String cancel(CalendarEvent event, List<Attendee> attendees) {
        CalendarEvent cancelled = event.withAttendees(attendees)
                .withMeetingStatus(MeetingStatus.CANCELED)
                .withRecurrence(event.recurrence(), List.of());
        return calendar(ItipMethod.CANCEL, List.of(cancelled)).toString();
    }

    /** An iMIP REPLY (RFC 5546 3.2.3) of {@code attendee}, whose status is the answer, to the organizer. */
    public static String reply(CalendarEvent event, Attendee attendee) {
        return reply(event, attendee, null);
    }

    /**
     * An iMIP REPLY (RFC 5546 3.2.3) of {@code attendee} to the organizer, for the whole meeting or, when
     * {@code instance} names the original start of one occurrence of a series, for that occurrence only: then its one
     * VEVENT carries the RECURRENCE-ID of the occurrence (RFC 5545 3.8.4.4) with the occurrence's own times and no
     * RRULE, so the organizer records the answer on that occurrence and not on the series.
     */
    public static String reply(CalendarEvent event, Attendee attendee, @Nullable Instant instance) {
        return answer(ItipMethod.REPLY, event, attendee, instance, null, null);
    }

    /**
     * An iMIP COUNTER (RFC 5546 3.2.7): {@code attendee}, whose status is the answer, proposes that the meeting (or
     * the occurrence {@code instance}, as in {@link #reply(CalendarEvent, Attendee, Instant)}) take place from
     * {@code start} to {@code end} instead; the rest of the meeting is as the organizer sent it.
     */
    public static String counter(
            CalendarEvent event, Attendee attendee, @Nullable Instant instance, Instant start, Instant end) {
        return answer(ItipMethod.COUNTER, event, attendee, instance, start, end);
    }

    private static String answer(
            ItipMethod method,
            CalendarEvent event,
            Attendee attendee,
            @Nullable Instant instance,
            @Nullable Instant proposedStart,
            @Nullable Instant proposedEnd) {
        CalendarEvent answer = event.withAttendees(List.of(attendee)).withRecurrence(event.recurrence(), List.of());
        Duration length = Duration.between(event.start(), event.end());
        if (instance == null || event.recurrence() == null) {
            if (proposedStart != null && proposedEnd != null) {
                answer = withTimes(answer, proposedStart, proposedEnd);
            }
            return calendar(method, List.of(answer)).toString();
        }
        EventException moved = event.exceptions().stream()
                .filter(e -> e.originalStart().equals(instance) && !e.deleted())
                .findFirst()
                .orElse(null);
        EventException occurrence;
        if (proposedStart != null && proposedEnd != null) {
            occurrence = EventException.moved(instance, proposedStart, proposedEnd);
        } else if (moved == null) {
            occurrence = EventException.moved(instance, instance, instance.plus(length));
        } else {
            Instant start = moved.effectiveStart();
            occurrence = EventException.moved(instance, start, moved.end() != null ? moved.end() : start.plus(length));
        }
        VEvent vevent = override(answer, occurrence);
        if (vevent.getProperty(Property.SEQUENCE).isEmpty()) {
            vevent.add(new Sequence(event.sequence()));
        }
        if (event.organizerAddress() != null) {
            Organizer organizer = new Organizer(mailto(event.organizerAddress()));
            if (event.organizerName() != null) {
                organizer.add(new Cn(event.organizerName()));
            }
            vevent.add(organizer);
        }
        return calendar(method, List.of(answer), List.of(vevent)).toString();
    }

    private static CalendarEvent withTimes(CalendarEvent e, Instant start, Instant end) {
        return e.toBuilder().start(start).end(end).build();
    }

    /**
     * Reads an iMIP message: its METHOD, the UID, SEQUENCE, organizer and attendees of its first VEVENT.
     *
     * @throws MalformedCalendarItem when it is not iCalendar, has no METHOD Atoll knows, or no VEVENT with a UID
     */
    public static ItipMessage parseItip(String ics, @Nullable String owner) throws MalformedCalendarItem {
        Calendar calendar = build(ics);
        String methodName = calendar.getProperty(Property.METHOD)
                .map(Property::getValue)
                .orElseThrow(() -> new MalformedCalendarItem("iMIP message without METHOD"));
        ItipMethod method;
        try {
            method = ItipMethod.valueOf(methodName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedCalendarItem("METHOD " + methodName + " is not one Atoll handles");
        }
        Map<String, List<VEvent>> groups = byUid(calendar);
        if (groups.isEmpty()) {
            throw new MalformedCalendarItem("iMIP message without VEVENT");
        }
        List<VEvent> group = groups.values().iterator().next();
        VEvent first = group.getFirst();
        String uid = text(first, Property.UID).orElseThrow();
        int sequence = sequence(first);
        Optional<Organizer> organizer = first.getProperty(Property.ORGANIZER);
        ZoneId zone = zoneOf(first, defaultZone(calendar));
        Instant recurrenceId = first.<RecurrenceId<?>>getProperty(Property.RECURRENCE_ID)
                .map(id -> instant(id.getDate(), zone))
                .orElse(null);
        CalendarEvent event =
                first.getProperty(Property.DTSTART).isPresent() ? event(group, owner, defaultZone(calendar)) : null;
        return new ItipMessage(
                method,
                uid,
                sequence,
                organizer.map(o -> address(o.getCalAddress())).orElse(null),
                attendees(first),
                recurrenceId,
                event);
    }

    private static Calendar build(String ics) throws MalformedCalendarItem {
        if (ics.length() > MAX_ICS_CHARS) {
            throw new MalformedCalendarItem("calendar longer than " + MAX_ICS_CHARS + " characters");
        }
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (ParserException e) {
            throw new MalformedCalendarItem("not iCalendar: line " + e.getLineNo() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new MalformedCalendarItem("not iCalendar: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<VEvent>> byUid(Calendar calendar) throws MalformedCalendarItem {
        Map<String, List<VEvent>> groups = new LinkedHashMap<>();
        for (CalendarComponent component : calendar.getComponents(net.fortuna.ical4j.model.Component.VEVENT)) {
            VEvent vevent = (VEvent) component;
            String uid = text(vevent, Property.UID).orElseThrow(() -> new MalformedCalendarItem("VEVENT without UID"));
            List<VEvent> group = groups.computeIfAbsent(uid, k -> new ArrayList<>());
            if (vevent.getProperty(Property.RECURRENCE_ID).isPresent()) {
                group.add(vevent);
            } else {
                group.addFirst(vevent);
            }
        }
        return groups;
    }

    private static Calendar calendar(@Nullable ItipMethod method, List<CalendarEvent> events) {
        List<VEvent> vevents = new ArrayList<>();
        for (CalendarEvent event : events) {
            vevents.addAll(vevents(event, method));
        }
        return calendar(method, events, vevents);
    }

    /** A calendar of {@code vevents}, with the time zones of {@code events}, the events they were made of. */
    private static Calendar calendar(@Nullable ItipMethod method, List<CalendarEvent> events, List<VEvent> vevents) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        if (method != null) {
            calendar.add(new Method(method.name()));
        }
        if (!events.isEmpty()) {
            calendar.add(new XProperty(DEFAULT_ZONE, events.getFirst().zone().getId()));
        }
        Set<ZoneId> zones = new HashSet<>();
        for (CalendarEvent event : events) {
            if (!event.allDay()
                    && zones.add(event.zone())
                    && ZONES.getTimeZone(event.zone().getId()) != null) {
                VTimeZone vtimezone = ZONES.getTimeZone(event.zone().getId()).getVTimeZone();
                calendar.add(vtimezone);
            }
        }
        for (VEvent vevent : vevents) {
            calendar.add(vevent);
        }
        return calendar;
    }

    private static List<VEvent> vevents(CalendarEvent event) {
        return vevents(event, null);
    }

    private static List<VEvent> vevents(CalendarEvent event, @Nullable ItipMethod method) {
        List<VEvent> vevents = new ArrayList<>();
        VEvent master = new VEvent(temporal(event, event.start()), temporal(event, event.end()), event.subject());
        master.add(new Uid(event.uid()));
        describe(master, event.location(), event.body(), event.busyStatus(), event.categories());
        master.add(new Clazz(
                switch (event.sensitivity()) {
                    case NORMAL -> "PUBLIC";
                    case PERSONAL, PRIVATE -> "PRIVATE";
                    case CONFIDENTIAL -> "CONFIDENTIAL";
                }));
        if (event.sequence() > 0 || method != null) {
            master.add(new Sequence(event.sequence()));
        }
        if (event.meetingStatus().canceled()) {
            master.add(new Status(Status.VALUE_CANCELLED));
        }
        if (event.organizerAddress() != null) {
            Organizer organizer = new Organizer(mailto(event.organizerAddress()));
            if (event.organizerName() != null) {
                organizer.add(new Cn(event.organizerName()));
            }
            master.add(organizer);
        }
        boolean rsvp = event.responseRequested() || method == ItipMethod.REQUEST;
        boolean answering = method == ItipMethod.REPLY || method == ItipMethod.COUNTER;
        event.attendees().forEach(a -> master.add(attendee(a, rsvp && !answering)));
        if (event.onlineMeetingLink() != null) {
            master.add(new Conference(new ParameterList(List.of(Value.URI)), event.onlineMeetingLink()));
        }
        if (event.reminderMinutes() != null && !answering && method != ItipMethod.CANCEL) {
            VAlarm alarm = new VAlarm(Duration.ofMinutes(-event.reminderMinutes()));
            alarm.add(ImmutableAction.DISPLAY);
            alarm.add(new Description(event.subject()));
            master.add(alarm);
        }
        Recurrence recurrence = event.recurrence();
        if (recurrence != null) {
            master.add(new RRule<>(rrule(recurrence, event)));
            List<Temporal> deleted = event.exceptions().stream()
                    .filter(EventException::deleted)
                    .map(e -> temporal(event, e.originalStart()))
                    .toList();
            if (!deleted.isEmpty()) {
                master.add(new ExDate<>(zoneParameters(event), new DateList<>(deleted)));
            }
        }
        vevents.add(master);
        for (EventException exception : event.exceptions()) {
            if (!exception.deleted()) {
                vevents.add(override(event, exception));
            }
        }
        return vevents;
    }

    private static VEvent override(CalendarEvent event, EventException exception) {
        Instant start = exception.effectiveStart();
        Instant end =
                exception.end() != null ? exception.end() : start.plus(Duration.between(event.start(), event.end()));
        VEvent vevent = new VEvent(
                temporal(event, start),
                temporal(event, end),
                exception.subject() != null ? exception.subject() : event.subject());
        vevent.add(new Uid(event.uid()));
        vevent.add(new RecurrenceId<>(zoneParameters(event), temporal(event, exception.originalStart())));
        describe(
                vevent,
                exception.location() != null ? exception.location() : event.location(),
                exception.body() != null ? exception.body() : event.body(),
                exception.busyStatus() != null ? exception.busyStatus() : event.busyStatus(),
                exception.categories() != null ? exception.categories() : event.categories());
        if (event.sequence() > 0) {
            vevent.add(new Sequence(event.sequence()));
        }
        if (exception.meetingStatus() != null && exception.meetingStatus().canceled()) {
            vevent.add(new Status(Status.VALUE_CANCELLED));
        }
        List<Attendee> attendees = exception.attendees() != null ? exception.attendees() : event.attendees();
        attendees.forEach(a -> vevent.add(attendee(a, event.responseRequested())));
        return vevent;
    }

    private static void describe(
            VEvent vevent, @Nullable String location, @Nullable String body, BusyStatus busy, List<String> categories) {
        if (location != null) {
            vevent.add(new Location(location));
        }
        if (body != null) {
            vevent.add(new Description(body));
        }
        vevent.add(new Transp(busy == BusyStatus.FREE ? "TRANSPARENT" : "OPAQUE"));
        vevent.add(new XProperty(
                BUSY_STATUS,
                switch (busy) {
                    case FREE -> "FREE";
                    case TENTATIVE -> "TENTATIVE";
                    case BUSY -> "BUSY";
                    case OUT_OF_OFFICE -> "OOF";
                    case WORKING_ELSEWHERE -> "WORKINGELSEWHERE";
                }));
        if (!categories.isEmpty()) {
            vevent.add(new Categories(new TextList(categories)));
        }
    }

    private static net.fortuna.ical4j.model.property.Attendee attendee(Attendee attendee, boolean rsvp) {
        var property = new net.fortuna.ical4j.model.property.Attendee(mailto(attendee.address()));
        if (attendee.name() != null) {
            property.add(new Cn(attendee.name()));
        }
        property.add(
                switch (attendee.type()) {
                    case REQUIRED -> Role.REQ_PARTICIPANT;
                    case OPTIONAL -> Role.OPT_PARTICIPANT;
                    case RESOURCE -> Role.NON_PARTICIPANT;
                });
        if (attendee.type() == AttendeeType.RESOURCE) {
            property.add(CuType.RESOURCE);
        }
        property.add(
                switch (attendee.status()) {
                    case ACCEPTED -> PartStat.ACCEPTED;
                    case DECLINED -> PartStat.DECLINED;
                    case TENTATIVE -> PartStat.TENTATIVE;
                    case UNKNOWN, NOT_RESPONDED -> PartStat.NEEDS_ACTION;
                });
        if (rsvp && attendee.status() == ResponseStatus.NOT_RESPONDED) {
            property.add(Rsvp.TRUE);
        }
        return property;
    }

    private static ParameterList zoneParameters(CalendarEvent event) {
        if (event.allDay()) {
            return new ParameterList(List.of(Value.DATE));
        }
        return hasVTimeZone(event.zone())
                ? new ParameterList(List.of(new TzId(event.zone().getId())))
                : new ParameterList();
    }

    /**
     * The time as the event's zone shows it, or in UTC when that zone has no VTIMEZONE in ical4j's registry (a bare
     * offset), so that no TZID names a zone the calendar does not define.
     */
    private static Temporal temporal(CalendarEvent event, Instant at) {
        if (event.allDay()) {
            return at.atZone(event.zone()).toLocalDate();
        }
        return hasVTimeZone(event.zone()) ? at.atZone(event.zone()) : at.atOffset(ZoneOffset.UTC);
    }

    private static boolean hasVTimeZone(ZoneId zone) {
        return !(zone.normalized() instanceof ZoneOffset) && ZONES.getTimeZone(zone.getId()) != null;
    }

    /** RFC 5545 3.3.10 for a Recurrence; the nth-weekday forms as BYDAY with BYSETPOS (-1 for the last). */
    static String rrule(Recurrence recurrence, CalendarEvent event) {
        StringBuilder rule = new StringBuilder("FREQ=");
        rule.append(
                switch (recurrence.type()) {
                    case DAILY -> "DAILY";
                    case WEEKLY -> "WEEKLY";
                    case MONTHLY, MONTHLY_NTH -> "MONTHLY";
                    case YEARLY, YEARLY_NTH -> "YEARLY";
                });
        if (recurrence.interval() > 1) {
            rule.append(";INTERVAL=").append(recurrence.interval());
        }
        if (recurrence.occurrences() != null) {
            rule.append(";COUNT=").append(recurrence.occurrences());
        }
        if (recurrence.until() != null) {
            rule.append(";UNTIL=")
                    .append(
                            event.allDay()
                                    ? DATE.format(recurrence.until().atZone(event.zone()))
                                    : UTC_STAMP.format(recurrence.until()));
        }
        Set<DayOfWeek> days = recurrence.daysOfWeek();
        if (recurrence.type() == RecurrenceType.WEEKLY && days.isEmpty()) {
            days = Set.of(event.start().atZone(event.zone()).getDayOfWeek());
        }
        if (recurrence.type() == RecurrenceType.YEARLY || recurrence.type() == RecurrenceType.YEARLY_NTH) {
            rule.append(";BYMONTH=")
                    .append(
                            recurrence.monthOfYear() != null
                                    ? recurrence.monthOfYear()
                                    : event.start().atZone(event.zone()).getMonthValue());
        }
        if (!days.isEmpty()) {
            rule.append(";BYDAY=")
                    .append(EnumSet.copyOf(days).stream()
                            .map(d -> d.name().substring(0, 2))
                            .collect(Collectors.joining(",")));
        }
        if (recurrence.type() == RecurrenceType.MONTHLY || recurrence.type() == RecurrenceType.YEARLY) {
            rule.append(";BYMONTHDAY=")
                    .append(
                            recurrence.dayOfMonth() != null
                                    ? recurrence.dayOfMonth()
                                    : event.start().atZone(event.zone()).getDayOfMonth());
        }
        if (recurrence.type() == RecurrenceType.MONTHLY_NTH || recurrence.type() == RecurrenceType.YEARLY_NTH) {
            int week = recurrence.weekOfMonth() == null ? 1 : recurrence.weekOfMonth();
            rule.append(";BYSETPOS=").append(week >= 5 ? -1 : week);
        }
        if (recurrence.firstDayOfWeek() != null) {
            rule.append(";WKST=").append(recurrence.firstDayOfWeek().name(), 0, 2);
        }
        return rule.toString();
    }

    private static ZoneId defaultZone(Calendar calendar) {
        return calendar.getProperty(DEFAULT_ZONE)
                .map(Property::getValue)
                .flatMap(ICalendars::zoneNamed)
                .orElse(ZoneOffset.UTC);
    }

    private static CalendarEvent event(List<VEvent> group, @Nullable String owner, ZoneId calendarZone)
            throws MalformedCalendarItem {
        VEvent master = group.getFirst();
        boolean overrideOnly = master.getProperty(Property.RECURRENCE_ID).isPresent();
        String uid = text(master, Property.UID).orElseThrow();
        DtStart<?> dtStart = master.<DtStart<?>>getProperty(Property.DTSTART)
                .orElseThrow(() -> new MalformedCalendarItem("VEVENT " + uid + " without DTSTART"));
        ZoneId zone = zoneOf(master, calendarZone);
        boolean allDay = dtStart.getDate() instanceof LocalDate;
        Instant start = instant(dtStart.getDate(), zone);
        Instant end = end(master, start, zone, allDay);
        String organizer = master.<Organizer>getProperty(Property.ORGANIZER)
                .map(o -> address(o.getCalAddress()))
                .orElse(null);
        String organizerName = master.<Organizer>getProperty(Property.ORGANIZER)
                .flatMap(o -> o.<Cn>getParameter(Parameter.CN))
                .map(Parameter::getValue)
                .orElse(null);
        List<Attendee> attendees = attendees(master);
        boolean cancelled = text(master, Property.STATUS)
                .filter("CANCELLED"::equalsIgnoreCase)
                .isPresent();
        MeetingStatus status;
        if (organizer == null && attendees.isEmpty()) {
            status = MeetingStatus.APPOINTMENT;
        } else if (owner == null || owner.equalsIgnoreCase(organizer)) {
            status = cancelled ? MeetingStatus.CANCELED : MeetingStatus.MEETING;
        } else {
            status = cancelled ? MeetingStatus.CANCELED_RECEIVED : MeetingStatus.RECEIVED;
        }
        Recurrence recurrence = null;
        Optional<RRule<?>> rrule = master.getProperty(Property.RRULE);
        if (rrule.isPresent() && !overrideOnly) {
            recurrence = recurrence(rrule.get().getRecur(), start.atZone(zone), zone);
        }
        List<EventException> exceptions = new ArrayList<>();
        if (recurrence != null) {
            for (ExDate<?> exDate : master.<ExDate<?>>getProperties(Property.EXDATE)) {
                for (Temporal date : exDate.getDates()) {
                    exceptions.add(EventException.deleted(instant(date, zone)));
                }
            }
            for (VEvent override : group.subList(1, group.size())) {
                exceptions.add(exception(override, master, zone, allDay, Duration.between(start, end)));
            }
        }
        return new CalendarEvent(
                uid,
                text(master, Property.SUMMARY).orElse(""),
                text(master, Property.LOCATION).orElse(null),
                text(master, Property.DESCRIPTION).orElse(null),
                start,
                end,
                zone,
                allDay,
                busyStatus(master),
                sensitivity(master),
                reminder(master),
                organizer,
                organizerName,
                categories(master),
                attendees.stream().anyMatch(a -> a.status() == ResponseStatus.NOT_RESPONDED)
                        || master.getProperties(Property.ATTENDEE).stream()
                                .anyMatch(a -> a.getParameter(Parameter.RSVP)
                                        .map(Parameter::getValue)
                                        .filter("TRUE"::equalsIgnoreCase)
                                        .isPresent()),
                status,
                sequence(master),
                text(master, "CONFERENCE").orElse(null),
                attendees,
                recurrence,
                exceptions);
    }

    private static EventException exception(
            VEvent override, VEvent master, ZoneId zone, boolean allDay, Duration length) {
        RecurrenceId<?> id = override.getRequiredProperty(Property.RECURRENCE_ID);
        Instant original = instant(id.getDate(), zone);
        Optional<DtStart<?>> dtStart = override.getProperty(Property.DTSTART);
        Instant start = dtStart.isPresent() ? instant(dtStart.get().getDate(), zone) : original;
        Instant end = dtStart.isPresent() ? end(override, start, zone, allDay) : start.plus(length);
        boolean cancelled = text(override, Property.STATUS)
                .filter("CANCELLED"::equalsIgnoreCase)
                .isPresent();
        if (cancelled) {
            return EventException.deleted(original);
        }
        List<Attendee> attendees = attendees(override);
        return new EventException(
                original,
                false,
                changed(override, master, Property.SUMMARY),
                changed(override, master, Property.LOCATION),
                changed(override, master, Property.DESCRIPTION),
                start,
                end,
                null,
                busyStatus(override) == busyStatus(master) ? null : busyStatus(override),
                null,
                null,
                null,
                attendees.isEmpty() || attendees.equals(attendees(master)) ? null : attendees,
                null);
    }

    /** The override's value of a property when it differs from the series'. */
    private static @Nullable String changed(VEvent override, VEvent master, String name) {
        Optional<String> value = text(override, name);
        return value.equals(text(master, name)) ? null : value.orElse("");
    }

    private static Instant end(VEvent vevent, Instant start, ZoneId zone, boolean allDay) {
        Optional<DtEnd<?>> dtEnd = vevent.getProperty(Property.DTEND);
        if (dtEnd.isPresent()) {
            return instant(dtEnd.get().getDate(), zone);
        }
        Optional<net.fortuna.ical4j.model.property.Duration> duration = vevent.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            return start.atZone(zone).plus(duration.get().getDuration()).toInstant();
        }
        return allDay ? start.atZone(zone).plusDays(1).toInstant() : start;
    }

    private static Recurrence recurrence(Recur<?> recur, ZonedDateTime start, ZoneId zone)
            throws MalformedCalendarItem {
        int interval = Math.max(1, recur.getInterval());
        Integer count = recur.getCount() > 0 ? recur.getCount() : null;
        Instant until = recur.getUntil() == null ? null : instant(recur.getUntil(), zone);
        DayOfWeek weekStart = recur.getWeekStartDay() == null ? null : WeekDay.getDayOfWeek(recur.getWeekStartDay());
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Integer position =
                recur.getSetPosList().isEmpty() ? null : recur.getSetPosList().getFirst();
        for (WeekDay day : recur.getDayList()) {
            days.add(WeekDay.getDayOfWeek(day));
            if (day.getOffset() != 0) {
                position = day.getOffset();
            }
        }
        Integer week = position == null ? null : position < 0 ? 5 : Math.min(position, 5);
        Integer monthDay = recur.getMonthDayList().isEmpty()
                ? null
                : recur.getMonthDayList().getFirst();
        Integer month = recur.getMonthList().isEmpty()
                ? null
                : recur.getMonthList().getFirst().getMonthOfYear();
        RecurrenceType type = switch (recur.getFrequency()) {
            case DAILY -> RecurrenceType.DAILY;
            case WEEKLY -> RecurrenceType.WEEKLY;
            case MONTHLY -> days.isEmpty() ? RecurrenceType.MONTHLY : RecurrenceType.MONTHLY_NTH;
            case YEARLY -> days.isEmpty() ? RecurrenceType.YEARLY : RecurrenceType.YEARLY_NTH;
            default ->
                throw new MalformedCalendarItem("RRULE FREQ=" + recur.getFrequency() + " has no ActiveSync form");
        };
        if ((type == RecurrenceType.MONTHLY_NTH || type == RecurrenceType.YEARLY_NTH) && week == null) {
            throw new MalformedCalendarItem("RRULE " + recur + ": a weekday rule without a position");
        }
        if (type == RecurrenceType.WEEKLY && days.isEmpty()) {
            days.add(start.getDayOfWeek());
        }
        boolean yearly = type == RecurrenceType.YEARLY || type == RecurrenceType.YEARLY_NTH;
        boolean byMonthDay = type == RecurrenceType.MONTHLY || type == RecurrenceType.YEARLY;
        return new Recurrence(
                type,
                interval,
                count,
                until,
                weekStart,
                days,
                byMonthDay ? (monthDay != null ? monthDay : start.getDayOfMonth()) : null,
                type == RecurrenceType.MONTHLY_NTH || type == RecurrenceType.YEARLY_NTH ? week : null,
                yearly ? (month != null ? month : start.getMonthValue()) : null);
    }

    private static List<Attendee> attendees(VEvent vevent) {
        List<Attendee> attendees = new ArrayList<>();
        for (net.fortuna.ical4j.model.property.Attendee property :
                vevent.<net.fortuna.ical4j.model.property.Attendee>getProperties(Property.ATTENDEE)) {
            String role = property.getParameter(Parameter.ROLE)
                    .map(Parameter::getValue)
                    .orElse("REQ-PARTICIPANT");
            String cuType = property.getParameter(Parameter.CUTYPE)
                    .map(Parameter::getValue)
                    .orElse("INDIVIDUAL");
            AttendeeType type = cuType.equalsIgnoreCase("RESOURCE") || cuType.equalsIgnoreCase("ROOM")
                    ? AttendeeType.RESOURCE
                    : role.equalsIgnoreCase("OPT-PARTICIPANT") ? AttendeeType.OPTIONAL : AttendeeType.REQUIRED;
            String partStat = property.getParameter(Parameter.PARTSTAT)
                    .map(Parameter::getValue)
                    .orElse("NEEDS-ACTION")
                    .toUpperCase(Locale.ROOT);
            ResponseStatus status = switch (partStat) {
                case "ACCEPTED" -> ResponseStatus.ACCEPTED;
                case "DECLINED" -> ResponseStatus.DECLINED;
                case "TENTATIVE" -> ResponseStatus.TENTATIVE;
                case "NEEDS-ACTION" -> ResponseStatus.NOT_RESPONDED;
                default -> ResponseStatus.UNKNOWN;
            };
            attendees.add(new Attendee(
                    address(property.getCalAddress()),
                    property.getParameter(Parameter.CN).map(Parameter::getValue).orElse(null),
                    type,
                    status,
                    null));
        }
        return attendees;
    }

    private static BusyStatus busyStatus(VEvent vevent) {
        Optional<String> cdo = text(vevent, BUSY_STATUS);
        if (cdo.isPresent()) {
            switch (cdo.get().toUpperCase(Locale.ROOT)) {
                case "FREE":
                    return BusyStatus.FREE;
                case "TENTATIVE":
                    return BusyStatus.TENTATIVE;
                case "OOF":
                    return BusyStatus.OUT_OF_OFFICE;
                case "WORKINGELSEWHERE":
                    return BusyStatus.WORKING_ELSEWHERE;
                default:
                    return BusyStatus.BUSY;
            }
        }
        if (text(vevent, Property.TRANSP)
                .filter("TRANSPARENT"::equalsIgnoreCase)
                .isPresent()) {
            return BusyStatus.FREE;
        }
        return text(vevent, Property.STATUS)
                        .filter("TENTATIVE"::equalsIgnoreCase)
                        .isPresent()
                ? BusyStatus.TENTATIVE
                : BusyStatus.BUSY;
    }

    private static Sensitivity sensitivity(VEvent vevent) {
        return switch (text(vevent, Property.CLASS).orElse("PUBLIC").toUpperCase(Locale.ROOT)) {
            case "PRIVATE" -> Sensitivity.PRIVATE;
            case "CONFIDENTIAL" -> Sensitivity.CONFIDENTIAL;
            default -> Sensitivity.NORMAL;
        };
    }

    private static @Nullable Integer reminder(VEvent vevent) {
        for (VAlarm alarm : vevent.getAlarms()) {
            Optional<net.fortuna.ical4j.model.property.Trigger> trigger = alarm.getProperty(Property.TRIGGER);
            if (trigger.isPresent() && trigger.get().getDuration() != null) {
                Duration before = Duration.from(trigger.get().getDuration()).negated();
                return (int) Math.max(0, before.toMinutes());
            }
        }
        return null;
    }

    private static List<String> categories(VEvent vevent) {
        List<String> all = new ArrayList<>();
        for (Categories categories : vevent.<Categories>getProperties(Property.CATEGORIES)) {
            categories.getCategories().getTexts().forEach(all::add);
        }
        return all;
    }

    private static int sequence(VEvent vevent) {
        return vevent.<Sequence>getProperty(Property.SEQUENCE)
                .map(Sequence::getSequenceNo)
                .orElse(0);
    }

    private static Optional<String> text(VEvent vevent, String name) {
        return vevent.getProperty(name).map(Property::getValue).filter(v -> !v.isEmpty());
    }

    /**
     * The IANA zone of a VEVENT's DTSTART: its TZID when that is an IANA name or a Windows name (Outlook writes
     * "W. Europe Standard Time"), else the offset the library resolved, else the calendar's X-WR-TIMEZONE or UTC.
     */
    private static ZoneId zoneOf(VEvent vevent, ZoneId calendarZone) {
        Optional<DtStart<?>> dtStart = vevent.getProperty(Property.DTSTART);
        Optional<ZoneId> named = dtStart.flatMap(d -> d.<TzId>getParameter(Parameter.TZID))
                .map(Parameter::getValue)
                .flatMap(ICalendars::zoneNamed);
        if (named.isPresent()) {
            return named.get();
        }
        if (dtStart.isPresent() && dtStart.get().getDate() instanceof ZonedDateTime zoned) {
            ZoneId zone = zoned.getZone();
            return zone.getId().startsWith("ical4j") ? zoned.getOffset() : zone;
        }
        return calendarZone;
    }

    private static Optional<ZoneId> zoneNamed(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (java.time.DateTimeException e) {
            return WindowsZones.zoneOf(id);
        }
    }

    private static Instant instant(Temporal temporal, ZoneId zone) {
        return switch (temporal) {
            case ZonedDateTime zoned -> zoned.toInstant();
            case OffsetDateTime offset -> offset.toInstant();
            case Instant instant -> instant;
            case LocalDateTime local -> local.atZone(zone).toInstant();
            case LocalDate date -> date.atStartOfDay(zone).toInstant();
            default -> Instant.from(temporal);
        };
    }

    private static URI mailto(String address) {
        return URI.create("mailto:" + address.replace(" ", "%20"));
    }

    private static String address(@Nullable URI uri) {
        if (uri == null) {
            return "";
        }
        String text = uri.getSchemeSpecificPart() != null ? uri.getSchemeSpecificPart() : uri.toString();
        return "mailto".equalsIgnoreCase(uri.getScheme()) ? text : uri.toString();
    }
}
