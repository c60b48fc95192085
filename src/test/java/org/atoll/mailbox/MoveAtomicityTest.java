package org.atoll.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.AtollTest;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A message is in exactly one folder before and after a move, whatever fails. */
@AtollTest
class MoveAtomicityTest {

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    JdbcClient jdbc;

    AccountView account;
    long inbox;

    @BeforeEach
    void openAccount() {
        account = TestAccounts.open(accounts, "mover");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
    }

    @Test
    void moveThatFailsWhileJournalingShouldLeaveTheMessageWhereItWas() {
        MessageView m = mailboxes.deliver(account.id(), inbox, Mime.message("stay"), null);
        FolderView target = mailboxes.createFolder(account.id(), null, "Target", FolderType.USER_MAIL);
        long before = mailboxes.highestModseq(account.id());
        jdbc.sql("""
                        CREATE FUNCTION fail_journal_into_%d() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            IF NEW.folder_id = %d THEN RAISE EXCEPTION 'disk full'; END IF;
                            RETURN NEW;
                        END $$
                        """.formatted(target.id(), target.id())).update();
        jdbc.sql(
                        "CREATE TRIGGER fail_journal_into_%d BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION fail_journal_into_%d()"
                                .formatted(target.id(), target.id()))
                .update();
        try {
            assertThatThrownBy(() -> mailboxes.move(account.id(), List.of(m.id()), target.id()))
                    .isInstanceOf(DataAccessException.class);
        } finally {
            jdbc.sql("DROP TRIGGER fail_journal_into_%d ON journal".formatted(target.id()))
                    .update();
            jdbc.sql("DROP FUNCTION fail_journal_into_%d".formatted(target.id()))
                    .update();
        }

        assertThat(mailboxes.message(account.id(), m.id()).folderId()).isEqualTo(inbox);
        assertThat(mailboxes.count(account.id(), inbox)).isEqualTo(1);
        assertThat(mailboxes.count(account.id(), target.id())).isZero();
        assertThat(mailboxes.highestModseq(account.id())).isEqualTo(before);
    }

    @Test
    void concurrentMovesOfOneMessageShouldLeaveItInExactlyOneFolder() throws Exception {
        MessageView m = mailboxes.deliver(account.id(), inbox, Mime.message("contested"), null);
        List<Long> targets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            targets.add(mailboxes
                    .createFolder(account.id(), null, "Target " + i, FolderType.USER_MAIL)
                    .id());
        }

        try (ExecutorService pool = Executors.newFixedThreadPool(targets.size())) {
            List<CompletableFuture<?>> moves = targets.stream()
                    .map(t -> CompletableFuture.runAsync(() -> mailboxes.move(account.id(), List.of(m.id()), t), pool))
                    .<CompletableFuture<?>>map(f -> f)
                    .toList();
            CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).join();
        }

        long finalFolder = mailboxes.message(account.id(), m.id()).folderId();
        long holding = 0;
        for (long folder : targets) {
            holding += mailboxes.count(account.id(), folder);
        }
        holding += mailboxes.count(account.id(), inbox);
        assertThat(holding).isEqualTo(1);
        long netPresence = 0;
        JournalEntry lastAdd = null;
        for (long folder : targets) {
            for (JournalEntry e : mailboxes
                    .changes(account.id(), folder, JournalPosition.START, 100)
                    .entries()) {
                netPresence += e.kind() == ChangeKind.MESSAGE_ADDED ? 1 : -1;
                if (e.kind() == ChangeKind.MESSAGE_ADDED
                        && (lastAdd == null || e.position().compareTo(lastAdd.position()) > 0)) {
                    lastAdd = e;
                }
            }
        }
        assertThat(netPresence).isEqualTo(1);
        assertThat(lastAdd).isNotNull();
        assertThat(lastAdd.folderId()).isEqualTo(finalFolder);
    }
}
