package org.atoll.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calendar ApplicationData (MS-ASCAL 2.2.2) in and out, against an independent codec's bytes. */
class EasCalendarItemsTest {

    static final CodePage CAL = CodePage.CALENDAR;
    static final CodePage BASE = CodePage.AIRSYNCBASE;
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Instant ny(int month, int day, int hour) {
        return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, NEW_YORK).toInstant();
    }

    /** A weekly meeting with everything a device can see: attendees, a moved and a deleted occurrence. */
    static CalendarEvent meeting() {
        CalendarEvent base = CalendarEvent.of("uid-7", "Planning", ny(3, 2, 10), ny(3, 2, 11), NEW_YORK)
                .withLocation("Room 4")
                .withBody("Agenda:\nbudget")
                .withMeeting(
                        "alice@example.test",
                        "Alice",
                        List.of(
                                Attendee.required("bob@example.test", "Bob"),
                                new Attendee(
                                        "room@example.test",
                                        "Room 4",
                                        AttendeeType.RESOURCE,
                                        ResponseStatus.ACCEPTED,
                                        null)))
                .withRecurrence(
                        new Recurrence(
                                RecurrenceType.WEEKLY,
                                1,
                                8,
                                null,
                                DayOfWeek.MONDAY,
                                Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                                null,
                                null,
                                null),
                        List.of(
                                EventException.deleted(ny(3, 4, 10)),
                                new EventException(
                                        ny(3, 9, 10),
                                        false,
                                        "Planning (moved)",
                                        null,
                                        null,
                                        ny(3, 10, 15),
                                        ny(3, 10, 16),
                                        null,
                                        BusyStatus.TENTATIVE,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)));
        return new CalendarEvent(
                base.uid(),
                base.subject(),
                base.location(),
                base.body(),
                base.start(),
                base.end(),
                base.zone(),
                false,
                BusyStatus.BUSY,
                Sensitivity.PRIVATE,
                15,
                base.organizerAddress(),
                base.organizerName(),
                List.of("Work", "Budget"),
                true,
                MeetingStatus.MEETING,
                0,
                "https://meet.example.test/planning",
                base.attendees(),
                base.recurrence(),
                base.exceptions());
    }

    @Nested
    class IndependentVector {

        @Test
        void theLibwbxmlCalendarAddShouldReadAsAWeekdayStandup() throws Exception {
            CalendarEvent event = EasCalendarItems.read(vectorApplicationData());

            assertThat(event.subject()).isEqualTo("Standup");
            assertThat(event.start()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
            assertThat(event.end()).isEqualTo(Instant.parse("2026-11-30T09:15:00Z"));
            assertThat(event.location()).isEqualTo("Room 4");
            assertThat(event.busyStatus()).isEqualTo(BusyStatus.BUSY);
            assertThat(event.recurrence().type()).isEqualTo(RecurrenceType.WEEKLY);
            assertThat(event.recurrence().interval()).isEqualTo(1);
            assertThat(event.recurrence().daysOfWeek())
                    .containsExactlyInAnyOrder(
                            DayOfWeek.MONDAY,
                            DayOfWeek.TUESDAY,
                            DayOfWeek.WEDNESDAY,
                            DayOfWeek.THURSDAY,
                            DayOfWeek.FRIDAY);
        }

        @Test
        void writingItBackShouldGiveTheVectorsElementsElementForElement() throws Exception {
            WbxmlElement vector = vectorApplicationData();

            WbxmlElement written = EasCalendarItems.write(EasCalendarItems.read(vector), CalendarProtocol.EAS_14_1);

            for (WbxmlElement element : vector.children()) {
                assertThat(written.child(element.page(), element.name()))
                        .as(element.qualifiedName())
                        .contains(element);
            }
        }
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @EnumSource(
                value = CalendarProtocol.class,
                names = {"EAS_14_1", "EAS_14_0"})
        void aMeetingShouldReadBackAsItWasWritten(CalendarProtocol protocol) throws Exception {
            CalendarEvent meeting = protocol == CalendarProtocol.EAS_14_1 ? meeting() : withoutOnlineMeeting();

            assertThat(EasCalendarItems.read(throughWbxml(EasCalendarItems.write(meeting, protocol))))
                    .isEqualTo(meeting);
        }

        @Test
        void at16TheUidShouldStayOnTheServerAndExceptionsGoByInstanceId() throws Exception {
            WbxmlElement written = EasCalendarItems.write(meeting(), CalendarProtocol.EAS_16_1);

            assertThat(written.child(CAL, "UID")).isEmpty();
            assertThat(written.child(CAL, "Location")).isEmpty();
            assertThat(written.child(BASE, "Location").flatMap(l -> l.text(BASE, "DisplayName")))
                    .contains("Room 4");
            List<WbxmlElement> exceptions =
                    written.child(CAL, "Exceptions").orElseThrow().children(CAL, "Exception");
            assertThat(exceptions)
                    .allSatisfy(
                            e -> assertThat(e.child(CAL, "ExceptionStartTime")).isEmpty());
            assertThat(exceptions.get(0).text(BASE, "InstanceId")).contains("2026-03-04T15:00:00.000Z");
            CalendarEvent back = EasCalendarItems.read(throughWbxml(written));
            assertThat(back).isEqualTo(withUid(meeting(), back.uid()));
        }

        @Test
        void at12Point1TheItemShouldCarryNeitherNativeBodyTypeNorFirstDayOfWeekNorAnOnlineMeeting() {
            WbxmlElement written = EasCalendarItems.write(meeting(), CalendarProtocol.EAS_12_1);

            assertThat(written.child(BASE, "NativeBodyType")).isEmpty();
            assertThat(written.child(CAL, "OnlineMeetingExternalLink")).isEmpty();
            assertThat(written.child(CAL, "Recurrence").orElseThrow().child(CAL, "FirstDayOfWeek"))
                    .isEmpty();
            assertThat(written.text(CAL, "UID")).contains("uid-7");
        }

        @Test
        void theTimeZoneShouldBeTheEventsZonesBlob() {
            WbxmlElement written = EasCalendarItems.write(meeting(), CalendarProtocol.EAS_14_1);

            assertThat(written.text(CAL, "Timezone"))
                    .contains(EasTimeZones.blobOf(NEW_YORK).encode());
            assertThat(written.text(CAL, "StartTime")).contains("20260302T150000Z");
            assertThat(written.child(CAL, "Recurrence").orElseThrow().text(CAL, "DayOfWeek"))
                    .contains("10");
        }

        @Test
        void anExchangeTimeZoneShouldPlaceTheEventInItsZone() throws Exception {
            WbxmlElement data = WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData")
                    .add(CAL, "Timezone", EasTimeZonesTest.EXCHANGE_PACIFIC)
                    .add(CAL, "StartTime", "20261201T170000Z")
                    .add(CAL, "Subject", "Lunch");

            CalendarEvent event = EasCalendarItems.read(data);

            assertThat(event.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
            assertThat(event.end()).isEqualTo(event.start());
        }

        static CalendarEvent withoutOnlineMeeting() {
            CalendarEvent m = meeting();
            return new CalendarEvent(
                    m.uid(),
                    m.subject(),
                    m.location(),
                    m.body(),
                    m.start(),
                    m.end(),
                    m.zone(),
                    m.allDay(),
                    m.busyStatus(),
                    m.sensitivity(),
                    m.reminderMinutes(),
                    m.organizerAddress(),
                    m.organizerName(),
                    m.categories(),
                    m.responseRequested(),
                    m.meetingStatus(),
                    m.sequence(),
                    null,
                    m.attendees(),
                    new Recurrence(
                            m.recurrence().type(),
                            m.recurrence().interval(),
                            m.recurrence().occurrences(),
                            null,
                            null,
                            m.recurrence().daysOfWeek(),
                            null,
                            null,
                            null),
                    m.exceptions());
        }

        static CalendarEvent withUid(CalendarEvent m, String uid) {
            return new CalendarEvent(
                    uid,
                    m.subject(),
                    m.location(),
                    m.body(),
                    m.start(),
                    m.end(),
                    m.zone(),
                    m.allDay(),
                    m.busyStatus(),
                    m.sensitivity(),
                    m.reminderMinutes(),
                    m.organizerAddress(),
                    m.organizerName(),
                    m.categories(),
                    m.responseRequested(),
                    m.meetingStatus(),
                    m.sequence(),
                    m.onlineMeetingLink(),
                    m.attendees(),
                    m.recurrence(),
                    m.exceptions());
        }
    }

    @Nested
    class Malformed {

        static WbxmlElement item(String... childNamesAndTexts) {
            WbxmlElement data = WbxmlElement.of(CodePage.AIRSYNC, "ApplicationData");
            for (int i = 0; i < childNamesAndTexts.length; i += 2) {
                data.add(CAL, childNamesAndTexts[i], childNamesAndTexts[i + 1]);
            }
            return data;
        }

        @Test
        void anItemWithoutStartTimeShouldBeRefused() {
            assertThatThrownBy(() -> EasCalendarItems.read(item("Subject", "x")))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessage("Calendar:StartTime missing");
        }

        @Test
        void aStartTimeThatIsNoDateShouldBeRefused() {
            assertThatThrownBy(() -> EasCalendarItems.read(item("StartTime", "tomorrow")))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("Calendar:StartTime");
        }

        @Test
        void anEndBeforeTheStartShouldBeRefused() {
            assertThatThrownBy(() ->
                            EasCalendarItems.read(item("StartTime", "20261201T170000Z", "EndTime", "20261201T160000Z")))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("EndTime before");
        }

        @Test
        void anUnknownBusyStatusShouldBeRefused() {
            assertThatThrownBy(() -> EasCalendarItems.read(item("StartTime", "20261201T170000Z", "BusyStatus", "9")))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessage("Calendar:BusyStatus: unknown value 9");
        }

        @Test
        void aTimeZoneThatIsNotABlobShouldBeRefused() {
            assertThatThrownBy(() -> EasCalendarItems.read(item("Timezone", "AAAA", "StartTime", "20261201T170000Z")))
                    .isInstanceOf(MalformedTimeZone.class);
        }

        @Test
        void exceptionsWithoutARecurrenceShouldBeRefused() {
            WbxmlElement data = item("StartTime", "20261201T170000Z");
            data.add(WbxmlElement.of(CAL, "Exceptions")
                    .add(WbxmlElement.of(CAL, "Exception")
                            .add("Deleted", "1")
                            .add("ExceptionStartTime", "20261208T170000Z")));

            assertThatThrownBy(() -> EasCalendarItems.read(data))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("without Calendar:Recurrence");
        }

        @Test
        void aMonthlyNthRuleWithoutItsWeekShouldBeRefused() {
            WbxmlElement data = item("StartTime", "20261201T170000Z");
            data.add(WbxmlElement.of(CAL, "Recurrence").add("Type", "3").add("DayOfWeek", "4"));

            assertThatThrownBy(() -> EasCalendarItems.read(data))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("WeekOfMonth");
        }

        @Test
        void aDayOfWeekMaskBeyondSaturdayShouldBeRefused() {
            WbxmlElement data = item("StartTime", "20261201T170000Z");
            data.add(WbxmlElement.of(CAL, "Recurrence").add("Type", "1").add("DayOfWeek", "200"));

            assertThatThrownBy(() -> EasCalendarItems.read(data))
                    .isInstanceOf(MalformedCalendarItem.class)
                    .hasMessageContaining("DayOfWeek out of range");
        }
    }

    static WbxmlElement throughWbxml(WbxmlElement applicationData) throws Exception {
        return new WbxmlDecoder().decode(new WbxmlEncoder().encode(applicationData));
    }

    static WbxmlElement vectorApplicationData() throws Exception {
        byte[] bytes;
        try (InputStream in = EasCalendarItemsTest.class.getResourceAsStream("/wbxml-vectors/calendar-add.wbxml")) {
            if (in == null) {
                throw new IOException("vector missing");
            }
            bytes = in.readAllBytes();
        }
        return new WbxmlDecoder()
                .decode(bytes)
                .child("Collections")
                .flatMap(c -> c.child("Collection"))
                .flatMap(c -> c.child("Commands"))
                .flatMap(c -> c.child("Add"))
                .flatMap(a -> a.child("ApplicationData"))
                .orElseThrow();
    }
}
