package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.PingBodies.P;
import static org.atoll.support.PingBodies.changed;
import static org.atoll.support.PingBodies.folders;
import static org.atoll.support.PingBodies.ping;
import static org.atoll.support.Waiting.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceRequestLog;
import org.atoll.device.Devices;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Ping (MS-ASCMD 2.2.1.13) over real HTTP and WBXML: each Status of 2.2.3.177.11, and parked Pings woken by changes
 * committed elsewhere. Test properties lower atoll.push.min-heartbeat to 1 s so that Status 1 comes quickly; the
 * maximum stays at its default, 3540 s.
 */
@AtollTest
class PingTest {

    /** The protocol version the test's devices speak; a subclass runs the same tests at another. */
    String protocolVersion() {
        return "14.1";
    }

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    @Autowired
    DeviceRequestLog requestLog;

    AccountView account;
    long inbox;
    long archive;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "ping");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        archive = mailboxes
                .createFolder(account.id(), null, "Archive", FolderType.USER_MAIL)
                .id();
    }

    /** A device that has synced its folders and both mail folders to the end, as a device does before it pings. */
    MailClient ready(String deviceId) throws Exception {
        MailClient client = new MailClient(
                new EasDevice(port, account.address(), PASSWORD, deviceId, protocolVersion()).provision());
        client.device().folderSync("0");
        client.syncFully(inbox, 50);
        client.syncFully(archive, 50);
        return client;
    }

    CompletableFuture<WbxmlElement> send(MailClient client, WbxmlElement body) {
        return client.device().sendAsync("Ping", body);
    }

    void awaitParked(String deviceId) throws InterruptedException {
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Waiting.until(deviceId + " is parked", () -> parking.isParked(account.id(), devicePk));
    }

    void deliver(long folderId, String subject) {
        mailboxes.deliver(account.id(), folderId, Mime.message(subject), null);
    }

    static String status(WbxmlElement response) {
        assertThat(response.page()).isEqualTo(P);
        assertThat(response.name()).isEqualTo("Ping");
        return response.text("Status").orElseThrow();
    }

    @Nested
    class Statuses {

        @Test
        void heartbeatRunningOutWithNothingChangedShouldGetStatus1_2_2_3_177_11() throws Exception {
            MailClient phone = ready("Quiet");

            WbxmlElement response = result(send(phone, ping(1, inbox)));

            assertThat(status(response)).isEqualTo("1");
            assertThat(response.child("Folders")).isEmpty();
        }

        @Test
        void changeWaitingAlreadyShouldGetStatus2WithExactlyThatFolder_2_2_3_177_11() throws Exception {
            MailClient phone = ready("Behind");
            deliver(archive, "Waiting");

            WbxmlElement response = result(send(phone, ping(600, inbox, archive)));

            assertThat(status(response)).isEqualTo("2");
            assertThat(changed(response)).containsExactly(Long.toString(archive));
        }

        @Test
        void emptyPingWithNothingCachedShouldGetStatus3_3_1_5_8() throws Exception {
            MailClient phone = ready("NothingCached");

            WbxmlElement response = phone.device()
                    .postAsync("Ping", new byte[0])
                    .thenApply(r -> {
                        assertThat(r.statusCode()).isEqualTo(200);
                        return decode(r.body());
                    })
                    .get();

            assertThat(status(response)).isEqualTo("3");
        }

        @Test
        void heartbeatWithoutFoldersShouldGetStatus3ButBeCachedForTheNextPing_2_2_3_177_11() throws Exception {
            MailClient phone = ready("HeartbeatOnly");

            WbxmlElement first = result(send(phone, WbxmlElement.of(P, "Ping").add("HeartbeatInterval", "600")));
            assertThat(status(first)).isEqualTo("3");

            deliver(inbox, "Seen by the second Ping");
            WbxmlElement second = result(send(phone, WbxmlElement.of(P, "Ping").add(folders(inbox))));
            assertThat(status(second)).isEqualTo("2");
            assertThat(changed(second)).containsExactly(Long.toString(inbox));
        }

        @Test
        void malformedRequestsShouldGetStatus4_2_2_3_177_11() throws Exception {
            MailClient phone = ready("Malformed");
            List<WbxmlElement> malformed = List.of(
                    WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", "0"),
                    WbxmlElement.of(P, "Ping"),
                    WbxmlElement.of(P, "Ping").add("HeartbeatInterval", "soon"),
                    WbxmlElement.of(P, "Ping").add("HeartbeatInterval", "-60"),
                    WbxmlElement.of(P, "Ping").add(WbxmlElement.of(P, "Folders")),
                    WbxmlElement.of(P, "Ping")
                            .add(WbxmlElement.of(P, "Folders")
                                    .add(WbxmlElement.of(P, "Folder").add("Id", Long.toString(inbox)))),
                    WbxmlElement.of(P, "Ping")
                            .add(WbxmlElement.of(P, "Folders")
                                    .add(WbxmlElement.of(P, "Folder")
                                            .add("Id", Long.toString(inbox))
                                            .add("Class", "Mail"))),
                    WbxmlElement.of(P, "Ping").add("HeartbeatInterval", "600").add("HeartbeatInterval", "700"));
            for (WbxmlElement body : malformed) {
                assertThat(status(result(send(phone, body)))).as("%s", body).isEqualTo("4");
            }
            assertThat(status(
                            result(phone.device().postAsync("Ping", new byte[0]).thenApply(r -> decode(r.body())))))
                    .as("a malformed Ping caches nothing")
                    .isEqualTo("3");
        }

        @Test
        void heartbeatOutsideTheBoundsShouldGetStatus5WithTheLimit_2_2_3_88_1() throws Exception {
            MailClient phone = ready("Bounds");

            WbxmlElement tooShort = result(send(phone, ping(0, inbox)));
            WbxmlElement tooLong = result(send(phone, ping(3541, inbox)));

            assertThat(status(tooShort)).isEqualTo("5");
            assertThat(tooShort.text("HeartbeatInterval")).hasValue("1");
            assertThat(status(tooLong)).isEqualTo("5");
            assertThat(tooLong.text("HeartbeatInterval")).hasValue("3540");
            assertThat(status(
                            result(phone.device().postAsync("Ping", new byte[0]).thenApply(r -> decode(r.body())))))
                    .as("a refused Ping caches nothing")
                    .isEqualTo("3");
        }

        @Test
        void moreFoldersThanAllowedShouldGetStatus6WithMaxFolders_2_2_3_102() throws Exception {
            MailClient phone = ready("TooMany");
            long[] many = new long[301];
            java.util.Arrays.fill(many, inbox);

            WbxmlElement response = result(send(phone, ping(600, many)));

            assertThat(status(response)).isEqualTo("6");
            assertThat(response.text("MaxFolders")).hasValue("300");
        }

        @Test
        void deviceThatNeverSyncedItsFoldersShouldGetStatus7_2_2_3_177_11() throws Exception {
            EasDevice fresh =
                    new EasDevice(port, account.address(), PASSWORD, "NoFolderSync", protocolVersion()).provision();

            WbxmlElement response = result(fresh.sendAsync("Ping", ping(600, inbox)));

            assertThat(status(response)).isEqualTo("7");
        }

        @Test
        void unknownFolderShouldGetStatus7_2_2_3_177_11() throws Exception {
            MailClient phone = ready("UnknownFolder");

            WbxmlElement response = result(send(
                    phone,
                    WbxmlElement.of(P, "Ping")
                            .add("HeartbeatInterval", "600")
                            .add(WbxmlElement.of(P, "Folders")
                                    .add(WbxmlElement.of(P, "Folder")
                                            .add("Id", "not-a-folder")
                                            .add("Class", "Email")))));

            assertThat(status(response)).isEqualTo("7");
        }

        @Test
        void hierarchyChangedWhileParkedShouldGetStatus7_2_2_3_177_11() throws Exception {
            MailClient phone = ready("HierarchyWhileParked");
            CompletableFuture<WbxmlElement> parked = send(phone, ping(600, inbox));
            awaitParked("HierarchyWhileParked");

            mailboxes.createFolder(account.id(), null, "Projects", FolderType.USER_MAIL);

            assertThat(status(result(parked))).isEqualTo("7");
        }
    }

    /**
     * A parked Ping keeps only ids: the sign-in, the parsed request and the device's record are let go once it has
     * parked, its timer is the registry's sweep, and the answer is written by an async dispatch that needs no
     * sign-in. It still answers as MS-ASCMD 2.2.3.177.11 says, and is logged for its device with that Status.
     */
    @Nested
    class WhileParked {

        @Test
        void wokenPingShouldNameExactlyTheChangedFolderAndBeLoggedWithStatus2_2_2_3_177_11() throws Exception {
            MailClient phone = ready("Lean");
            CompletableFuture<WbxmlElement> parked = send(phone, ping(600, inbox, archive));
            awaitParked("Lean");

            deliver(archive, "Only the archive");

            WbxmlElement response = result(parked);
            assertThat(status(response)).isEqualTo("2");
            assertThat(changed(response)).containsExactly(Long.toString(archive));
            assertLogged("Lean", 2);
        }

        @Test
        void pingWhoseHeartbeatRunsOutShouldGetStatus1AndBeLoggedWithIt_2_2_3_177_11() throws Exception {
            MailClient phone = ready("Patient");
            CompletableFuture<WbxmlElement> parked = send(phone, ping(1, inbox, archive));
            awaitParked("Patient");

            WbxmlElement response = result(parked);

            assertThat(status(response)).isEqualTo("1");
            assertThat(response.child("Folders")).isEmpty();
            assertLogged("Patient", 1);
        }

        private void assertLogged(String deviceId, int pingStatus) throws InterruptedException {
            long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
            Waiting.until(
                    "the Ping is in the device's request log",
                    () -> requestLog.latest(account.id(), devicePk, 10).stream()
                            .anyMatch(logged -> logged.command().equals("Ping")));
            assertThat(requestLog.latest(account.id(), devicePk, 10))
                    .filteredOn(logged -> logged.command().equals("Ping"))
                    .singleElement()
                    .satisfies(logged -> {
                        assertThat(logged.httpStatus()).isEqualTo(200);
                        assertThat(logged.protocolStatus()).isEqualTo(pingStatus);
                    });
        }
    }

    @Nested
    class WakeUps {

        @Test
        void deliveryThroughTheMailboxServiceShouldWakeAParkedPing() throws Exception {
            MailClient phone = ready("Delivery");
            CompletableFuture<WbxmlElement> parked = send(phone, ping(600, inbox, archive));
            awaitParked("Delivery");

            deliver(inbox, "Wake up");

            WbxmlElement response = result(parked);
            assertThat(status(response)).isEqualTo("2");
            assertThat(changed(response)).containsExactly(Long.toString(inbox));
            assertThat(parking.isParked(
                            account.id(),
                            devices.find(account.id(), "Delivery").orElseThrow().id()))
                    .as("an answered Ping is no longer parked once its answer arrived")
                    .isFalse();
        }

        @Test
        void anotherDevicesSyncChangeShouldWakeAParkedPing() throws Exception {
            deliver(inbox, "Read me");
            MailClient phone = ready("Watcher");
            MailClient tablet = ready("Reader");
            CompletableFuture<WbxmlElement> parked = send(phone, ping(600, inbox));
            awaitParked("Watcher");

            String item = tablet.items(inbox).keySet().iterator().next();
            tablet.change(inbox, List.of(MailClient.markRead(item, true)));

            WbxmlElement response = result(parked);
            assertThat(status(response)).isEqualTo("2");
            assertThat(changed(response)).containsExactly(Long.toString(inbox));
        }

        @Test
        void theDevicesOwnChangeShouldNotCountButALaterForeignOneShould() throws Exception {
            deliver(inbox, "Mine to read");
            MailClient phone = ready("OwnChange");
            CompletableFuture<WbxmlElement> parked = send(phone, ping(600, inbox, archive));
            awaitParked("OwnChange");

            String item = phone.items(inbox).keySet().iterator().next();
            phone.change(inbox, List.of(MailClient.markRead(item, true)));
            deliver(archive, "Somebody else's");

            WbxmlElement response = result(parked);
            assertThat(status(response)).isEqualTo("2");
            assertThat(changed(response))
                    .as("the device's own read in the Inbox is not a change for it")
                    .containsExactly(Long.toString(archive));
        }

        @Test
        void emptyPingShouldWatchTheCachedFolders_3_1_5_8() throws Exception {
            MailClient phone = ready("Cached");
            assertThat(status(result(send(phone, ping(1, archive))))).isEqualTo("1");

            CompletableFuture<WbxmlElement> parked =
                    phone.device().postAsync("Ping", new byte[0]).thenApply(r -> decode(r.body()));
            awaitParked("Cached");
            deliver(archive, "Cached folder");

            WbxmlElement response = result(parked);
            assertThat(status(response)).isEqualTo("2");
            assertThat(changed(response)).containsExactly(Long.toString(archive));
        }

        /**
         * MS-ASCMD defines no Status for a Ping that a newer one replaces; 2.2.3.177.11 Status 1 ("Reissue the Ping
         * command request") is the one whose resolution is harmless, so the older Ping ends with it.
         */
        @Test
        void newerPingOfTheSameDeviceShouldEndTheOlderWithStatus1() throws Exception {
            MailClient phone = ready("Twice");
            CompletableFuture<WbxmlElement> older = send(phone, ping(600, inbox));
            awaitParked("Twice");

            CompletableFuture<WbxmlElement> newer = send(phone, ping(600, inbox));

            assertThat(status(result(older))).isEqualTo("1");
            awaitParked("Twice");
            deliver(inbox, "For the newer one");
            assertThat(status(result(newer))).isEqualTo("2");
        }
    }

    /** Many parked requests of one account are checked together after a wake-up; each still gets its own answer. */
    @Nested
    class OneAccountManyDevices {

        @Test
        void oneChangeShouldAnswerEveryParkedPingOfTheAccountButTheAuthorsOwn() throws Exception {
            deliver(inbox, "To be read");
            MailClient author = ready("Author");
            Map<String, MailClient> others = new LinkedHashMap<>();
            for (int i = 0; i < 4; i++) {
                others.put("Watcher" + i, ready("Watcher" + i));
            }
            CompletableFuture<WbxmlElement> authorsPing = send(author, ping(600, inbox, archive));
            awaitParked("Author");
            Map<String, CompletableFuture<WbxmlElement>> parked = new LinkedHashMap<>();
            for (Map.Entry<String, MailClient> other : others.entrySet()) {
                parked.put(other.getKey(), send(other.getValue(), ping(600, inbox, archive)));
                awaitParked(other.getKey());
            }

            String item = author.items(inbox).keySet().iterator().next();
            author.change(inbox, List.of(MailClient.markRead(item, true)));

            for (Map.Entry<String, CompletableFuture<WbxmlElement>> answer : parked.entrySet()) {
                WbxmlElement response = result(answer.getValue());
                assertThat(status(response)).as(answer.getKey()).isEqualTo("2");
                assertThat(changed(response)).as(answer.getKey()).containsExactly(Long.toString(inbox));
            }
            assertThat(authorsPing)
                    .as("the author's own read is no change for it")
                    .isNotDone();
            awaitParked("Author");

            deliver(archive, "For the author too");

            WbxmlElement response = result(authorsPing);
            assertThat(status(response)).isEqualTo("2");
            assertThat(changed(response)).containsExactly(Long.toString(archive));
        }

        @Test
        void pingsWatchingOtherFoldersShouldStayParked() throws Exception {
            MailClient inboxOnly = ready("InboxOnly");
            MailClient archiveOnly = ready("ArchiveOnly");
            CompletableFuture<WbxmlElement> watchingInbox = send(inboxOnly, ping(600, inbox));
            awaitParked("InboxOnly");
            CompletableFuture<WbxmlElement> watchingArchive = send(archiveOnly, ping(600, archive));
            awaitParked("ArchiveOnly");

            deliver(archive, "Archived");

            assertThat(changed(result(watchingArchive))).containsExactly(Long.toString(archive));
            assertThat(watchingInbox).isNotDone();
            assertThat(parking.isParked(
                            account.id(),
                            devices.find(account.id(), "InboxOnly")
                                    .orElseThrow()
                                    .id()))
                    .isTrue();
            deliver(inbox, "Inboxed");
            assertThat(changed(result(watchingInbox))).containsExactly(Long.toString(inbox));
        }

        @Test
        void aPingAndAHangingSyncOfTheAccountShouldBothBeAnsweredForOneDelivery() throws Exception {
            MailClient pinging = ready("Pinging");
            MailClient hanging = ready("Hanging");
            CompletableFuture<WbxmlElement> ping = send(pinging, ping(600, inbox));
            awaitParked("Pinging");
            CompletableFuture<WbxmlElement> sync = hanging.device()
                    .sendAsync(
                            "Sync",
                            WbxmlElement.of(MailClient.A, "Sync")
                                    .add("HeartbeatInterval", "600")
                                    .add(WbxmlElement.of(MailClient.A, "Collections")
                                            .add(WbxmlElement.of(MailClient.A, "Collection")
                                                    .add("SyncKey", hanging.key(inbox))
                                                    .add("CollectionId", Long.toString(inbox)))));
            awaitParked("Hanging");

            deliver(inbox, "For both");

            assertThat(status(result(ping))).isEqualTo("2");
            assertThat(MailClient.collection(result(sync)).child("Commands")).isPresent();
        }
    }

    static WbxmlElement decode(byte[] body) {
        try {
            return new org.atoll.wbxml.WbxmlDecoder().decode(body);
        } catch (org.atoll.wbxml.WbxmlException e) {
            throw new AssertionError(e);
        }
    }
}
