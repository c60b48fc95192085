package org.atoll.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.collection;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.BusyStatus;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.MeetingStatus;
import org.atoll.calendar.ResponseStatus;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Meeting messages delivered by the mail flow change the recipient's calendar in the same transaction as the
 * delivery (iMIP, RFC 6047; iTIP, RFC 5546 3.2): a REQUEST places a tentative meeting (MS-ASCAL MeetingStatus 3) or
 * updates it, a CANCEL from its organizer cancels it or one occurrence, a REPLY to a meeting the account organizes
 * records the attendee's answer.
 */
@AtollTest
class InvitationsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String ORGANIZER = "ines@scheduler.example.com";
    private static final String UID = "design-review@scheduler.example.com";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Calendars calendars;

    @Autowired
    LmtpServer lmtp;

    AccountView account;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "attendee");
    }

    @Test
    void aRequestShouldPlaceATentativeMeetingThatReachesTheDevicesCalendar_Rfc5546_3_2_2() throws Exception {
        deliver(message("REQUEST", 0, "", "NEEDS-ACTION", "DTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z"));

        CalendarEvent placed = meeting();
        assertThat(placed.subject()).isEqualTo("Design review");
        assertThat(placed.start()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
        assertThat(placed.busyStatus()).isEqualTo(BusyStatus.TENTATIVE);
        assertThat(placed.meetingStatus()).isEqualTo(MeetingStatus.RECEIVED);
        assertThat(placed.organizerAddress()).isEqualTo(ORGANIZER);
        assertThat(mailboxes.messages(
                        account.id(),
                        mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id(),
                        0,
                        Mailboxes.MAX_PAGE))
                .extracting(m -> m.messageClass())
                .containsExactly("IPM.Schedule.Meeting.Request");

        MailClient phone = new MailClient(new EasDevice(port, account.address(), PASSWORD, "Invited").provision());
        long calendar = calendars.defaultFolder(account.id()).id();
        phone.apply(calendar, collection(phone.sync(calendar, "0", c -> {})));
        WbxmlElement data = phone.syncOnce(calendar, c -> {})
                .child("Commands")
                .flatMap(commands -> commands.child("Add"))
                .flatMap(add -> add.child("ApplicationData"))
                .orElseThrow();
        assertThat(data.text(CodePage.CALENDAR, "Subject")).hasValue("Design review");
        assertThat(data.text(CodePage.CALENDAR, "MeetingStatus")).hasValue("3");
        assertThat(data.text(CodePage.CALENDAR, "BusyStatus")).hasValue("1");
    }

    @Test
    void anUpdateShouldMoveTheMeetingAndAnOlderOneShouldChangeNothing() throws Exception {
        deliver(message("REQUEST", 1, "", "NEEDS-ACTION", "DTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z"));
        deliver(message("REQUEST", 2, "", "NEEDS-ACTION", "DTSTART:20270302T140000Z\r\nDTEND:20270302T150000Z"));
        deliver(message("REQUEST", 1, "", "NEEDS-ACTION", "DTSTART:20270305T080000Z\r\nDTEND:20270305T090000Z"));

        assertThat(calendars.count(account.id(), null)).isEqualTo(1);
        assertThat(meeting().start()).isEqualTo(Instant.parse("2027-03-02T14:00:00Z"));
        assertThat(meeting().sequence()).isEqualTo(2);
    }

    @Test
    void aCancelShouldCancelTheMeetingOrOneOccurrence_Rfc5546_3_2_5() throws Exception {
        String weekly = "DTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=5";
        deliver(message("REQUEST", 0, "", "NEEDS-ACTION", weekly));

        deliver(message(
                "CANCEL",
                1,
                "RECURRENCE-ID:20270308T100000Z\r\n",
                "NEEDS-ACTION",
                "DTSTART:20270308T100000Z" + "\r\nDTEND:20270308T110000Z"));
        assertThat(meeting().exceptions())
                .extracting(EventException::originalStart, EventException::deleted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-03-08T10:00:00Z"), true));
        assertThat(meeting().meetingStatus()).isEqualTo(MeetingStatus.RECEIVED);

        deliver(message("CANCEL", 2, "", "NEEDS-ACTION", weekly));
        assertThat(meeting().meetingStatus()).isEqualTo(MeetingStatus.CANCELED_RECEIVED);
        assertThat(meeting().busyStatus()).isEqualTo(BusyStatus.FREE);
    }

    @Test
    void aCancelFromSomeoneElseThanTheOrganizerShouldChangeNothing() throws Exception {
        deliver(message("REQUEST", 0, "", "NEEDS-ACTION", "DTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z"));

        deliver(message("CANCEL", 5, "", "NEEDS-ACTION", "DTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z")
                .replace("ORGANIZER;CN=Ines Ortega:mailto:" + ORGANIZER, "ORGANIZER:mailto:mallory@elsewhere.example"));

        assertThat(meeting().meetingStatus()).isEqualTo(MeetingStatus.RECEIVED);
    }

    @Test
    void aReplyToAMeetingTheAccountOrganizesShouldRecordTheAnswer_Rfc5546_3_2_3() throws Exception {
        Instant start = Instant.parse("2027-04-06T09:00:00Z");
        CalendarEvent organized = CalendarEvent.of(UID, "Design review", start, start.plusSeconds(3600), ZoneOffset.UTC)
                .withMeeting(
                        account.address(),
                        "Attendee",
                        List.of(
                                Attendee.required("ada@example.org", "Ada"),
                                Attendee.required("bo@example.org", "Bo")));
        calendars.create(account.id(), calendars.defaultFolder(account.id()).id(), EventContent.of(organized));

        deliver(message("REPLY", 0, "", "ACCEPTED", "DTSTART:20270406T090000Z\r\nDTEND:20270406T100000Z")
                .replace("ORGANIZER;CN=Ines Ortega:mailto:" + ORGANIZER, "ORGANIZER:mailto:" + account.address())
                .replace("mailto:" + account.address() + "\r\nEND:VEVENT", "mailto:ada@example.org\r\nEND:VEVENT")
                .replace("From: Ines Ortega <" + ORGANIZER + ">", "From: Ada <ada@example.org>"));

        assertThat(meeting().attendees())
                .extracting(Attendee::address, Attendee::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ada@example.org", ResponseStatus.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("bo@example.org", ResponseStatus.NOT_RESPONDED));
        assertThat(meeting().attendees().getFirst().respondedAt()).isNotNull();
    }

    @Test
    void aReplyFromSomeoneElseThanTheAttendeeItNamesShouldChangeNothing() throws Exception {
        Instant start = Instant.parse("2027-04-06T09:00:00Z");
        CalendarEvent organized = CalendarEvent.of(UID, "Design review", start, start.plusSeconds(3600), ZoneOffset.UTC)
                .withMeeting(account.address(), "Attendee", List.of(Attendee.required("ada@example.org", "Ada")));
        calendars.create(account.id(), calendars.defaultFolder(account.id()).id(), EventContent.of(organized));

        deliver(message("REPLY", 0, "", "DECLINED", "DTSTART:20270406T090000Z\r\nDTEND:20270406T100000Z")
                .replace("ORGANIZER;CN=Ines Ortega:mailto:" + ORGANIZER, "ORGANIZER:mailto:" + account.address())
                .replace("mailto:" + account.address() + "\r\nEND:VEVENT", "mailto:ada@example.org\r\nEND:VEVENT"));

        assertThat(meeting().attendees())
                .extracting(Attendee::status)
                .as("a message from " + ORGANIZER + " does not answer for ada@example.org")
                .containsExactly(ResponseStatus.NOT_RESPONDED);
    }

    private CalendarEvent meeting() {
        return calendars.byUid(account.id(), UID).map(EventView::event).orElseThrow();
    }

    /** An iMIP message as a calendar program sends one; the last ATTENDEE line names this account. */
    private String message(String method, int sequence, String recurrenceId, String partstat, String times) {
        String ics = "BEGIN:VCALENDAR\r\nPRODID:-//Example Corp//Scheduler 3.1//EN\r\nVERSION:2.0\r\nMETHOD:" + method
                + "\r\nBEGIN:VEVENT\r\nUID:" + UID + "\r\n" + recurrenceId + "SEQUENCE:" + sequence
                + "\r\nDTSTAMP:20261201T090000Z\r\n" + times + "\r\nSUMMARY:Design review\r\n"
                + "ORGANIZER;CN=Ines Ortega:mailto:" + ORGANIZER + "\r\n"
                + "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=" + partstat + ";RSVP=TRUE:mailto:" + account.address()
                + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        return "From: Ines Ortega <" + ORGANIZER + ">\r\nTo: " + account.address() + "\r\nSubject: " + method
                + " Design review\r\nMessage-ID: <" + method + sequence + java.util.UUID.randomUUID()
                + "@scheduler.example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/calendar; charset=UTF-8; method=" + method + "\r\n\r\n" + ics;
    }

    private void deliver(String message) throws Exception {
        assertThat(LmtpClient.deliverOne(lmtp.port(), ORGANIZER, account.address(), message))
                .startsWith("250");
    }
}
