package org.atoll.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.collection;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.audit.AuditLog;
import org.atoll.device.Devices;
import org.atoll.mail.SentClientIdHousekeeping;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.retention.internal.RunLock;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.sync.SyncHousekeeping;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Bounded growth: what outlived its retention goes, a device whose state lies before the kept journal starts over
 * as MS-ASCMD tells it to (Sync Status 3, FolderSync Status 9) and loses nothing, and two nodes never run the job
 * at once. Rows are made old by moving their times back, as the days would.
 */
@AtollTest
class RetentionTest {

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
    Retention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RunLock runLock;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    SyncHousekeeping syncs;

    @Autowired
    SentClientIdHousekeeping sentClientIds;

    @Autowired
    AuditLog audit;

    @Autowired
    RetentionProperties properties;

    @Autowired
    Clock clock;

    AccountView account;
    long inbox;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "retention");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
    }

    MailClient device(String id) throws Exception {
        return new MailClient(new EasDevice(port, account.address(), PASSWORD, id).provision());
    }

    long devicePk(String deviceId) {
        return devices.find(account.id(), deviceId).orElseThrow().id();
    }

    MessageView deliver(String subject) {
        return mailboxes.deliver(account.id(), inbox, Mime.message(subject), null);
    }

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

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = ?")
                .param(account.id())
                .query(Long.class)
                .single();
    }

    /** How many items the latest responses gave their devices without holding them before, for all collections. */
    long undoAdded() {
        return jdbc.sql(
                        "SELECT coalesce(sum(cardinality(undo_added)), 0) FROM collection_sync_state WHERE account_id = ?")
                .param(account.id())
                .query(Long.class)
                .single();
    }

    void age(String table, String column, String byInterval) {
        jdbc.sql("UPDATE " + table + " SET " + column + " = " + column + " - interval '" + byInterval
                        + "' WHERE account_id = ?")
                .param(account.id())
                .update();
    }

    @Test
    void deviceWhoseStateLiesBeforeTheKeptJournalShouldStartOverAndLoseNothing_2_2_3_177_17() throws Exception {
        MessageView first = deliver("First");
        MessageView second = deliver("Second");
        deliver("Third");
        MailClient idle = device("IdlePhone");
        String idleFolderKey = idle.device().folderSync("0").text("SyncKey").orElseThrow();
        idle.syncFully(inbox, 10);
        String idleKey = idle.key(inbox);

        mailboxes.setRead(account.id(), List.of(first.id()), true);
        mailboxes.delete(account.id(), List.of(second.id()));
        deliver("Fourth");
        mailboxes.createFolder(account.id(), null, "Projects", FolderType.USER_MAIL);
        MailClient active = device("ActivePhone");
        String activeFolderKey = active.device().folderSync("0").text("SyncKey").orElseThrow();
        active.syncFully(inbox, 10);
        long journal = count("journal");
        age("journal", "at", "60 days");

        RetentionReport report = retention.run();

        assertThat(report.ran()).isTrue();
        assertThat(report.journalEntries()).isGreaterThanOrEqualTo(journal);
        assertThat(count("journal")).isZero();
        WbxmlElement stale = collection(idle.sync(inbox, idleKey, c -> {}));
        assertThat(stale.text("Status")).hasValue("3");
        assertThat(idle.device().folderSync(idleFolderKey).text("Status")).hasValue("9");
        assertThat(active.syncOnce(inbox, c -> {}).text("Status")).hasValue("1");
        assertThat(active.device().folderSync(activeFolderKey).text("Status")).hasValue("1");

        MailClient restarted = new MailClient(idle.device());
        assertThat(restarted.device().folderSync("0").text("Status")).hasValue("1");
        restarted.syncFully(inbox, 2);
        assertThat(restarted.items(inbox)).isEqualTo(server(inbox)).hasSize(3);
        assertThat(server(inbox).values())
                .extracting(MailClient.Item::subject)
                .containsExactlyInAnyOrder("First", "Third", "Fourth");
        assertThat(active.items(inbox)).isEqualTo(server(inbox));
    }

    @Test
    void estimateForADeviceBeforeTheKeptJournalShouldGetStatus4_2_2_3_177_6() throws Exception {
        deliver("Old news");
        MailClient idle = device("PingAfterPrune");
        idle.syncFully(inbox, 10);
        deliver("Unseen");
        age("journal", "at", "60 days");
        retention.run();

        WbxmlElement estimate = idle.device()
                .send(
                        "GetItemEstimate",
                        WbxmlElement.of(org.atoll.wbxml.CodePage.GET_ITEM_ESTIMATE, "GetItemEstimate")
                                .add(WbxmlElement.of(org.atoll.wbxml.CodePage.GET_ITEM_ESTIMATE, "Collections")
                                        .add(WbxmlElement.of(org.atoll.wbxml.CodePage.GET_ITEM_ESTIMATE, "Collection")
                                                .add(org.atoll.wbxml.CodePage.AIRSYNC, "SyncKey", idle.key(inbox))
                                                .add("CollectionId", Long.toString(inbox)))));
        assertThat(estimate.child("Response").orElseThrow().text("Status")).hasValue("4");
    }

    @Test
    void oldRowsShouldGoAndTheTablesShrink() throws Exception {
        deliver("Kept");
        MessageView read = deliver("Read elsewhere");
        MessageView deleted = deliver("Deleted elsewhere");
        MessageView gone = deliver("Gone for good");
        MailClient phone = device("Shrinking");
        phone.syncFully(inbox, 10);
        deliver("With undo");
        mailboxes.setRead(account.id(), List.of(read.id()), true);
        mailboxes.move(
                account.id(),
                List.of(deleted.id()),
                mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id());
        mailboxes.delete(account.id(), List.of(gone.id()));
        String previous = phone.key(inbox);
        phone.syncOnce(inbox, c -> {});
        long pk = devicePk("Shrinking");
        long projects = mailboxes
                .createFolder(account.id(), null, "Gone soon", FolderType.USER_MAIL)
                .id();
        phone.syncFully(projects, 10);
        mailboxes.deleteFolder(account.id(), projects);
        jdbc.sql("""
                        INSERT INTO sync_conflict (account_id, device_pk, folder_id, message_id, winner, held_modseq,
                            server_modseq, occurred_at)
                        VALUES (?, ?, ?, 1, 'SERVER', 1, 2, now() - interval '100 days')
                        """).params(account.id(), pk, inbox).update();
        jdbc.sql("""
                        INSERT INTO client_add (account_id, device_pk, client_id, folder_id, message_id, added_at)
                        VALUES (?, ?, 'old-add', ?, 1, now() - interval '40 days')
                        """).params(account.id(), pk, inbox).update();
        jdbc.sql("""
                        INSERT INTO sent_client_id (account_id, device_id, client_id, sent_at)
                        VALUES (?, ?, 'old-send', now() - interval '40 days'),
                               (?, ?, 'new-send', now())
                        """).params(account.id(), pk, account.id(), pk).update();
        jdbc.sql("""
                        INSERT INTO audit_entry (at, actor, action, account_id, detail)
                        VALUES (now() - interval '400 days', 'tester', 'OLD', ?, ''), (now(), 'tester', 'NEW', ?, '')
                        """).params(account.id(), account.id()).update();
        assertThat(count("device_item_undo"))
                .as("a row for the read item, the moved one and the one removed")
                .isEqualTo(3);
        assertThat(undoAdded()).as("the new message").isOne();
        assertThat(count("collection_sync_state")).isEqualTo(2);
        age("collection_sync_state", "synced_at", "40 days");

        RetentionReport report = retention.run();

        assertThat(report.ran()).isTrue();
        assertThat(count("device_item_undo")).isZero();
        assertThat(undoAdded()).isZero();
        assertThat(count("sync_conflict")).isZero();
        assertThat(count("client_add")).isZero();
        assertThat(count("sent_client_id")).isOne();
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE account_id = ? AND actor = 'tester'")
                        .param(account.id())
                        .query(String.class)
                        .list())
                .containsExactly("NEW");
        assertThat(count("collection_sync_state")).isOne();
        assertThat(report.previousSyncKeys()).isPositive();
        assertThat(report.deletedFolderStates()).isPositive();
        assertThat(collection(phone.sync(inbox, previous, c -> {})).text("Status"))
                .as("the previous key, forgotten")
                .hasValue("3");
        deliver("After");
        assertThat(phone.syncOnce(inbox, c -> {}).text("Status")).hasValue("1");
        assertThat(phone.items(inbox)).isEqualTo(server(inbox)).hasSize(4);
        assertThat(devices.find(account.id(), "Shrinking"))
                .as("idle devices are kept by default")
                .isPresent();
    }

    @Test
    void deviceNotSeenForTheConfiguredTimeShouldBeRemovedWhenAsked() throws Exception {
        device("Forgotten").device().folderSync("0");
        device("Recent").device().folderSync("0");
        jdbc.sql("UPDATE device SET last_seen_at = now() - interval '100 days', last_ping_at = NULL"
                        + " WHERE account_id = ? AND device_id = 'Forgotten'")
                .param(account.id())
                .update();
        Retention removingIdle = instance(new RetentionProperties(
                false,
                Duration.ofHours(1),
                1000,
                properties.journal(),
                properties.previousSyncKeys(),
                properties.conflicts(),
                properties.clientIds(),
                properties.audit(),
                properties.deletedFolders(),
                Duration.ofDays(90)));

        assertThat(removingIdle.run().idleDevices()).isGreaterThanOrEqualTo(1);

        assertThat(devices.find(account.id(), "Forgotten")).isEmpty();
        assertThat(devices.find(account.id(), "Recent")).isPresent();
    }

    @Test
    void twoNodesShouldNeverRunTheJobAtOnce() throws Exception {
        Retention otherNode = instance(properties);
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean waited = new AtomicBoolean();
        CompletableFuture<RetentionReport> first = CompletableFuture.supplyAsync(() -> retention.run(() -> {
            if (waited.compareAndSet(false, true)) {
                inBatch.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        inBatch.await();

        RetentionReport second = otherNode.run();
        release.countDown();

        assertThat(second.ran()).isFalse();
        assertThat(first.get().ran()).isTrue();
        assertThat(otherNode.run().ran()).as("the lock is given back").isTrue();
    }

    private Retention instance(RetentionProperties settings) {
        return new Retention(
                runLock, transactionManager, mailboxes, syncs, sentClientIds, audit, devices, settings, clock);
    }
}
