package org.atoll.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.BusyStatus;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.Recurrence;
import org.atoll.calendar.ResponseStatus;

/**
 * The demo user's calendar (MS-ASCAL), around the week of the day it is made: a weekly team meeting with one
 * occurrence moved and one deleted, a steering committee on the second Tuesday of each month, a yearly anniversary,
 * all-day events, and calls set in New York time beside the rest in Oslo's.
 */
public final class DemoCalendar {

    /** The demo company's zone. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** The zone of the customer's office. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private DemoCalendar() {}

    /** The events, for a calendar made at {@code now}; the same day gives the same events. */
    public static List<CalendarEvent> events(String owner, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, OSLO);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstMonday = monday.minusWeeks(4);
        ZonedDateTime teamStart = firstMonday.atTime(9, 30).atZone(OSLO);
        ZonedDateTime moved = teamStart.plusWeeks(5);
        ZonedDateTime deleted = teamStart.plusWeeks(6);
        CalendarEvent team = timed("demo-team-meeting", "Weekly team meeting", teamStart, Duration.ofMinutes(30))
                .withLocation("Meeting room Lighthouse")
                .withBody("Round the table: what shipped, what is stuck, who needs help.")
                .withMeeting(
                        owner,
                        "Demo User",
                        List.of(
                                Attendee.required("ingrid.solberg@harborworks.example", "Ingrid Solberg")
                                        .withStatus(ResponseStatus.ACCEPTED, null),
                                Attendee.required("tomas.berg@harborworks.example", "Tomas Berg")
                                        .withStatus(ResponseStatus.ACCEPTED, null)))
                .withRecurrence(
                        Recurrence.weekly(1, Set.of(DayOfWeek.MONDAY)),
                        List.of(
                                EventException.moved(
                                        moved.toInstant(),
                                        moved.plusDays(1).plusMinutes(30).toInstant(),
                                        moved.plusDays(1).plusMinutes(60).toInstant()),
                                EventException.deleted(deleted.toInstant())));

        LocalDate monthStart = today.withDayOfMonth(1).minusMonths(2);
        LocalDate secondTuesday = monthStart.with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
        CalendarEvent steering = timed(
                        "demo-steering-committee",
                        "Steering committee",
                        secondTuesday.atTime(13, 0).atZone(OSLO),
                        Duration.ofMinutes(90))
                .withLocation("Board room, 4th floor")
                .withRecurrence(Recurrence.monthlyNth(1, 2, DayOfWeek.TUESDAY).withOccurrences(12), List.of());

        LocalDate anniversary = LocalDate.of(today.getYear() - 1, 3, 14);
        CalendarEvent yearly = allDay("demo-anniversary", "Harbor Works anniversary", anniversary, 1, BusyStatus.FREE)
                .withRecurrence(Recurrence.yearly(3, 14), List.of());

        CalendarEvent offsite = allDay(
                        "demo-offsite",
                        "Team offsite in Bergen",
                        monday.plusWeeks(3).plusDays(2),
                        2,
                        BusyStatus.BUSY)
                .withLocation("Bryggen, Bergen");
        CalendarEvent holiday =
                allDay("demo-holiday", "Day off", monday.plusWeeks(1).plusDays(4), 1, BusyStatus.OUT_OF_OFFICE);

        CalendarEvent customerCall = timed(
                        "demo-new-york-call",
                        "Call with the New York office",
                        monday.plusDays(2).atTime(10, 0).atZone(NEW_YORK),
                        Duration.ofMinutes(45))
                .withLocation("Video call")
                .withBody("Atlas roll-out: timeline and the open questions from last week.");
        CalendarEvent demoDay = timed(
                        "demo-new-york-demo",
                        "Product demo for Atlas customers",
                        monday.plusWeeks(1).plusDays(3).atTime(11, 0).atZone(NEW_YORK),
                        Duration.ofHours(1))
                .withLocation("Hudson Yards office, New York");
        CalendarEvent dentist =
                timed("demo-dentist", "Dentist", monday.plusDays(3).atTime(8, 0).atZone(OSLO), Duration.ofMinutes(45));

        return List.of(team, steering, yearly, offsite, holiday, customerCall, demoDay, dentist);
    }

    private static CalendarEvent timed(String uid, String subject, ZonedDateTime start, Duration length) {
        return CalendarEvent.of(
                uid, subject, start.toInstant(), start.plus(length).toInstant(), start.getZone());
    }

    private static CalendarEvent allDay(String uid, String subject, LocalDate first, int days, BusyStatus busy) {
        CalendarEvent event = CalendarEvent.of(
                uid,
                subject,
                first.atStartOfDay(OSLO).toInstant(),
                first.plusDays(days).atStartOfDay(OSLO).toInstant(),
                OSLO);
        return new CalendarEvent(
                event.uid(),
                event.subject(),
                null,
                null,
                event.start(),
                event.end(),
                OSLO,
                true,
                busy,
                event.sensitivity(),
                null,
                null,
                null,
                List.of(),
                false,
                event.meetingStatus(),
                0,
                null,
                List.of(),
                null,
                List.of());
    }
}
