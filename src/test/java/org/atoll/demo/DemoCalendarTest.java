package org.atoll.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.Occurrence;
import org.atoll.calendar.RecurrenceType;
import org.junit.jupiter.api.Test;

/** The demo calendar has what the README promises, and ical4j expands every event of it. */
class DemoCalendarTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final List<CalendarEvent> EVENTS = DemoCalendar.events("demo@example.test", NOW);

    @Test
    void calendarShouldHaveWeeklyMonthlyOnTheSecondTuesdayAndYearlySeries() {
        assertThat(EVENTS)
                .filteredOn(e -> e.recurrence() != null)
                .extracting(e -> e.recurrence().type())
                .containsExactlyInAnyOrder(RecurrenceType.WEEKLY, RecurrenceType.MONTHLY_NTH, RecurrenceType.YEARLY);
        CalendarEvent steering = byUid("demo-steering-committee");
        List<Occurrence> meetings =
                ICalendars.occurrences(steering, NOW.minus(Duration.ofDays(90)), NOW.plus(Duration.ofDays(90)));
        assertThat(meetings).hasSizeGreaterThanOrEqualTo(5);
        assertThat(meetings).allSatisfy(o -> {
            var local = o.start().atZone(DemoCalendar.OSLO);
            assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
            assertThat((local.getDayOfMonth() - 1) / 7 + 1).isEqualTo(2);
        });
    }

    @Test
    void weeklyMeetingShouldHaveOneOccurrenceMovedAndOneDeleted() {
        CalendarEvent team = byUid("demo-team-meeting");
        assertThat(team.exceptions()).extracting(EventException::deleted).containsExactlyInAnyOrder(true, false);
        Instant from = team.start();
        Instant to = team.start().plus(Duration.ofDays(7 * 8));
        List<Occurrence> occurrences = ICalendars.occurrences(team, from, to);
        Set<Instant> originals =
                occurrences.stream().map(Occurrence::originalStart).collect(Collectors.toSet());
        EventException deleted = team.exceptions().stream()
                .filter(EventException::deleted)
                .findFirst()
                .orElseThrow();
        EventException moved =
                team.exceptions().stream().filter(e -> !e.deleted()).findFirst().orElseThrow();
        assertThat(occurrences).hasSize(7);
        assertThat(originals).doesNotContain(deleted.originalStart()).contains(moved.originalStart());
        assertThat(occurrences).extracting(Occurrence::start).contains(moved.start());
    }

    @Test
    void calendarShouldHaveAllDayEventsAndEventsInTwoTimeZones() {
        assertThat(EVENTS).filteredOn(CalendarEvent::allDay).hasSizeGreaterThanOrEqualTo(2);
        assertThat(EVENTS)
                .extracting(CalendarEvent::zone)
                .contains(ZoneId.of("Europe/Oslo"), ZoneId.of("America/New_York"));
        assertThat(DemoCalendar.events("demo@example.test", NOW)).isEqualTo(EVENTS);
        for (CalendarEvent event : EVENTS) {
            assertThat(ICalendars.occurrences(event, NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(400))))
                    .as(event.subject())
                    .isNotEmpty();
        }
    }

    private static CalendarEvent byUid(String uid) {
        return EVENTS.stream().filter(e -> e.uid().equals(uid)).findFirst().orElseThrow();
    }
}
