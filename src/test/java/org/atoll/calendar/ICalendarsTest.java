package org.atoll.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** iCalendar (RFC 5545) and iMIP (RFC 6047, RFC 5546) through ical4j. */
class ICalendarsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Instant berlin(int month, int day, int hour) {
        return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, BERLIN).toInstant();
    }

    /** Ten Monday stand-ups from 5 January 2026; the third is deleted, the fourth moved to the Tuesday at 14:00. */
    static CalendarEvent weeklyWithAMovedAndADeletedOccurrence() {
        return CalendarEvent.of("standup-1", "Standup", berlin(1, 5, 9), berlin(1, 5, 10), BERLIN)
                .withLocation("Room 4")
                .withRecurrence(
                        Recurrence.weekly(1, Set.of(DayOfWeek.MONDAY)).withOccurrences(10),
                        List.of(
                                EventException.deleted(berlin(1, 19, 9)),
                                EventException.moved(berlin(1, 26, 9), berlin(1, 27, 14), berlin(1, 27, 15))));
    }

    @Nested
    class Series {

        @Test
        void aWeeklySeriesWithAMovedAndADeletedOccurrenceShouldComeBackFromItsIcsWithTheSameOccurrences()
                throws Exception {
            CalendarEvent series = weeklyWithAMovedAndADeletedOccurrence();
            Instant from = berlin(1, 1, 0);
            Instant to = berlin(4, 1, 0);

            String ics = ICalendars.export(List.of(series));
            List<CalendarEvent> back = ICalendars.parse(ics, null);

            assertThat(back).hasSize(1);
            List<Occurrence> before = ICalendars.occurrences(series, from, to);
            assertThat(ICalendars.occurrences(back.getFirst(), from, to)).isEqualTo(before);
            assertThat(before)
                    .extracting(Occurrence::start)
                    .hasSize(9)
                    .doesNotContain(berlin(1, 19, 9), berlin(1, 26, 9));
            assertThat(before)
                    .contains(new Occurrence(berlin(1, 27, 14), berlin(1, 27, 15), berlin(1, 26, 9), BusyStatus.BUSY));
            assertThat(back.getFirst().exceptions()).containsExactlyInAnyOrderElementsOf(series.exceptions());
            assertThat(back.getFirst().recurrence()).isEqualTo(series.recurrence());
            assertThat(back.getFirst().zone()).isEqualTo(BERLIN);
        }

        @Test
        void occurrencesShouldBeThoseOverlappingTheHalfOpenRangeOnly() {
            CalendarEvent series = weeklyWithAMovedAndADeletedOccurrence();

            assertThat(ICalendars.occurrences(series, berlin(1, 5, 10), berlin(1, 12, 9)))
                    .as("one ends where the range starts, the next starts where it ends")
                    .isEmpty();
            assertThat(ICalendars.occurrences(series, berlin(1, 5, 9), berlin(1, 12, 10)))
                    .extracting(Occurrence::start)
                    .containsExactly(berlin(1, 5, 9), berlin(1, 12, 9));
        }

        @Test
        void theIcsShouldCarryTheRuleTheExdateAndTheOverrideAsRfc5545Says() throws Exception {
            Calendar calendar = new CalendarBuilder()
                    .build(new StringReader(ICalendars.export(List.of(weeklyWithAMovedAndADeletedOccurrence()))));

            List<VEvent> vevents = calendar.getComponents("VEVENT");
            assertThat(vevents).hasSize(2);
            assertThat(vevents.get(0).getProperty(Property.RRULE).orElseThrow().getValue())
                    .isEqualTo("FREQ=WEEKLY;COUNT=10;BYDAY=MO");
            assertThat(vevents.get(0).getProperty(Property.EXDATE).orElseThrow().toString())
                    .contains("TZID=Europe/Berlin:20260119T090000");
            assertThat(vevents.get(1)
                            .getProperty(Property.RECURRENCE_ID)
                            .orElseThrow()
                            .toString())
                    .contains("TZID=Europe/Berlin:20260126T090000");
            assertThat(calendar.getComponents("VTIMEZONE")).hasSize(1);
        }

        @Test
        void aMonthlyMeetingOnTheSecondTuesdayShouldFallOnSecondTuesdays() throws Exception {
            CalendarEvent monthly = CalendarEvent.of("m-1", "Review", berlin(1, 13, 15), berlin(1, 13, 16), BERLIN)
                    .withRecurrence(Recurrence.monthlyNth(1, 2, DayOfWeek.TUESDAY), List.of());

            CalendarEvent back =
                    ICalendars.parse(ICalendars.export(List.of(monthly)), null).getFirst();

            assertThat(back.recurrence()).isEqualTo(monthly.recurrence());
            assertThat(ICalendars.occurrences(back, berlin(1, 1, 0), berlin(5, 1, 0)))
                    .extracting(Occurrence::start)
                    .containsExactly(berlin(1, 13, 15), berlin(2, 10, 15), berlin(3, 10, 15), berlin(4, 14, 15));
        }

        @Test
        void aYearlyAllDayEventShouldStayOnItsDate() throws Exception {
            Instant day = LocalDate.of(2026, 3, 14).atStartOfDay(BERLIN).toInstant();
            CalendarEvent birthday = new CalendarEvent(
                    "b-1",
                    "Birthday",
                    null,
                    null,
                    day,
                    day.plusSeconds(86_400),
                    BERLIN,
                    true,
                    BusyStatus.FREE,
                    Sensitivity.PRIVATE,
                    60 * 12,
                    null,
                    null,
                    List.of("Family"),
                    false,
                    MeetingStatus.APPOINTMENT,
                    0,
                    null,
                    List.of(),
                    Recurrence.yearly(3, 14),
                    List.of());

            CalendarEvent back =
                    ICalendars.parse(ICalendars.export(List.of(birthday)), null).getFirst();

            assertThat(back).isEqualTo(birthday);
            assertThat(ICalendars.occurrences(back, day.plusSeconds(300L * 86_400), day.plusSeconds(500L * 86_400)))
                    .extracting(Occurrence::start)
                    .containsExactly(
                            LocalDate.of(2027, 3, 14).atStartOfDay(BERLIN).toInstant());
        }

        @Test
        void aSeriesInUtcOrABareOffsetShouldBeWrittenInUtcAndExpandTheSame() throws Exception {
            for (ZoneId zone : List.of(ZoneId.of("UTC"), java.time.ZoneOffset.ofHoursMinutes(5, 30))) {
                Instant start = Instant.parse("2026-01-05T09:00:00Z");
                CalendarEvent series = CalendarEvent.of("u-" + zone, "Sync", start, start.plusSeconds(1800), zone)
                        .withRecurrence(
                                Recurrence.daily(1).withOccurrences(5),
                                List.of(EventException.deleted(start.plusSeconds(86_400))));

                String ics = ICalendars.export(List.of(series));
                CalendarEvent back = ICalendars.parse(ics, null).getFirst();

                assertThat(ics).doesNotContain("TZID=+05:30");
                assertThat(ICalendars.occurrences(back, start, start.plusSeconds(10L * 86_400)))
                        .isEqualTo(ICalendars.occurrences(series, start, start.plusSeconds(10L * 86_400)))
                        .hasSize(4);
            }
        }

        @Test
        void outlooksWindowsZoneNamesShouldBecomeIanaZones() throws Exception {
            String outlook = """
                    BEGIN:VCALENDAR\r
                    PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
                    VERSION:2.0\r
                    BEGIN:VTIMEZONE\r
                    TZID:W. Europe Standard Time\r
                    BEGIN:STANDARD\r
                    DTSTART:16011028T030000\r
                    RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
                    TZOFFSETFROM:+0200\r
                    TZOFFSETTO:+0100\r
                    END:STANDARD\r
                    BEGIN:DAYLIGHT\r
                    DTSTART:16010325T020000\r
                    RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
                    TZOFFSETFROM:+0100\r
                    TZOFFSETTO:+0200\r
                    END:DAYLIGHT\r
                    END:VTIMEZONE\r
                    BEGIN:VEVENT\r
                    UID:040000008200E00074C5B7101A82E008\r
                    DTSTAMP:20260101T120000Z\r
                    DTSTART;TZID=W. Europe Standard Time:20260706T100000\r
                    DTEND;TZID=W. Europe Standard Time:20260706T110000\r
                    SUMMARY:Planning\r
                    END:VEVENT\r
                    END:VCALENDAR\r
                    """;

            CalendarEvent event = ICalendars.parse(outlook, null).getFirst();

            assertThat(event.zone()).isEqualTo(BERLIN);
            assertThat(event.start()).isEqualTo(Instant.parse("2026-07-06T08:00:00Z"));
        }
    }

    @Nested
    class Imip {

        static CalendarEvent meeting() {
            return weeklyWithAMovedAndADeletedOccurrence()
                    .withMeeting(
                            "alice@example.test",
                            "Alice",
                            List.of(
                                    Attendee.required("bob@example.test", "Bob"),
                                    Attendee.required("carol@example.test", "Carol"),
                                    new Attendee(
                                            "dave@remote.test",
                                            null,
                                            AttendeeType.OPTIONAL,
                                            ResponseStatus.NOT_RESPONDED,
                                            null)))
                    .withSequence(2);
        }

        @Test
        void aRequestParsedByTheLibraryShouldNameTheAttendeesAndAskThemToAnswer() throws Exception {
            Calendar calendar = new CalendarBuilder().build(new StringReader(ICalendars.request(meeting())));

            assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
                    .isEqualTo("REQUEST");
            VEvent vevent = calendar.<VEvent>getComponents("VEVENT").getFirst();
            List<Property> attendees = vevent.getProperties(Property.ATTENDEE);
            assertThat(attendees)
                    .extracting(Property::getValue)
                    .containsExactly("mailto:bob@example.test", "mailto:carol@example.test", "mailto:dave@remote.test");
            assertThat(attendees)
                    .allSatisfy(
                            a -> assertThat(a.toString()).contains("RSVP=TRUE").contains("PARTSTAT=NEEDS-ACTION"));
            assertThat(vevent.getProperty(Property.ORGANIZER).orElseThrow().getValue())
                    .isEqualTo("mailto:alice@example.test");
            assertThat(vevent.getProperty(Property.SEQUENCE).orElseThrow().getValue())
                    .isEqualTo("2");
        }

        @Test
        void aRequestShouldBeReadBackWithItsMethodUidSequenceOrganizerAndAttendees() throws Exception {
            ItipMessage message = ICalendars.parseItip(ICalendars.request(meeting()), "bob@example.test");

            assertThat(message.method()).isEqualTo(ItipMethod.REQUEST);
            assertThat(message.uid()).isEqualTo("standup-1");
            assertThat(message.sequence()).isEqualTo(2);
            assertThat(message.organizerAddress()).isEqualTo("alice@example.test");
            assertThat(message.attendees())
                    .extracting(Attendee::address, Attendee::type, Attendee::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "bob@example.test", AttendeeType.REQUIRED, ResponseStatus.NOT_RESPONDED),
                            org.assertj.core.groups.Tuple.tuple(
                                    "carol@example.test", AttendeeType.REQUIRED, ResponseStatus.NOT_RESPONDED),
                            org.assertj.core.groups.Tuple.tuple(
                                    "dave@remote.test", AttendeeType.OPTIONAL, ResponseStatus.NOT_RESPONDED));
            assertThat(message.event().meetingStatus()).isEqualTo(MeetingStatus.RECEIVED);
            assertThat(message.event().responseRequested()).isTrue();
            assertThat(message.event().exceptions()).hasSize(2);
        }

        @Test
        void aReplyShouldCarryTheOneAttendeesAnswer() throws Exception {
            Attendee bob = Attendee.required("bob@example.test", "Bob").withStatus(ResponseStatus.ACCEPTED, null);

            ItipMessage reply = ICalendars.parseItip(ICalendars.reply(meeting(), bob), "alice@example.test");

            assertThat(reply.method()).isEqualTo(ItipMethod.REPLY);
            assertThat(reply.uid()).isEqualTo("standup-1");
            assertThat(reply.sequence()).isEqualTo(2);
            assertThat(reply.attendees()).singleElement().satisfies(a -> {
                assertThat(a.address()).isEqualTo("bob@example.test");
                assertThat(a.status()).isEqualTo(ResponseStatus.ACCEPTED);
            });
        }

        @Test
        void aReplyForOneOccurrenceShouldNameItByRecurrenceIdAndCarryNoRule_Rfc5546_3_2_3() throws Exception {
            Attendee bob = Attendee.required("bob@example.test", "Bob").withStatus(ResponseStatus.DECLINED, null);
            Instant third = berlin(1, 12, 9);
            Instant moved = berlin(1, 26, 9);

            String ics = ICalendars.reply(meeting(), bob, third);
            ItipMessage reply = ICalendars.parseItip(ics, "alice@example.test");
            VEvent vevent = new CalendarBuilder()
                    .build(new StringReader(ics))
                    .<VEvent>getComponents("VEVENT")
                    .getFirst();
            ItipMessage movedReply =
                    ICalendars.parseItip(ICalendars.reply(meeting(), bob, moved), "alice@example.test");

            assertThat(reply.method()).isEqualTo(ItipMethod.REPLY);
            assertThat(reply.uid()).isEqualTo("standup-1");
            assertThat(reply.sequence()).isEqualTo(2);
            assertThat(reply.organizerAddress()).isEqualTo("alice@example.test");
            assertThat(reply.recurrenceId()).isEqualTo(third);
            assertThat(reply.attendees()).extracting(Attendee::status).containsExactly(ResponseStatus.DECLINED);
            assertThat(vevent.getProperty(Property.RRULE)).isEmpty();
            assertThat(vevent.getProperty(Property.DTSTART).orElseThrow().getValue())
                    .isEqualTo("20260112T090000");
            assertThat(movedReply.recurrenceId()).isEqualTo(moved);
            assertThat(movedReply.event().start())
                    .as("the moved occurrence's own time")
                    .isEqualTo(berlin(1, 27, 14));
        }

        @Test
        void aCounterShouldCarryTheAnswerAndTheProposedTime_Rfc5546_3_2_7() throws Exception {
            Attendee bob = Attendee.required("bob@example.test", "Bob").withStatus(ResponseStatus.TENTATIVE, null);
            Instant start = berlin(1, 6, 15);

            ItipMessage series = ICalendars.parseItip(
                    ICalendars.counter(meeting(), bob, null, start, start.plusSeconds(1800)), "alice@example.test");
            ItipMessage occurrence = ICalendars.parseItip(
                    ICalendars.counter(meeting(), bob, berlin(1, 12, 9), start, start.plusSeconds(1800)),
                    "alice@example.test");

            assertThat(series.method()).isEqualTo(ItipMethod.COUNTER);
            assertThat(series.uid()).isEqualTo("standup-1");
            assertThat(series.organizerAddress()).isEqualTo("alice@example.test");
            assertThat(series.attendees()).extracting(Attendee::status).containsExactly(ResponseStatus.TENTATIVE);
            assertThat(series.event().start()).isEqualTo(start);
            assertThat(series.event().end()).isEqualTo(start.plusSeconds(1800));
            assertThat(series.recurrenceId()).isNull();
            assertThat(occurrence.method()).isEqualTo(ItipMethod.COUNTER);
            assertThat(occurrence.recurrenceId()).isEqualTo(berlin(1, 12, 9));
            assertThat(occurrence.event().start()).isEqualTo(start);
        }

        @Test
        void aCancelShouldNameTheAttendeesTakenOffAndSayCancelled() throws Exception {
            CalendarEvent meeting = meeting();

            ItipMessage cancel = ICalendars.parseItip(
                    ICalendars.cancel(meeting, List.of(meeting.attendees().get(2))), "dave@remote.test");

            assertThat(cancel.method()).isEqualTo(ItipMethod.CANCEL);
            assertThat(cancel.attendees()).extracting(Attendee::address).containsExactly("dave@remote.test");
            assertThat(cancel.event().meetingStatus()).isEqualTo(MeetingStatus.CANCELED_RECEIVED);
        }
    }

    @Nested
    class Malformed {

        @Test
        void textThatIsNotICalendarShouldBeRefusedWithTheLine() {
            assertThatThrownBy(() -> ICalendars.parse("hello\r\nworld\r\n", null))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("not iCalendar")
                    .hasMessageContaining("line");
        }

        @Test
        void aCalendarCutShortShouldBeRefused() {
            String cut = ICalendars.export(List.of(weeklyWithAMovedAndADeletedOccurrence()));

            assertThatThrownBy(() -> ICalendars.parse(cut.substring(0, cut.length() / 2), null))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("not iCalendar");
        }

        @Test
        void anEventWithoutUidShouldBeRefused() {
            assertThatThrownBy(() -> ICalendars.parse(wrap("DTSTART:20260101T100000Z\r\nSUMMARY:x\r\n"), null))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessage("VEVENT without UID");
        }

        @Test
        void anEventWithoutStartShouldBeRefused() {
            assertThatThrownBy(() -> ICalendars.parse(wrap("UID:u-1\r\nSUMMARY:x\r\n"), null))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessage("VEVENT u-1 without DTSTART");
        }

        @Test
        void anHourlyRuleShouldBeRefusedForHavingNoActiveSyncForm() {
            assertThatThrownBy(() -> ICalendars.parse(
                            wrap("UID:u-1\r\nDTSTART:20260101T100000Z\r\nRRULE:FREQ=HOURLY\r\n"), null))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("FREQ=HOURLY");
        }

        @Test
        void aMessageWithoutMethodShouldNotBeTakenForIMip() {
            String plain = ICalendars.export(List.of(weeklyWithAMovedAndADeletedOccurrence()));

            assertThatThrownBy(() -> ICalendars.parseItip(plain, null))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("without METHOD");
        }

        @Test
        void aCalendarOverTheLimitShouldBeRefusedUnread() {
            String huge = "X".repeat(ICalendars.MAX_ICS_CHARS + 1);

            assertThatThrownBy(() -> ICalendars.parse(huge, null))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("longer than");
        }

        static String wrap(String event) {
            return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n" + event
                    + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        }
    }
}
