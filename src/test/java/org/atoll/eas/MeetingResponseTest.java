package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.collection;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.calendar.Attendee;
import org.atoll.calendar.BusyStatus;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;
import org.atoll.calendar.Recurrence;
import org.atoll.calendar.ResponseStatus;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * MeetingResponse (MS-ASCMD 2.2.1.11) over HTTP with real WBXML: an invitation delivered by LMTP is answered from the
 * device; the meeting in the calendar takes the answer, the request leaves the Inbox, and at 16.x with SendResponse
 * the organizer, here an account of this server, gets the iMIP REPLY and its meeting records the answer.
 */
@AtollTest
class MeetingResponseTest {

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage M = CodePage.MEETING_RESPONSE;
    private static final String UID = "roadmap@atoll.test";

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

    AccountView attendee;
    AccountView organizer;
    long inbox;

    @BeforeEach
    void accounts() {
        attendee = TestAccounts.open(accounts, "answering");
        organizer = TestAccounts.open(accounts, "organizing");
        inbox = mailboxes.systemFolder(attendee.id(), SystemFolder.INBOX).id();
    }

    @Test
    void acceptingShouldMakeTheMeetingBusyAndTakeTheRequestOutOfTheInbox_MsAscmd_2_2_1_11() throws Exception {
        MessageView request = invite();
        EasDevice phone = device("Accepting", "14.1");

        WbxmlElement result = respond(phone, "1", inbox + ":" + request.id(), null);

        assertThat(result.text("Status")).hasValue("1");
        EventView meeting = calendars.byUid(attendee.id(), UID).orElseThrow();
        assertThat(result.text("CalendarId")).hasValue(meeting.folderId() + ":" + meeting.id());
        assertThat(meeting.event().busyStatus()).isEqualTo(BusyStatus.BUSY);
        assertThat(meeting.event().attendees())
                .filteredOn(a -> a.address().equals(attendee.address()))
                .extracting(Attendee::status)
                .containsExactly(ResponseStatus.ACCEPTED);
        assertThat(mailboxes.messages(attendee.id(), List.of(request.id())))
                .extracting(MessageView::folderId)
                .containsExactly(mailboxes
                        .systemFolder(attendee.id(), SystemFolder.DELETED_ITEMS)
                        .id());
        assertThat(firstInInbox(organizer))
                .as("below 16.0 the device answers the organizer itself")
                .isEmpty();
    }

    @Test
    void decliningShouldRemoveTheMeetingAndAnswerWithoutCalendarId() throws Exception {
        MessageView request = invite();

        WbxmlElement result = respond(device("Declining", "14.1"), "3", inbox + ":" + request.id(), null);

        assertThat(result.text("Status")).hasValue("1");
        assertThat(result.text("CalendarId")).isEmpty();
        assertThat(calendars.byUid(attendee.id(), UID)).isEmpty();
    }

    @Test
    void at16WithSendResponseTheOrganizersMeetingShouldRecordTheAnswer_MsAscmd_2_2_3_157() throws Exception {
        MessageView request = invite();

        WbxmlElement result = respond(device("Modern", "16.1"), "2", inbox + ":" + request.id(), "Might be late");

        assertThat(result.text("Status")).hasValue("1");
        Waiting.until(
                "the organizer's meeting records the tentative answer",
                () -> calendars.byUid(organizer.id(), UID).orElseThrow().event().attendees().stream()
                        .anyMatch(
                                a -> a.address().equals(attendee.address()) && a.status() == ResponseStatus.TENTATIVE));
        MessageView reply = mailboxes
                .messages(
                        organizer.id(),
                        mailboxes
                                .systemFolder(organizer.id(), SystemFolder.INBOX)
                                .id(),
                        0,
                        Mailboxes.MAX_PAGE)
                .getFirst();
        assertThat(reply.messageClass()).isEqualTo("IPM.Schedule.Meeting.Resp.Tent");
        assertThat(reply.subject()).isEqualTo("Tentative: Roadmap");
        assertThat(new String(mailboxes.rawMime(organizer.id(), reply.id()), StandardCharsets.UTF_8))
                .contains("Might be late")
                .contains("METHOD:REPLY");
    }

    @Test
    void
            answeringOneOccurrenceShouldReplyWithItsRecurrenceIdAndLeaveTheSeriesAnswerAlone_MsAscmd_2_2_1_11_Rfc5546_3_2_3()
                    throws Exception {
        MessageView request =
                invite(Recurrence.weekly(1, Set.of(DayOfWeek.TUESDAY)).withOccurrences(5));
        Instant second = Instant.parse("2027-02-16T13:00:00Z");
        EasDevice phone = device("Occurrence", "16.1");
        WbxmlElement answer = WbxmlElement.of(M, "Request")
                .add("UserResponse", "3")
                .add("CollectionId", Long.toString(inbox))
                .add("RequestId", inbox + ":" + request.id())
                .add("InstanceId", "2027-02-16T13:00:00.000Z")
                .add(WbxmlElement.of(M, "SendResponse")
                        .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")
                                .add("Type", "1")
                                .add("Data", "Away that week")));

