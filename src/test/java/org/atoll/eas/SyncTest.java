package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.A;
import static org.atoll.support.MailClient.collection;
import static org.atoll.support.MailClient.delete;
import static org.atoll.support.MailClient.flag;
import static org.atoll.support.MailClient.markRead;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.sync.CollectionSyncView;
import org.atoll.sync.ItemSyncs;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sync of Email collections (MS-ASCMD 2.2.1.21) by several devices of one account, over real HTTP and WBXML. */
@AtollTest
class SyncTest {

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
    ItemSyncs itemSyncs;

    @Autowired
    Devices devices;

    AccountView account;
    long inbox;
    long trash;
    long archive;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "sync");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        trash = mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id();
        archive = mailboxes
                .createFolder(account.id(), null, "Archive", org.atoll.mailbox.FolderType.USER_MAIL)
                .id();
    }

    MailClient device(String id) throws Exception {
        return new MailClient(new EasDevice(port, account.address(), PASSWORD, id, protocolVersion()).provision());
    }

    long deviceId(String deviceId) {
        return devices.find(account.id(), deviceId).orElseThrow().id();
    }

    MessageView deliver(long folderId, String subject) {
        return mailboxes.deliver(account.id(), folderId, Mime.message(subject), null);
    }

    /** The folder as the server holds it, in the shape a client keeps it. */
    Map<String, MailClient.Item> server(long folderId) {
        Map<String, MailClient.Item> items = new LinkedHashMap<>();
        for (MessageView m : mailboxes.messages(account.id(), folderId, 0, Mailboxes.MAX_PAGE)) {
            items.put(
                    folderId + ":" + m.id(),
                    new MailClient.Item(
                            m.subject() == null ? "" : m.subject(),
                            m.read(),
                            Integer.toString(m.flag().status().code()),
                            m.categories()));
        }
        return items;
    }

    @Nested
    class SyncKeys {

        @Test
        void keyZeroShouldAnswerWithoutItemsAndTheNextKeyShouldBringThem() throws Exception {
            deliver(inbox, "First");
            MailClient phone = device("KeysPhone");

            WbxmlElement first = collection(phone.sync(inbox, "0", c -> {}));
            assertThat(first.text("Status")).hasValue("1");
            assertThat(first.child("Commands")).isEmpty();
            phone.apply(inbox, first);
            phone.syncOnce(inbox, c -> {});

            assertThat(phone.items(inbox)).isEqualTo(server(inbox));
        }

        @Test
        void pollWithNothingNewShouldKeepTheKeyAndTheKeyShouldMoveOnWithTheNextChange() throws Exception {
            MailClient phone = device("Poller");
            phone.syncFully(inbox, 10);
            String key = phone.key(inbox);

            WbxmlElement poll = phone.syncOnce(inbox, c -> {});
            assertThat(poll.text("SyncKey")).hasValue(key);
            assertThat(poll.child("Commands")).isEmpty();

            deliver(inbox, "News");
            WbxmlElement news = phone.syncOnce(inbox, c -> {});
            assertThat(news.text("SyncKey")).isNotEqualTo(java.util.Optional.of(key));
            assertThat(phone.items(inbox)).isEqualTo(server(inbox)).hasSize(1);
        }

        @Test
        void unknownKeyShouldGetStatus3() throws Exception {
            MailClient phone = device("UnknownKey");

            assertThat(collection(phone.sync(inbox, "7", c -> {})).text("Status"))
                    .hasValue("3");
            phone.syncFully(inbox, 10);
            assertThat(collection(phone.sync(inbox, "99", c -> {})).text("Status"))
                    .hasValue("3");
        }

        /** Another server's {GUID}N key, left on a phone after a migration: the device starts over (MS-ASCMD 2.2.1.21). */
        @Test
        void keyThisServerNeverIssuedShouldGetStatus3AndChangeNothing() throws Exception {
            MailClient phone = device("ForeignKey");
            phone.syncFully(inbox, 10);
            String key = phone.key(inbox);

            WbxmlElement foreign = collection(phone.sync(inbox, "{5D4A9E2C-7B1F-4C3A-9E8D-2F6B1A0C9D34}17", c -> {}));

            assertThat(foreign.text("Status")).hasValue("3");
            assertThat(foreign.text("SyncKey")).hasValue("0");
            WbxmlElement next = collection(phone.sync(inbox, key, c -> {}));
            assertThat(next.text("Status")).hasValue("1");
            assertThat(phone.items(inbox)).isEqualTo(server(inbox));
        }

        @Test
        void resentPreviousKeyShouldGetTheSameChangesWithTheSameServerIdsAndKey_3_1_5_9() throws Exception {
            MailClient phone = device("LostResponse");
            phone.syncFully(inbox, 10);
            String key = phone.key(inbox);
            deliver(inbox, "Lost once");

            WbxmlElement lost = collection(phone.sync(inbox, key, c -> {}));
            WbxmlElement again = collection(phone.sync(inbox, key, c -> {}));

            assertThat(again.text("SyncKey")).isEqualTo(lost.text("SyncKey"));
            assertThat(serverIds(again)).isEqualTo(serverIds(lost)).hasSize(1);
            phone.apply(inbox, again);
            assertThat(phone.items(inbox)).isEqualTo(server(inbox));
        }

        /**
         * A lost response that applied the device's change and then gave it an item of its first scan wrote twice
         * (the change before the scan read on in the table): the resent key puts back what the device held before
         * both, and the change and the same item come again, each once (MS-ASCMD 3.1.5.9).
         */
        @Test
        void resentKeyOfAChangeAndAScannedItemShouldGiveTheSameItemAgainAndEachOnce_3_1_5_9() throws Exception {
            deliver(inbox, "First");
            deliver(inbox, "Second");
            deliver(inbox, "Third");
            MailClient phone = device("LostScan");
            phone.apply(inbox, collection(phone.sync(inbox, "0", c -> c.add("WindowSize", "1"))));
            phone.syncOnce(inbox, c -> c.add("WindowSize", "1"));
            String held = phone.items(inbox).keySet().iterator().next();
            String key = phone.key(inbox);
            Consumer<WbxmlElement> readAndOneMore = c ->
                    c.add("WindowSize", "1").add(WbxmlElement.of(A, "Commands").add(MailClient.markRead(held, true)));

            WbxmlElement lost = collection(phone.sync(inbox, key, readAndOneMore));
            WbxmlElement again = collection(phone.sync(inbox, key, readAndOneMore));

            assertThat(again.text("SyncKey")).isEqualTo(lost.text("SyncKey"));
            assertThat(serverIds(again)).isEqualTo(serverIds(lost)).hasSize(1).doesNotContain(held);
            phone.apply(inbox, again);
            phone.syncFully(inbox, 1);
            assertThat(phone.items(inbox).keySet())
                    .isEqualTo(server(inbox).keySet())
                    .hasSize(3);
            assertThat(server(inbox).get(held).read()).isTrue();
        }

        /**
         * A change resent under the previous key after its answer was lost is applied again without a conflict check
         * (MS-ASCMD 3.1.5.9); what someone else changed in between must still reach the device.
         */
        @Test
        void resentChangeShouldNotHideWhatOthersChangedMeanwhile_3_1_5_9() throws Exception {
            MessageView message = deliver(inbox, "Flagged in between");
            MailClient phone = device("LostChange");
            phone.syncFully(inbox, 10);
            String serverId = inbox + ":" + message.id();
            phone.sync(
                    inbox,
                    phone.key(inbox),
                    c -> c.add(WbxmlElement.of(A, "Commands").add(MailClient.markRead(serverId, true))));
            mailboxes.setFlag(account.id(), List.of(message.id()), Flag.active(null, null));

            phone.change(inbox, List.of(MailClient.markRead(serverId, true)));
            phone.syncFully(inbox, 10);

            assertThat(phone.items(inbox)).isEqualTo(server(inbox));
            assertThat(phone.items(inbox).get(serverId).flagStatus()).isEqualTo("2");
        }

        /**
         * MS-ASCMD 3.1.5.9: a change resent under the same key after its response was lost is answered as before;
         * the device's own change, applied by the first run, does not come back to it as a server change.
         */
        @Test
        void resentChangeShouldGetTheSameAnswerWithoutItsOwnChangeComingBack_3_1_5_9() throws Exception {
            MessageView message = deliver(inbox, "Read once, asked twice");
            MailClient phone = device("ResentOwnChange");
            phone.syncFully(inbox, 10);
            String serverId = inbox + ":" + message.id();
            String key = phone.key(inbox);

            WbxmlElement first = phone.sync(
                    inbox, key, c -> c.add(WbxmlElement.of(A, "Commands").add(MailClient.markRead(serverId, true))));
            WbxmlElement again = phone.sync(
                    inbox, key, c -> c.add(WbxmlElement.of(A, "Commands").add(MailClient.markRead(serverId, true))));

            assertThat(collection(again).child("Commands")).isEmpty();
            assertThat(again).isEqualTo(first);
        }

        @Test
        void keyOlderThanThePreviousShouldGetStatus3() throws Exception {
            MailClient phone = device("OldKey");
            phone.syncFully(inbox, 10);
            String old = phone.key(inbox);
            deliver(inbox, "One");
            phone.syncOnce(inbox, c -> {});
            deliver(inbox, "Two");
            phone.syncOnce(inbox, c -> {});

            assertThat(collection(phone.sync(inbox, old, c -> {})).text("Status"))
                    .hasValue("3");
        }

        @Test
        void folderThatIsNotTheAccountsShouldGetStatus12() throws Exception {
            MailClient phone = device("NoFolder");

            assertThat(collection(phone.sync(987_654_321L, "0", c -> {})).text("Status"))
                    .hasValue("12");
        }
    }

    @Nested
    class Windows {

        @Test
        void largeFolderShouldArriveAcrossWindowsExactlyOnce() throws Exception {
            for (int i = 0; i < 250; i++) {
                deliver(inbox, "Message " + i);
            }
            MailClient phone = device("Windows");

            int requests = phone.syncFully(inbox, 100);

            assertThat(requests).isEqualTo(3);
            assertThat(phone.items(inbox)).hasSize(250).isEqualTo(server(inbox));
            CollectionSyncView state =
                    itemSyncs.collections(account.id(), deviceId("Windows")).getFirst();
            assertThat(state.heldItems()).isEqualTo(250);
            assertThat(state.initialSyncRunning()).isFalse();
        }

        @Test
        void changesDuringAnInitialSyncShouldArriveToo() throws Exception {
            List<MessageView> delivered = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                delivered.add(deliver(inbox, "Early " + i));
            }
            MailClient phone = device("During");
            phone.apply(inbox, collection(phone.sync(inbox, "0", c -> {})));
            phone.syncOnce(inbox, c -> c.add("WindowSize", "10"));

            mailboxes.setRead(
                    account.id(),
                    List.of(delivered.get(0).id(), delivered.get(29).id()),
                    true);
            mailboxes.delete(account.id(), List.of(delivered.get(15).id()));
            deliver(inbox, "Late");
            phone.syncFully(inbox, 10);

            assertThat(phone.items(inbox)).isEqualTo(server(inbox));
        }
    }

    @Nested
    class ThreeDevices {

        @Test
        void changesOnOneDeviceShouldReachTheOthersExactlyOnceAndNeverEchoBack() throws Exception {
            for (int i = 0; i < 12; i++) {
                deliver(inbox, "Shared " + i);
            }
            MailClient a = device("DeviceA");
            MailClient b = device("DeviceB");
            MailClient c = device("DeviceC");
            for (MailClient device : List.of(a, b, c)) {
                device.syncFully(inbox, 5);
                device.syncFully(archive, 5);
                device.syncFully(trash, 5);
            }
            List<String> ids = List.copyOf(a.items(inbox).keySet());

            WbxmlElement answer = a.change(
                    inbox,
                    List.of(
                            markRead(ids.get(0), true),
                            markRead(ids.get(1), true),
                            flag(ids.get(2)),
                            delete(ids.get(3))));
            assertThat(answer.child("Responses"))
                    .as("successful changes need no answer")
                    .isEmpty();
            List<String> moved = a.move(inbox, archive, List.of(ids.get(4), ids.get(5)));

            for (MailClient other : List.of(b, c)) {
                other.syncFully(inbox, 5);
                other.syncFully(archive, 5);
                other.syncFully(trash, 5);
                assertThat(other.items(inbox)).isEqualTo(server(inbox));
                assertThat(other.items(archive)).isEqualTo(server(archive)).containsKeys(moved.toArray(String[]::new));
                assertThat(other.items(trash)).isEqualTo(server(trash)).hasSize(1);
            }
            WbxmlElement echo = a.syncOnce(inbox, x -> {});
            assertThat(echo.child("Commands")).as("no echo of A's own changes").isEmpty();
            assertThat(a.syncOnce(archive, x -> {}).child("Commands"))
                    .as("no echo of A's moves")
                    .isEmpty();
            a.syncOnce(trash, x -> {});
            assertThat(a.items(inbox)).isEqualTo(server(inbox));
            assertThat(a.items(archive)).isEqualTo(server(archive));
            assertThat(a.items(trash))
                    .as("A gets the deleted item in Deleted Items")
                    .isEqualTo(server(trash));
        }

        @Test
        void retriedChangeRequestShouldChangeNothingTwice() throws Exception {
            for (int i = 0; i < 4; i++) {
                deliver(inbox, "Retry " + i);
            }
            MailClient a = device("RetryA");
            MailClient b = device("RetryB");
            a.syncFully(inbox, 10);
            b.syncFully(inbox, 10);
            List<String> ids = List.copyOf(a.items(inbox).keySet());
            String key = a.key(inbox);
            long before = mailboxes.highestModseq(account.id());
            WbxmlElement commands = WbxmlElement.of(A, "Commands")
                    .add(markRead(ids.get(0), true))
                    .add(delete(ids.get(1)));

            WbxmlElement first = collection(a.sync(inbox, key, c -> c.add(commands)));
            long afterFirst = mailboxes.highestModseq(account.id());
            WbxmlElement retried = collection(a.sync(inbox, key, c -> c.add(commands)));

            assertThat(retried.text("SyncKey")).isEqualTo(first.text("SyncKey"));
            assertThat(retried.child("Responses")).isEmpty();
            assertThat(afterFirst).isGreaterThan(before);
            assertThat(mailboxes
                            .changes(account.id(), inbox, JournalPosition.afterModseq(afterFirst), 10)
                            .entries())
                    .as("the retry journals nothing")
                    .isEmpty();
            assertThat(mailboxes
                            .changes(account.id(), trash, JournalPosition.afterModseq(afterFirst), 10)
                            .entries())
                    .isEmpty();
            assertThat(mailboxes.count(account.id(), trash)).isEqualTo(1);
            b.syncFully(inbox, 10);
            assertThat(b.items(inbox)).isEqualTo(server(inbox)).hasSize(3);
        }

        @Test
        void tenChangesAndTwoDeletesOfOneSyncShouldBeOneMutationThatOthersSeeAndAReplayRepeats() throws Exception {
            for (int i = 0; i < 14; i++) {
                deliver(inbox, "Batch " + i);
            }
            MailClient a = device("BatchA");
            MailClient b = device("BatchB");
            for (MailClient device : List.of(a, b)) {
                device.syncFully(inbox, 20);
                device.syncFully(trash, 20);
            }
            List<String> ids = List.copyOf(a.items(inbox).keySet());
            List<WbxmlElement> commands = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                commands.add(i % 2 == 0 ? markRead(ids.get(i), true) : flag(ids.get(i)));
            }
            commands.add(delete(ids.get(10)));
            commands.add(delete(ids.get(11)));
            String key = a.key(inbox);
            long before = mailboxes.highestModseq(account.id());

            WbxmlElement first = a.change(inbox, commands);

            long after = mailboxes.highestModseq(account.id());
            assertThat(after).as("one modseq for the whole Sync").isEqualTo(before + 1);
            List<JournalEntry> inInbox = mailboxes
                    .changes(account.id(), inbox, JournalPosition.afterModseq(before), 100)
                    .entries();
            assertThat(inInbox)
                    .as("one journal batch: 10 changes and 2 removals")
                    .hasSize(12)
                    .allSatisfy(entry -> assertThat(entry.position().modseq()).isEqualTo(after));
            assertThat(mailboxes
                            .changes(account.id(), trash, JournalPosition.afterModseq(before), 100)
                            .entries())
                    .hasSize(2)
                    .allSatisfy(entry -> assertThat(entry.position().modseq()).isEqualTo(after));

            WbxmlElement replay = collection(a.sync(inbox, key, c -> {
                WbxmlElement list = WbxmlElement.of(A, "Commands");
                commands.forEach(list::add);
                c.add(list);
            }));
            assertThat(replay.text("SyncKey")).isEqualTo(first.text("SyncKey"));
            assertThat(replay.child("Responses")).isEqualTo(first.child("Responses"));
            assertThat(replay.child("Commands")).as("no echo, also on a replay").isEmpty();
            assertThat(mailboxes.highestModseq(account.id()))
                    .as("the replay changes nothing")
                    .isEqualTo(after);

            b.syncFully(inbox, 20);
            b.syncFully(trash, 20);
            assertThat(b.items(inbox)).isEqualTo(server(inbox)).hasSize(12);
            assertThat(b.items(trash)).isEqualTo(server(trash)).hasSize(2);
            assertThat(a.syncOnce(inbox, c -> {}).child("Commands")).isEmpty();
            assertThat(a.items(inbox)).isEqualTo(server(inbox));
        }

        @Test
        void changesMadeThroughTheServicesShouldReachEveryDevice() throws Exception {
            MessageView message = deliver(inbox, "Service");
            MailClient a = device("ServiceA");
            MailClient b = device("ServiceB");
            a.syncFully(inbox, 10);
            b.syncFully(inbox, 10);

            mailboxes.setFlag(account.id(), List.of(message.id()), Flag.active(null, null));
            mailboxes.setCategories(account.id(), message.id(), List.of("Blue"));

            for (MailClient device : List.of(a, b)) {
                WbxmlElement collection = device.syncOnce(inbox, c -> {});
                assertThat(collection.child("Commands").orElseThrow().children("Change"))
                        .hasSize(1);
                assertThat(device.items(inbox)).isEqualTo(server(inbox));
            }
        }
    }

    @Nested
    class Conflicts {

        @Test
        void serverShouldWinByDefaultWithStatus7AndTheServerStateSent() throws Exception {
            MessageView message = deliver(inbox, "Contested");
            MailClient a = device("ConflictA");
            a.syncFully(inbox, 10);
            String serverId = inbox + ":" + message.id();
            mailboxes.setRead(account.id(), List.of(message.id()), true);

            WbxmlElement answer = a.change(inbox, List.of(markRead(serverId, false)));

            WbxmlElement change =
                    answer.child("Responses").orElseThrow().child("Change").orElseThrow();
            assertThat(change.text("Status")).hasValue("7");
            assertThat(mailboxes.message(account.id(), message.id()).read()).isTrue();
            assertThat(a.items(inbox).get(serverId).read())
                    .as("the server's state reaches the device")
                    .isTrue();
            assertThat(conflicts("SERVER")).isEqualTo(1);
        }

        @Test
        void clientShouldWinWhenItAsksWithConflict0() throws Exception {
            MessageView message = deliver(inbox, "Contested");
            MailClient a = device("ClientWins");
            a.syncFully(inbox, 10);
            String serverId = inbox + ":" + message.id();
            mailboxes.setRead(account.id(), List.of(message.id()), true);

            WbxmlElement answer = collection(a.sync(
                    inbox,
                    a.key(inbox),
                    c -> c.add(WbxmlElement.of(A, "Options").add("Conflict", "0"))
                            .add(WbxmlElement.of(A, "Commands").add(markRead(serverId, false)))));

            assertThat(answer.child("Responses")).isEmpty();
            assertThat(mailboxes.message(account.id(), message.id()).read()).isFalse();
            assertThat(conflicts("CLIENT")).isEqualTo(1);
        }

        /**
         * MS-ASCMD 2.2.3.34 decided per property: a device's change conflicts only with someone else's change of the
         * same property after the device's state. Another device's Flag, another's Categories and a reply's
         * LastVerbExecuted leave a device's Read standing, and the other way round.
         */
        @Test
        void changesOfDifferentPropertiesShouldNotConflictAndAllStand() throws Exception {
            MessageView message = deliver(inbox, "Shared");
            MailClient a = device("PropertyA");
            MailClient b = device("PropertyB");
            a.syncFully(inbox, 10);
            b.syncFully(inbox, 10);
            String serverId = inbox + ":" + message.id();

            WbxmlElement flagged = b.change(inbox, List.of(MailClient.flag(serverId)));
            assertThat(flagged.child("Responses")).isEmpty();
            mailboxes.recordVerb(account.id(), message.id(), LastVerb.REPLY_TO_SENDER);
            WbxmlElement read = a.change(inbox, List.of(markRead(serverId, true)));
            assertThat(read.child("Responses"))
                    .as("Read against Flag and LastVerbExecuted")
                    .isEmpty();
            WbxmlElement categorized = b.change(inbox, List.of(categories(serverId, "Blue")));
            assertThat(categorized.child("Responses"))
                    .as("Categories against Read")
                    .isEmpty();

            MessageView stored = mailboxes.message(account.id(), message.id());
            assertThat(stored.read()).isTrue();
            assertThat(stored.flag()).isNotEqualTo(Flag.CLEARED);
            assertThat(stored.categories()).containsExactly("Blue");
            assertThat(stored.lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
            assertThat(conflicts("SERVER") + conflicts("CLIENT")).isZero();
            a.syncFully(inbox, 10);
            b.syncFully(inbox, 10);
            assertThat(a.items(inbox)).isEqualTo(server(inbox));
            assertThat(b.items(inbox)).isEqualTo(server(inbox));
        }

        @Test
        void twoDevicesSettingReadShouldConflictAndTheServerKeepItsReadByDefault() throws Exception {
            MessageView message = deliver(inbox, "Both read it");
            MailClient a = device("SameA");
            MailClient b = device("SameB");
            a.syncFully(inbox, 10);
            b.syncFully(inbox, 10);
            String serverId = inbox + ":" + message.id();

            assertThat(b.change(inbox, List.of(markRead(serverId, true))).child("Responses"))
                    .isEmpty();
            // One Change of Read (which clashes with B's) and of Categories (which does not): Status 7, Read keeps
            // the server's value, the Categories stand.
            WbxmlElement both = markRead(serverId, false);
            both.child("ApplicationData")
                    .orElseThrow()
                    .add(WbxmlElement.of(CodePage.EMAIL, "Categories").add("Category", "Red"));
            WbxmlElement answer = a.change(inbox, List.of(both));

            assertThat(answer.child("Responses").orElseThrow().children("Change"))
                    .extracting(change -> change.text("Status").orElseThrow())
                    .containsExactly("7");
            MessageView stored = mailboxes.message(account.id(), message.id());
            assertThat(stored.read()).isTrue();
            assertThat(stored.categories()).containsExactly("Red");
            assertThat(conflicts("SERVER")).isEqualTo(1);
            a.syncFully(inbox, 10);
            assertThat(a.items(inbox)).isEqualTo(server(inbox));
        }

        private static WbxmlElement categories(String serverId, String category) {
            return WbxmlElement.of(A, "Change")
                    .add("ServerId", serverId)
                    .add(WbxmlElement.of(A, "ApplicationData")
                            .add(WbxmlElement.of(CodePage.EMAIL, "Categories").add("Category", category)));
        }

        long conflicts(String winner) {
            return itemSyncs.conflicts(account.id(), null, 100).stream()
                    .filter(conflict -> conflict.clientWon() == winner.equals("CLIENT"))
                    .count();
        }
    }

    @Nested
    class Filters {

        @Test
        void narrowerFilterTypeShouldSoftDeleteWhatFellOutAndWiderShouldBringItBack() throws Exception {
            mailboxes.deliver(
                    account.id(), inbox, Mime.message("Old"), Instant.now().minus(Duration.ofDays(10)));
            mailboxes.deliver(
                    account.id(), inbox, Mime.message("Recent"), Instant.now().minus(Duration.ofHours(2)));
            MailClient phone = device("Filters");
            phone.syncFully(inbox, 10);
            assertThat(phone.items(inbox)).hasSize(2);

            WbxmlElement narrowed = phone.syncOnce(
                    inbox, c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "3")));

            assertThat(narrowed.child("Commands").orElseThrow().children("SoftDelete"))
                    .hasSize(1);
            assertThat(phone.items(inbox).values())
                    .extracting(MailClient.Item::subject)
                    .containsExactly("Recent");

            phone.syncOnce(inbox, c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "0")));
            assertThat(phone.items(inbox)).isEqualTo(server(inbox)).hasSize(2);
        }
    }

    @Nested
    class Items {

        @Test
        void windowOfLargeMessagesShouldStreamOutWholeWhileASmallAnswerKeepsItsLength() throws Exception {
            Set<String> delivered = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                byte[] raw = Mime.large("Large " + i, 300 * 1024);
                mailboxes.deliver(account.id(), inbox, raw, null);
                delivered.add(new String(raw, StandardCharsets.US_ASCII));
            }
            MailClient phone = device("Streamer");
            phone.apply(inbox, collection(phone.sync(inbox, "0", c -> {})));
            WbxmlElement wholeMime = WbxmlElement.of(A, "Collection")
                    .add("SyncKey", phone.key(inbox))
                    .add("CollectionId", Long.toString(inbox))
                    .add("WindowSize", "10")
                    .add(WbxmlElement.of(A, "Options")
                            .add("MIMESupport", "2")
                            .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "BodyPreference")
                                    .add("Type", "4")));

            HttpResponse<byte[]> response = phone.device().post("Sync", sync(wholeMime));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length")).isEmpty();
            assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
            WbxmlElement window = collection(new WbxmlDecoder().decode(response.body()));
            assertThat(window.child("MoreAvailable")).isEmpty();
            assertThat(window.child("Commands").orElseThrow().children("Add"))
                    .map(add -> add.child("ApplicationData")
                            .flatMap(data -> data.child(CodePage.AIRSYNCBASE, "Body"))
                            .flatMap(body -> body.text("Data"))
                            .orElseThrow())
                    .containsExactlyInAnyOrderElementsOf(delivered);
            phone.apply(inbox, window);

            HttpResponse<byte[]> poll = phone.device()
                    .post(
                            "Sync",
                            sync(WbxmlElement.of(A, "Collection")
                                    .add("SyncKey", phone.key(inbox))
                                    .add("CollectionId", Long.toString(inbox))));
            assertThat(poll.headers().firstValue("Content-Length")).hasValue(Integer.toString(poll.body().length));
        }

        byte[] sync(WbxmlElement collection) {
            return new WbxmlEncoder()
                    .encode(WbxmlElement.of(A, "Sync")
                            .add(WbxmlElement.of(A, "Collections").add(collection)));
        }

        @Test
        void messageWithZeroBytesShouldArriveInEveryBodyTypeWithoutBlockingTheFolder() throws Exception {
            String raw = "From: Ana <ana@example.org>\r\n"
                    + "To: Bo <bo@example.net>\r\n"
                    + "Subject: =?utf-8?Q?zero=00here?=\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n"
                    + "\r\n"
                    + "before=00after \u0000 raw\r\n";
            mailboxes.deliver(account.id(), inbox, raw.getBytes(StandardCharsets.UTF_8), null);
            deliver(inbox, "Fine");

            for (String type : List.of("1", "2", "4")) {
                MailClient phone = device("Zero" + type);
                phone.apply(inbox, collection(phone.sync(inbox, "0", c -> {})));
                WbxmlElement window = phone.syncOnce(
                        inbox,
                        c -> c.add(WbxmlElement.of(A, "Options")
                                .add("MIMESupport", "2")
                                .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "BodyPreference")
                                        .add("Type", type))));

                assertThat(phone.items(inbox)).as("body type %s", type).isEqualTo(server(inbox));
                assertThat(window.child("Commands").orElseThrow().children("Add"))
                        .map(add -> add.child("ApplicationData")
                                .flatMap(data -> data.child(CodePage.AIRSYNCBASE, "Body"))
                                .flatMap(body -> body.text("Data"))
                                .orElse(""))
                        .anySatisfy(data -> assertThat(data).contains("before", "after"));
            }
        }

        @Test
        void brokenMimeShouldStillArriveAsAnItem() throws Exception {
            mailboxes.deliver(account.id(), inbox, "\u0000\u0001 not mime at all\r\n\r\n--".getBytes(), null);
            deliver(inbox, "Fine");
            MailClient phone = device("Broken");

            phone.syncFully(inbox, 10);

            assertThat(phone.items(inbox)).hasSize(2);
        }

        @Test
        void addShouldCarryTheEmailPropertiesAndTheBodyAsAsked() throws Exception {
            deliver(inbox, "Properties");
            MailClient phone = device("Props");
            phone.apply(inbox, collection(phone.sync(inbox, "0", c -> {})));

            WbxmlElement collection = phone.syncOnce(
                    inbox,
                    c -> c.add(WbxmlElement.of(A, "Options")
                            .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "BodyPreference")
                                    .add("Type", "1")
                                    .add("TruncationSize", "5"))));

            WbxmlElement data = collection
                    .child("Commands")
                    .orElseThrow()
                    .child("Add")
                    .orElseThrow()
                    .child("ApplicationData")
                    .orElseThrow();
            assertThat(data.text(CodePage.EMAIL, "Subject")).hasValue("Properties");
            assertThat(data.text(CodePage.EMAIL, "MessageClass")).hasValue("IPM.Note");
            WbxmlElement body = data.child(CodePage.AIRSYNCBASE, "Body").orElseThrow();
            assertThat(body.text("Type")).hasValue("1");
            assertThat(body.text("Truncated")).hasValue("1");
            assertThat(body.text("Data").orElseThrow()).hasSizeLessThanOrEqualTo(5);
        }

        WbxmlElement draft(String clientId, String subject) {
            return WbxmlElement.of(A, "Add")
                    .add("ClientId", clientId)
                    .add(WbxmlElement.of(A, "ApplicationData")
                            .add(CodePage.EMAIL, "To", "Bob <bob@example.org>")
                            .add(CodePage.EMAIL, "Subject", subject)
                            .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")
                                    .add("Type", "1")
                                    .add("Data", "Draft text")));
        }

        @Test
        void resentAddWithTheSameClientIdShouldGetTheSameServerIdAndMakeOneMessage_2_2_3_7_2() throws Exception {
            long drafts =
                    mailboxes.systemFolder(account.id(), SystemFolder.DRAFTS).id();
            MailClient a = device("DraftsA");
            MailClient b = device("DraftsB");
            a.syncFully(drafts, 10);
            b.syncFully(drafts, 10);
            String key = a.key(drafts);

            WbxmlElement first = collection(a.sync(
                    drafts, key, c -> c.add(WbxmlElement.of(A, "Commands").add(draft("c-1", "Plan")))));
            WbxmlElement again = collection(a.sync(
                    drafts, key, c -> c.add(WbxmlElement.of(A, "Commands").add(draft("c-1", "Plan")))));
            WbxmlElement later = collection(a.sync(
                    drafts,
                    again.text("SyncKey").orElseThrow(),
                    c -> c.add(WbxmlElement.of(A, "Commands").add(draft("c-1", "Plan")))));

            WbxmlElement added =
                    first.child("Responses").orElseThrow().child("Add").orElseThrow();
            assertThat(added.text("Status")).hasValue("1");
            assertThat(added.text("ClientId")).hasValue("c-1");
            for (WbxmlElement retry : List.of(again, later)) {
                assertThat(retry.child("Responses")
                                .orElseThrow()
                                .child("Add")
                                .orElseThrow()
                                .text("ServerId"))
                        .isEqualTo(added.text("ServerId"));
            }
            assertThat(later.child("Commands"))
                    .as("no echo of the device's own draft")
                    .isEmpty();
            assertThat(mailboxes.count(account.id(), drafts)).isEqualTo(1);
            b.syncOnce(drafts, c -> {});
            assertThat(b.items(drafts).keySet())
                    .containsExactly(added.text("ServerId").orElseThrow());
            assertThat(b.items(drafts).values())
                    .extracting(MailClient.Item::subject)
                    .containsExactly("Plan");
        }

        @Test
        void addOutsideDraftsShouldGetStatus6AndCreateNothing() throws Exception {
            MailClient a = device("AddInbox");
            a.syncFully(inbox, 10);

            WbxmlElement answer = collection(a.sync(
                    inbox,
                    a.key(inbox),
                    c -> c.add(WbxmlElement.of(A, "Commands").add(draft("c-2", "Nope")))));

            assertThat(answer.child("Responses")
                            .orElseThrow()
                            .child("Add")
                            .orElseThrow()
                            .text("Status"))
                    .hasValue("6");
            assertThat(mailboxes.count(account.id(), inbox)).isZero();
        }

        @Test
        void emptySyncRequestShouldRepeatThePreviousCollections() throws Exception {
            MailClient phone = device("Empty");
            phone.syncFully(inbox, 10);
            deliver(inbox, "After");

            var response = phone.device().post("Sync", new byte[0]);

            assertThat(response.statusCode()).isEqualTo(200);
            WbxmlElement collection = collection(new org.atoll.wbxml.WbxmlDecoder().decode(response.body()));
            phone.apply(inbox, collection);
            assertThat(phone.items(inbox)).isEqualTo(server(inbox)).hasSize(1);
        }

        @Test
        void emptySyncRequestShouldKeepTheBodyPreferencesSentBefore() throws Exception {
            MailClient phone = device("KeepsOptions");
            phone.apply(
                    inbox,
                    collection(phone.sync(
                            inbox,
                            "0",
                            c -> c.add(WbxmlElement.of(A, "Options")
                                    .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "BodyPreference")
                                            .add("Type", "2")
                                            .add("TruncationSize", "100000")
                                            .add("Preview", "40"))))));
            deliver(inbox, "Styled");

            var response = phone.device().post("Sync", new byte[0]);

            WbxmlElement body = collection(new org.atoll.wbxml.WbxmlDecoder().decode(response.body()))
                    .child("Commands")
                    .orElseThrow()
                    .child("Add")
                    .orElseThrow()
                    .child("ApplicationData")
                    .orElseThrow()
                    .child(CodePage.AIRSYNCBASE, "Body")
                    .orElseThrow();
            assertThat(body.text("Type")).hasValue("2");
            assertThat(body.text("Data").orElseThrow()).startsWith("<html>");
            assertThat(body.text("Preview")).isPresent();
        }

        @Test
        void emptySyncRequestWithoutAPreviousOneShouldGetStatus13() throws Exception {
            MailClient phone = device("EmptyFirst");

            var response = phone.device().post("Sync", new byte[0]);

            assertThat(new org.atoll.wbxml.WbxmlDecoder()
                            .decode(response.body())
                            .text("Status"))
                    .hasValue("13");
        }
    }

    @Nested
    class Versions {

        @Test
        void protocol12_1DeviceShouldSyncWithoutTheEmail2Properties() throws Exception {
            deliver(inbox, "Old client");
            MailClient old =
                    new MailClient(new EasDevice(port, account.address(), PASSWORD, "OldDevice", "12.1").provision());

            old.apply(inbox, collection(old.sync(inbox, "0", c -> {})));
            WbxmlElement collection = old.syncOnce(inbox, c -> {});

            WbxmlElement data = collection
                    .child("Commands")
                    .orElseThrow()
                    .child("Add")
                    .orElseThrow()
                    .child("ApplicationData")
                    .orElseThrow();
            assertThat(data.text(CodePage.EMAIL, "Subject")).hasValue("Old client");
            assertThat(data.child(CodePage.EMAIL2, "ConversationId")).isEmpty();
        }
    }

    @Nested
    class BadRequests {

        @Test
        void malformedCollectionShouldGetStatus4AndChangeNothing() throws Exception {
            MessageView message = deliver(inbox, "Untouched");
            MailClient phone = device("Malformed");
            phone.syncFully(inbox, 10);

            WbxmlElement unknownCommand = collection(phone.sync(
                    inbox,
                    phone.key(inbox),
                    c -> c.add(WbxmlElement.of(A, "Commands")
                            .add(MailClient.markRead(inbox + ":" + message.id(), true))
                            .add(WbxmlElement.of(A, "SoftDelete").add("ServerId", "x")))));
            WbxmlElement badFilter = collection(phone.sync(
                    inbox,
                    phone.key(inbox),
                    c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "9"))));

            assertThat(unknownCommand.text("Status")).hasValue("4");
            assertThat(badFilter.text("Status")).hasValue("4");
            assertThat(mailboxes.message(account.id(), message.id()).read()).isFalse();
        }

        @Test
        void notASyncDocumentShouldGetStatus4() throws Exception {
            MailClient phone = device("NotSync");

            WbxmlElement response =
                    phone.device().send("Sync", WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync"));

            assertThat(response.text("Status")).hasValue("4");
        }

        @Test
        void changesToAnotherAccountsItemsShouldNotBeFound() throws Exception {
            AccountView other = TestAccounts.open(accounts, "victim");
            long theirInbox =
                    mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();
            MessageView theirs = mailboxes.deliver(other.id(), theirInbox, Mime.message("Theirs"), null);
            MailClient phone = device("Intruder");
            phone.syncFully(inbox, 10);

            WbxmlElement answer = collection(phone.sync(
                    inbox,
                    phone.key(inbox),
                    c -> c.add(WbxmlElement.of(A, "Commands")
                            .add(MailClient.markRead(inbox + ":" + theirs.id(), true))
                            .add(MailClient.delete(theirInbox + ":" + theirs.id())))));
            WbxmlElement theirFolder = collection(phone.sync(theirInbox, "0", c -> {}));

            assertThat(answer.child("Responses").orElseThrow().children())
                    .extracting(r -> r.text("Status").orElseThrow())
                    .containsExactly("8", "8");
            assertThat(theirFolder.text("Status")).hasValue("12");
            MessageView after = mailboxes.message(other.id(), theirs.id());
            assertThat(after.read()).isFalse();
            assertThat(after.folderId()).isEqualTo(theirInbox);
        }
    }

    static List<String> serverIds(WbxmlElement collection) {
        return collection.child("Commands").map(WbxmlElement::children).orElse(List.of()).stream()
                .map(c -> c.text("ServerId").orElseThrow())
                .toList();
    }
}
