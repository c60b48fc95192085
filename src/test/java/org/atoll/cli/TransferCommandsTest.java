package org.atoll.cli;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code atoll import} and {@code atoll export} run in this process against the test server's database: an mbox and
 * a Maildir come in and go out again unchanged, and an IMAP import from GreenMail interrupted as by Ctrl-C and run
 * again stores every message once, which a device then syncs over ActiveSync with its flags.
 */
@AtollTest
class TransferCommandsTest {

    static final String PASSWORD = "correct horse battery";
    static final String REMOTE_PASSWORD = "remote app password 7";

    static final GreenMail imap = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    Cli cli;

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
    void cli() {
        cli = new Cli(new Services() {
            @Override
            public <T> T get(Class<T> type) {
                return context.getBean(type);
            }
        });
        account = TestAccounts.open(accounts, "cli-transfer");
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

    long folder(AccountView owner, SystemFolder role) {
        return mailboxes.systemFolder(owner.id(), role).id();
    }

    Map<String, MessageView> bySubject(AccountView owner, long folderId) {
        return mailboxes.messages(owner.id(), folderId, 0, Mailboxes.MAX_PAGE).stream()
                .collect(Collectors.toMap(m -> String.valueOf(m.subject()), Function.identity()));
    }

    List<MessageView> everything(AccountView owner) {
        List<MessageView> all = new ArrayList<>();
        mailboxes
                .folders(owner.id())
                .forEach(f -> all.addAll(mailboxes.messages(owner.id(), f.id(), 0, Mailboxes.MAX_PAGE)));
        return all;
    }

    @Test
    void anMboxImportedAndExportedShouldComeBackWithTheSameBytesAndFlags(@TempDir Path dir) throws Exception {
        Path mbox = dir.resolve("old.mbox");
        Files.writeString(
                mbox,
                "From ana@example.org Sat Nov 28 10:00:00 2026\n"
                        + "Status: RO\n"
                        + "X-Status: AF\n"
                        + "From: ana@example.org\n"
                        + "Subject: Read answered flagged\n"
                        + "Message-ID: <cli-mbox-1@example.org>\n"
                        + "\n"
                        + ">From the start, a quoted line.\n"
                        + "\n"
                        + "From bo@example.net Sun Nov 29 11:30:00 2026\n"
                        + "From: bo@example.net\n"
                        + "Subject: Unread\n"
                        + "Message-ID: <cli-mbox-2@example.org>\n"
                        + "\n"
                        + "No flags.\n"
                        + "\n"
                        + "From cy@example.net Mon Nov 30 09:00:00 2026\n"
                        + "Status: RO\n"
                        + "From: cy@example.net\n"
                        + "Subject: Only read\n"
                        + "\n"
                        + "Last one.\n",
                StandardCharsets.US_ASCII);

        Cli.Run imported = cli.run("import", "mbox", account.address(), mbox.toString(), "--folder", "Inbox", "--json");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode json = imported.json();
        assertThat(json.get("state").asString()).isEqualTo("DONE");
        assertThat(json.get("messagesStored").asLong()).isEqualTo(3);
        assertThat(imported.err()).as("the last progress line").contains("100%  3/3 messages");
        long inbox = folder(account, SystemFolder.INBOX);
        Map<String, MessageView> stored = bySubject(account, inbox);
        assertThat(stored).containsOnlyKeys("Read answered flagged", "Unread", "Only read");
        assertThat(stored.get("Read answered flagged").read()).isTrue();
        assertThat(stored.get("Read answered flagged").flag().status()).isEqualTo(Flag.Status.ACTIVE);
        assertThat(stored.get("Read answered flagged").lastVerb()).isEqualTo(LastVerb.REPLY_TO_SENDER);
        assertThat(stored.get("Unread").read()).isFalse();
        assertThat(stored.get("Only read").read()).isTrue();
        assertThat(stored.get("Only read").flag()).isEqualTo(Flag.CLEARED);

        Cli.Run exported = cli.run("export", "mbox", Long.toString(account.id()), "--folder", "inbox");

        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.out()).as("the export alone is on standard output").isEmpty();
        assertThat(exported.err()).contains("Exported 3 message(s)").contains("as an mbox file");
        String written = new String(exported.bytes(), StandardCharsets.US_ASCII);
        assertThat(written).startsWith("From ").contains("\n>From the start, a quoted line.\n");

        AccountView other = TestAccounts.open(accounts, "cli-transfer-copy");
        Path copy = dir.resolve("inbox.mbox");
        Files.write(copy, exported.bytes());
        Cli.Run again = cli.run("import", "mbox", other.address(), copy.toString(), "--folder", "Inbox");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("Imported into " + other.address()).contains("3 stored");
        Map<String, MessageView> copied = bySubject(other, folder(other, SystemFolder.INBOX));
        assertThat(copied).containsOnlyKeys(stored.keySet());
        stored.forEach((subject, original) -> {
            MessageView twin = copied.get(subject);
            assertThat(mailboxes.rawMime(other.id(), twin.id()))
                    .as(subject)
                    .isEqualTo(mailboxes.rawMime(account.id(), original.id()));
            assertThat(twin.read()).as(subject).isEqualTo(original.read());
            assertThat(twin.flag().status())
                    .as(subject)
                    .isEqualTo(original.flag().status());
            assertThat(twin.lastVerb()).as(subject).isEqualTo(original.lastVerb());
        });
    }

