package org.atoll.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.AtollTest;
import org.atoll.support.ChangeProbe;
import org.atoll.support.ChangeProbe.Seen;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@AtollTest
class MailboxesTest {

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView account;
    long inbox;
    long trash;

    @BeforeEach
    void openAccount() {
        account = TestAccounts.open(accounts, "store");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        trash = mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id();
    }

    long id() {
        return account.id();
    }

    List<JournalEntry> journalOf(long folderId) {
        return mailboxes
                .changes(id(), folderId, JournalPosition.START, Mailboxes.MAX_PAGE)
                .entries();
    }

    @Nested
    class NewAccounts {

        @Test
        void newAccountShouldHaveTheTenSystemFoldersWithNotesContactsTasksAndCalendar() {
            assertThat(mailboxes.folders(id()))
                    .extracting(FolderView::name, FolderView::type, FolderView::parentId)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("Inbox", FolderType.INBOX, null),
                            org.assertj.core.groups.Tuple.tuple("Drafts", FolderType.DRAFTS, null),
                            org.assertj.core.groups.Tuple.tuple("Deleted Items", FolderType.DELETED_ITEMS, null),
                            org.assertj.core.groups.Tuple.tuple("Sent Items", FolderType.SENT_ITEMS, null),
                            org.assertj.core.groups.Tuple.tuple("Outbox", FolderType.OUTBOX, null),
                            org.assertj.core.groups.Tuple.tuple("Junk Email", FolderType.USER_MAIL, null),
                            org.assertj.core.groups.Tuple.tuple("Notes", FolderType.NOTES, null),
                            org.assertj.core.groups.Tuple.tuple("Contacts", FolderType.CONTACTS, null),
                            org.assertj.core.groups.Tuple.tuple("Tasks", FolderType.TASKS, null),
                            org.assertj.core.groups.Tuple.tuple("Calendar", FolderType.CALENDAR, null));
        }

