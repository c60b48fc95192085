package org.atoll.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;

class MeetingMessagesTest {

    static final String REQUEST = """
            BEGIN:VCALENDAR\r
            PRODID:-//Example Corp//Scheduler 3.1//EN\r
            VERSION:2.0\r
            METHOD:REQUEST\r
            BEGIN:VTIMEZONE\r
            TZID:Europe/Berlin\r
            BEGIN:STANDARD\r
            DTSTART:19701025T030000\r
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
            TZOFFSETFROM:+0200\r
            TZOFFSETTO:+0100\r
            END:STANDARD\r
            BEGIN:DAYLIGHT\r
            DTSTART:19700329T020000\r
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
            TZOFFSETFROM:+0100\r
            TZOFFSETTO:+0200\r
            END:DAYLIGHT\r
            END:VTIMEZONE\r
            BEGIN:VEVENT\r
            UID:budget-review-7731@scheduler.example.com\r
            SEQUENCE:0\r
            DTSTAMP:20261201T090000Z\r
            DTSTART;TZID=Europe/Berlin:20261208T100000\r
            DTEND;TZID=Europe/Berlin:20261208T110000\r
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10\r
            SUMMARY:Budget review\r
            LOCATION:Room 4.12\r
            ORGANIZER;CN=Ines Ortega:mailto:ines@scheduler.example.com\r
            ATTENDEE;CN=Ada;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ada@example.org\r
            BEGIN:VALARM\r
            ACTION:DISPLAY\r
            DESCRIPTION:Reminder\r
            TRIGGER:-PT15M\r
            END:VALARM\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    static String withMethod(String method, String partstat) {
        return REQUEST.replace("METHOD:REQUEST", "METHOD:" + method)
                .replace("PARTSTAT=NEEDS-ACTION", "PARTSTAT=" + partstat);
    }

    @Test
    void messageClassShouldFollowTheItipMethodAndTheAnswer_MsAsemail_2_2_2_49() {
        assertThat(MeetingMessages.messageClass(REQUEST)).isEqualTo("IPM.Schedule.Meeting.Request");
        assertThat(MeetingMessages.messageClass(withMethod("CANCEL", "NEEDS-ACTION")))
                .isEqualTo("IPM.Schedule.Meeting.Canceled");
        assertThat(MeetingMessages.messageClass(withMethod("REPLY", "ACCEPTED")))
                .isEqualTo("IPM.Schedule.Meeting.Resp.Pos");
        assertThat(MeetingMessages.messageClass(withMethod("REPLY", "TENTATIVE")))
                .isEqualTo("IPM.Schedule.Meeting.Resp.Tent");
        assertThat(MeetingMessages.messageClass(withMethod("REPLY", "DECLINED")))
                .isEqualTo("IPM.Schedule.Meeting.Resp.Neg");
    }

    @Test
    void somethingThatIsNoInvitationShouldStayAnOrdinaryMessage() {
        assertThat(MeetingMessages.messageClass(null)).isEqualTo("IPM.Note");
        assertThat(MeetingMessages.messageClass(withMethod("PUBLISH", "NEEDS-ACTION")))
                .isEqualTo("IPM.Note");
        assertThat(MeetingMessages.messageClass(REQUEST.replace("METHOD:REQUEST\r\n", "")))
                .isEqualTo("IPM.Note");
        assertThat(MeetingMessages.messageClass("BEGIN:VCALENDAR\r\nthis is not iCalendar"))
                .isEqualTo("IPM.Note");
        assertThat(MeetingMessages.describesMeeting("IPM.Schedule.Meeting.Resp.Pos"))
                .isFalse();
        assertThat(MeetingMessages.describesMeeting("IPM.Note")).isFalse();
    }

    @Test
    void meetingRequestShouldDescribeTheInvitation_MsAsemail_2_2_2_48() throws Exception {
        Instant received = Instant.parse("2026-12-01T09:00:05Z");
        WbxmlElement element = MeetingMessages.meetingRequest(REQUEST, CalendarProtocol.EAS_14_1, received)
                .orElseThrow();

        assertThat(element.name()).isEqualTo("MeetingRequest");
        assertThat(element.text(CodePage.EMAIL, "AllDayEvent")).hasValue("0");
        assertThat(element.text(CodePage.EMAIL, "StartTime")).hasValue("2026-12-08T09:00:00.000Z");
        assertThat(element.text(CodePage.EMAIL, "EndTime")).hasValue("2026-12-08T10:00:00.000Z");
        assertThat(element.text(CodePage.EMAIL, "DtStamp")).hasValue("2026-12-01T09:00:05.000Z");
        assertThat(element.text(CodePage.EMAIL, "InstanceType")).hasValue("1");
        assertThat(element.text(CodePage.EMAIL, "Location")).hasValue("Room 4.12");
        assertThat(element.text(CodePage.EMAIL, "Organizer")).hasValue("\"Ines Ortega\" <ines@scheduler.example.com>");
        assertThat(element.text(CodePage.EMAIL, "Reminder")).hasValue("900");
        assertThat(element.text(CodePage.EMAIL, "ResponseRequested")).hasValue("1");
        WbxmlElement recurrence = element.child(CodePage.EMAIL, "Recurrences")
                .flatMap(r -> r.child(CodePage.EMAIL, "Recurrence"))
                .orElseThrow();
        assertThat(recurrence.text(CodePage.EMAIL, "Type")).hasValue("1");
        assertThat(recurrence.text(CodePage.EMAIL, "Occurrences")).hasValue("10");
        assertThat(recurrence.text(CodePage.EMAIL, "DayOfWeek")).hasValue("4");
        assertThat(element.text(CodePage.EMAIL, "BusyStatus")).hasValue("2");
        assertThat(TimeZoneBlob.decode(element.text(CodePage.EMAIL, "TimeZone").orElseThrow()))
                .isEqualTo(EasTimeZones.blobOf(java.time.ZoneId.of("Europe/Berlin")));
        assertThat(element.text(CodePage.EMAIL, "DisallowNewTimeProposal")).hasValue("0");
        assertThat(element.text(CodePage.EMAIL2, "MeetingMessageType")).hasValue("1");
        byte[] id = Base64.getDecoder()
                .decode(element.text(CodePage.EMAIL, "GlobalObjId").orElseThrow());
        assertThat(new String(id, 40, id.length - 40, StandardCharsets.UTF_8))
                .isEqualTo("vCal-Uid\u0001\u0000\u0000\u0000budget-review-7731@scheduler.example.com\u0000");
    }

    @Test
    void meetingRequestShouldFollowTheProtocolVersion() {
        Instant received = Instant.parse("2026-12-01T09:00:05Z");
        WbxmlElement v121 = MeetingMessages.meetingRequest(REQUEST, CalendarProtocol.EAS_12_1, received)
                .orElseThrow();
        WbxmlElement v161 = MeetingMessages.meetingRequest(REQUEST, CalendarProtocol.EAS_16_1, received)
                .orElseThrow();

        assertThat(v121.child(CodePage.EMAIL, "DisallowNewTimeProposal")).isEmpty();
        assertThat(v121.child(CodePage.EMAIL2, "MeetingMessageType")).isEmpty();
        assertThat(v161.child(CodePage.EMAIL, "Location")).isEmpty();
        assertThat(v161.child(CodePage.AIRSYNCBASE, "Location").flatMap(l -> l.text("DisplayName")))
                .hasValue("Room 4.12");
    }

    @Test
    void aCancellationShouldShowTheTimeAsFreeAndAnUpdateAsAFullUpdate() {
        Instant received = Instant.parse("2026-12-01T09:00:05Z");
        WbxmlElement cancel = MeetingMessages.meetingRequest(
                        withMethod("CANCEL", "NEEDS-ACTION").replace("SEQUENCE:0", "SEQUENCE:1"),
                        CalendarProtocol.EAS_14_1,
                        received)
                .orElseThrow();

        assertThat(cancel.text(CodePage.EMAIL, "BusyStatus")).hasValue("0");
        assertThat(cancel.text(CodePage.EMAIL2, "MeetingMessageType")).hasValue("2");
        assertThat(MeetingMessages.meetingRequest(withMethod("REPLY", "ACCEPTED"), CalendarProtocol.EAS_14_1, received))
                .isEmpty();
    }

    @Test
    void globalObjectIdShouldWrapAForeignUidAndKeepAnOutlookOne_MsOxocal_2_2_1_27() {
        byte[] wrapped = MeetingMessages.globalObjectId("abc");
        assertThat(HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(wrapped, 16)))
                .isEqualTo("040000008200E00074C5B7101A82E008");
        assertThat(Arrays.copyOfRange(wrapped, 16, 36)).containsOnly(0);
        int size =
                ByteBuffer.wrap(wrapped, 36, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(size).isEqualTo(12 + 3 + 1).isEqualTo(wrapped.length - 40);

        String outlook = "040000008200E00074C5B7101A82E00800000000305F7D3B0B6FDC01000000000000000010000000"
                + "0E2A52A0B8BCB64AB6A4C0E8E1A6A4E2";
        assertThat(HexFormat.of().withUpperCase().formatHex(MeetingMessages.globalObjectId(outlook)))
                .isEqualTo(outlook);
    }
}