    @Test
    void aMaildirImportedAndExportedAsZipShouldHoldEveryMessageFileAsItWas(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("Maildir");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("new/1700000001.M1P1.host", message("Fresh"));
        files.put("cur/1700000002.M2P1.host:2,S", message("Seen"));
        files.put(".Sent/cur/1700000003.M3P1.host:2,RS", message("Sent one"));
        files.put(".Archive.2024/cur/1700000004.M4P1.host:2,F", message("Archived"));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }

        Cli.Run imported = cli.run("import", "maildir", account.address(), root.toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("4 stored, 0 skipped as imported before, 0 failed");
        Map<String, MessageView> inbox = bySubject(account, folder(account, SystemFolder.INBOX));
        assertThat(inbox).containsOnlyKeys("Fresh", "Seen");
        assertThat(inbox.get("Fresh").read()).isFalse();
        assertThat(inbox.get("Seen").read()).isTrue();
        assertThat(bySubject(account, folder(account, SystemFolder.SENT_ITEMS))
                        .get("Sent one")
                        .lastVerb())
                .isEqualTo(LastVerb.REPLY_TO_SENDER);

        Path zip = dir.resolve("mailbox.zip");
        Cli.Run exported = cli.run("export", "zip", account.address(), "-o", zip.toString(), "--json");

        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.json().get("messages").asLong()).isEqualTo(4);
        assertThat(exported.json().get("container").asString()).isEqualTo("ZIP");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith(".eml")) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        assertThat(entries.values())
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(files.values().stream()
                        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                        .toList());
        assertThat(entries.keySet())
                .anyMatch(name -> name.startsWith("Sent Items/"))
                .anyMatch(name -> name.startsWith("Archive/2024/"));

        Cli.Run refused = cli.run("export", "zip", account.address(), "-o", zip.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("exists: give --force");
        Cli.Run unknownFolder = cli.run("export", "mbox", account.address(), "--folder", "No/Such", "-o", "-");
        assertThat(unknownFolder.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknownFolder.bytes()).isEmpty();
    }

    /** INBOX with plain, read, flagged and read-and-answered messages; Sent Messages; Projects. */
    record Seeded(String login, Map<String, Flags> messages) {}

    static Seeded seed() throws Exception {
        String login = "cli-remote-" + UUID.randomUUID().toString().substring(0, 8);
        imap.setUser(login + "@remote.test", login, REMOTE_PASSWORD);
        Session session = Session.getInstance(new Properties());
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), login, REMOTE_PASSWORD);
        Map<String, Flags> seeded = new LinkedHashMap<>();
        Flags answered = new Flags(Flags.Flag.ANSWERED);
        answered.add(Flags.Flag.SEEN);
        Folder inbox = store.getFolder("INBOX");
        append(session, inbox, "Inbox plain", new Flags(), seeded);
        append(session, inbox, "Inbox read", new Flags(Flags.Flag.SEEN), seeded);
        append(session, inbox, "Inbox flagged", new Flags(Flags.Flag.FLAGGED), seeded);
        append(session, inbox, "Inbox answered", answered, seeded);
        append(session, inbox, "Inbox fifth", new Flags(), seeded);
        Folder sent = created(store.getFolder("Sent Messages"));
        append(session, sent, "Sent 1", new Flags(Flags.Flag.SEEN), seeded);
        append(session, sent, "Sent 2", new Flags(Flags.Flag.SEEN), seeded);
        Folder projects = created(store.getFolder("Projects"));
        append(session, projects, "Project plan", new Flags(Flags.Flag.FLAGGED), seeded);
        append(session, projects, "Project notes", answered, seeded);
        store.close();
        return new Seeded(login, seeded);
    }

    static Folder created(Folder folder) throws Exception {
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS);
        }
        return folder;
    }

    static void append(Session session, Folder folder, String subject, Flags flags, Map<String, Flags> seeded)
            throws Exception {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(message(subject)));
        message.setFlags(flags, true);
        folder.appendMessages(new jakarta.mail.Message[] {message});
        seeded.put(subject, flags);
    }

    String[] imapImport(Seeded seeded, String... passwordOptions) {
        List<String> args = new ArrayList<>(List.of(
                "import",
                "imap",
                account.address(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(imap.getImap().getPort()),
                "--security",
                "none",
                "--user",
                seeded.login(),
                "--json"));
        args.addAll(List.of(passwordOptions));
        return args.toArray(String[]::new);
    }

    @Test
    void anImapImportInterruptedAndRunAgainShouldStoreEveryMessageOnceAndADeviceSyncItWithItsFlags(@TempDir Path dir)
            throws Exception {
        Seeded seeded = seed();
        int total = seeded.messages().size();
        Path secret = dir.resolve("imap-password");
        Files.writeString(secret, REMOTE_PASSWORD + "\n");

        Cli.Run first = cli.interruptedAt(2).run(imapImport(seeded, "--password-file", secret.toString()));

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(first.json().get("state").asString()).isEqualTo("CANCELLED");
        long storedFirst = first.json().get("messagesStored").asLong();
        assertThat(storedFirst).isBetween(1L, total - 1L);
        assertThat(first.err()).contains("run the same command again");
        assertThat(everything(account)).hasSize((int) storedFirst);

        Cli.Run second = cli.withInput(REMOTE_PASSWORD + "\n", imapImport(seeded, "--password-stdin"));

        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode end = second.json();
        assertThat(end.get("state").asString()).isEqualTo("DONE");
        assertThat(end.get("messagesSkipped").asLong()).isEqualTo(storedFirst);
        assertThat(end.get("messagesStored").asLong()).isEqualTo(total - storedFirst);
        assertThat(second.err()).contains(total + "/" + total + " messages");
        for (Cli.Run run : List.of(first, second)) {
            assertThat(run.out() + run.err()).doesNotContain(REMOTE_PASSWORD);
        }
        List<MessageView> all = everything(account);
        assertThat(all)
                .extracting(MessageView::subject)
                .containsExactlyInAnyOrderElementsOf(seeded.messages().keySet());

        MailClient phone =
                new MailClient(new EasDevice(port, account.address(), PASSWORD, "CliImportPhone").provision());
        assertThat(phone.device().folderSync("0").text("Status")).hasValue("1");
        FolderView projects = mailboxes.folders(account.id()).stream()
                .filter(f -> f.name().equals("Projects"))
                .findFirst()
                .orElseThrow();
        Map<String, WbxmlElement> held = new HashMap<>();
        for (long folderId :
                List.of(folder(account, SystemFolder.INBOX), folder(account, SystemFolder.SENT_ITEMS), projects.id())) {
            for (WbxmlElement data : syncAdds(phone, folderId)) {
                String subject = data.text(CodePage.EMAIL, "Subject").orElseThrow();
                assertThat(held.put(subject, data)).as("%s held once", subject).isNull();
            }
        }
        assertThat(held).containsOnlyKeys(seeded.messages().keySet());
        seeded.messages().forEach((subject, flags) -> {
            WbxmlElement data = held.get(subject);
            assertThat(data.text(CodePage.EMAIL, "Read"))
                    .as("Read of %s", subject)
                    .hasValue(flags.contains(Flags.Flag.SEEN) ? "1" : "0");
            assertThat(data.child(CodePage.EMAIL, "Flag").flatMap(f -> f.text(CodePage.EMAIL, "Status")))
                    .as("Flag of %s (MS-ASEMAIL 2.2.2.27)", subject)
                    .isEqualTo(
                            flags.contains(Flags.Flag.FLAGGED)
                                    ? java.util.Optional.of("2")
                                    : java.util.Optional.<String>empty());
            assertThat(data.text(CodePage.EMAIL2, "LastVerbExecuted"))
                    .as("LastVerbExecuted of %s (MS-ASEMAIL 2.2.2.45)", subject)
                    .isEqualTo(
                            flags.contains(Flags.Flag.ANSWERED)
                                    ? java.util.Optional.of("1")
                                    : java.util.Optional.<String>empty());
        });
    }

    /** A device's first sync of a folder, window by window; the ApplicationData of every Add it received. */
    static List<WbxmlElement> syncAdds(MailClient phone, long folderId) throws Exception {
        WbxmlElement first = MailClient.collection(phone.sync(folderId, "0", c -> c.add("WindowSize", "3")));
        phone.apply(folderId, first);
        List<WbxmlElement> adds = new ArrayList<>();
        boolean more;
        do {
            WbxmlElement collection =
                    MailClient.collection(phone.sync(folderId, phone.key(folderId), c -> c.add("WindowSize", "3")));
            assertThat(collection.text("Status")).hasValue("1");
            phone.apply(folderId, collection);
            collection.child("Commands").map(WbxmlElement::children).orElse(List.of()).stream()
                    .filter(command -> command.name().equals("Add"))
                    .forEach(add -> adds.add(add.child("ApplicationData").orElseThrow()));
            more = collection.child("MoreAvailable").isPresent();
        } while (more);
        return adds;
    }

    @Test
    void importAndExportShouldEndWithTheDocumentedExitCodes(@TempDir Path dir) throws Exception {
        Path mbox = dir.resolve("one.mbox");
        Files.writeString(mbox, "From a@example.org Sat Nov 28 10:00:00 2026\nSubject: One\n\nBody\n");

        assertThat(cli.run("import", "mbox", "nobody-" + UUID.randomUUID() + "@example.org", mbox.toString())
                        .exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
        Cli.Run missing = cli.run(
                "import", "mbox", account.address(), dir.resolve("absent.mbox").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("No such file");
        Cli.Run noPassword = cli.run("import", "imap", account.address(), "--host", "127.0.0.1", "--user", "x");
        assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPassword.err()).contains("--password-env");
        Cli.Run wrongPassword = cli.withInput(
                "not the password\n",
                "import",
                "imap",
                account.address(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(imap.getImap().getPort()),
                "--security",
                "NONE",
                "--user",
                seed().login(),
                "--password-stdin");
        assertThat(wrongPassword.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(wrongPassword.out()).startsWith("Failed into");
        assertThat(wrongPassword.err()).contains("Cannot sign in").doesNotContain("not the password");
        Cli.Run toTerminal = cli.answering(List.of(), "export", "mbox", account.address());
        assertThat(toTerminal.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(toTerminal.err()).contains("give -o FILE");

        Cli.Run help = cli.run("import", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("imap", "mbox", "maildir", "zip");
        assertThat(cli.run("export", "--help").out()).contains("mbox", "zip");
    }
}
