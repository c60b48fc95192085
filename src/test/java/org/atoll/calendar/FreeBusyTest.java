package org.atoll.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MergedFreeBusy (MS-ASCMD 2.2.3.107) from events with their recurrences expanded. */
class FreeBusyTest {

    static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    static CalendarEvent event(String uid, String start, String end, BusyStatus status) {
        CalendarEvent plain = CalendarEvent.of(uid, uid, at(start), at(end), ZoneOffset.UTC);
        return new CalendarEvent(
                plain.uid(),
                plain.subject(),
                null,
                null,
                plain.start(),
                plain.end(),
                plain.zone(),
                false,
                status,
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

    @Test
    void eachHalfHourShouldShowTheStrongestStatusOfWhatOverlapsIt() {
        List<CalendarEvent> events = List.of(
                event("a", "09:00", "10:00", BusyStatus.BUSY),
                event("b", "09:30", "11:00", BusyStatus.TENTATIVE),
                event("c", "11:15", "11:45", BusyStatus.OUT_OF_OFFICE),
                event("d", "12:00", "13:00", BusyStatus.FREE));

        assertThat(FreeBusy.merged(events, at("08:00"), at("13:00"))).isEqualTo("0022113300");
    }

    @Test
    void aSeriesShouldBeExpandedWithItsMovedAndDeletedOccurrences() {
        CalendarEvent daily = event("s", "09:00", "09:30", BusyStatus.BUSY)
                .withRecurrence(
                        Recurrence.daily(1),
                        List.of(
                                EventException.deleted(Instant.parse("2026-03-03T09:00:00Z")),
                                EventException.moved(
                                        Instant.parse("2026-03-04T09:00:00Z"),
                                        Instant.parse("2026-03-04T10:00:00Z"),
                                        Instant.parse("2026-03-04T10:30:00Z"))));

        String mondayToWednesday = FreeBusy.merged(
                List.of(daily), Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-04T11:00:00Z"));

        assertThat(mondayToWednesday.charAt(0)).isEqualTo('2');
        assertThat(mondayToWednesday.charAt(48)).isEqualTo('0');
        assertThat(mondayToWednesday.charAt(96)).isEqualTo('0');
        assertThat(mondayToWednesday.charAt(98)).isEqualTo('2');
    }

    @Test
    void aCancelledMeetingShouldLeaveTheTimeFree() {
        CalendarEvent cancelled =
                event("x", "09:00", "10:00", BusyStatus.BUSY).withMeetingStatus(MeetingStatus.CANCELED_RECEIVED);

        assertThat(FreeBusy.merged(List.of(cancelled), at("09:00"), at("10:00")))
                .isEqualTo("00");
    }

    @Test
    void theSpecsExampleShouldReadOutOfOfficeBusyFreeTentative() {
        List<CalendarEvent> events = List.of(
                event("oof", "09:00", "09:30", BusyStatus.OUT_OF_OFFICE),
                event("busy", "09:30", "10:30", BusyStatus.BUSY),
                event("tentative", "11:00", "11:30", BusyStatus.TENTATIVE));

        assertThat(FreeBusy.merged(events, at("09:00"), at("11:30"))).isEqualTo("32201");
    }

    @Test
    void aRangeAtTheLimitShouldBeAnswered() {
        assertThat(FreeBusy.noData(at("09:00"), at("09:00").plusSeconds(FreeBusy.MAX_INTERVALS * 1800L)))
                .hasSize(FreeBusy.MAX_INTERVALS);
    }

    @Test
    void noDataShouldBeAllFours() {
        assertThat(FreeBusy.noData(at("09:00"), at("10:15"))).isEqualTo("444");
    }

    @Test
    void aRangeBackwardsOrTooLongShouldBeRefused() {
        assertThatThrownBy(() -> FreeBusy.merged(List.of(), at("10:00"), at("09:00")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FreeBusy.merged(
                        List.of(), at("09:00"), at("09:00").plusSeconds((FreeBusy.MAX_INTERVALS + 1L) * 1800)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWeeklySeriesShouldOnlyFillItsDays() {
        CalendarEvent mondays = event("w", "09:00", "10:00", BusyStatus.BUSY)
                .withRecurrence(Recurrence.weekly(1, Set.of(DayOfWeek.MONDAY)), List.of());

        String week = FreeBusy.merged(List.of(mondays), at("00:00"), at("00:00").plusSeconds(7L * 86_400));

        assertThat(week.chars().filter(c -> c == '2').count()).isEqualTo(2);
        assertThat(week.substring(18, 20)).isEqualTo("22");
    }
}
