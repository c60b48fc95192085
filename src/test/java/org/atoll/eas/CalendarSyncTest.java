package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.Waiting.result;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EasCalendarItems;
import org.atoll.calendar.EasTimeZones;
import org.atoll.calendar.ICalendars;
import org.atoll.calendar.Occurrence;
import org.atoll.calendar.Recurrence;
import org.atoll.device.Devices;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.EventContent;
import org.atoll.mailbox.EventView;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Calendars (MS-ASCAL) through Sync, GetItemEstimate, Ping and FolderCreate over real HTTP and WBXML, with two
 * devices of one user: a recurring series with a moved and a deleted occurrence made on one device reaches the other
 * exactly once, with the same occurrences, and never comes back to itself.
 */
@AtollTest
class CalendarSyncTest {

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage C = CodePage.CALENDAR;
    private static final CodePage H = CodePage.FOLDER_HIERARCHY;
    private static final CodePage P = CodePage.PING;
    private static final CodePage G = CodePage.GET_ITEM_ESTIMATE;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Calendars calendars;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    AccountView account;
    EasDevice phone;
    EasDevice tablet;
    long calendarFolder;

    /** The protocol version the test's devices speak; a subclass runs the same tests at another. */
    String protocolVersion() {
        return "14.1";
    }

    @BeforeEach
    void devices() throws Exception {
        account = TestAccounts.open(accounts, "calendar");
        phone = new EasDevice(port, account.address(), PASSWORD, "CalendarPhone", protocolVersion()).provision();
        tablet = new EasDevice(port, account.address(), PASSWORD, "CalendarTablet", protocolVersion()).provision();
        calendarFolder = calendars.defaultFolder(account.id()).id();
    }

    // ---- the must-show session