        @Test
        void folderCreationsShouldBeJournaledAsHierarchyChanges() {
            ChangePage hierarchy = mailboxes.hierarchyChanges(id(), JournalPosition.START, 100);
            assertThat(hierarchy.entries()).hasSize(10).allMatch(e -> e.kind() == ChangeKind.FOLDER_CREATED);
            assertThat(hierarchy.more()).isFalse();
        }
    }

    @Nested
    class Delivery {

        @Test
        void deliverShouldStoreTheEnvelopeAndJournalAnAdd() {
            long before = mailboxes.highestModseq(id());
            byte[] raw = Mime.message("Quarterly numbers");
            MessageView stored = mailboxes.deliver(id(), inbox, raw, null);

            assertThat(stored.subject()).isEqualTo("Quarterly numbers");
            assertThat(stored.from()).contains("ana@example.org");
            assertThat(stored.read()).isFalse();
            assertThat(stored.modseq()).isEqualTo(before + 1);
            assertThat(journalOf(inbox))
                    .extracting(JournalEntry::kind, JournalEntry::messageId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.MESSAGE_ADDED, stored.id()));
            assertThat(mailboxes.rawMime(id(), stored.id())).isEqualTo(raw);
        }

        @Test
        void repliesShouldJoinTheThreadOfTheMessageTheyAnswer() {
            MessageView first = mailboxes.deliver(id(), inbox, Mime.message("Plan", "<plan@x.test>", null), null);
            MessageView reply =
                    mailboxes.deliver(id(), inbox, Mime.message("Re: Plan", "<re@x.test>", "<plan@x.test>"), null);
            MessageView other = mailboxes.deliver(id(), inbox, Mime.message("Unrelated"), null);

            assertThat(reply.threadId()).isEqualTo(first.threadId());
            assertThat(other.threadId()).isNotEqualTo(first.threadId());
            assertThat(reply.threadTopic()).isEqualTo("Plan");
        }

        @Test
        void brokenMimeShouldBeStoredAsReceived() {
            byte[] garbage = {0x00, (byte) 0xff, 'x', '\r', '\n', 'S', 'u', 'b', 'j', 0x01};
            MessageView stored = mailboxes.deliver(id(), inbox, garbage, Instant.parse("2026-01-01T00:00:00Z"));

            assertThat(stored.malformed()).isTrue();
            assertThat(mailboxes.rawMime(id(), stored.id())).isEqualTo(garbage);
        }

        @Test
        void emptyMessageShouldBeRefusedWithNothingChanged() {
            long before = mailboxes.highestModseq(id());
            assertThatThrownBy(() -> mailboxes.deliver(id(), inbox, new byte[0], null))
                    .isInstanceOf(InvalidMailboxRequest.class);
            assertThat(mailboxes.highestModseq(id())).isEqualTo(before);
            assertThat(mailboxes.count(id(), inbox)).isZero();
        }

        @Test
        void deliveryIntoAnotherAccountsFolderShouldBeRefused() {
            AccountView other = TestAccounts.open(accounts, "other");
            long othersInbox =
                    mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id();

            assertThatThrownBy(() -> mailboxes.deliver(id(), othersInbox, Mime.message("x"), null))
                    .isInstanceOf(FolderNotFound.class);
            assertThat(mailboxes.count(other.id(), othersInbox)).isZero();
        }

        @Test
        void deliveryOverQuotaShouldBeRefusedWithNothingChanged() {
            AccountView small = accounts.create(new org.atoll.account.NewAccount(
                    TestAccounts.uniqueAddress("small"),
                    null,
                    "correct horse battery",
                    org.atoll.account.Role.USER,
                    300L));
            long smallInbox =
                    mailboxes.systemFolder(small.id(), SystemFolder.INBOX).id();
            mailboxes.deliver(small.id(), smallInbox, Mime.message("fits"), null);
            long before = mailboxes.highestModseq(small.id());

            assertThatThrownBy(() -> mailboxes.deliver(small.id(), smallInbox, Mime.message("too much"), null))
                    .isInstanceOf(QuotaExceeded.class);
            assertThat(mailboxes.highestModseq(small.id())).isEqualTo(before);
            assertThat(mailboxes.count(small.id(), smallInbox)).isEqualTo(1);
        }
    }

    /**
     * A delivery runs plain SQL in a JDBC transaction of its own, without a Hibernate session: it still commits all of
     * what it writes or none of it, and a delivery called inside another transaction joins that one.
     */
    @Nested
    class DeliveryTransaction {

        /** How the probe fails a delivery, as a failure after the delivery's statements would. */
        static final String FAILED = "failed after the delivery's statements";

        @Autowired
        ConfigurableApplicationContext context;

        @Autowired
        EntityManagerFactory entityManagerFactory;

        @Autowired
        JdbcClient jdbc;

        @Autowired
        Invitations invitations;

        @Autowired
        PlatformTransactionManager transactionManager;

        /** What a delivery may write for the account, row by row; equal before and after one that failed. */
        record Written(
                long modseq,
                long usedBytes,
                long messages,
                long blobs,
                long journal,
                long searchRows,
                long attachments) {}

        Written written(long accountId) {
            return jdbc.sql("""
                            SELECT highest_modseq, used_bytes,
                                (SELECT count(*) FROM message WHERE account_id = ?),
                                (SELECT count(*) FROM blob WHERE account_id = ?),
                                (SELECT count(*) FROM journal WHERE account_id = ?),
                                (SELECT count(*) FROM message_search WHERE account_id = ?),
                                (SELECT count(*) FROM message_attachment WHERE account_id = ?)
                            FROM mailbox WHERE account_id = ?
                            """)
                    .params(accountId, accountId, accountId, accountId, accountId, accountId)
                    .query((row, n) -> new Written(
                            row.getLong(1),
                            row.getLong(2),
                            row.getLong(3),
                            row.getLong(4),
                            row.getLong(5),
                            row.getLong(6),
                            row.getLong(7)))
                    .single();
        }

        ChangeProbe probe() {
            return new ChangeProbe(context, entityManagerFactory, id());
        }

        @Test
        void deliveryShouldRunInATransactionWithoutAHibernateSession() {
            ChangeProbe probe = probe();

            probe.watching(() -> mailboxes.deliver(id(), inbox, Mime.message("plain"), null));
            probe.watching(() -> invitations.deliver(id(), account.address(), Mime.message("lmtp"), null));

            assertThat(probe.seen()).containsExactly(new Seen(true, false), new Seen(true, false));
        }

        @Test
        void deliveryThatFailsAfterItsStatementsShouldLeaveNothingWritten() {
            byte[] raw = DeliveryIntoSystemFolders.WITH_ATTACHMENTS.getBytes(StandardCharsets.UTF_8);
            Written before = written(id());
            ChangeProbe probe = probe();

            assertThatThrownBy(() -> probe.failingAtOnce(FAILED, () -> mailboxes.deliver(id(), inbox, raw, null)))
                    .hasMessage(FAILED);
            assertThatThrownBy(() -> probe.failingAtOnce(
                            FAILED, () -> invitations.deliver(id(), account.address(), MessageBytes.of(raw), null)))
                    .hasMessage(FAILED);

            assertThat(probe.seen()).hasSize(2);
            assertThat(written(id())).isEqualTo(before);
            MessageView stored = mailboxes.deliver(id(), inbox, raw, null);
            assertThat(written(id()))
                    .isEqualTo(new Written(
                            before.modseq() + 1,
                            before.usedBytes() + raw.length,
                            before.messages() + 1,
                            before.blobs() + 1,
                            before.journal() + 1,
                            before.searchRows() + 1,
                            before.attachments() + 2));
            assertThat(stored.attachments()).hasSize(2);
        }

        @Test
        void deliveryInsideAnotherTransactionShouldJoinItAndRollBackWithIt() {
            Written before = written(id());
            ChangeProbe probe = probe();

            assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                        probe.watching(() -> mailboxes.deliver(id(), inbox, Mime.message("joined"), null));
                        throw new IllegalStateException("the outer transaction fails");
                    }))
                    .hasMessage("the outer transaction fails");

            assertThat(probe.seen()).containsExactly(new Seen(true, true));
            assertThat(written(id())).isEqualTo(before);
        }
    }

    @Nested
    class DeliveryIntoSystemFolders {

        static final String WITH_ATTACHMENTS = "From: Ana <ana@example.org>\r\n"
                + "To: Bo <bo@example.net>, Cy <cy@example.net>\r\n"
                + "Subject: Report\r\n"
                + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Two files attached.\r\n"
                + "--b1\r\n"
                + "Content-Type: application/pdf; name=\"q3.pdf\"\r\n"
                + "Content-Disposition: attachment\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + "JVBERi0xLjQK\r\n"
                + "--b1\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-ID: <logo@x.test>\r\n"
                + "\r\n"
                + "png\r\n"
                + "--b1--\r\n";

        @Test
        void copyInSentItemsShouldBeStoredReadAndJournaledOnceAsAdded() {
            long sentItems =
                    mailboxes.systemFolder(id(), SystemFolder.SENT_ITEMS).id();
            long before = mailboxes.highestModseq(id());

            MessageView stored = mailboxes.deliver(id(), SystemFolder.SENT_ITEMS, Mime.message("Sent"), null, true);

            assertThat(stored.folderId()).isEqualTo(sentItems);
            assertThat(stored.read()).isTrue();
            assertThat(stored.modseq()).isEqualTo(before + 1);
            assertThat(mailboxes.highestModseq(id())).isEqualTo(before + 1);
            assertThat(journalOf(sentItems))
                    .extracting(
                            JournalEntry::kind,
                            JournalEntry::messageId,
                            e -> e.position().modseq())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ChangeKind.MESSAGE_ADDED, stored.id(), before + 1));
            assertThat(mailboxes.message(id(), stored.id())).isEqualTo(stored);
        }

        @Test
        void returnedViewShouldEqualTheStoredMessageWithItsAttachments() {
            byte[] raw = WITH_ATTACHMENTS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            MessageView stored = mailboxes.deliver(
                    id(), SystemFolder.INBOX, raw, Instant.parse("2026-11-29T08:00:00.123456789Z"), false);

            assertThat(stored.folderId()).isEqualTo(inbox);
            assertThat(stored.receivedAt()).isEqualTo(Instant.parse("2026-11-29T08:00:00.123456Z"));
            assertThat(stored.attachments())
                    .extracting(Attachment::fileName, Attachment::contentType, Attachment::size, Attachment::inline)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("q3.pdf", "application/pdf", 9L, false),
                            org.assertj.core.groups.Tuple.tuple(null, "image/png", 3L, true));
            assertThat(mailboxes.message(id(), stored.id())).isEqualTo(stored);
            assertThat(mailboxes.rawMime(id(), stored.id())).isEqualTo(raw);
        }

        @Test
        void refusalOverQuotaShouldLeaveTheUsedBytesAsTheyWere() {
            byte[] first = Mime.message("first");
            byte[] second = Mime.message("second");
            byte[] larger = Mime.message("a larger message than the second one");
            AccountView small = accounts.create(new org.atoll.account.NewAccount(
                    TestAccounts.uniqueAddress("quota"),
                    null,
                    "correct horse battery",
                    org.atoll.account.Role.USER,
                    (long) first.length + second.length));
            mailboxes.deliver(small.id(), SystemFolder.INBOX, first, null, false);
            long before = mailboxes.highestModseq(small.id());

            assertThatThrownBy(() -> mailboxes.deliver(small.id(), SystemFolder.INBOX, larger, null, false))
                    .isInstanceOf(QuotaExceeded.class);
            assertThat(mailboxes.highestModseq(small.id())).isEqualTo(before);

            mailboxes.deliver(small.id(), SystemFolder.INBOX, second, null, false);
            assertThat(mailboxes.highestModseq(small.id())).isEqualTo(before + 1);
        }

        @Test
        void deliveryToAnAccountWithoutMailboxShouldBeRefused() {
            assertThatThrownBy(() -> mailboxes.deliver(-1, SystemFolder.INBOX, Mime.message("x"), null, false))
                    .isInstanceOf(MailboxNotFound.class);
        }
    }

    @Nested
    class Flags {

        @Test
        void markingReadShouldJournalOneChangeAndRepeatingItNone() {
            MessageView m = mailboxes.deliver(id(), inbox, Mime.message("read me"), null);
            mailboxes.setRead(id(), List.of(m.id()), true);
            mailboxes.setRead(id(), List.of(m.id()), true);

            assertThat(mailboxes.message(id(), m.id()).read()).isTrue();
            assertThat(journalOf(inbox))
                    .extracting(JournalEntry::kind)
                    .containsExactly(ChangeKind.MESSAGE_ADDED, ChangeKind.MESSAGE_CHANGED);
        }

        @Test
        void flagCategoriesAndLastVerbShouldBeStored() {
            MessageView m = mailboxes.deliver(id(), inbox, Mime.message("follow up"), null);
            Instant due = Instant.parse("2026-12-24T12:00:00Z");
            mailboxes.setFlag(id(), List.of(m.id()), Flag.active(null, due));
            mailboxes.setCategories(id(), m.id(), List.of("Blue", "Travel"));
            mailboxes.recordVerb(id(), m.id(), LastVerb.REPLY_TO_ALL);

            MessageView after = mailboxes.message(id(), m.id());
            assertThat(after.flag().status()).isEqualTo(Flag.Status.ACTIVE);
            assertThat(after.flag().dueAt()).isEqualTo(due);
            assertThat(after.categories()).containsExactly("Blue", "Travel");
            assertThat(after.lastVerb()).isEqualTo(LastVerb.REPLY_TO_ALL);
            assertThat(after.lastVerbAt()).isNotNull();
        }

        @Test
        void categoriesWithControlCharactersShouldBeRefusedAndChangeNothing() {
            MessageView m = mailboxes.deliver(id(), inbox, Mime.message("tag me"), null);
            long before = mailboxes.highestModseq(id());

            for (String category : List.of("zero\u0000byte", "line\nbreak", " ")) {
                assertThatThrownBy(() -> mailboxes.setCategories(id(), m.id(), List.of("Blue", category)))
                        .as(category)
                        .isInstanceOf(InvalidMailboxRequest.class);
            }
            assertThat(mailboxes.message(id(), m.id()).categories()).isEmpty();
            assertThat(mailboxes.highestModseq(id())).isEqualTo(before);
        }

        @Test
        void changingAnUnknownMessageShouldChangeNoneOfTheOthers() {
            MessageView m = mailboxes.deliver(id(), inbox, Mime.message("keep unread"), null);
            long before = mailboxes.highestModseq(id());

            assertThatThrownBy(() -> mailboxes.setRead(id(), List.of(m.id(), Long.MAX_VALUE), true))
                    .isInstanceOf(MessageNotFound.class);
            assertThat(mailboxes.message(id(), m.id()).read()).isFalse();
            assertThat(mailboxes.highestModseq(id())).isEqualTo(before);
        }

        @Test
        void aFlagDueBeforeItStartsShouldBeRefused() {
            assertThatThrownBy(() ->
                            Flag.active(Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")))
                    .isInstanceOf(InvalidMailboxRequest.class);
        }
    }

    @Nested
    class Rewrites {

        @Test
        void rewriteShouldReplaceTheContentKeepTheIdAndStateAndJournalOneChange() {
            MessageView draft = mailboxes.deliver(id(), inbox, Mime.message("First words"), null);
            mailboxes.setFlag(id(), List.of(draft.id()), Flag.active(null, null));
            byte[] edited = Mime.message("Second words");

            MessageView rewritten = mailboxes.rewrite(id(), draft.id(), edited);

            assertThat(rewritten.id()).isEqualTo(draft.id());
            assertThat(rewritten.folderId()).isEqualTo(inbox);
            assertThat(rewritten.subject()).isEqualTo("Second words");
            assertThat(rewritten.flag().status()).isEqualTo(Flag.Status.ACTIVE);
            assertThat(mailboxes.rawMime(id(), draft.id())).isEqualTo(edited);
            assertThat(journalOf(inbox))
                    .extracting(JournalEntry::kind)
                    .containsExactly(ChangeKind.MESSAGE_ADDED, ChangeKind.MESSAGE_CHANGED, ChangeKind.MESSAGE_CHANGED);
        }

        @Test
        void rewriteOfAnotherAccountsMessageShouldBeRefusedWithNothingChanged() {
            AccountView other = TestAccounts.open(accounts, "other-store");
            MessageView theirs = mailboxes.deliver(
                    other.id(),
                    mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id(),
                    Mime.message("Theirs"),
                    null);

            assertThatThrownBy(() -> mailboxes.rewrite(id(), theirs.id(), Mime.message("Mine now")))
                    .isInstanceOf(MessageNotFound.class);
            assertThat(mailboxes.message(other.id(), theirs.id()).subject()).isEqualTo("Theirs");
        }
    }

    @Nested
    class MovesAndDeletes {

        @Test
        void moveShouldJournalARemovalInTheSourceAndAnAddInTheTarget() {
            MessageView m = mailboxes.deliver(id(), inbox, Mime.message("file me"), null);
            FolderView archive = mailboxes.createFolder(id(), null, "Archive", FolderType.USER_MAIL);
            mailboxes.move(id(), List.of(m.id()), archive.id());

            assertThat(mailboxes.message(id(), m.id()).folderId()).isEqualTo(archive.id());
            assertThat(journalOf(inbox))
                    .extracting(JournalEntry::kind)
                    .containsExactly(ChangeKind.MESSAGE_ADDED, ChangeKind.MESSAGE_REMOVED);
            List<JournalEntry> target = journalOf(archive.id());
            assertThat(target).last().extracting(JournalEntry::kind).isEqualTo(ChangeKind.MESSAGE_ADDED);
            assertThat(target.getLast().position().modseq())
                    .isEqualTo(journalOf(inbox).getLast().position().modseq());
        }

        @Test
        void deleteShouldMoveToDeletedItemsThenDeleteForGood() {
            MessageView m = mailboxes.deliver(id(), inbox, Mime.message("bin me"), null);
            mailboxes.delete(id(), List.of(m.id()));
            assertThat(mailboxes.message(id(), m.id()).folderId()).isEqualTo(trash);

            mailboxes.delete(id(), List.of(m.id()));
            assertThatThrownBy(() -> mailboxes.message(id(), m.id())).isInstanceOf(MessageNotFound.class);
            assertThat(journalOf(trash))
                    .extracting(JournalEntry::kind)
                    .containsExactly(ChangeKind.MESSAGE_ADDED, ChangeKind.MESSAGE_REMOVED);
        }

        @Test
        void deleteOfMessagesInAndOutOfDeletedItemsShouldTrashSomeAndDropTheOthersUnderOneModseq() {
            MessageView fresh = mailboxes.deliver(id(), inbox, Mime.message("fresh"), null);
            MessageView old = mailboxes.deliver(id(), trash, Mime.message("old"), null);
            mailboxes.delete(id(), List.of(fresh.id(), old.id()));

            assertThat(mailboxes.message(id(), fresh.id()).folderId()).isEqualTo(trash);
            assertThatThrownBy(() -> mailboxes.message(id(), old.id())).isInstanceOf(MessageNotFound.class);
            List<JournalEntry> trashChanges = journalOf(trash);
            assertThat(trashChanges.subList(1, 3))
                    .extracting(JournalEntry::kind, JournalEntry::messageId)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(ChangeKind.MESSAGE_ADDED, fresh.id()),
                            org.assertj.core.groups.Tuple.tuple(ChangeKind.MESSAGE_REMOVED, old.id()));
            assertThat(trashChanges.get(1).position().modseq())
                    .isEqualTo(trashChanges.get(2).position().modseq());
        }

        @Test
        void folderListingShouldPageNewestFirstFromAnyOffset() {
            for (int i = 0; i < 5; i++) {
                mailboxes.deliver(
                        id(), inbox, Mime.message("m" + i), Instant.parse("2026-11-0" + (i + 1) + "T08:00:00Z"));
            }

            assertThat(mailboxes.messages(id(), inbox, 1, 2))
                    .extracting(MessageView::subject)
                    .containsExactly("m3", "m2");
            assertThat(mailboxes.messages(id(), inbox, 4, 3))
                    .extracting(MessageView::subject)
                    .containsExactly("m0");
        }

        @Test
        void identicalMessagesShouldShareOneBlobThatOutlivesTheFirstDelete() {
            byte[] raw = Mime.message("twice", "<same@x.test>", null);
            MessageView first = mailboxes.deliver(id(), inbox, raw, null);
            MessageView second = mailboxes.deliver(id(), inbox, raw, null);
            mailboxes.deletePermanently(id(), List.of(first.id()));

            assertThat(mailboxes.rawMime(id(), second.id())).isEqualTo(raw);
        }
    }

    @Nested
    class Folders {

        @Test
        void folderShouldBeCreatedRenamedMovedAndDeletedWithItsContents() {
            FolderView projects = mailboxes.createFolder(id(), null, "Projects", FolderType.USER_MAIL);
            FolderView atlas = mailboxes.createFolder(id(), projects.id(), "Atlas", FolderType.USER_MAIL);
            MessageView inAtlas = mailboxes.deliver(id(), atlas.id(), Mime.message("atlas"), null);

            FolderView renamed = mailboxes.updateFolder(id(), atlas.id(), null, "Atlas 2");
            assertThat(renamed.parentId()).isNull();
            assertThat(renamed.name()).isEqualTo("Atlas 2");

            mailboxes.updateFolder(id(), atlas.id(), projects.id(), "Atlas 2");
            mailboxes.deleteFolder(id(), projects.id());

            assertThat(mailboxes.folders(id())).extracting(FolderView::id).doesNotContain(projects.id(), atlas.id());
            assertThatThrownBy(() -> mailboxes.message(id(), inAtlas.id())).isInstanceOf(MessageNotFound.class);
            assertThat(mailboxes
                            .hierarchyChanges(id(), JournalPosition.START, 100)
                            .entries())
                    .extracting(JournalEntry::kind)
                    .endsWith(ChangeKind.FOLDER_DELETED, ChangeKind.FOLDER_DELETED);
        }

        @Test
        void duplicateNameUnderTheSameParentShouldBeRefusedWithoutRegardToCase() {
            mailboxes.createFolder(id(), null, "Receipts", FolderType.USER_MAIL);
            long before = mailboxes.highestModseq(id());

            assertThatThrownBy(() -> mailboxes.createFolder(id(), null, "RECEIPTS", FolderType.USER_MAIL))
                    .isInstanceOf(FolderNameTaken.class);
            assertThat(mailboxes.highestModseq(id())).isEqualTo(before);
        }

        @Test
        void systemFoldersShouldNotBeRenamedOrDeleted() {
            assertThatThrownBy(() -> mailboxes.updateFolder(id(), inbox, null, "Mine"))
                    .isInstanceOf(SystemFolderProtected.class);
            assertThatThrownBy(() -> mailboxes.deleteFolder(id(), trash)).isInstanceOf(SystemFolderProtected.class);
            assertThat(mailboxes.folder(id(), inbox).name()).isEqualTo("Inbox");
        }

        @Test
        void aFolderShouldNotMoveIntoItsOwnSubfolder() {
            FolderView parent = mailboxes.createFolder(id(), null, "Parent", FolderType.USER_MAIL);
            FolderView child = mailboxes.createFolder(id(), parent.id(), "Child", FolderType.USER_MAIL);

            assertThatThrownBy(() -> mailboxes.updateFolder(id(), parent.id(), child.id(), "Parent"))
                    .isInstanceOf(InvalidMailboxRequest.class);
            assertThat(mailboxes.folder(id(), parent.id()).parentId()).isNull();
        }

        @Test
        void blankOrControlCharacterNamesAndSystemTypesShouldBeRefused() {
            assertThatThrownBy(() -> mailboxes.createFolder(id(), null, "  ", FolderType.USER_MAIL))
                    .isInstanceOf(InvalidMailboxRequest.class);
            assertThatThrownBy(() -> mailboxes.createFolder(id(), null, "a\u0000b", FolderType.USER_MAIL))
                    .isInstanceOf(InvalidMailboxRequest.class);
            assertThatThrownBy(() -> mailboxes.createFolder(id(), null, "Inbox 2", FolderType.INBOX))
                    .isInstanceOf(InvalidMailboxRequest.class);
            assertThatThrownBy(() -> mailboxes.createFolder(id(), Long.MAX_VALUE, "Orphan", FolderType.USER_MAIL))
                    .isInstanceOf(FolderNotFound.class);
            assertThat(mailboxes.folders(id())).hasSize(10);
        }
    }

    @Nested
    class Journal {

        @Test
        void changesShouldPageByPositionEvenInsideOneModseq() {
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(mailboxes
                        .deliver(id(), inbox, Mime.message("m" + i), null)
                        .id());
            }
            mailboxes.setRead(id(), ids, true);

            List<JournalEntry> seen = new java.util.ArrayList<>();
            JournalPosition position = JournalPosition.START;
            ChangePage page;
            do {
                page = mailboxes.changes(id(), inbox, position, 3);
                seen.addAll(page.entries());
                position = page.next();
            } while (page.more());

            assertThat(seen).hasSize(10).isEqualTo(journalOf(inbox));
            assertThat(mailboxes.changes(id(), inbox, position, 3).entries()).isEmpty();
        }

        @Test
        void foldersChangedSinceShouldNameOnlyTheFoldersTouched() {
            long since = mailboxes.highestModseq(id());
            MessageView m = mailboxes.deliver(id(), inbox, Mime.message("x"), null);
            mailboxes.delete(id(), List.of(m.id()));

            assertThat(mailboxes.foldersChangedSince(id(), since)).containsExactlyInAnyOrder(inbox, trash);
        }

        @Test
        void anotherAccountsChangesShouldNotShow() {
            AccountView other = TestAccounts.open(accounts, "neighbour");
            mailboxes.deliver(
                    other.id(),
                    mailboxes.systemFolder(other.id(), SystemFolder.INBOX).id(),
                    Mime.message("x"),
                    null);

            assertThat(journalOf(inbox)).isEmpty();
        }
    }
}
