package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RecurrenceId;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EasCalendarItems;
import org.atoll.calendar.EasTimeZones;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.MeetingStatus;
import org.atoll.calendar.Occurrence;
import org.atoll.calendar.Recurrence;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Calendars through the API: the calendars, events by date range with create, read, replace and delete, `.ics`
 * export and import event by event, and free/busy; and the must-show: a series a device made, exported as `.ics`
 * and expanded by ical4j, has the device's occurrences.
 */
@AtollTest
class CalendarsApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage C = CodePage.CALENDAR;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Calendars calendars;

    @Autowired
    Mailboxes mailboxes;

    AccountView owner;
    ApiClient client;
    long calendar;
    String base;

    @BeforeEach
    void account() {
        owner = TestAccounts.open(accounts, "calendarowner");
        client = ApiClient.basic(port, owner.address(), PASSWORD);
        calendar = calendars.defaultFolder(owner.id()).id();
        base = "/api/v1/accounts/" + owner.id() + "/calendars/" + calendar + "/events";
    }

    @Test
    void aSeriesSyncedFromADeviceShouldExportAsIcsWithTheDevicesOccurrences_Rfc5545_MsAscal_2_2_2_20()
            throws Exception {
        // Step 1: a device adds the weekly series with the second occurrence moved and the third deleted.
        EasDevice phone = new EasDevice(port, owner.address(), PASSWORD, "CalendarApiPhone").provision();
        phone.folderSync("0");
        String key = syncKey(phone.send("Sync", sync("0", null)));
        WbxmlElement added = phone.send(
                "Sync",
                sync(
                        key,
                        WbxmlElement.of(A, "Commands")
                                .add(WbxmlElement.of(A, "Add")
                                        .add("ClientId", "1")
                                        .add(seriesData()))));
        assertThat(added.child("Collections")
                        .orElseThrow()
                        .child("Collection")
                        .orElseThrow()
                        .child("Responses")
                        .orElseThrow()
                        .child("Add")
                        .orElseThrow()
                        .text("Status"))
                .hasValue("1");
        List<Instant> onPhone = ICalendars.occurrences(EasCalendarItems.read(seriesData()), FROM, TO).stream()
                .map(Occurrence::start)
                .toList();
        assertThat(onPhone).isEqualTo(expectedStarts());

        // Step 2: the calendar exported as .ics, read and expanded by ical4j itself, has the same occurrences.
        Reply export = client.get(base + ".ics");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/calendar");
        assertThat(ical4jStarts(export.text())).isEqualTo(onPhone);

        // Step 3: the JSON view lists the series once, with its two exceptions.
        JsonNode listed = client.get(base + "?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z")
                .json()
                .get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(listed.get(0).get("recurrence").get("daysOfWeek").get(0).asString())
                .isEqualTo("MONDAY");
        assertThat(listed.get(0).get("exceptions")).hasSize(2);
    }

    @Test
    void eventsShouldBeCreatedReadListedByRangeReplacedAndDeleted() {
        JsonNode calendarsListed = client.get("/api/v1/accounts/" + owner.id() + "/calendars")
                .json()
                .get("items");
        assertThat(calendarsListed).hasSize(1);
        assertThat(calendarsListed.get(0).get("type").asString()).isEqualTo("CALENDAR");
        assertThat(calendarsListed.get(0).get("isDefault").asBoolean()).isTrue();

        Map<String, Object> write = new LinkedHashMap<>();
        write.put("subject", "Dentist");
        write.put("start", "2026-12-10T14:00:00Z");
        write.put("end", "2026-12-10T15:00:00Z");
        write.put("timeZone", "Europe/Berlin");
        write.put("busyStatus", "OUT_OF_OFFICE");
        write.put("attendees", List.of(Map.of("address", "dr@example.org", "name", "Dr. Molar")));
        Reply created = client.post(base, write);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("meetingStatus").asString()).isEqualTo("MEETING");
        assertThat(created.json().get("uid").asString()).isNotBlank();
        assertThat(client.get(base + "/" + id).json().get("subject").asString()).isEqualTo("Dentist");

        Map<String, Object> monthly = new LinkedHashMap<>();
        monthly.put("subject", "Board meeting");
        monthly.put("start", "2026-12-08T09:00:00Z");
        monthly.put("end", "2026-12-08T10:00:00Z");
        monthly.put("timeZone", "Europe/Berlin");
        monthly.put(
                "recurrence",
                Map.of("type", "MONTHLY_NTH", "weekOfMonth", 2, "daysOfWeek", List.of("TUESDAY"), "occurrences", 12));
        long board = client.post(base, monthly).json().get("id").asLong();

        assertThat(subjects(client.get(base + "?from=2026-12-10T00:00:00Z&to=2026-12-11T00:00:00Z")))
                .containsExactly("Dentist");
        assertThat(subjects(client.get(base + "?from=2027-01-12T00:00:00Z&to=2027-01-13T00:00:00Z")))
                .containsExactly("Board meeting");
        assertThat(subjects(client.get(base + "?from=2027-01-13T00:00:00Z&to=2027-02-09T00:00:00Z")))
                .isEmpty();
        assertThat(subjects(client.get(base))).containsExactly("Board meeting", "Dentist");

        write.put("subject", "Dentist, moved");
        write.put("start", "2026-12-11T14:00:00Z");
        write.put("end", "2026-12-11T15:00:00Z");
        Reply replaced = client.put(base + "/" + id, write);
        assertThat(replaced.json().get("subject").asString()).isEqualTo("Dentist, moved");
        assertThat(replaced.json().get("uid").asString())
                .isEqualTo(created.json().get("uid").asString());

        assertThat(client.delete(base + "/" + board).status()).isEqualTo(204);
        assertThat(client.get(base + "/" + board).status()).isEqualTo(404);
        assertThat(subjects(client.get(base))).containsExactly("Dentist, moved");

        Map<String, Object> backwards = new LinkedHashMap<>(write);
        backwards.put("end", "2026-12-11T13:00:00Z");
        assertThat(client.post(base, backwards).status()).isEqualTo(400);
        Map<String, Object> nowhere = new LinkedHashMap<>(write);
        nowhere.put("timeZone", "Mars/Olympus");
        assertThat(client.post(base, nowhere).status()).isEqualTo(400);
        assertThat(client.get(base + "?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
        assertThat(calendars.count(owner.id(), null)).isEqualTo(1);
    }

    @Test
    void aMeetingWrittenThroughTheApiShouldInviteUpdateAndCancelALocalAttendee_Rfc5546_3_2() {
        AccountView guest = TestAccounts.open(accounts, "calendarguest");
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("subject", "Retro");
        write.put("start", "2027-02-04T14:00:00Z");
        write.put("end", "2027-02-04T15:00:00Z");
        write.put("timeZone", "Europe/Berlin");
        write.put("attendees", List.of(Map.of("address", guest.address(), "name", "Guest")));

        Reply created = client.post(base, write);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String uid = created.json().get("uid").asString();
        assertThat(created.json().get("organizer").get("address").asString()).isEqualTo(owner.address());
        assertThat(calendars.byUid(guest.id(), uid).orElseThrow().event().meetingStatus())
                .isEqualTo(MeetingStatus.RECEIVED);

        write.put("subject", "Retro, longer");
        write.put("end", "2027-02-04T16:00:00Z");
        assertThat(client.put(base + "/" + id, write).json().get("sequence").asInt())
                .isEqualTo(1);
        CalendarEvent updated = calendars.byUid(guest.id(), uid).orElseThrow().event();
        assertThat(updated.subject()).isEqualTo("Retro, longer");
        assertThat(updated.sequence()).isEqualTo(1);

        assertThat(client.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(calendars.byUid(guest.id(), uid).orElseThrow().event().meetingStatus())
                .isEqualTo(MeetingStatus.CANCELED_RECEIVED);
        long inbox = mailboxes.systemFolder(guest.id(), SystemFolder.INBOX).id();
        assertThat(mailboxes.messages(guest.id(), inbox, 0, Mailboxes.MAX_PAGE))
                .extracting(MessageView::messageClass)
                .containsExactlyInAnyOrder(
                        "IPM.Schedule.Meeting.Request",
                        "IPM.Schedule.Meeting.Request",
                        "IPM.Schedule.Meeting.Canceled");
    }

    @Test
    void icsImportShouldStoreEachReadableEventAndRefuseTheOthersWithTheirReasons_Rfc5545() {
        String ics = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Test//Test//EN",
                "BEGIN:VEVENT",
                "UID:good-1",
                "DTSTAMP:20261201T000000Z",
                "DTSTART:20261215T100000Z",
                "DTEND:20261215T110000Z",
                "SUMMARY:Good one",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "DTSTAMP:20261201T000000Z",
                "DTSTART:20261216T100000Z",
                "SUMMARY:No UID",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:no-start",
                "DTSTAMP:20261201T000000Z",
                "SUMMARY:No start",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:good-2",
                "DTSTAMP:20261201T000000Z",
                "DTSTART;VALUE=DATE:20261224",
                "DTEND;VALUE=DATE:20261227",
                "SUMMARY:Holidays",
                "END:VEVENT",
                "END:VCALENDAR",
                "");

        Reply imported = client.upload(base + ".ics", "text/calendar", ics.getBytes(StandardCharsets.UTF_8));

        assertThat(imported.status()).isEqualTo(200);
        JsonNode result = imported.json();
        assertThat(result.get("imported"))
                .extracting(n -> n.get("uid").asString())
                .containsExactly("good-1", "good-2");
        assertThat(result.get("refused")).hasSize(2);
        assertThat(result.get("refused").get(0).get("reason").asString()).contains("UID");
        assertThat(result.get("refused").get(1).get("uid").asString()).isEqualTo("no-start");
        assertThat(result.get("refused").get(1).get("reason").asString()).contains("DTSTART");
        assertThat(subjects(client.get(base))).containsExactly("Good one", "Holidays");
        assertThat(client.get(base).json().get("items").get(1).get("allDay").asBoolean())
                .isTrue();

        Reply again = client.upload(base + ".ics", "text/calendar", ics.getBytes(StandardCharsets.UTF_8));
        assertThat(again.json().get("imported")).hasSize(2);
        assertThat(calendars.count(owner.id(), calendar)).isEqualTo(2);

        Reply garbage =
                client.upload(base + ".ics", "text/calendar", "not a calendar".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(calendars.count(owner.id(), calendar)).isEqualTo(2);
    }

    @Test
    void freeBusyShouldMergeEveryCalendarWithRecurrencesAndExceptionsExpanded_MsAscmd_2_2_3_107() {
        CalendarEvent weekly = CalendarEvent.of(
                        "weekly",
                        "Weekly",
                        Instant.parse("2026-12-07T08:00:00Z"),
                        Instant.parse("2026-12-07T09:00:00Z"),
                        BERLIN)
                .withRecurrence(
                        Recurrence.weekly(1, Set.of(java.time.DayOfWeek.MONDAY)),
                        List.of(org.atoll.calendar.EventException.deleted(Instant.parse("2026-12-14T08:00:00Z"))));
        calendars.create(owner.id(), calendar, EventContent.of(weekly));

        JsonNode first = client.get("/api/v1/accounts/" + owner.id()
                        + "/freebusy?from=2026-12-07T08:00:00Z&to=2026-12-07T10:00:00Z")
                .json();
        assertThat(first.get("intervalMinutes").asInt()).isEqualTo(30);
        assertThat(first.get("mergedFreeBusy").asString()).isEqualTo("2200");
        assertThat(client.get("/api/v1/accounts/" + owner.id()
                                + "/freebusy?from=2026-12-14T08:00:00Z&to=2026-12-14T09:00:00Z")
                        .json()
                        .get("mergedFreeBusy")
                        .asString())
                .isEqualTo("00");
        assertThat(client.get("/api/v1/accounts/" + owner.id()
                                + "/freebusy?from=2026-12-21T07:00:00Z&to=2026-12-21T09:00:00Z")
                        .json()
                        .get("mergedFreeBusy")
                        .asString())
                .isEqualTo("0022");
        assertThat(client.get("/api/v1/accounts/" + owner.id()
                                + "/freebusy?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void userShouldReachNoOtherAccountsCalendarsButAnAdministratorShould() {
        calendars.create(
                owner.id(),
                calendar,
                EventContent.of(CalendarEvent.of(
                        "private",
                        "Private",
                        Instant.parse("2026-12-07T08:00:00Z"),
                        Instant.parse("2026-12-07T09:00:00Z"),
                        BERLIN)));
        AccountView intruder = TestAccounts.open(accounts, "calendarintruder");
        ApiClient other = ApiClient.basic(port, intruder.address(), PASSWORD);
        long intrudersCalendar = calendars.defaultFolder(intruder.id()).id();

        assertThat(other.get(base).status()).isEqualTo(404);
        assertThat(other.get(base + ".ics").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/accounts/" + owner.id() + "/calendars").status())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/accounts/" + owner.id()
                                + "/freebusy?from=2026-12-07T08:00:00Z&to=2026-12-07T10:00:00Z")
                        .status())
                .isEqualTo(404);
        assertThat(client.get("/api/v1/accounts/" + owner.id() + "/calendars/" + intrudersCalendar + "/events")
                        .status())
                .isEqualTo(404);
        assertThat(ApiClient.anonymous(port).get(base + ".ics").status()).isEqualTo(401);

        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        assertThat(subjects(admin.get(base))).containsExactly("Private");
    }

    // ---- helpers

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-06-01T00:00:00Z");

    private static List<String> subjects(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        List<String> subjects = new ArrayList<>();
        reply.json()
                .get("items")
                .forEach(item -> subjects.add(item.get("subject").asString()));
        return subjects;
    }

    /**
     * The starts of the calendar's one series as ical4j expands it (RFC 5545 3.8.5.3 with RRULE and EXDATE; an
     * override with RECURRENCE-ID takes the place of the instance it names, 3.8.4.4).
     */
    private static List<Instant> ical4jStarts(String ics) throws Exception {
        net.fortuna.ical4j.model.Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = parsed.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
        Period<ZonedDateTime> range = new Period<>(FROM.atZone(BERLIN), TO.atZone(BERLIN));
        Set<Instant> replaced = new HashSet<>();
        List<Instant> starts = new ArrayList<>();
        for (VEvent event : events) {
            event.<RecurrenceId<?>>getProperty(Property.RECURRENCE_ID)
                    .ifPresent(id -> replaced.add(instant(id.getDate())));
        }
        for (VEvent event : events) {
            boolean override = event.getProperty(Property.RECURRENCE_ID).isPresent();
            if (override) {
                starts.add(instant(
                        event.<DtStart<?>>getRequiredProperty(Property.DTSTART).getDate()));
            } else {
                for (Period<Temporal> period : event.<Temporal>calculateRecurrenceSet(range)) {
                    Instant start = instant(period.getStart());
                    if (!replaced.contains(start)) {
                        starts.add(start);
                    }
                }
            }
        }
        starts.sort(null);
        return starts;
    }

    private static Instant instant(Temporal temporal) {
        return switch (temporal) {
            case ZonedDateTime zoned -> zoned.toInstant();
            case java.time.OffsetDateTime offset -> offset.toInstant();
            case Instant instant -> instant;
            default -> throw new AssertionError("not a date-time: " + temporal);
        };
    }

    private WbxmlElement sync(String key, WbxmlElement commands) {
        WbxmlElement collection =
                WbxmlElement.of(A, "Collection").add("SyncKey", key).add("CollectionId", Long.toString(calendar));
        if (commands != null) {
            collection.add(commands);
        }
        return WbxmlElement.of(A, "Sync").add(WbxmlElement.of(A, "Collections").add(collection));
    }

    private static String syncKey(WbxmlElement response) {
        return response.child("Collections")
                .orElseThrow()
                .child("Collection")
                .orElseThrow()
                .text("SyncKey")
                .orElseThrow();
    }

    /** The weekly series of CalendarSyncTest: Mondays 09:00 Berlin, ten times, the second moved, the third deleted. */
    private static WbxmlElement seriesData() {
        return WbxmlElement.of(A, "ApplicationData")
                .add(C, "Timezone", EasTimeZones.blobOf(BERLIN).encode())
                .add(C, "AllDayEvent", "0")
                .add(C, "BusyStatus", "2")
                .add(C, "EndTime", "20261207T090000Z")
                .add(C, "Subject", "Team sync")
                .add(C, "StartTime", "20261207T080000Z")
                .add(C, "UID", "team-sync-api")
                .add(C, "MeetingStatus", "0")
                .add(WbxmlElement.of(C, "Recurrence")
                        .add("Type", "1")
                        .add("Occurrences", "10")
                        .add("Interval", "1")
                        .add("DayOfWeek", "2"))
                .add(WbxmlElement.of(C, "Exceptions")
                        .add(WbxmlElement.of(C, "Exception")
                                .add("ExceptionStartTime", "20261214T080000Z")
                                .add("StartTime", "20261215T090000Z")
                                .add("EndTime", "20261215T100000Z"))
                        .add(WbxmlElement.of(C, "Exception")
                                .add("Deleted", "1")
                                .add("ExceptionStartTime", "20261221T080000Z")));
    }

    private static List<Instant> expectedStarts() {
        Instant first = Instant.parse("2026-12-07T08:00:00Z");
        List<Instant> starts = new ArrayList<>();
        for (int week = 0; week < 10; week++) {
            if (week == 1) {
                starts.add(Instant.parse("2026-12-15T09:00:00Z"));
            } else if (week != 2) {
                starts.add(first.plus(Duration.ofDays(7L * week)));
            }
        }
        return starts;
    }
}