    @Test
    void
            aWeeklySeriesWithAMovedAndADeletedOccurrenceShouldReachTheOtherDeviceExactlyOnce_MsAscal_2_2_2_MsAscmd_2_2_1_21()
                    throws Exception {
        // Step 1: both devices list the Calendar folder (MS-ASCMD 2.2.3.186.3, Type 8) and prime it (SyncKey 0).
        assertThat(calendarFolderOf(phone.folderSync("0"))).isEqualTo(Long.toString(calendarFolder));
        assertThat(calendarFolderOf(tablet.folderSync("0"))).isEqualTo(Long.toString(calendarFolder));
        String phoneKey = prime(phone);
        String tabletKey = prime(tablet);
        tabletKey = key(sync(tablet, tabletKey, c -> {}));

        // Step 2: the tablet parks a Ping on its Calendar folder (MS-ASCMD 2.2.1.13, Class Calendar).
        CompletableFuture<WbxmlElement> ping = tablet.sendAsync("Ping", calendarPing());
        awaitParked("CalendarTablet");

        // Step 3: the phone adds a weekly meeting on Mondays at 09:00 Berlin time, ten times (MS-ASCMD 2.2.3.7.2 Add
        // with ClientId); the Ping wakes with the folder.
        WbxmlElement addRequest =
                commands(WbxmlElement.of(A, "Add").add("ClientId", "phone-1").add(seriesData(false)));
        WbxmlElement added = sync(phone, phoneKey, c -> c.add(addRequest));
        assertThat(response(added, "Add").text("Status")).hasValue("1");
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        WbxmlElement woken = result(ping);
        assertThat(woken.text("Status")).hasValue("2");
        assertThat(woken.child("Folders").orElseThrow().children(P, "Folder"))
                .extracting(f -> f.text().orElseThrow())
                .containsExactly(Long.toString(calendarFolder));

        // Step 4: the phone lost the answer and sends the same request again with the same SyncKey
        // (MS-ASCMD 3.1.5.9): the same ServerId, and still one event.
        WbxmlElement retried = sync(phone, phoneKey, c -> c.add(addRequest));
        assertThat(response(retried, "Add").text("ServerId")).hasValue(serverId);
        assertThat(key(retried)).isEqualTo(key(added));
        assertThat(calendars.count(account.id(), null)).isEqualTo(1);
        phoneKey = key(retried);

        // Step 5: the phone moves the second Monday to Tuesday 10:00 and deletes the third (MS-ASCAL 2.2.2.20
        // Exception, keyed by ExceptionStartTime): one Change of the whole series, no response.
        WbxmlElement changed = sync(
                phone,
                phoneKey,
                c -> c.add(commands(
                        WbxmlElement.of(A, "Change").add("ServerId", serverId).add(seriesData(true)))));
        assertThat(responses(changed)).isEmpty();
        phoneKey = key(changed);

        // Step 6: GetItemEstimate (MS-ASCMD 2.2.1.9) tells the tablet one item is waiting.
        assertThat(estimate(tablet, tabletKey)).isEqualTo("1");

        // Step 7: the tablet gets the series once, with its exceptions, and has exactly the phone's occurrences.
        WbxmlElement tabletSees = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletSees)).extracting(WbxmlElement::name).containsExactly("Add");
        WbxmlElement event = commandsOf(tabletSees).getFirst();
        assertThat(event.text("ServerId")).hasValue(serverId);
        WbxmlElement data = event.child("ApplicationData").orElseThrow();
        assertThat(data.text(C, "Subject")).hasValue("Team sync");
        if (protocolVersion().startsWith("16.")) {
            assertThat(data.child(C, "UID"))
                    .as("MS-ASCAL 2.2.2.46: no UID from 16.0")
                    .isEmpty();
        } else {
            assertThat(data.text(C, "UID")).hasValue("team-sync-1");
        }
        assertThat(data.text(C, "Timezone"))
                .hasValue(EasTimeZones.blobOf(BERLIN).encode());
        assertThat(data.child(C, "Recurrence").orElseThrow().text(C, "DayOfWeek"))
                .hasValue("2");
        List<WbxmlElement> exceptions =
                data.child(C, "Exceptions").orElseThrow().children(C, "Exception");
        if (protocolVersion().startsWith("16.")) {
            assertThat(exceptions)
                    .as("MS-ASCAL 2.2.2.20: an exception is keyed by InstanceId from 16.0")
                    .extracting(e -> e.text(BASE, "InstanceId").orElseThrow())
                    .containsExactlyInAnyOrder("2026-12-14T08:00:00.000Z", "2026-12-21T08:00:00.000Z");
        } else {
            assertThat(exceptions)
                    .extracting(e -> e.text(C, "ExceptionStartTime").orElseThrow())
                    .containsExactlyInAnyOrder("20261214T080000Z", "20261221T080000Z");
        }
        CalendarEvent onTablet = EasCalendarItems.read(data);
        CalendarEvent onPhone = EasCalendarItems.read(seriesData(true));
        assertThat(starts(onTablet)).isEqualTo(starts(onPhone)).isEqualTo(expectedStarts());
        assertThat(onTablet.exceptions()).containsExactlyInAnyOrderElementsOf(onPhone.exceptions());
        tabletKey = key(tabletSees);

        // Step 8: the phone gets no echo of its own Add and Change.
        WbxmlElement phoneQuiet = sync(phone, phoneKey, c -> {});
        assertThat(commandsOf(phoneQuiet)).isEmpty();
        phoneKey = key(phoneQuiet);

        // Step 9: the phone deletes the series; the tablet gets one Delete, the phone none, the store holds nothing.
        WbxmlElement deleted = sync(
                phone,
                phoneKey,
                c -> c.add(commands(WbxmlElement.of(A, "Delete").add("ServerId", serverId))));
        assertThat(responses(deleted)).isEmpty();
        WbxmlElement tabletDelete = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletDelete)).extracting(WbxmlElement::name).containsExactly("Delete");
        assertThat(commandsOf(sync(phone, key(deleted), c -> {}))).isEmpty();
        assertThat(calendars.count(account.id(), null)).isZero();
    }

    @Test
    void aChangeNamingAnInstanceIdShouldChangeOnlyThatOccurrence_MsAscal_2_2_2_21_MsAsairs_2_2_2_25() throws Exception {
        assumeTrue(protocolVersion().startsWith("16."), "InstanceId addresses an occurrence from 16.0");
        phone.folderSync("0");
        tablet.folderSync("0");
        String phoneKey = prime(phone);
        String tabletKey = key(sync(tablet, prime(tablet), c -> {}));
        WbxmlElement added = sync(
                phone,
                phoneKey,
                c -> c.add(commands(
                        WbxmlElement.of(A, "Add").add("ClientId", "series").add(seriesData(false)))));
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        tabletKey = key(sync(tablet, tabletKey, c -> {}));

        // The phone moves the second Monday with a Change and deletes the third with a Delete, each naming the
        // occurrence by its original start beside the ServerId (MS-ASAIRS 2.2.2.25), and deletes an instance the
        // series does not have (Status 8, answered as a Delete).
        WbxmlElement moved = WbxmlElement.of(A, "Change")
                .add("ServerId", serverId)
                .add(BASE, "InstanceId", "20261214T080000Z")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(C, "Subject", "Team sync (moved)")
                        .add(C, "StartTime", "20261215T090000Z")
                        .add(C, "EndTime", "20261215T100000Z"));
        WbxmlElement answer = sync(phone, key(added), c -> c.add(commands(moved)));
        assertThat(responses(answer)).isEmpty();
        WbxmlElement deleted = WbxmlElement.of(A, "Delete")
                .add("ServerId", serverId)
                .add(BASE, "InstanceId", "2026-12-21T08:00:00.000Z");
        WbxmlElement noSuchInstance =
                WbxmlElement.of(A, "Delete").add("ServerId", serverId).add(BASE, "InstanceId", "20261215T080000Z");
        answer = sync(phone, key(answer), c -> c.add(commands(deleted, noSuchInstance)));
        assertThat(statuses(responses(answer))).containsExactly(Map.entry("Delete", "8"));

        // The tablet sees the series once, unchanged but for those two occurrences.
        WbxmlElement tabletSees = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletSees)).extracting(WbxmlElement::name).containsExactly("Change");
        WbxmlElement data =
                commandsOf(tabletSees).getFirst().child("ApplicationData").orElseThrow();
        assertThat(data.text(C, "Subject")).hasValue("Team sync");
        assertThat(data.child(BASE, "Location").flatMap(l -> l.text(BASE, "DisplayName")))
                .hasValue("Room 4");
        assertThat(data.child(C, "Exceptions").orElseThrow().children(C, "Exception"))
                .extracting(e -> e.text(BASE, "InstanceId").orElseThrow())
                .containsExactly("2026-12-14T08:00:00.000Z", "2026-12-21T08:00:00.000Z");
        CalendarEvent onTablet = EasCalendarItems.read(data);
        assertThat(starts(onTablet)).isEqualTo(expectedStarts());
        assertThat(onTablet.exceptions())
                .containsExactlyElementsOf(
                        EasCalendarItems.read(seriesData(true)).exceptions());
        assertThat(commandsOf(sync(phone, key(answer), c -> {}))).isEmpty();
    }

    @Test
    void filterTypeShouldKeepASeriesWhoseOccurrencesReachIntoTheWindow_MsAscmd_2_2_3_69_2() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant yearAgo = now.minus(Duration.ofDays(365));
        create("Long past", yearAgo, null);
        create("Forever weekly", yearAgo, Recurrence.weekly(1, java.util.Set.of(java.time.DayOfWeek.MONDAY)));
        create(
                "Ended weekly",
                yearAgo,
                Recurrence.weekly(1, java.util.Set.of(java.time.DayOfWeek.MONDAY))
                        .withUntil(now.minus(Duration.ofDays(60))));
        create(
                "Counted weekly",
                now.minus(Duration.ofDays(30)),
                Recurrence.weekly(1, java.util.Set.of(java.time.DayOfWeek.MONDAY))
                        .withOccurrences(10));
        create("Last week", now.minus(Duration.ofDays(7)), null);
        create("Tomorrow", now.plus(Duration.ofDays(1)), null);
        phone.folderSync("0");
        String key =
                key(sync(phone, "0", c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "4"))));

        WbxmlElement first =
                sync(phone, key, c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "4")));

        assertThat(commandsOf(first))
                .extracting(e -> e.child("ApplicationData")
                        .orElseThrow()
                        .text(C, "Subject")
                        .orElseThrow())
                .containsExactlyInAnyOrder("Forever weekly", "Counted weekly", "Last week", "Tomorrow");

        WbxmlElement all =
                sync(phone, key(first), c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "0")));
        assertThat(commandsOf(all))
                .extracting(e -> e.child("ApplicationData")
                        .orElseThrow()
                        .text(C, "Subject")
                        .orElseThrow())
                .containsExactlyInAnyOrder("Long past", "Ended weekly");
    }

    @Test
    void filterTypesOfEmailOnlyShouldSyncEveryEvent_MsAscmd_2_2_3_68_2() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        create("Last month", now.minus(Duration.ofDays(30)), null);
        create("Tomorrow", now.plus(Duration.ofDays(1)), null);
        phone.folderSync("0");
        WbxmlElement options = WbxmlElement.of(A, "Options").add("FilterType", "2");
        String key = key(sync(phone, "0", c -> c.add(options)));

        WbxmlElement first =
                sync(phone, key, c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "2")));

        assertThat(commandsOf(first))
                .as("three days back is no FilterType of Calendar: every event, as with 0")
                .extracting(e -> e.child("ApplicationData")
                        .orElseThrow()
                        .text(C, "Subject")
                        .orElseThrow())
                .containsExactlyInAnyOrder("Last month", "Tomorrow");
    }

    @Test
    void malformedConflictingAndMissingEventsShouldGetStatus6_7And8_MsAscmd_2_2_3_177_17() throws Exception {
        phone.folderSync("0");
        String key = prime(phone);
        WbxmlElement added = sync(
                phone,
                key,
                c -> c.add(
                        commands(WbxmlElement.of(A, "Add").add("ClientId", "s").add(seriesData(false)))));
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        key = key(added);
        EventView stored = calendars.event(account.id(), itemId(serverId));
        calendars.update(
                account.id(), stored.id(), EventContent.of(stored.event().withLocation("Changed elsewhere")));

        WbxmlElement withoutType = WbxmlElement.of(A, "Add")
                .add("ClientId", "no-type")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(C, "Subject", "Broken")
                        .add(C, "StartTime", "20261207T080000Z")
                        .add(C, "EndTime", "20261207T090000Z")
                        .add(WbxmlElement.of(C, "Recurrence").add("Interval", "1")));
        WbxmlElement exceptionWithoutStart = WbxmlElement.of(A, "Add")
                .add("ClientId", "no-exception-start")
                .add(seriesData(false)
                        .add(WbxmlElement.of(C, "Exceptions")
                                .add(WbxmlElement.of(C, "Exception").add("Deleted", "1"))));
        WbxmlElement conflicting =
                WbxmlElement.of(A, "Change").add("ServerId", serverId).add(seriesData(true));
        WbxmlElement missing = WbxmlElement.of(A, "Change")
                .add("ServerId", calendarFolder + ":" + Long.MAX_VALUE)
                .add(seriesData(false));
        WbxmlElement fine = WbxmlElement.of(A, "Add").add("ClientId", "fine").add(seriesData(false));

        WbxmlElement answer =
                sync(phone, key, c -> c.add(commands(withoutType, exceptionWithoutStart, conflicting, missing, fine)));

        assertThat(statuses(responses(answer)))
                .containsExactly(
                        Map.entry("Add", "6"),
                        Map.entry("Add", "6"),
                        Map.entry("Change", "7"),
                        Map.entry("Change", "8"),
                        Map.entry("Add", "1"));
        assertThat(calendars.count(account.id(), null)).isEqualTo(2);
        assertThat(calendars.event(account.id(), stored.id()).event().location())
                .isEqualTo("Changed elsewhere");
        assertThat(calendars.event(account.id(), stored.id()).event().exceptions())
                .isEmpty();
    }

    @Test
    void folderCreateOfType13ShouldMakeACalendarThatSyncsEvents_MsAscmd_2_2_1_3() throws Exception {
        String folderKey = phone.folderSync("0").text("SyncKey").orElseThrow();
        WbxmlElement created = phone.send(
                "FolderCreate",
                WbxmlElement.of(H, "FolderCreate")
                        .add("SyncKey", folderKey)
                        .add("ParentId", "0")
                        .add("DisplayName", "Football")
                        .add("Type", "13"));
        assertThat(created.text("Status")).hasValue("1");
        long football = Long.parseLong(created.text("ServerId").orElseThrow());

        String key = key(sync(phone, football, "0", c -> {}));
        WbxmlElement added = sync(
                phone,
                football,
                key,
                c -> c.add(commands(
                        WbxmlElement.of(A, "Add").add("ClientId", "match").add(seriesData(false)))));

        assertThat(response(added, "Add").text("Status")).hasValue("1");
        assertThat(calendars.calendars(account.id())).extracting(f -> f.name()).containsExactly("Calendar", "Football");
        assertThat(calendars.count(account.id(), football)).isEqualTo(1);
    }

    // ---- helpers

    /**
     * A weekly meeting as MS-ASCAL 2.2.2 shows it: Berlin's TimeZone, Mondays 09:00 to 10:00 local from 7 December
     * 2026, ten times; with {@code exceptions} the second occurrence is moved to Tuesday 10:00 and retitled and the
     * third deleted.
     */
    private static WbxmlElement seriesData(boolean exceptions) {
        WbxmlElement data = WbxmlElement.of(A, "ApplicationData")
                .add(C, "Timezone", EasTimeZones.blobOf(BERLIN).encode())
                .add(C, "AllDayEvent", "0")
                .add(WbxmlElement.of(BASE, "Body").add("Type", "1").add("Data", "Agenda in the wiki"))
                .add(C, "BusyStatus", "2")
                .add(C, "EndTime", "20261207T090000Z")
                .add(C, "Location", "Room 4")
                .add(C, "Reminder", "15")
                .add(C, "Sensitivity", "0")
                .add(C, "Subject", "Team sync")
                .add(C, "StartTime", "20261207T080000Z")
                .add(C, "UID", "team-sync-1")
                .add(C, "MeetingStatus", "0")
                .add(WbxmlElement.of(C, "Categories").add("Category", "Work"))
                .add(WbxmlElement.of(C, "Recurrence")
                        .add("Type", "1")
                        .add("Occurrences", "10")
                        .add("Interval", "1")
                        .add("DayOfWeek", "2"));
        if (exceptions) {
            data.add(WbxmlElement.of(C, "Exceptions")
                    .add(WbxmlElement.of(C, "Exception")
                            .add("ExceptionStartTime", "20261214T080000Z")
                            .add("Subject", "Team sync (moved)")
                            .add("StartTime", "20261215T090000Z")
                            .add("EndTime", "20261215T100000Z"))
                    .add(WbxmlElement.of(C, "Exception")
                            .add("Deleted", "1")
                            .add("ExceptionStartTime", "20261221T080000Z")));
        }
        return data;
    }

    /** The series' starts: ten Mondays at 08:00 UTC, the second moved to Tuesday 09:00 UTC, the third gone. */
    private static List<Instant> expectedStarts() {
        Instant first = Instant.parse("2026-12-07T08:00:00Z");
        List<Instant> starts = new java.util.ArrayList<>();
        for (int week = 0; week < 10; week++) {
            if (week == 1) {
                starts.add(Instant.parse("2026-12-15T09:00:00Z"));
            } else if (week != 2) {
                starts.add(first.plus(Duration.ofDays(7L * week)));
            }
        }
        return starts;
    }

    private static List<Instant> starts(CalendarEvent event) {
        return ICalendars.occurrences(
                        event, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-06-01T00:00:00Z"))
                .stream()
                .map(Occurrence::start)
                .toList();
    }

    private void create(String subject, Instant start, Recurrence recurrence) {
        CalendarEvent event = CalendarEvent.of(subject, subject, start, start.plus(Duration.ofHours(1)), BERLIN)
                .withRecurrence(recurrence, List.of());
        calendars.create(account.id(), calendarFolder, EventContent.of(event));
    }

    /** The ServerId of the folder of Type 8 in a FolderSync response. */
    private static String calendarFolderOf(WbxmlElement folderSync) {
        return folderSync.child("Changes").orElseThrow().children("Add").stream()
                .filter(add -> add.text("Type").orElseThrow().equals("8"))
                .map(add -> add.text("ServerId").orElseThrow())
                .findFirst()
                .orElseThrow();
    }

    private String estimate(EasDevice device, String key) throws Exception {
        WbxmlElement estimate = device.send(
                        "GetItemEstimate",
                        WbxmlElement.of(G, "GetItemEstimate")
                                .add(WbxmlElement.of(G, "Collections")
                                        .add(WbxmlElement.of(G, "Collection")
                                                .add(A, "SyncKey", key)
                                                .add("CollectionId", Long.toString(calendarFolder)))))
                .child("Response")
                .orElseThrow();
        assertThat(estimate.text("Status")).hasValue("1");
        return estimate.child("Collection").orElseThrow().text("Estimate").orElseThrow();
    }

    private String prime(EasDevice device) throws Exception {
        WbxmlElement answer = sync(device, "0", c -> {});
        assertThat(commandsOf(answer)).isEmpty();
        return key(answer);
    }

    private WbxmlElement sync(EasDevice device, String syncKey, Consumer<WbxmlElement> extra) throws Exception {
        return sync(device, calendarFolder, syncKey, extra);
    }

    private static WbxmlElement sync(EasDevice device, long folderId, String syncKey, Consumer<WbxmlElement> extra)
            throws Exception {
        WbxmlElement collection =
                WbxmlElement.of(A, "Collection").add("SyncKey", syncKey).add("CollectionId", Long.toString(folderId));
        extra.accept(collection);
        WbxmlElement response = device.send(
                "Sync",
                WbxmlElement.of(A, "Sync").add(WbxmlElement.of(A, "Collections").add(collection)));
        assertThat(collection(response).text("Status")).as("collection status").hasValue("1");
        return response;
    }

    private static WbxmlElement collection(WbxmlElement response) {
        assertThat(response.text("Status")).as("Sync status").isEmpty();
        return response.child("Collections").orElseThrow().child("Collection").orElseThrow();
    }

    private static String key(WbxmlElement response) {
        return collection(response).text("SyncKey").orElseThrow();
    }

    private static List<WbxmlElement> commandsOf(WbxmlElement response) {
        return collection(response)
                .child("Commands")
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    private static List<WbxmlElement> responses(WbxmlElement response) {
        return collection(response)
                .child("Responses")
                .map(WbxmlElement::children)
                .orElse(List.of());
    }

    private static WbxmlElement response(WbxmlElement response, String name) {
        return responses(response).stream()
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

    /** The item id of a ServerId of the form folder:item. */
    private static long itemId(String serverId) {
        return Long.parseLong(serverId.substring(serverId.indexOf(':') + 1));
    }

    private WbxmlElement calendarPing() {
        return WbxmlElement.of(P, "Ping")
                .add("HeartbeatInterval", "600")
                .add(WbxmlElement.of(P, "Folders")
                        .add(WbxmlElement.of(P, "Folder")
                                .add("Id", Long.toString(calendarFolder))
                                .add("Class", "Calendar")));
    }

    private void awaitParked(String deviceId) throws InterruptedException {
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Waiting.until(deviceId + " is parked", () -> parking.isParked(account.id(), devicePk));
    }

    /** Each response's command name and Status, in order. */
    private static List<Map.Entry<String, String>> statuses(List<WbxmlElement> responses) {
        return responses.stream()
                .map(r -> Map.entry(r.name(), r.text("Status").orElseThrow()))
                .toList();
    }
}
