package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.collection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Invitations that arrive by mail (iMIP, RFC 6047) reach devices as meeting messages: MessageClass
 * IPM.Schedule.Meeting.Request or .Canceled with a MeetingRequest element a device shows and answers (MS-ASEMAIL
 * 2.2.2.48, 2.2.2.49), an attendee's answer as IPM.Schedule.Meeting.Resp.*, and anything else as IPM.Note.
 */
@AtollTest
class MeetingInvitationsTest {

    private static final String PASSWORD = "correct horse battery";

    static final String INVITATION = """
            BEGIN:VCALENDAR\r
            PRODID:-//Example Corp//Scheduler 3.1//EN\r
            VERSION:2.0\r
            METHOD:%s\r
            BEGIN:VEVENT\r
            UID:quarterly-planning-2027@scheduler.example.com\r
            SEQUENCE:%d\r
            DTSTAMP:20261201T090000Z\r
            DTSTART:20270112T150000Z\r
            DTEND:20270112T163000Z\r
            SUMMARY:Quarterly planning\r
            LOCATION:Harbour room\r
            ORGANIZER;CN=Ines Ortega:mailto:ines@scheduler.example.com\r
            ATTENDEE;CN=Flow;ROLE=REQ-PARTICIPANT;PARTSTAT=%s;RSVP=TRUE:mailto:%s\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    LmtpServer lmtp;

    AccountView account;
    long inbox;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "invited");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
    }

    @Test
    void anInvitationDeliveredByLmtpShouldReachTheDeviceAsAMeetingRequest_MsAsemail_2_2_2_48() throws Exception {
        deliver(invitation("REQUEST", 0, "NEEDS-ACTION", "Invitation: Quarterly planning"));

        WbxmlElement data = onlyAdd(device("Invited", "14.1"));

        assertThat(data.text(CodePage.EMAIL, "Subject")).hasValue("Invitation: Quarterly planning");
        assertThat(data.text(CodePage.EMAIL, "MessageClass")).hasValue("IPM.Schedule.Meeting.Request");
        assertThat(data.text(CodePage.EMAIL, "ContentClass")).hasValue("urn:content-classes:calendarmessage");
        WbxmlElement request = data.child(CodePage.EMAIL, "MeetingRequest").orElseThrow();
        assertThat(request.text(CodePage.EMAIL, "StartTime")).hasValue("2027-01-12T15:00:00.000Z");
        assertThat(request.text(CodePage.EMAIL, "EndTime")).hasValue("2027-01-12T16:30:00.000Z");
        assertThat(request.text(CodePage.EMAIL, "Location")).hasValue("Harbour room");
        assertThat(request.text(CodePage.EMAIL, "Organizer")).hasValue("\"Ines Ortega\" <ines@scheduler.example.com>");
        assertThat(request.text(CodePage.EMAIL, "InstanceType")).hasValue("0");
        assertThat(request.text(CodePage.EMAIL2, "MeetingMessageType")).hasValue("1");
        byte[] id = Base64.getDecoder()
                .decode(request.text(CodePage.EMAIL, "GlobalObjId").orElseThrow());
        assertThat(new String(id, StandardCharsets.UTF_8)).contains("quarterly-planning-2027@scheduler.example.com");
        assertThat(data.child(CodePage.AIRSYNCBASE, "Body").flatMap(b -> b.text("Data")))
                .hasValueSatisfying(body -> assertThat(body).contains("You are invited"));
    }

    @Test
    void aCancellationShouldReachTheDeviceAsCanceledAndAnAnswerAsAResponse() throws Exception {
        deliver(invitation("CANCEL", 1, "NEEDS-ACTION", "Canceled: Quarterly planning"));
        deliver(invitation("REPLY", 0, "DECLINED", "Declined: Quarterly planning"));

        List<WbxmlElement> adds = adds(device("Organizer", "14.1"));

        assertThat(adds)
                .extracting(a -> a.text(CodePage.EMAIL, "MessageClass").orElseThrow())
                .containsExactlyInAnyOrder("IPM.Schedule.Meeting.Canceled", "IPM.Schedule.Meeting.Resp.Neg");
        for (WbxmlElement data : adds) {
            boolean canceled =
                    data.text(CodePage.EMAIL, "MessageClass").orElseThrow().endsWith("Canceled");
            assertThat(data.child(CodePage.EMAIL, "MeetingRequest").isPresent())
                    .as("a MeetingRequest element only with the cancellation")
                    .isEqualTo(canceled);
        }
    }

    @Test
    void aDevice121ShouldGetTheRequestWithoutTheElementsOfLaterVersions() throws Exception {
        deliver(invitation("REQUEST", 0, "NEEDS-ACTION", "Invitation: Quarterly planning"));

        WbxmlElement request = onlyAdd(device("Older", "12.1"))
                .child(CodePage.EMAIL, "MeetingRequest")
                .orElseThrow();

        assertThat(request.child(CodePage.EMAIL2, "MeetingMessageType")).isEmpty();
        assertThat(request.child(CodePage.EMAIL, "DisallowNewTimeProposal")).isEmpty();
        assertThat(request.text(CodePage.EMAIL, "Location")).hasValue("Harbour room");
    }

    @Test
    void aDevice161ShouldGetTheLocationOfItsVersion_MsAsemail_2_2_2_48_MsAsairs_2_2_2_27() throws Exception {
        deliver(invitation("REQUEST", 0, "NEEDS-ACTION", "Invitation: Quarterly planning"));
        MailClient phone = device("Modern", "16.1");
        WbxmlElement first = collection(phone.sync(inbox, "0", c -> {}));
        phone.apply(inbox, first);
        String serverId = collection(phone.sync(inbox, first.text("SyncKey").orElseThrow(), c -> {}))
                .child("Commands")
                .orElseThrow()
                .children()
                .getFirst()
                .text("ServerId")
                .orElseThrow();

        WbxmlElement fetched = phone.device()
                .send(
                        "ItemOperations",
                        WbxmlElement.of(CodePage.ITEM_OPERATIONS, "ItemOperations")
                                .add(WbxmlElement.of(CodePage.ITEM_OPERATIONS, "Fetch")
                                        .add("Store", "Mailbox")
                                        .add(CodePage.AIRSYNC, "CollectionId", Long.toString(inbox))
                                        .add(CodePage.AIRSYNC, "ServerId", serverId)));

        WbxmlElement request = fetched.child("Response")
                .flatMap(r -> r.child("Fetch"))
                .flatMap(f -> f.child("Properties"))
                .flatMap(p -> p.child(CodePage.EMAIL, "MeetingRequest"))
                .orElseThrow();
        assertThat(request.child(CodePage.EMAIL, "Location"))
                .as("Email Location is not sent from 16.0")
                .isEmpty();
        assertThat(request.child(CodePage.AIRSYNCBASE, "Location")
                        .flatMap(l -> l.text(CodePage.AIRSYNCBASE, "DisplayName")))
                .hasValue("Harbour room");
    }

    @Test
    void anOrdinaryMessageAndABrokenInvitationShouldStayIpmNote() throws Exception {
        mailboxes.deliver(account.id(), inbox, Mime.message("Just mail"), null);
        deliver(invitation("REQUEST", 0, "NEEDS-ACTION", "Broken invitation")
                .replace("BEGIN:VEVENT\r\n", "BEGIN:VEVENT\r\nDTSTART:not a date\r\n")
                .replace("UID:quarterly", "X-UID:quarterly"));

        assertThat(adds(device("Plain", "14.1"))).hasSize(2).allSatisfy(data -> {
            assertThat(data.text(CodePage.EMAIL, "MessageClass")).hasValue("IPM.Note");
            assertThat(data.child(CodePage.EMAIL, "MeetingRequest")).isEmpty();
        });
    }

    @Test
    void theInvitationFixtureShouldBeICalendarAnIndependentParserReads() throws Exception {
        new CalendarBuilder()
                .build(new java.io.StringReader(
                        INVITATION.formatted("REQUEST", 0, "NEEDS-ACTION", "flow@example.org")));
    }

    /** A message as calendar programs send one: plain text and the calendar part as alternatives, and an .ics file. */
    private String invitation(String method, int sequence, String partstat, String subject) {
        String ics = INVITATION.formatted(method, sequence, partstat, account.address());
        return """
                From: Ines Ortega <ines@scheduler.example.com>\r
                To: %s\r
                Subject: %s\r
                Date: Tue, 01 Dec 2026 09:00:00 +0000\r
                Message-ID: <%s-%s@scheduler.example.com>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="outer"\r
                \r
                --outer\r
                Content-Type: multipart/alternative; boundary="inner"\r
                \r
                --inner\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                You are invited to Quarterly planning on 12 January 2027.\r
                --inner\r
                Content-Type: text/calendar; charset=UTF-8; method=%s\r
                \r
                %s\r
                --inner--\r
                --outer\r
                Content-Type: application/ics; name="invite.ics"\r
                Content-Disposition: attachment; filename="invite.ics"\r
                Content-Transfer-Encoding: base64\r
                \r
                %s\r
                --outer--\r
                """.formatted(
                        account.address(),
                        subject,
                        method.toLowerCase(),
                        sequence,
                        method,
                        ics,
                        Base64.getMimeEncoder().encodeToString(ics.getBytes(StandardCharsets.UTF_8)));
    }

    private void deliver(String message) throws Exception {
        assertThat(LmtpClient.deliverOne(lmtp.port(), "ines@scheduler.example.com", account.address(), message))
                .startsWith("250");
    }

    private MailClient device(String id, String version) throws Exception {
        return new MailClient(new EasDevice(port, account.address(), PASSWORD, id, version).provision());
    }

    private WbxmlElement onlyAdd(MailClient phone) throws Exception {
        List<WbxmlElement> adds = adds(phone);
        assertThat(adds).hasSize(1);
        return adds.getFirst();
    }

    /** The ApplicationData of every message in the Inbox, as the device's first Sync with a plain-text body gets them. */
    private List<WbxmlElement> adds(MailClient phone) throws Exception {
        WbxmlElement first = collection(phone.sync(inbox, "0", c -> {}));
        phone.apply(inbox, first);
        WbxmlElement collection = phone.syncOnce(
                inbox,
                c -> c.add(WbxmlElement.of(CodePage.AIRSYNC, "Options")
                        .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "BodyPreference")
                                .add("Type", "1"))));
        return collection.child("Commands").stream()
                .flatMap(commands -> commands.children().stream())
                .filter(command -> command.name().equals("Add"))
                .map(add -> add.child("ApplicationData").orElseThrow())
                .toList();
    }
}