        WbxmlElement result = phone.send(
                        "MeetingResponse", WbxmlElement.of(M, "MeetingResponse").add(answer))
                .child("Result")
                .orElseThrow();

        assertThat(result.text("Status")).hasValue("1");
        Waiting.until(
                "the organizer's meeting records the answer on the occurrence",
                () -> !calendars
                        .byUid(organizer.id(), UID)
                        .orElseThrow()
                        .event()
                        .exceptions()
                        .isEmpty());
        CalendarEvent organized =
                calendars.byUid(organizer.id(), UID).orElseThrow().event();
        assertThat(organized.attendees())
                .as("the series keeps the answer given to the series: none")
                .extracting(Attendee::status)
                .containsExactly(ResponseStatus.NOT_RESPONDED);
        assertThat(organized.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.originalStart()).isEqualTo(second);
            assertThat(e.deleted()).isFalse();
            assertThat(e.start())
                    .as("the occurrence still takes place for the others")
                    .isNull();
            assertThat(e.attendees()).extracting(Attendee::status).containsExactly(ResponseStatus.DECLINED);
        });
        MessageView reply = firstInInbox(organizer).orElseThrow();
        assertThat(new String(mailboxes.rawMime(organizer.id(), reply.id()), StandardCharsets.UTF_8))
                .contains("METHOD:REPLY")
                .contains("RECURRENCE-ID:20270216T130000Z")
                .doesNotContain("RRULE");
        assertThat(calendars.byUid(attendee.id(), UID).orElseThrow().event().exceptions())
                .as("the attendee's own calendar loses that occurrence")
                .containsExactly(EventException.deleted(second));
    }

    @Test
    void aProposedNewTimeShouldReachTheOrganizerAsACounter_MsAscmd_2_2_3_141_2_2_3_140_Rfc5546_3_2_7()
            throws Exception {
        MessageView request = invite();
        EasDevice phone = device("Proposing", "16.1");
        WbxmlElement answer = WbxmlElement.of(M, "Request")
                .add("UserResponse", "2")
                .add("CollectionId", Long.toString(inbox))
                .add("RequestId", inbox + ":" + request.id())
                .add(WbxmlElement.of(M, "SendResponse")
                        .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")
                                .add("Type", "1")
                                .add("Data", "Could we meet later?"))
                        .add("ProposedStartTime", "20270209T150000Z")
                        .add("ProposedEndTime", "20270209T153000Z"));

        WbxmlElement result = phone.send(
                        "MeetingResponse", WbxmlElement.of(M, "MeetingResponse").add(answer))
                .child("Result")
                .orElseThrow();

        assertThat(result.text("Status")).hasValue("1");
        Waiting.until(
                "the organizer gets the proposal", () -> firstInInbox(organizer).isPresent());
        MessageView proposal = firstInInbox(organizer).orElseThrow();
        assertThat(proposal.subject()).isEqualTo("New Time Proposed: Roadmap");
        assertThat(proposal.messageClass()).isEqualTo("IPM.Schedule.Meeting.Resp.Tent");
        String ics = org.atoll.mime.MimeBodies.calendar(mailboxes.rawMime(organizer.id(), proposal.id()))
                .orElseThrow();
        org.atoll.calendar.ItipMessage counter = org.atoll.calendar.ICalendars.parseItip(ics, organizer.address());
        assertThat(counter.method()).isEqualTo(org.atoll.calendar.ItipMethod.COUNTER);
        assertThat(counter.event().start()).isEqualTo(Instant.parse("2027-02-09T15:00:00Z"));
        assertThat(counter.event().end()).isEqualTo(Instant.parse("2027-02-09T15:30:00Z"));
        CalendarEvent organized =
                calendars.byUid(organizer.id(), UID).orElseThrow().event();
        assertThat(organized.start())
                .as("the organizer's meeting keeps its time until the organizer moves it")
                .isEqualTo(Instant.parse("2027-02-09T13:00:00Z"));
        assertThat(organized.attendees()).extracting(Attendee::status).containsExactly(ResponseStatus.TENTATIVE);
    }

    @Test
    void aProposedEndWithoutAStartShouldGetStatus2_MsAscmd_2_2_3_141() throws Exception {
        MessageView request = invite();
        WbxmlElement answer = WbxmlElement.of(M, "Request")
                .add("UserResponse", "2")
                .add("CollectionId", Long.toString(inbox))
                .add("RequestId", inbox + ":" + request.id())
                .add(WbxmlElement.of(M, "SendResponse").add("ProposedEndTime", "20270209T153000Z"));

        WbxmlElement response = device("HalfProposal", "16.1")
                .send("MeetingResponse", WbxmlElement.of(M, "MeetingResponse").add(answer));

        assertThat(response.child("Result").flatMap(r -> r.text("Status"))).hasValue("2");
        assertThat(mailboxes.messages(attendee.id(), List.of(request.id())))
                .extracting(MessageView::folderId)
                .containsExactly(inbox);
    }

    @Test
    void anOrdinaryMessageOrAnUnknownIdShouldGetStatus2AndChangeNothing() throws Exception {
        MessageView plain = mailboxes.deliver(attendee.id(), inbox, Mime.message("Not an invitation"), null);
        EasDevice phone = device("Confused", "14.1");

        assertThat(respond(phone, "1", inbox + ":" + plain.id(), null).text("Status"))
                .hasValue("2");
        assertThat(respond(phone, "1", inbox + ":999999999", null).text("Status"))
                .hasValue("2");
        assertThat(respond(phone, "1", "not-an-id", null).text("Status")).hasValue("2");
        assertThat(mailboxes.messages(attendee.id(), List.of(plain.id())))
                .extracting(MessageView::folderId)
                .containsExactly(inbox);
        assertThat(calendars.count(attendee.id(), null)).isZero();
    }

    @Test
    void aMalformedRequestShouldGetStatus2() throws Exception {
        EasDevice phone = device("Malformed", "14.1");
        WbxmlElement answer = phone.send(
                "MeetingResponse",
                WbxmlElement.of(M, "MeetingResponse")
                        .add(WbxmlElement.of(M, "Request")
                                .add("UserResponse", "7")
                                .add("CollectionId", Long.toString(inbox))
                                .add("RequestId", inbox + ":1")));

        assertThat(answer.child("Result").flatMap(r -> r.text("Status"))).hasValue("2");
    }

    /** The organizer's meeting, and the invitation to it delivered by LMTP into the attendee's Inbox. */
    private MessageView invite() throws Exception {
        return invite(null);
    }

    /** As {@link #invite()}, for a meeting that recurs by {@code recurrence} when it is not null. */
    private MessageView invite(Recurrence recurrence) throws Exception {
        Instant start = Instant.parse("2027-02-09T13:00:00Z");
        CalendarEvent meeting = CalendarEvent.of(UID, "Roadmap", start, start.plusSeconds(3600), ZoneOffset.UTC)
                .withRecurrence(recurrence, List.of())
                .withMeeting(
                        organizer.address(),
                        organizer.displayName(),
                        List.of(Attendee.required(attendee.address(), attendee.displayName())));
        calendars.create(organizer.id(), calendars.defaultFolder(organizer.id()).id(), EventContent.of(meeting));
        String ics = org.atoll.calendar.ICalendars.request(meeting);
        String message = "From: " + organizer.address() + "\r\nTo: " + attendee.address()
                + "\r\nSubject: Invitation: Roadmap\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@atoll.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST"
                + "\r\n\r\n" + ics;
        assertThat(LmtpClient.deliverOne(lmtp.port(), organizer.address(), attendee.address(), message))
                .startsWith("250");
        return mailboxes.messages(attendee.id(), inbox, 0, Mailboxes.MAX_PAGE).stream()
                .filter(m -> m.messageClass().equals("IPM.Schedule.Meeting.Request"))
                .findFirst()
                .orElseThrow();
    }

    private EasDevice device(String id, String version) throws Exception {
        EasDevice device = new EasDevice(port, attendee.address(), PASSWORD, id, version).provision();
        MailClient client = new MailClient(device);
        client.apply(inbox, collection(client.sync(inbox, "0", c -> {})));
        return device;
    }

    private WbxmlElement respond(EasDevice device, String answer, String requestId, String note) throws Exception {
        WbxmlElement request = WbxmlElement.of(M, "Request")
                .add("UserResponse", answer)
                .add("CollectionId", Long.toString(inbox))
                .add("RequestId", requestId);
        if (note != null) {
            request.add(WbxmlElement.of(M, "SendResponse")
                    .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")
                            .add("Type", "1")
                            .add("Data", note)));
        }
        WbxmlElement response = device.send(
                "MeetingResponse", WbxmlElement.of(M, "MeetingResponse").add(request));
        return response.child("Result").orElseThrow();
    }

    private Optional<MessageView> firstInInbox(AccountView account) {
        return mailboxes
                .messages(
                        account.id(),
                        mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id(),
                        0,
                        10)
                .stream()
                .findFirst();
    }
}
