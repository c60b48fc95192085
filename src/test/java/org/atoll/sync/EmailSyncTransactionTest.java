package org.atoll.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.ChangeProbe;
import org.atoll.support.ChangeProbe.Seen;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An Email Sync is one plain JDBC transaction, on real PostgreSQL: its Adds, Changes, Deletes (to Deleted Items and
 * for good), draft edits and Fetches run without a Hibernate session, and a Sync that fails after its last statement
 * leaves neither the mailbox nor the device's sync state changed.
 */
@AtollTest
class EmailSyncTransactionTest {

    /** How the probe fails a Sync at its commit, after every statement of the Sync. */
    static final String FAILED = "failed after the Sync's statements";

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    ItemSyncs itemSyncs;

    @Autowired
    FolderSyncs folderSyncs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    AccountView account;
    long device;
    long inbox;
    long drafts;
    long trash;
    long read;
    long deleted;
    long draft;
    long inTrash;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "plainsync");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        drafts = mailboxes.systemFolder(account.id(), SystemFolder.DRAFTS).id();
        trash = mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id();
        read = deliver(inbox, "To read");
        deleted = deliver(inbox, "To delete");
        draft = deliver(drafts, "Draft");
        inTrash = deliver(trash, "Already deleted");
        device = devices.seen(account.id(), "Plain", "SmartPhone", "test", "16.1")
                .id();
        folderSyncs.sync(account.id(), device, 0);
    }

    long deliver(long folderId, String subject) {
        return mailboxes
                .deliver(account.id(), folderId, Mime.message(subject), null)
                .id();
    }

    long prime(long folderId) {
        CollectionResult.Synced first = synced(folderId, 0, List.of());
        return synced(folderId, first.syncKey(), List.of()).syncKey();
    }

    CollectionResult.Synced synced(long folderId, long key, List<ClientCommand> commands) {
        return (CollectionResult.Synced) itemSyncs.sync(
                account.id(), device, new CollectionRequest(folderId, key, SyncOptions.Update.NONE, true, commands));
    }

    static String serverId(long folderId, long messageId) {
        return new ItemId(folderId, messageId).text();
    }

    ChangeProbe probe() {
        return new ChangeProbe(context, entityManagerFactory, account.id());
    }

    /** What a Sync may write for the account and the device, row by row. */
    record Written(
            long modseq,
            long usedBytes,
            long messages,
            long blobs,
            long journal,
            long searchRows,
            List<Long> folders,
            List<CollectionSyncView> states) {}

    Written written() {
        long id = account.id();
        return jdbc.sql("""
                        SELECT highest_modseq, used_bytes,
                            (SELECT count(*) FROM message WHERE account_id = ?),
                            (SELECT count(*) FROM blob WHERE account_id = ?),
                            (SELECT count(*) FROM journal WHERE account_id = ?),
                            (SELECT count(*) FROM message_search WHERE account_id = ?),
                            (SELECT array_agg(folder_id ORDER BY id) FROM message WHERE account_id = ?)
                        FROM mailbox WHERE account_id = ?
                        """)
                .params(id, id, id, id, id, id)
                .query((row, n) -> new Written(
                        row.getLong(1),
                        row.getLong(2),
                        row.getLong(3),
                        row.getLong(4),
                        row.getLong(5),
                        row.getLong(6),
                        List.of((Long[]) row.getArray(7).getArray()),
                        itemSyncs.collections(id, device)))
                .single();
    }

    List<CollectionResult.Synced> syncEverything(long inboxKey, long draftsKey, long trashKey) {
        return List.of(
                synced(
                        inbox,
                        inboxKey,
                        List.of(
                                new ClientCommand.Change(serverId(inbox, read), true, null, List.of("Blue")),
                                new ClientCommand.Delete(serverId(inbox, deleted)),
                                new ClientCommand.Fetch(serverId(inbox, read)))),
                synced(
                        drafts,
                        draftsKey,
                        List.of(
                                new ClientCommand.Add("new-draft", Mime.message("New draft")),
                                new ClientCommand.Change(
                                        serverId(drafts, draft), null, null, null, Mime.message("Edited")))),
                synced(trash, trashKey, List.of(new ClientCommand.Delete(serverId(trash, inTrash)))));
    }

    @Test
    void emailSyncShouldRunInATransactionWithoutAHibernateSession() {
        long inboxKey = prime(inbox);
        long draftsKey = prime(drafts);
        long trashKey = prime(trash);
        ChangeProbe probe = probe();

        List<CollectionResult.Synced> results = probe.watching(() -> syncEverything(inboxKey, draftsKey, trashKey));

        assertThat(probe.seen()).isNotEmpty().containsOnly(new Seen(true, false));
        assertThat(results.get(0).responses())
                .extracting(ClientResponse::status)
                .containsExactly(ItemStatus.SUCCESS);
        assertThat(results.get(1).responses())
                .extracting(ClientResponse::status)
                .containsExactlyInAnyOrder(ItemStatus.SUCCESS, ItemStatus.SUCCESS);
        assertThat(results.get(2).responses()).isEmpty();
        MessageView changed = mailboxes.messages(account.id(), List.of(read)).getFirst();
        assertThat(changed.read()).isTrue();
        assertThat(changed.categories()).containsExactly("Blue");
        assertThat(mailboxes.stamps(account.id(), List.of(deleted)).getFirst().folderId())
                .isEqualTo(trash);
        assertThat(mailboxes.stamps(account.id(), List.of(inTrash))).isEmpty();
        assertThat(mailboxes.messages(account.id(), List.of(draft)).getFirst().subject())
                .isEqualTo("Edited");
        assertThat(mailboxes.messages(account.id(), drafts, 0, 10))
                .extracting(MessageView::subject)
                .containsExactlyInAnyOrder("Edited", "New draft");
    }

    @Test
    void emailSyncThatFailsAfterItsStatementsShouldLeaveNothingWritten() {
        long inboxKey = prime(inbox);
        long draftsKey = prime(drafts);
        long trashKey = prime(trash);
        Written before = written();
        ChangeProbe probe = probe();

        assertThatThrownBy(() -> probe.failingAtCommit(
                        FAILED,
                        () -> synced(
                                inbox,
                                inboxKey,
                                List.of(
                                        new ClientCommand.Change(serverId(inbox, read), true, null, null),
                                        new ClientCommand.Delete(serverId(inbox, deleted))))))
                .hasMessage(FAILED);
        assertThatThrownBy(() -> probe.failingAtCommit(
                        FAILED,
                        () -> synced(
                                drafts,
                                draftsKey,
                                List.of(
                                        new ClientCommand.Add("new-draft", Mime.message("New draft")),
                                        new ClientCommand.Change(
                                                serverId(drafts, draft), null, null, null, Mime.message("Edited"))))))
                .hasMessage(FAILED);
        assertThatThrownBy(() -> probe.failingAtCommit(
                        FAILED,
                        () -> synced(trash, trashKey, List.of(new ClientCommand.Delete(serverId(trash, inTrash))))))
                .hasMessage(FAILED);

        assertThat(probe.seen()).hasSizeGreaterThanOrEqualTo(3).containsOnly(new Seen(true, false));
        assertThat(written()).isEqualTo(before);
        syncEverything(inboxKey, draftsKey, trashKey);
        assertThat(written().messages()).isEqualTo(before.messages());
        assertThat(written().modseq()).isGreaterThan(before.modseq());
        assertThat(mailboxes.stamps(account.id(), List.of(inTrash))).isEmpty();
    }
}
