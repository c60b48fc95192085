package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.atoll.account.AccountUpdate;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EasTimeZones;
import org.atoll.calendar.MeetingStatus;
import org.atoll.calendar.ResponseStatus;
import org.atoll.mail.Deliveries;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.shared.Actor;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.Smarthost;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Invitations sent for meetings a device organizes (iTIP, RFC 5546; iMIP, RFC 6047), over real HTTP and WBXML: at
 * protocol 16.x the server sends a REQUEST to each attendee of a meeting the device adds, a REQUEST with a higher
 * SEQUENCE and CANCELs after a change, CANCELs after a delete; attendees with an account here get it in their Inbox
 * and calendar at once, the others through the smarthost (GreenMail). Below 16.0 the device sends its invitations
 * itself with SendMail (MS-ASCAL 3.1.4.5), so the server sends nothing.
 */
@AtollTest
class MeetingInvitationsOutTest {

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage C = CodePage.CALENDAR;
    private static final CodePage E = CodePage.EMAIL;
    private static final CodePage M = CodePage.MEETING_RESPONSE;

    static final Smarthost smtp = Smarthost.started();

    @DynamicPropertySource
    static void smarthost(DynamicPropertyRegistry registry) {
        smtp.register(registry, "target/test-data-invitations-out");
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Calendars calendars;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Deliveries deliveries;

    AccountView ana;
    AccountView ben;
    AccountView cleo;
    String remote;

    @BeforeEach
    void accounts() {
        ana = TestAccounts.open(accounts, "organizer");
        ben = TestAccounts.open(accounts, "ben");
        cleo = TestAccounts.open(accounts, "cleo");
        remote = "rita-" + UUID.randomUUID() + "@elsewhere.example.net";
    }

    // ---- the must-show session

    @Test
    void aWeeklyMeetingMadeOnADeviceShouldInviteEveryoneAndCollectTheAnswers_Rfc5546_3_2_2_MsAscmd_2_2_1_11()
            throws Exception {
        // Step 1: the organizer's and both local attendees' 16.1 devices prime their Calendar and Inbox.
        Phone organizer = new Phone(ana, "OrganizerPhone", "16.1");
        Phone benPhone = new Phone(ben, "BenPhone", "16.1");
        Phone cleoPhone = new Phone(cleo, "CleoPhone", "16.1");

        // Step 2: the organizer adds a weekly meeting with Ben, Cleo and someone outside (MS-ASCMD 2.2.3.7.2).
        WbxmlElement added = organizer.calendar(c -> c.add(commands(WbxmlElement.of(A, "Add")
                .add("ClientId", "weekly-1")
                .add(meeting("Design review", true, ben.address(), cleo.address(), remote)))));
        assertThat(response(added, "Add").text("Status")).hasValue("1");
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        CalendarEvent stored = event(ana, serverId);
        assertThat(stored.organizerAddress()).isEqualTo(ana.address());
        assertThat(stored.meetingStatus()).isEqualTo(MeetingStatus.MEETING);
        assertThat(stored.attendees())
                .as("every attendee starts without an answer")
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(ResponseStatus.NOT_RESPONDED));

        // Step 3: Ben's and Cleo's devices find the request in the Inbox (MS-ASEMAIL 2.2.2.48, 2.2.2.49) and a
        // tentative meeting in the Calendar (MS-ASCAL BusyStatus 1, MeetingStatus 3).
        String benRequest = receivesRequest(benPhone, "Design review");
        String cleoRequest = receivesRequest(cleoPhone, "Design review");

        // Step 4: Ben accepts and Cleo declines, both telling the organizer (MS-ASCMD 2.2.1.11, SendResponse).
        assertThat(respond(benPhone, "1", benRequest).text("Status")).hasValue("1");
        assertThat(respond(cleoPhone, "3", cleoRequest).text("Status")).hasValue("1");
        Waiting.until("both answers are recorded on the organizer's meeting", () -> {
            Map<String, ResponseStatus> answers = answers(event(ana, serverId));
            return answers.get(ben.address()) == ResponseStatus.ACCEPTED
                    && answers.get(cleo.address()) == ResponseStatus.DECLINED;
        });

        // Step 5: the organizer's next Calendar Sync shows Ben accepted (3) and Cleo declined (4) (MS-ASCAL 2.2.2.5).
        WbxmlElement change = only(commandsOf(organizer.calendar(c -> {})));
        assertThat(change.name()).isEqualTo("Change");
        assertThat(change.text("ServerId")).hasValue(serverId);
        Map<String, String> statuses = change
                .child("ApplicationData")
                .orElseThrow()
                .child(C, "Attendees")
                .orElseThrow()
                .children(C, "Attendee")
                .stream()
                .collect(Collectors.toMap(
                        a -> a.text(C, "Email").orElseThrow(),
                        a -> a.text(C, "AttendeeStatus").orElseThrow()));
        assertThat(statuses)
                .containsEntry(ben.address(), "3")
                .containsEntry(cleo.address(), "4")
                .containsEntry(remote, "5");

        // Step 6: the attendee outside got a valid iMIP REQUEST through the smarthost (RFC 6047 2.4), with the
        // weekly rule and the organizer, which ical4j reads.
        MimeMessage message = fromSmarthost(remote, 1).getFirst();
        assertThat(message.getFrom()[0].toString()).contains(ana.address());
        BodyPart part = calendarPart(message);
        ContentType type = new ContentType(part.getContentType());
        assertThat(type.getBaseType()).isEqualToIgnoringCase("text/calendar");
        assertThat(type.getParameter("method")).isEqualTo("REQUEST");
        Calendar calendar = new CalendarBuilder().build(new StringReader(text(part)));
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("REQUEST");
        VEvent vevent = (VEvent) calendar.getComponent(Component.VEVENT).orElseThrow();
        assertThat(vevent.getProperty(Property.RRULE).orElseThrow().getValue())
                .contains("FREQ=WEEKLY")
                .contains("BYDAY=MO")
                .contains("COUNT=10");
        assertThat(vevent.getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualToIgnoringCase("mailto:" + ana.address());
        assertThat(vevent.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(stored.uid());
    }

    // ---- changes and deletes

    @Test
    void removingAnAttendeeShouldCancelForThemAndUpdateTheOthersWithAHigherSequence_Rfc5546_3_2_5() throws Exception {
        Phone organizer = new Phone(ana, "OrganizerPhone", "16.1");
        String serverId = add(organizer, "Budget", ben.address(), cleo.address(), remote);
        String uid = event(ana, serverId).uid();

        WbxmlElement changed = organizer.calendar(c -> c.add(commands(WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(meeting("Budget", true, ben.address(), remote)))));

        assertThat(collection(changed).child("Responses")).isEmpty();
        assertThat(event(ana, serverId).sequence()).isEqualTo(1);
        assertThat(calendars.byUid(cleo.id(), uid).orElseThrow().event().meetingStatus())
                .as("the attendee taken off finds the meeting cancelled")
                .isEqualTo(MeetingStatus.CANCELED_RECEIVED);
        assertThat(inboxClasses(cleo))
                .containsExactlyInAnyOrder("IPM.Schedule.Meeting.Request", "IPM.Schedule.Meeting.Canceled");
        assertThat(inboxClasses(ben)).containsExactly("IPM.Schedule.Meeting.Request", "IPM.Schedule.Meeting.Request");
        EventView benMeeting = calendars.byUid(ben.id(), uid).orElseThrow();
        assertThat(benMeeting.event().sequence()).isEqualTo(1);
        assertThat(benMeeting.event().meetingStatus()).isEqualTo(MeetingStatus.RECEIVED);
        List<MimeMessage> outside = fromSmarthost(remote, 2);
        assertThat(outside)
                .extracting(m -> text(calendarPart(m)))
                .anySatisfy(ics -> assertThat(ics).contains("METHOD:REQUEST").contains("SEQUENCE:1"))
                .noneSatisfy(ics -> assertThat(ics).contains("METHOD:CANCEL"));
    }

    @Test
    void deletingTheMeetingShouldCancelItForEveryAttendee_Rfc5546_3_2_5() throws Exception {
        Phone organizer = new Phone(ana, "OrganizerPhone", "16.1");
        String serverId = add(organizer, "Offsite", ben.address(), remote);
        String uid = event(ana, serverId).uid();

        organizer.calendar(c -> c.add(commands(WbxmlElement.of(A, "Delete").add("ServerId", serverId))));

        assertThat(calendars.count(ana.id(), null)).isZero();
        EventView benMeeting = calendars.byUid(ben.id(), uid).orElseThrow();
        assertThat(benMeeting.event().meetingStatus()).isEqualTo(MeetingStatus.CANCELED_RECEIVED);
        assertThat(inboxClasses(ben))
                .containsExactlyInAnyOrder("IPM.Schedule.Meeting.Request", "IPM.Schedule.Meeting.Canceled");
        assertThat(fromSmarthost(remote, 2))
                .extracting(m -> new ContentType(calendarPart(m).getContentType()).getParameter("method"))
                .containsExactlyInAnyOrder("REQUEST", "CANCEL");
    }

    @Test
    void anAttendeeWithAFullMailboxShouldNotRefuseTheOrganizersMeetingButBeReportedUndelivered() throws Exception {
        accounts.update(ben.id(), new AccountUpdate(ben.displayName(), ben.role(), true, true, 1L), Actor.SYSTEM);
        Phone organizer = new Phone(ana, "OrganizerPhone", "16.1");

        String serverId = add(organizer, "Standup", ben.address(), cleo.address());

        assertThat(event(ana, serverId).attendees()).hasSize(2);
        assertThat(inboxClasses(cleo)).containsExactly("IPM.Schedule.Meeting.Request");
        assertThat(inboxClasses(ben)).isEmpty();
        deliveries.runDue();
        Waiting.until(
                "the organizer learns the request did not reach the full mailbox",
                () -> inboxClasses(ana).size() == 1);
    }

    // ---- what sends nothing

    @Test
    void aMeetingAddedAt141ShouldSendNothingForTheDeviceSendsItsOwnRequest_MsAscal_3_1_4_5() throws Exception {
        Phone organizer = new Phone(ana, "OlderPhone", "14.1");

        String serverId = add(organizer, "Old school", ben.address(), remote);

        assertThat(event(ana, serverId).organizerAddress()).isNull();
        assertThat(inboxClasses(ben)).isEmpty();
        assertThat(calendars.count(ben.id(), null)).isZero();
        assertNothingLeftFor(remote);
    }

    @Test
    void aMeetingNamingAnotherOrganizerShouldBeStoredAsSentAndSendNothing() throws Exception {
        Phone organizer = new Phone(ana, "OrganizerPhone", "16.1");
        WbxmlElement data = meeting("Not mine", false, ben.address(), remote)
                .add(C, "OrganizerEmail", cleo.address())
                .add(C, "OrganizerName", "Cleo");

        WbxmlElement added = organizer.calendar(c -> c.add(
                commands(WbxmlElement.of(A, "Add").add("ClientId", "foreign").add(data))));

        CalendarEvent stored =
                event(ana, response(added, "Add").text("ServerId").orElseThrow());
        assertThat(stored.organizerAddress()).isEqualTo(cleo.address());
        assertThat(inboxClasses(ben)).isEmpty();
        assertThat(inboxClasses(cleo)).isEmpty();
        assertNothingLeftFor(remote);
    }

    @Test
    void aResentSyncShouldSendNothingTwice_MsAscmd_3_1_5_9() throws Exception {
        Phone organizer = new Phone(ana, "OrganizerPhone", "16.1");
        String key = organizer.key;
        WbxmlElement add = commands(WbxmlElement.of(A, "Add")
                .add("ClientId", "once")
                .add(meeting("Once only", false, ben.address(), remote)));
        WbxmlElement first = organizer.calendar(c -> c.add(add));
        String serverId = response(first, "Add").text("ServerId").orElseThrow();
        organizer.key = key;
        WbxmlElement again = organizer.calendar(c -> c.add(add));
        assertThat(response(again, "Add").text("ServerId")).hasValue(serverId);

        String changeKey = organizer.key;
        WbxmlElement change = commands(WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(meeting("Once only, moved", false, ben.address(), remote)));
        organizer.calendar(c -> c.add(change));
        organizer.key = changeKey;
        organizer.calendar(c -> c.add(change));

        assertThat(inboxClasses(ben))
                .as("one request for the Add and one for the Change")
                .containsExactly("IPM.Schedule.Meeting.Request", "IPM.Schedule.Meeting.Request");
        assertThat(event(ana, serverId).sequence()).isEqualTo(1);
        assertThat(fromSmarthost(remote, 2)).hasSize(2);
    }

    // ---- the steps

    /** A device of an account at a protocol version, with its Calendar and Inbox primed. */
    private final class Phone {

        final EasDevice device;
        final long calendarFolder;
        final long inbox;
        String key;
        String inboxKey;

        Phone(AccountView account, String deviceId, String version) throws Exception {
            device = new EasDevice(port, account.address(), PASSWORD, deviceId, version).provision();
            calendarFolder = calendars.defaultFolder(account.id()).id();
            inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
            key = keyOf(sync(calendarFolder, "0", c -> {}));
            inboxKey = keyOf(sync(inbox, "0", c -> {}));
        }

        WbxmlElement calendar(Consumer<WbxmlElement> extra) throws Exception {
            WbxmlElement response = sync(calendarFolder, key, extra);
            key = keyOf(response);
            return response;
        }

        WbxmlElement inbox() throws Exception {
            WbxmlElement response = sync(
                    inbox,
                    inboxKey,
                    c -> c.add(WbxmlElement.of(A, "Options")
                            .add(WbxmlElement.of(BASE, "BodyPreference").add("Type", "1"))));
            inboxKey = keyOf(response);
            return response;
        }

        private WbxmlElement sync(long folderId, String syncKey, Consumer<WbxmlElement> extra) throws Exception {
            WbxmlElement collection = WbxmlElement.of(A, "Collection")
                    .add("SyncKey", syncKey)
                    .add("CollectionId", Long.toString(folderId));
            extra.accept(collection);
            WbxmlElement response = device.send(
                    "Sync",
                    WbxmlElement.of(A, "Sync")
                            .add(WbxmlElement.of(A, "Collections").add(collection)));
            assertThat(collection(response).text("Status"))
                    .as("collection status")
                    .hasValue("1");
            return response;
        }
    }

    private String add(Phone organizer, String subject, String... attendees) throws Exception {
        WbxmlElement added = organizer.calendar(c -> c.add(commands(WbxmlElement.of(A, "Add")
                .add("ClientId", UUID.randomUUID().toString().substring(0, 8))
                .add(meeting(subject, false, attendees)))));
        assertThat(response(added, "Add").text("Status")).hasValue("1");
        return response(added, "Add").text("ServerId").orElseThrow();
    }

    /** A meeting as a 16.1 device writes it: no UID, no organizer, MeetingStatus 1, the attendees by address. */
    private static WbxmlElement meeting(String subject, boolean weekly, String... attendees) {
        WbxmlElement list = WbxmlElement.of(C, "Attendees");
        for (String address : attendees) {
            list.add(WbxmlElement.of(C, "Attendee")
                    .add("Email", address)
                    .add("Name", address.substring(0, address.indexOf('@')))
                    .add("AttendeeType", "1"));
        }
        WbxmlElement data = WbxmlElement.of(A, "ApplicationData")
                .add(
                        C,
                        "Timezone",
                        EasTimeZones.blobOf(java.time.ZoneId.of("Europe/Berlin"))
                                .encode())
                .add(C, "AllDayEvent", "0")
                .add(WbxmlElement.of(BASE, "Body").add("Type", "1").add("Data", "Agenda in the wiki"))
                .add(C, "BusyStatus", "2")
                .add(C, "StartTime", subject.endsWith("moved") ? "20270111T090000Z" : "20270111T080000Z")
                .add(C, "EndTime", subject.endsWith("moved") ? "20270111T100000Z" : "20270111T090000Z")
                .add(C, "Subject", subject)
                .add(C, "MeetingStatus", "1")
                .add(list);
        if (weekly) {
            data.add(WbxmlElement.of(C, "Recurrence")
                    .add("Type", "1")
                    .add("Occurrences", "10")
                    .add("Interval", "1")
                    .add("DayOfWeek", "2"));
        }
        return data;
    }

    /**
     * The attendee's device finds one meeting request in the Inbox and the tentative meeting in the Calendar;
     * returns the request's ServerId.
     */
    private String receivesRequest(Phone phone, String subject) throws Exception {
        WbxmlElement request = only(commandsOf(phone.inbox()));
        WbxmlElement mail = request.child("ApplicationData").orElseThrow();
        assertThat(mail.text(E, "MessageClass")).hasValue("IPM.Schedule.Meeting.Request");
        assertThat(mail.text(E, "Subject")).hasValue(subject);
        WbxmlElement meetingRequest = mail.child(E, "MeetingRequest").orElseThrow();
        assertThat(meetingRequest.text(E, "StartTime")).hasValue("2027-01-11T08:00:00.000Z");
        assertThat(meetingRequest.child(E, "Recurrences")).isPresent();
        WbxmlElement meeting = only(commandsOf(phone.calendar(c -> {})))
                .child("ApplicationData")
                .orElseThrow();
        assertThat(meeting.text(C, "Subject")).hasValue(subject);
        assertThat(meeting.text(C, "BusyStatus")).as("tentative").hasValue("1");
        assertThat(meeting.text(C, "MeetingStatus")).as("received").hasValue("3");
        return request.text("ServerId").orElseThrow();
    }

    private static WbxmlElement respond(Phone phone, String answer, String requestId) throws Exception {
        WbxmlElement request = WbxmlElement.of(M, "Request")
                .add("UserResponse", answer)
                .add("CollectionId", Long.toString(phone.inbox))
                .add("RequestId", requestId)
                .add(WbxmlElement.of(M, "SendResponse")
                        .add(WbxmlElement.of(BASE, "Body").add("Type", "1").add("Data", "See you")));
        return phone.device
                .send("MeetingResponse", WbxmlElement.of(M, "MeetingResponse").add(request))
                .child("Result")
                .orElseThrow();
    }

    private CalendarEvent event(AccountView account, String serverId) {
        long id = Long.parseLong(serverId.substring(serverId.indexOf(':') + 1));
        return calendars.event(account.id(), id).event();
    }

    private static Map<String, ResponseStatus> answers(CalendarEvent event) {
        return event.attendees().stream().collect(Collectors.toMap(a -> a.address(), a -> a.status()));
    }

    private List<String> inboxClasses(AccountView account) {
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        List<MessageView> messages = new ArrayList<>(mailboxes.messages(account.id(), inbox, 0, Mailboxes.MAX_PAGE));
        return messages.stream().map(MessageView::messageClass).toList();
    }

    /**
     * Works off the outbound queue (its worker is off in tests) until the smarthost has {@code count} messages for
     * the address, and returns them.
     */
    private List<MimeMessage> fromSmarthost(String address, int count) throws InterruptedException {
        deliveries.runDue();
        Waiting.until(
                count + " messages for " + address + " at the smarthost",
                () -> deliveries.runDue() >= 0 && addressedTo(address).size() >= count);
        return addressedTo(address);
    }

    /** The messages the smarthost received that name the address among their recipients. */
    private static List<MimeMessage> addressedTo(String address) {
        return smtp.received().stream()
                .filter(message -> {
                    try {
                        return message.getAllRecipients() != null
                                && java.util.Arrays.stream(message.getAllRecipients())
                                        .anyMatch(r -> ((InternetAddress) r)
                                                .getAddress()
                                                .equalsIgnoreCase(address));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** The organizer queued nothing for the smarthost, and nothing reached it for the address. */
    private void assertNothingLeftFor(String address) {
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_message WHERE account_id = ?")
                        .param(ana.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(addressedTo(address)).isEmpty();
        assertThat(calendars.count(ana.id(), null)).isEqualTo(1);
    }

    private static BodyPart calendarPart(MimeMessage message) {
        try {
            Multipart parts = (Multipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/calendar")) {
                    return parts.getBodyPart(i);
                }
            }
            throw new AssertionError("no text/calendar part");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String text(BodyPart part) {
        try {
            Object content = part.getContent();
            return content instanceof String s
                    ? s
                    : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static WbxmlElement only(List<WbxmlElement> elements) {
        assertThat(elements).hasSize(1);
        return elements.getFirst();
    }

    private static WbxmlElement collection(WbxmlElement response) {
        assertThat(response.text("Status")).as("Sync status").isEmpty();
        return response.child("Collections").orElseThrow().child("Collection").orElseThrow();
    }

    private static String keyOf(WbxmlElement response) {
        return collection(response).text("SyncKey").orElseThrow();
    }

    private static List<WbxmlElement> commandsOf(WbxmlElement response) {
        return collection(response)
                .child("Commands")
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    private static WbxmlElement response(WbxmlElement response, String name) {
        return collection(response).child("Responses").map(WbxmlElement::children).orElse(List.of()).stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static WbxmlElement commands(WbxmlElement... commands) {
        WbxmlElement list = WbxmlElement.of(A, "Commands");
        for (WbxmlElement command : commands) {
            list.add(command);
        }
        return list;
    }
}
