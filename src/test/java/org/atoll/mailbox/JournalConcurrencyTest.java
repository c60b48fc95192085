package org.atoll.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.AtollTest;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pitfall of DESIGN.md: with writers committing concurrently, a reader that follows the journal by position
 * must end with exactly the entries a full read finds afterwards, in the same order, none missed, none twice.
 */
@AtollTest
class JournalConcurrencyTest {

    static final int WRITERS = 4;
    static final int MESSAGES_PER_WRITER = 40;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Test
    void readerFollowingTheJournalShouldMissNothingWhileWritersCommitConcurrently() throws Exception {
        AccountView account = TestAccounts.open(accounts, "concurrent");
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<JournalEntry> followed = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1)) {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(
                    () -> {
                        JournalPosition position = JournalPosition.START;
                        boolean lastRound = false;
                        while (true) {
                            ChangePage page = mailboxes.changes(account.id(), inbox, position, 7);
                            followed.addAll(page.entries());
                            position = page.next();
                            if (page.more()) {
                                continue;
                            }
                            if (lastRound) {
                                return;
                            }
                            lastRound = !writing.get();
                        }
                    },
                    pool);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < MESSAGES_PER_WRITER; i++) {
                                MessageView m = mailboxes.deliver(
                                        account.id(), inbox, Mime.message("w" + writer + " m" + i), null);
                                if (i % 2 == 0) {
                                    mailboxes.setRead(account.id(), List.of(m.id()), true);
                                }
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
            writing.set(false);
            reader.join();
        }

        List<JournalEntry> all = new ArrayList<>();
        JournalPosition position = JournalPosition.START;
        ChangePage page;
        do {
            page = mailboxes.changes(account.id(), inbox, position, Mailboxes.MAX_PAGE);
            all.addAll(page.entries());
            position = page.next();
        } while (page.more());

        int expected = WRITERS * MESSAGES_PER_WRITER * 3 / 2;
        assertThat(all).hasSize(expected);
        assertThat(followed).isEqualTo(all);
        assertThat(all)
                .extracting(JournalEntry::position)
                .isSortedAccordingTo(JournalPosition::compareTo)
                .doesNotHaveDuplicates();
        assertThat(mailboxes.highestModseq(account.id()))
                .isEqualTo(all.getLast().position().modseq());
    }
}
