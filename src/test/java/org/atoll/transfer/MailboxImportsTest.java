package org.atoll.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.TestAccounts;
import org.atoll.transfer.internal.ImapSource;
import org.atoll.transfer.internal.ImportBatches;
import org.atoll.transfer.internal.ImportJobs;
import org.atoll.transfer.internal.Importer;
import org.atoll.transfer.internal.MessageSink;
import org.atoll.transfer.internal.SourceFolder;
import org.atoll.transfer.internal.SourceMessage;
import org.atoll.transfer.internal.TargetFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Imports through the mailbox store's delivery path from a real IMAP server (GreenMail on 127.0.0.1), an mbox file
 * and a Maildir tree written by the test, with flags, broken messages, an interrupted and resumed run, and a device
 * that syncs the result.
 */
@AtollTest
class MailboxImportsTest {

    static final String REMOTE_PASSWORD = "remote secret 42";

    static final GreenMail imap = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    MailboxImports imports;

    @Autowired
    ImportBatches batches;

    @Autowired
    TargetFolders targets;

    @Autowired
    Importer importer;

    @Autowired
    ImportJobs jobs;

    @Autowired
    TransferProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    AccountView account;

    @BeforeAll
    static void startImap() {
        imap.start();
    }

    @AfterAll
    static void stopImap() {
        imap.stop();
    }

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "importer");
    }

    static byte[] message(String subject) {
        return ("From: Ana Example <ana@example.org>\r\n"
                        + "To: Bo Example <bo@example.net>\r\n"
                        + "Subject: " + subject + "\r\n"
                        + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@remote.test>\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "\r\n"
                        + "Hello, this is " + subject + ".\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] NO_BOUNDARY = ("From: a@example.org\r\nSubject: Broken without boundary\r\n"
                    + "Message-ID: <broken-1@remote.test>\r\nContent-Type: multipart/mixed\r\n\r\njust text\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    static final byte[] NO_COLON = ("Subject: Broken header\r\nthis is not a header\r\nFrom: a@example.org\r\n"
                    + "Message-ID: <broken-2@remote.test>\r\n\r\nx\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** A remote mailbox: folder name to its messages, each with the flags it is stored with. */
    record Seeded(String login, int messages) {}

    /**
     * INBOX with five messages (read, flagged, answered) and two broken ones; Sent Items, Deleted Messages and
     * Junk with common names; Projects with a subfolder 2024.
     */
    static Seeded seed() throws Exception {
        String login = "remote-" + UUID.randomUUID().toString().substring(0, 8);
        imap.setUser(login + "@remote.test", login, REMOTE_PASSWORD);
        Properties properties = new Properties();
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), login, REMOTE_PASSWORD);
        Session session = Session.getInstance(properties);
        int count = 0;
        Folder inbox = store.getFolder("INBOX");
        count += append(session, inbox, message("Inbox plain"), new Flags());
        count += append(session, inbox, message("Inbox read"), new Flags(Flags.Flag.SEEN));
        count += append(session, inbox, message("Inbox flagged"), new Flags(Flags.Flag.FLAGGED));
        Flags answered = new Flags(Flags.Flag.ANSWERED);
        answered.add(Flags.Flag.SEEN);
        count += append(session, inbox, message("Inbox answered"), answered);
        count += append(session, inbox, message("Inbox fifth"), new Flags());
        count += append(session, inbox, NO_BOUNDARY, new Flags());
        count += append(session, inbox, NO_COLON, new Flags());
        Folder sent = created(store.getFolder("Sent Items"));
        for (int i = 1; i <= 3; i++) {
            count += append(session, sent, message("Sent " + i), new Flags(Flags.Flag.SEEN));
        }
        Folder trash = created(store.getFolder("Deleted Messages"));
        count += append(session, trash, message("Trashed 1"), new Flags(Flags.Flag.SEEN));
        count += append(session, trash, message("Trashed 2"), new Flags());
        Folder junk = created(store.getFolder("Spam"));
        count += append(session, junk, message("Junk 1"), new Flags());
        Folder projects = created(store.getFolder("Projects"));
        count += append(session, projects, message("Project plan"), new Flags(Flags.Flag.FLAGGED));
        Folder year = created(projects.getFolder("2024"));
        count += append(session, year, message("Project 2024 a"), new Flags());
        count += append(session, year, message("Project 2024 b"), new Flags(Flags.Flag.SEEN));
        store.close();
        return new Seeded(login, count);
    }

    static Folder created(Folder folder) throws Exception {
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS);
        }
        return folder;
    }

    static int append(Session session, Folder folder, byte[] raw, Flags flags) throws Exception {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        message.setFlags(flags, true);
        folder.appendMessages(new jakarta.mail.Message[] {message});
        return 1;
    }

    ImportSource.Imap source(Seeded seeded) {
        return new ImportSource.Imap(
                "127.0.0.1", imap.getImap().getPort(), ImapSecurity.NONE, seeded.login(), REMOTE_PASSWORD, List.of());
    }

    long folder(SystemFolder role) {
        return mailboxes.systemFolder(account.id(), role).id();
    }

    FolderView userFolder(Long parentId, String name) {
        return mailboxes.folders(account.id()).stream()
                .filter(f -> java.util.Objects.equals(f.parentId(), parentId)
                        && f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no folder " + name));
    }

    List<MessageView> messages(long folderId) {
        return mailboxes.messages(account.id(), folderId, 0, Mailboxes.MAX_PAGE);
    }

    Map<String, MessageView> bySubject(long folderId) {
        return messages(folderId).stream()
                .collect(Collectors.toMap(m -> String.valueOf(m.subject()), Function.identity()));
    }

    List<MessageView> everything() {
        List<MessageView> all = new ArrayList<>();
        mailboxes.folders(account.id()).forEach(f -> all.addAll(messages(f.id())));
        return all;
    }

    @Nested
    class FromImap {

        @Test
        void everyFolderShouldArriveInItsPlaceWithFlagsAndBrokenMessagesAsReceived() throws Exception {
            Seeded seeded = seed();

            ImportProgress end = imports.run(account.id(), source(seeded), ImportListener.NONE);

            assertThat(end.state()).isEqualTo(ImportState.DONE);
            assertThat(end.errors()).isEmpty();
            assertThat(end.foldersDone()).isEqualTo(end.foldersTotal()).isEqualTo(6);
            assertThat(end.messagesStored()).isEqualTo(seeded.messages());
            assertThat(end.messagesTotal()).isEqualTo(seeded.messages());
            assertThat(end.messagesMalformed()).isEqualTo(2);
            assertThat(end.bytesDone()).isPositive();

            Map<String, MessageView> inbox = bySubject(folder(SystemFolder.INBOX));
            assertThat(inbox).hasSize(7);
            assertThat(inbox.get("Inbox plain").read()).isFalse();
            assertThat(inbox.get("Inbox read").read()).isTrue();
            assertThat(inbox.get("Inbox flagged").flag().status()).isEqualTo(Flag.Status.ACTIVE);
            assertThat(inbox.get("Inbox answered").lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
            assertThat(inbox.get("Inbox answered").read()).isTrue();
            assertThat(inbox.get("Broken without boundary").malformed()).isTrue();
            assertThat(inbox.get("Broken header").malformed()).isTrue();
            assertThat(mailboxes.rawMime(
                            account.id(), inbox.get("Broken header").id()))
                    .isEqualTo(NO_COLON);

            assertThat(bySubject(folder(SystemFolder.SENT_ITEMS)))
                    .containsOnlyKeys("Sent 1", "Sent 2", "Sent 3")
                    .allSatisfy((subject, m) -> assertThat(m.read()).isTrue());
            assertThat(bySubject(folder(SystemFolder.DELETED_ITEMS))).containsOnlyKeys("Trashed 1", "Trashed 2");
            assertThat(bySubject(folder(SystemFolder.JUNK_EMAIL))).containsOnlyKeys("Junk 1");
            FolderView projects = userFolder(null, "Projects");
            assertThat(bySubject(projects.id())).containsOnlyKeys("Project plan");
            assertThat(bySubject(userFolder(projects.id(), "2024").id()))
                    .containsOnlyKeys("Project 2024 a", "Project 2024 b");
        }

        @Test
        void interruptedImportStartedAgainShouldBringEveryMessageOnce() throws Exception {
            Seeded seeded = seed();
            AtomicBoolean cancelled = new AtomicBoolean();
            List<ImportProgress> reports = new ArrayList<>();

            ImportProgress first = imports.run(account.id(), source(seeded), progress -> {
                reports.add(progress);
                if (progress.messagesStored() >= 6 && !cancelled.getAndSet(true)) {
                    imports.cancel(account.id(), progress.jobId());
                }
            });

            assertThat(first.state()).isEqualTo(ImportState.CANCELLED);
            assertThat(first.messagesStored()).isBetween(6L, (long) seeded.messages() - 1);
            assertThat(everything()).hasSize((int) first.messagesStored());
            assertThat(reports).extracting(ImportProgress::messagesDone).isSorted();
            assertThat(reports.get(1).eta()).isNotNull();

            ImportProgress second = imports.run(account.id(), source(seeded), ImportListener.NONE);

            assertThat(second.state()).isEqualTo(ImportState.DONE);
            assertThat(second.messagesSkipped()).isEqualTo(first.messagesStored());
            assertThat(second.messagesStored()).isEqualTo(seeded.messages() - first.messagesStored());
            List<MessageView> all = everything();
            assertThat(all).hasSize(seeded.messages());
            assertThat(all.stream().map(MessageView::messageIdHeader).distinct())
                    .hasSize(seeded.messages());

            ImportProgress third = imports.run(account.id(), source(seeded), ImportListener.NONE);
            assertThat(third.messagesStored()).isZero();
            assertThat(third.messagesSkipped()).isEqualTo(seeded.messages());
            assertThat(everything()).hasSize(seeded.messages());
        }

        @Test
        void aResumedImportShouldNotDownloadAgainWhatTheLedgerHoldsByMessageIdAndSize() throws Exception {
            Seeded seeded = seed();
            imports.run(account.id(), source(seeded), ImportListener.NONE);
            List<String> downloaded = new ArrayList<>();
            List<Long> skipped = new ArrayList<>();

            try (ImapSource again = new ImapSource(source(seeded), Mailboxes.MAX_MESSAGE_BYTES)) {
                for (SourceFolder remote : again.folders()) {
                    long target = targets.resolve(account.id(), remote);
                    again.read(remote, new MessageSink() {
                        @Override
                        public boolean accept(SourceMessage message) {
                            downloaded.add(new String(message.raw(), StandardCharsets.UTF_8));
                            return true;
                        }

                        @Override
                        public void failed(String what, long bytes) {
                            throw new AssertionError(what);
                        }

                        @Override
                        public Set<Known> storedBefore(Collection<Known> candidates) {
                            return batches.storedBefore(account.id(), target, candidates);
                        }

                        @Override
                        public void skipped(long bytes) {
                            skipped.add(bytes);
                        }
                    });
                }
            }

            assertThat(downloaded)
                    .as("only messages without a Message-ID the envelope gives are read again")
                    .allSatisfy(raw -> assertThat(raw).contains("Broken"))
                    .hasSizeLessThanOrEqualTo(2);
            assertThat(skipped).hasSize(seeded.messages() - downloaded.size());
            assertThat(everything()).hasSize(seeded.messages());
        }

        @Test
        void chosenFoldersOnlyAndAnUnknownOneReportedWhileTheRestGoesOn() throws Exception {
            Seeded seeded = seed();
            ImportSource.Imap chosen = new ImportSource.Imap(
                    "127.0.0.1",
                    imap.getImap().getPort(),
                    ImapSecurity.NONE,
                    seeded.login(),
                    REMOTE_PASSWORD,
                    List.of("No Such Folder", "Sent Items"));

            ImportProgress end = imports.run(account.id(), chosen, ImportListener.NONE);

            assertThat(end.state()).isEqualTo(ImportState.DONE);
            assertThat(end.foldersTotal()).isEqualTo(2);
            assertThat(end.errors()).singleElement().asString().startsWith("No Such Folder: ");
            assertThat(everything()).hasSize(3);
            assertThat(end.errors().toString()).doesNotContain(REMOTE_PASSWORD);
        }

        @Test
        void wrongPasswordShouldFailTheImportWithoutTheSecretInItsReport() throws Exception {
            Seeded seeded = seed();
            ImportSource.Imap wrong = new ImportSource.Imap(
                    "127.0.0.1",
                    imap.getImap().getPort(),
                    ImapSecurity.NONE,
                    seeded.login(),
                    "wrong " + REMOTE_PASSWORD,
                    List.of());

            ImportProgress end = imports.run(account.id(), wrong, ImportListener.NONE);

            assertThat(end.state()).isEqualTo(ImportState.FAILED);
            assertThat(end.errors()).singleElement().asString().startsWith("Cannot sign in");
            assertThat(end.toString()).doesNotContain(REMOTE_PASSWORD);
            assertThat(wrong.toString()).doesNotContain(REMOTE_PASSWORD);
        }

        @Test
        void aDeviceSyncingAfterTheImportShouldHoldEveryMessageOnceWithItsFlags() throws Exception {
            Seeded seeded = seed();
            imports.run(account.id(), source(seeded), ImportListener.NONE);
            MailClient phone = new MailClient(
                    new EasDevice(port, account.address(), "correct horse battery", "ImportPhone").provision());

            for (SystemFolder role : List.of(SystemFolder.INBOX, SystemFolder.SENT_ITEMS)) {
                long id = folder(role);
                phone.syncFully(id, 3);
                Map<String, MailClient.Item> held = phone.items(id);
                List<MessageView> stored = messages(id);
                assertThat(held).hasSize(stored.size());
                for (MessageView m : stored) {
                    MailClient.Item item = held.get(id + ":" + m.id());
                    assertThat(item).as("item of %s", m.subject()).isNotNull();
                    assertThat(item.read()).isEqualTo(m.read());
                    assertThat(item.flagStatus())
                            .isEqualTo(Integer.toString(m.flag().status().code()));
                }
            }
            Map<String, MailClient.Item> inbox = phone.items(folder(SystemFolder.INBOX));
            assertThat(inbox.values())
                    .filteredOn(item -> item.subject().equals("Inbox flagged"))
                    .singleElement()
                    .satisfies(item -> assertThat(item.flagStatus()).isEqualTo("2"));
            assertThat(inbox.values())
                    .filteredOn(item -> item.subject().equals("Inbox read"))
                    .singleElement()
                    .satisfies(item -> assertThat(item.read()).isTrue());
        }
    }

    static Path fixtureDirectory() throws Exception {
        return Files.createDirectories(
                Path.of("target", "transfer-fixtures", UUID.randomUUID().toString()));
    }

    @Nested
    class FromFiles {

        @Test
        void mboxrdShouldBeUnquotedWithItsStatusFlagsReadAndRemoved() throws Exception {
            String mbox = "From ana@example.org Sat Nov 28 10:00:00 2026\n"
                    + "Status: RO\n"
                    + "X-Status: AF\n"
                    + "From: ana@example.org\n"
                    + "Subject: First\n"
                    + "Message-ID: <mbox-1@example.org>\n"
                    + "\n"
                    + ">From the start, a quoted line.\n"
                    + ">>From here, a quoted quoted line.\n"
                    + "\n"
                    + "From bo@example.net Sun Nov 29 11:30:00 2026\n"
                    + "From: bo@example.net\n"
                    + "Subject: Second\n"
                    + "Message-ID: <mbox-2@example.org>\n"
                    + "\n"
                    + "Unread, no flags.\n"
                    + "\n"
                    + "\n"
                    + "From MAILER-DAEMON Mon Nov 30 09:00:00 2026\n"
                    + "Subject: Third\n"
                    + "\n"
                    + "Last one.\n";
            Path file = fixtureDirectory().resolve("Archive.mbox");
            Files.writeString(file, mbox, StandardCharsets.US_ASCII);

            ImportProgress end = imports.run(
                    account.id(), new ImportSource.Mbox(file, null, MboxFormat.MBOXRD), ImportListener.NONE);

            assertThat(end.state()).isEqualTo(ImportState.DONE);
            assertThat(end.messagesTotal()).isEqualTo(3);
            assertThat(end.messagesStored()).isEqualTo(3);
            Map<String, MessageView> archive =
                    bySubject(userFolder(null, "Archive").id());
            MessageView first = archive.get("First");
            assertThat(first.read()).isTrue();
            assertThat(first.flag().status()).isEqualTo(Flag.Status.ACTIVE);
            assertThat(first.lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
            assertThat(first.receivedAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
            assertThat(new String(mailboxes.rawMime(account.id(), first.id()), StandardCharsets.US_ASCII))
                    .isEqualTo("From: ana@example.org\nSubject: First\nMessage-ID: <mbox-1@example.org>\n\n"
                            + "From the start, a quoted line.\n>From here, a quoted quoted line.\n");
            MessageView second = archive.get("Second");
            assertThat(second.read()).isFalse();
            assertThat(second.flag()).isEqualTo(Flag.CLEARED);
            assertThat(new String(mailboxes.rawMime(account.id(), second.id()), StandardCharsets.US_ASCII))
                    .endsWith("Unread, no flags.\n\n");
            assertThat(new String(
                            mailboxes.rawMime(account.id(), archive.get("Third").id()), StandardCharsets.US_ASCII))
                    .isEqualTo("Subject: Third\n\nLast one.\n");

            ImportProgress again = imports.run(
                    account.id(), new ImportSource.Mbox(file, null, MboxFormat.MBOXRD), ImportListener.NONE);
            assertThat(again.messagesSkipped()).isEqualTo(3);
            assertThat(everything()).hasSize(3);
        }

        @Test
        void mboxoShouldUnquoteOnlySingleQuotes() throws Exception {
            String mbox = "From ana@example.org Sat Nov 28 10:00:00 2026\n"
                    + "Subject: Old style\n\n>From one.\n>>From two.\n";
            Path file = fixtureDirectory().resolve("old.mbox");
            Files.writeString(file, mbox, StandardCharsets.US_ASCII);

            imports.run(account.id(), new ImportSource.Mbox(file, "INBOX", MboxFormat.MBOXO), ImportListener.NONE);

            MessageView stored = messages(folder(SystemFolder.INBOX)).getFirst();
            assertThat(new String(mailboxes.rawMime(account.id(), stored.id()), StandardCharsets.US_ASCII))
                    .endsWith("\n\nFrom one.\n>>From two.\n");
        }

        @Test
        void maildirShouldMapSubfoldersAndReadFlagsFromTheInfoSuffix() throws Exception {
            Path root = fixtureDirectory().resolve("Maildir");
            write(root.resolve("new/1700000001.M1P1.host"), message("Fresh"));
            write(root.resolve("cur/1700000002.M2P1.host:2,S"), message("Seen"));
            write(root.resolve("cur/1700000003.M3P1.host:2,FRS"), message("Flagged answered"));
            write(root.resolve("cur/1700000004.M4P1.host:2,"), NO_BOUNDARY);
            Files.createDirectories(root.resolve("tmp"));
            write(root.resolve(".Sent/cur/1700000005.M5P1.host:2,S"), message("Sent one"));
            write(root.resolve(".Trash/cur/1700000006.M6P1.host:2,ST"), message("Trashed"));
            write(root.resolve(".Archive.2024/cur/1700000007.M7P1.host:2,"), message("Archived"));
            write(root.resolve(".Caf&AOk-/new/1700000008.M8P1.host"), message("Coffee"));
            Files.setLastModifiedTime(
                    root.resolve("cur/1700000002.M2P1.host:2,S"), FileTime.from(Instant.parse("2026-11-20T08:00:00Z")));

            ImportProgress end = imports.run(account.id(), new ImportSource.Maildir(root), ImportListener.NONE);

            assertThat(end.state()).isEqualTo(ImportState.DONE);
            assertThat(end.messagesStored()).isEqualTo(8);
            assertThat(end.messagesMalformed()).isEqualTo(1);
            Map<String, MessageView> inbox = bySubject(folder(SystemFolder.INBOX));
            assertThat(inbox).hasSize(4);
            assertThat(inbox.get("Fresh").read()).isFalse();
            assertThat(inbox.get("Seen").read()).isTrue();
            assertThat(inbox.get("Seen").receivedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
            assertThat(inbox.get("Flagged answered").flag().status()).isEqualTo(Flag.Status.ACTIVE);
            assertThat(inbox.get("Flagged answered").lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
            assertThat(bySubject(folder(SystemFolder.SENT_ITEMS))).containsOnlyKeys("Sent one");
            assertThat(bySubject(folder(SystemFolder.DELETED_ITEMS))).containsOnlyKeys("Trashed");
            FolderView archive = userFolder(null, "Archive");
            assertThat(bySubject(userFolder(archive.id(), "2024").id())).containsOnlyKeys("Archived");
            assertThat(bySubject(userFolder(null, "Caf\u00e9").id())).containsOnlyKeys("Coffee");
        }

        @Test
        void emptyMessageFileShouldBeCountedAsFailedAndTheRestGoOn() throws Exception {
            Path root = fixtureDirectory().resolve("Maildir");
            write(root.resolve("cur/1.host:2,S"), message("Readable"));
            write(root.resolve("cur/2.host:2,S"), new byte[0]);
            write(root.resolve(".Later/cur/3.host:2,"), message("After the empty one"));

            ImportProgress end = imports.run(account.id(), new ImportSource.Maildir(root), ImportListener.NONE);

            assertThat(end.state()).isEqualTo(ImportState.DONE);
            assertThat(end.messagesFailed()).isEqualTo(1);
            assertThat(end.messagesDone()).isEqualTo(3);
            assertThat(end.errors()).singleElement().asString().startsWith("2.host:2,S: 0 bytes");
            assertThat(everything())
                    .extracting(MessageView::subject)
                    .containsExactlyInAnyOrder("Readable", "After the empty one");
        }

        static void write(Path file, byte[] content) throws Exception {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
    }

    @Test
    void fullMailboxShouldEndTheImportWithWhatFitStoredOnce() throws Exception {
        long quota = message("Inbox plain").length * 6L;
        AccountView small = accounts.create(new org.atoll.account.NewAccount(
                TestAccounts.uniqueAddress("small"),
                null,
                "correct horse battery",
                org.atoll.account.Role.USER,
                quota));
        account = small;
        Seeded seeded = seed();

        ImportProgress end = imports.run(small.id(), source(seeded), ImportListener.NONE);

        assertThat(end.state()).isEqualTo(ImportState.FAILED);
        assertThat(end.errors()).last().asString().startsWith("The mailbox is full");
        assertThat(everything()).hasSize((int) end.messagesStored());
        assertThat(end.messagesStored()).isBetween(1L, seeded.messages() - 1L);
        assertThat(everything().stream().mapToLong(MessageView::size).sum()).isLessThanOrEqualTo(quota);
    }

    @Test
    void imapsToAServerWithAnUntrustedCertificateShouldFailAndStoreNothing() throws Exception {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS);
        setup.setServerStartupTimeout(60_000);
        GreenMail imaps = new GreenMail(setup);
        imaps.start();
        try {
            imaps.setUser("tls@remote.test", "tls", REMOTE_PASSWORD);
            ImportSource.Imap source = new ImportSource.Imap(
                    "127.0.0.1", imaps.getImaps().getPort(), ImapSecurity.IMAPS, "tls", REMOTE_PASSWORD, List.of());

            ImportProgress end = imports.run(account.id(), source, ImportListener.NONE);

            assertThat(end.state()).isEqualTo(ImportState.FAILED);
            assertThat(end.errors())
                    .singleElement()
                    .asString()
                    .startsWith("Cannot sign in")
                    .containsAnyOf("PKIX", "certificat");
            assertThat(everything()).isEmpty();
        } finally {
            imaps.stop();
        }
    }

    @Test
    void anImportsOutcomeShouldOutliveTheProcessThatRanIt() throws Exception {
        Seeded seeded = seed();
        ImportProgress end = imports.run(account.id(), source(seeded), ImportListener.NONE);
        MailboxImports afterRestart = new MailboxImports(importer, jobs, mailboxes, properties, clock);

        ImportProgress kept = afterRestart.progress(account.id(), end.jobId()).orElseThrow();

        assertThat(kept.state()).isEqualTo(ImportState.DONE);
        assertThat(kept.messagesStored()).isEqualTo(seeded.messages());
        assertThat(kept.messagesMalformed()).isEqualTo(2);
        assertThat(kept.foldersDone()).isEqualTo(end.foldersDone());
        assertThat(kept.bytesDone()).isEqualTo(end.bytesDone());
        assertThat(kept.finishedAt()).isNotNull();
        assertThat(afterRestart.imports(account.id()))
                .extracting(ImportProgress::jobId)
                .containsExactly(end.jobId());
    }

    @Test
    void aRunningImportElsewhereShouldBeRefusedUntilItsProcessIsGoneThenShownAsFailed() throws Exception {
        Seeded seeded = seed();
        long elsewhere = jdbc.sql("INSERT INTO import_job (account_id, source, state, messages_stored, started_at,"
                        + " updated_at) VALUES (?, 'mbox other.mbox', 'RUNNING', 3, now(), now()) RETURNING id")
                .params(account.id())
                .query(Long.class)
                .single();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> imports.run(account.id(), source(seeded), ImportListener.NONE))
                .isInstanceOf(ImportAlreadyRunning.class);
        assertThat(imports.progress(account.id(), elsewhere).orElseThrow().state())
                .isEqualTo(ImportState.RUNNING);

        jdbc.sql("UPDATE import_job SET updated_at = now() - interval '11 minutes' WHERE account_id = ? AND id = ?")
                .params(account.id(), elsewhere)
                .update();
        ImportProgress gone = imports.progress(account.id(), elsewhere).orElseThrow();
        assertThat(gone.state()).isEqualTo(ImportState.FAILED);
        assertThat(gone.messagesStored()).isEqualTo(3);
        assertThat(gone.errors()).last().asString().startsWith("The process running this import ended");

        ImportProgress end = imports.run(account.id(), source(seeded), ImportListener.NONE);
        assertThat(end.state()).isEqualTo(ImportState.DONE);
        assertThat(imports.imports(account.id()))
                .extracting(ImportProgress::jobId)
                .containsExactly(end.jobId(), elsewhere);
    }

    @Test
    void secondImportIntoTheSameMailboxWhileOneRunsShouldBeRefused() throws Exception {
        Seeded seeded = seed();
        Map<String, Long> seen = new HashMap<>();
        imports.run(account.id(), source(seeded), progress -> {
            if (seen.isEmpty()) {
                seen.put("job", progress.jobId());
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> imports.start(account.id(), source(seeded), ImportListener.NONE))
                        .isInstanceOf(ImportAlreadyRunning.class);
            }
        });

        assertThat(imports.imports(account.id())).hasSize(1);
        assertThat(everything()).hasSize(seeded.messages());
    }
}
