package org.atoll.api;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Flag;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.LastVerb;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageUpdate;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Export and import through the API: a mailbox exported as mbox or as a ZIP of {@code .eml} files and uploaded into
 * another account arrives as the same messages; an IMAP import is for administrators and is followed by its
 * progress.
 */
@AtollTest
class MailboxTransferApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    static final GreenMail imap = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView owner;
    ApiClient client;
    ApiClient admin;

    @BeforeAll
    static void startImap() {
        imap.start();
    }

    @AfterAll
    static void stopImap() {
        imap.stop();
    }

    @BeforeEach
    void mailbox() {
        owner = TestAccounts.open(accounts, "mover");
        client = ApiClient.basic(port, owner.address(), PASSWORD);
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
    }

    long folder(AccountView account, SystemFolder role) {
        return mailboxes.systemFolder(account.id(), role).id();
    }

    /** Inbox: three messages (read, flagged, answered), one with From lines in its body; Sent Items; Archive/2024. */
    void fill() {
        long inbox = folder(owner, SystemFolder.INBOX);
        MessageView read = mailboxes.deliver(owner.id(), inbox, Mime.message("Read one"), null);
        MessageView flagged = mailboxes.deliver(owner.id(), inbox, Mime.message("Flagged one"), null);
        MessageView answered = mailboxes.deliver(owner.id(), inbox, Mime.message("Answered one"), null);
        mailboxes.deliver(
                owner.id(),
                inbox,
                ("From: a@example.org\r\nSubject: Quoting\r\nMessage-ID: <quoting@example.org>\r\n\r\n"
                                + "From the top.\r\n>From once.\r\n>>From twice.\r\n")
                        .getBytes(StandardCharsets.US_ASCII),
                null);
        mailboxes.update(
                owner.id(),
                Map.of(
                        read.id(), new MessageUpdate(true, null, null),
                        flagged.id(), new MessageUpdate(null, Flag.active(null, null), null)));
        mailboxes.recordVerb(owner.id(), answered.id(), LastVerb.REPLY_TO_SENDER);
        mailboxes.deliver(owner.id(), SystemFolder.SENT_ITEMS, Mime.message("Sent one"), null, true);
        FolderView archive = mailboxes.createFolder(owner.id(), null, "Archive", FolderType.USER_MAIL);
        FolderView year = mailboxes.createFolder(owner.id(), archive.id(), "2024/25", FolderType.USER_MAIL);
        mailboxes.deliver(owner.id(), year.id(), Mime.message("Archived one"), null);
    }

    /** Every message of the account by folder path and subject, with its state and bytes. */
    Map<String, String> contents(AccountView account, boolean withFlags) {
        List<FolderView> folders = mailboxes.folders(account.id());
        Map<Long, FolderView> byId = new HashMap<>();
        folders.forEach(f -> byId.put(f.id(), f));
        Map<String, String> all = new java.util.TreeMap<>();
        for (FolderView folder : folders) {
            String path = folder.name();
            for (FolderView at = folder; at.parentId() != null; ) {
                at = byId.get(at.parentId());
                path = at.name() + "/" + path;
            }
            for (MessageView m : mailboxes.messages(account.id(), folder.id(), 0, Mailboxes.MAX_PAGE)) {
                String raw = new String(mailboxes.rawMime(account.id(), m.id()), StandardCharsets.UTF_8);
                String state = withFlags ? m.read() + " " + m.flag().status() + " " + m.lastVerb() : "";
                all.put(path + " | " + m.subject(), state + "\n" + raw);
            }
        }
        return all;
    }

    JsonNode finished(ApiClient caller, AccountView account, long importId) throws Exception {
        String path = "/api/v1/mailboxes/" + account.id() + "/imports/" + importId;
        Waiting.until(
                "import " + importId + " ends",
                () -> !caller.get(path).json().get("state").asString().equals("RUNNING"));
        return caller.get(path).json();
    }

    @Test
    void mailboxExportedAsMboxAndUploadedElsewhereShouldArriveAsTheSameMessagesWithTheirFlags() throws Exception {
        fill();

        Reply export = client.get("/api/v1/mailboxes/" + owner.id() + "/export?format=MBOX");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/zip");
        assertThat(export.header("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"mailbox-" + owner.id() + ".zip\"");
        assertThat(entries(export.body()).keySet())
                .contains("Inbox.mbox", "Sent Items.mbox", "Archive.mbox", "Archive/2024%2F25.mbox");
        AccountView other = TestAccounts.open(accounts, "newhome");
        ApiClient otherClient = ApiClient.basic(port, other.address(), PASSWORD);

        Reply started = otherClient.upload(
                "/api/v1/mailboxes/" + other.id() + "/imports/upload?format=ZIP", "application/zip", export.body());

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.header("Location").orElseThrow()).endsWith("/imports/" + started.id());
        JsonNode end = finished(otherClient, other, started.id());
        assertThat(end.get("state").asString()).isEqualTo("DONE");
        assertThat(end.get("messagesStored").asLong()).isEqualTo(6);
        assertThat(end.get("errors")).isEmpty();
        assertThat(contents(other, true)).isEqualTo(contents(owner, true));
        assertThat(otherClient
                        .get("/api/v1/mailboxes/" + other.id() + "/imports")
                        .json())
                .singleElement()
                .satisfies(i -> assertThat(i.get("id").asLong()).isEqualTo(started.id()));
    }

    @Test
    void folderExportedAsMboxShouldBeOneFileThatUploadsIntoAChosenFolder() throws Exception {
        fill();
        long inbox = folder(owner, SystemFolder.INBOX);

        Reply export = client.get("/api/v1/mailboxes/" + owner.id() + "/export?format=MBOX&folderId=" + inbox);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/mbox");
        String mbox = export.text();
        assertThat(mbox).startsWith("From ana@example.org ");
        assertThat(mbox).contains("\r\n>From the top.\r\n>>From once.\r\n>>>From twice.\r\n");
        assertThat(mbox).contains("Status: O\r\nX-Status: F\r\n", "Status: O\r\nX-Status: A\r\n", "Status: RO\r\n");

        AccountView other = TestAccounts.open(accounts, "newfolder");
        ApiClient otherClient = ApiClient.basic(port, other.address(), PASSWORD);
        Reply started = otherClient.upload(
                "/api/v1/mailboxes/" + other.id() + "/imports/upload?format=MBOX&folder=Old%20mail/Inbox",
                "application/mbox",
                export.body());
        JsonNode end = finished(otherClient, other, started.id());

        assertThat(end.get("messagesStored").asLong()).isEqualTo(4);
        FolderView old = mailboxes.folders(other.id()).stream()
                .filter(f -> f.name().equals("Old mail"))
                .findFirst()
                .orElseThrow();
        FolderView target = mailboxes.folders(other.id()).stream()
                .filter(f -> old.id() == (f.parentId() == null ? -1 : f.parentId()))
                .findFirst()
                .orElseThrow();
        assertThat(target.name()).isEqualTo("Inbox");
        Map<String, byte[]> before = raws(owner, inbox);
        assertThat(raws(other, target.id()))
                .containsOnlyKeys(before.keySet())
                .allSatisfy((subject, raw) -> assertThat(raw).isEqualTo(before.get(subject)));
    }

    @Test
    void emlExportShouldHoldEachMessageAsStoredAndUploadBack() throws Exception {
        fill();

        Reply export = client.get("/api/v1/mailboxes/" + owner.id() + "/export?format=EML");

        assertThat(export.contentType()).isEqualTo("application/zip");
        Map<String, byte[]> entries = entries(export.body());
        assertThat(entries.keySet().stream().filter(n -> n.endsWith(".eml"))).hasSize(6);
        assertThat(entries.keySet()).anySatisfy(name -> assertThat(name).matches("Archive/2024%2F25/[0-9]+\\.eml"));

        AccountView other = TestAccounts.open(accounts, "emlhome");
        ApiClient otherClient = ApiClient.basic(port, other.address(), PASSWORD);
        Reply started = otherClient.upload(
                "/api/v1/mailboxes/" + other.id() + "/imports/upload?format=ZIP", "application/zip", export.body());
        finished(otherClient, other, started.id());

        assertThat(contents(other, false)).isEqualTo(contents(owner, false));
    }

    @Test
    void onlyTheOwnerAndAdministratorsShouldExportAndOnlyAdministratorsImportFromImap() {
        fill();
        AccountView stranger = TestAccounts.open(accounts, "stranger");
        ApiClient strangerClient = ApiClient.basic(port, stranger.address(), PASSWORD);
        String base = "/api/v1/mailboxes/" + owner.id();
        Map<String, Object> source = imapSource("someone", "secret password");

        assertThat(strangerClient.get(base + "/export?format=EML").status()).isEqualTo(404);
        assertThat(strangerClient.get(base + "/imports").status()).isEqualTo(404);
        assertThat(strangerClient
                        .upload(base + "/imports/upload?format=MBOX", "application/mbox", Mime.message("x"))
                        .status())
                .isEqualTo(404);
        assertThat(client.post(base + "/imports", source).status()).isEqualTo(403);
        assertThat(admin.get(base + "/export?format=MBOX").status()).isEqualTo(200);
        assertThat(client.get(base + "/export?format=MBOX&folderId=" + folder(stranger, SystemFolder.INBOX))
                        .status())
                .isEqualTo(404);
        assertThat(client.get(base + "/imports/987654321").status()).isEqualTo(404);
        assertThat(client.post(base + "/imports/987654321/cancel", null).status())
                .isEqualTo(404);
    }

    @Test
    void uploadThatIsNoZipShouldFailItsImportAndChangeNothing() throws Exception {
        String base = "/api/v1/mailboxes/" + owner.id();

        Reply started = client.upload(
                base + "/imports/upload?format=ZIP", "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8));

        assertThat(started.status()).isEqualTo(202);
        JsonNode end = finished(client, owner, started.id());
        assertThat(end.get("state").asString()).isEqualTo("FAILED");
        assertThat(end.get("errors").get(0).asString()).startsWith("Not a ZIP archive");
        assertThat(mailboxes.count(owner.id(), folder(owner, SystemFolder.INBOX)))
                .isZero();
    }

    @Test
    void administratorShouldImportFromImapAndFollowItWithoutThePasswordInAnyAnswer() throws Exception {
        String login = "api-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "imap password " + UUID.randomUUID();
        imap.setUser(login + "@remote.test", login, password);
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), login, password);
        Folder inbox = store.getFolder("INBOX");
        for (String subject : List.of("Remote one", "Remote two")) {
            MimeMessage message = new MimeMessage(
                    Session.getInstance(new Properties()), new ByteArrayInputStream(Mime.message(subject)));
            message.setFlags(new Flags(Flags.Flag.SEEN), true);
            inbox.appendMessages(new jakarta.mail.Message[] {message});
        }
        store.close();
        String base = "/api/v1/mailboxes/" + owner.id();

        Reply started = admin.post(base + "/imports", imapSource(login, password));

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.text()).doesNotContain(password);
        JsonNode end = finished(admin, owner, started.id());
        assertThat(end.get("state").asString()).isEqualTo("DONE");
        assertThat(end.get("messagesStored").asLong()).isEqualTo(2);
        assertThat(end.get("source").asString()).contains(login).doesNotContain(password);
        assertThat(mailboxes.messages(owner.id(), folder(owner, SystemFolder.INBOX), 0, 10))
                .allSatisfy(m -> assertThat(m.read()).isTrue())
                .hasSize(2);
        Reply cancelled = client.post(base + "/imports/" + started.id() + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asString()).isEqualTo("DONE");
        assertThat(client.get(base + "/imports").text()).doesNotContain(password);
    }

    Map<String, Object> imapSource(String login, String password) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("host", "127.0.0.1");
        source.put("port", imap.getImap().getPort());
        source.put("security", "NONE");
        source.put("username", login);
        source.put("password", password);
        source.put("folders", List.of("INBOX"));
        return source;
    }

    Map<String, byte[]> raws(AccountView account, long folderId) {
        Map<String, byte[]> raws = new HashMap<>();
        for (MessageView m : mailboxes.messages(account.id(), folderId, 0, Mailboxes.MAX_PAGE)) {
            raws.put(m.subject(), mailboxes.rawMime(account.id(), m.id()));
        }
        return raws;
    }

    static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
