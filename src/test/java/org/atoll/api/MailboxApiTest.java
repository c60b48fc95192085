package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A mailbox through the API: reads, safe downloads, and changes that go through the mailbox service's journal. */
@AtollTest
class MailboxApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    static final String WITH_ATTACHMENT = "From: Ana <ana@example.org>\r\n"
            + "To: Bo <bo@example.net>\r\n"
            + "Subject: Report\r\n"
            + "Message-ID: <report-1@example.org>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "The report is attached.\r\n"
            + "--b1\r\n"
            + "Content-Type: text/html; name=\"evil \\\"name\\\".html\"\r\n"
            + "Content-Disposition: attachment; filename=\"r\u00e9sum\u00e9\\\";.html\"\r\n"
            + "\r\n"
            + "<script>alert(1)</script>\r\n"
            + "--b1--\r\n";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView owner;
    ApiClient client;
    long inbox;
    String base;

    @BeforeEach
    void mailbox() {
        owner = TestAccounts.open(accounts, "mailowner");
        client = ApiClient.basic(port, owner.address(), PASSWORD);
        inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        base = "/api/v1/mailboxes/" + owner.id();
    }

    @Test
    void foldersAndMessagesShouldBeListedWithEnvelopeAndBody() {
        MessageView first = mailboxes.deliver(owner.id(), inbox, Mime.message("First"), null);
        mailboxes.deliver(owner.id(), inbox, Mime.message("Second"), null);

        JsonNode folders = client.get(base + "/folders").json();
        assertThat(folders).anySatisfy(folder -> {
            assertThat(folder.get("role").asString()).isEqualTo("INBOX");
            assertThat(folder.get("messageCount").asLong()).isEqualTo(2);
        });
        JsonNode page =
                client.get(base + "/folders/" + inbox + "/messages?size=1").json();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("body").isNull()).isTrue();

        JsonNode message = client.get(base + "/messages/" + first.id()).json();
        assertThat(message.get("subject").asString()).isEqualTo("First");
        assertThat(message.get("body").get("plain").asString()).contains("Hello, this is First");
    }

    @Test
    void downloadsShouldBeAttachmentsWithSafeNamesAndTypes() {
        MessageView message =
                mailboxes.deliver(owner.id(), inbox, WITH_ATTACHMENT.getBytes(StandardCharsets.UTF_8), null);

        Reply raw = client.get(base + "/messages/" + message.id() + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.contentType()).startsWith("message/rfc822");
        assertThat(raw.header("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"message-" + message.id() + ".eml\"");
        assertThat(raw.text()).isEqualTo(WITH_ATTACHMENT);

        Reply attachment = client.get(base + "/messages/" + message.id() + "/attachments/0");
        assertThat(attachment.status()).isEqualTo(200);
        assertThat(attachment.contentType()).isEqualTo("application/octet-stream");
        assertThat(attachment.header("X-Content-Type-Options")).hasValue("nosniff");
        String disposition = attachment.header("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment; filename=\"");
        assertThat(disposition.substring(0, disposition.indexOf("; filename*=")))
                .matches("attachment; filename=\"[A-Za-z0-9._-]+\"");
        assertThat(disposition).contains("filename*=UTF-8''r%C3%A9sum%C3%A9");
        assertThat(attachment.text()).contains("<script>");
        assertThat(client.get(base + "/messages/" + message.id() + "/attachments/1")
                        .status())
                .isEqualTo(404);
    }

    static final String MIXED_ATTACHMENTS = "From: Ana <ana@example.org>\r\n"
            + "To: Bo <bo@example.net>\r\n"
            + "Subject: Files\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Three files.\r\n"
            + "--b1\r\n"
            + "Content-Type: image/png\r\n"
            + "Content-Disposition: attachment; filename=\"chart.png\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "iVBORw0KGgo=\r\n"
            + "--b1\r\n"
            + "Content-Type: image/svg+xml\r\n"
            + "Content-Disposition: attachment; filename=\"logo.svg\"\r\n"
            + "\r\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\r\n"
            + "--b1\r\n"
            + "Content-Type: application/pdf\r\n"
            + "Content-Disposition: attachment;\r\n"
            + " filename*=UTF-8''..%2F..%2F.report%E2%80%AEfdp.exe%0D%0ASet-Cookie%3A%20a%3Db%00\r\n"
            + "\r\n"
            + "%PDF-1.4\r\n"
            + "--b1--\r\n";

    @Test
    void downloadsShouldKeepOnlyPassiveTypesAndNeverAHostileName() {
        MessageView message =
                mailboxes.deliver(owner.id(), inbox, MIXED_ATTACHMENTS.getBytes(StandardCharsets.UTF_8), null);
        String attachments = base + "/messages/" + message.id() + "/attachments/";

        Reply png = client.get(attachments + 0);
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.header("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"chart.png\""));
        assertThat(png.header("X-Content-Type-Options")).hasValue("nosniff");

        Reply svg = client.get(attachments + 1);
        assertThat(svg.contentType()).isEqualTo("application/octet-stream");
        assertThat(svg.header("Content-Disposition").orElseThrow()).startsWith("attachment; ");
        assertThat(svg.header("X-Content-Type-Options")).hasValue("nosniff");

        Reply pdf = client.get(attachments + 2);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.raw().headers().map()).doesNotContainKey("set-cookie");
        String disposition = pdf.header("Content-Disposition").orElseThrow();
        assertThat(disposition)
                .isEqualTo("attachment; filename=\"reportfdp.exeSet-Cookie__a_b\";"
                        + " filename*=UTF-8''reportfdp.exeSet-Cookie_%20a%3Db");
    }

    @Test
    void changesShouldGoThroughTheJournalSoEveryDeviceReceivesThem() {
        MessageView message = mailboxes.deliver(owner.id(), inbox, Mime.message("Move me"), null);
        long before = mailboxes.highestModseq(owner.id());

        Reply folder = client.post(base + "/folders", Map.of("name", "Projects"));
        assertThat(folder.status()).isEqualTo(201);
        long projects = folder.id();
        Reply marked = client.patch(base + "/messages/" + message.id(), Map.of("read", true, "flagged", true));
        assertThat(marked.json().get("read").asBoolean()).isTrue();
        assertThat(marked.json().get("flag").get("status").asString()).isEqualTo("ACTIVE");
        Reply moved = client.post(base + "/messages/" + message.id() + "/move", Map.of("folderId", projects));
        assertThat(moved.json().get("folderId").asLong()).isEqualTo(projects);

        assertThat(mailboxes.messages(owner.id(), projects, 0, 10))
                .extracting(MessageView::id)
                .containsExactly(message.id());
        assertThat(mailboxes.count(owner.id(), inbox)).isZero();
        List<ChangeKind> inInbox = kinds(owner.id(), inbox, before);
        List<ChangeKind> inProjects = kinds(owner.id(), projects, before);
        assertThat(inInbox)
                .containsExactly(ChangeKind.MESSAGE_CHANGED, ChangeKind.MESSAGE_CHANGED, ChangeKind.MESSAGE_REMOVED);
        assertThat(inProjects).containsExactly(ChangeKind.MESSAGE_ADDED);

        assertThat(client.delete(base + "/messages/" + message.id()).status()).isEqualTo(204);
        long trash =
                mailboxes.systemFolder(owner.id(), SystemFolder.DELETED_ITEMS).id();
        assertThat(mailboxes.message(owner.id(), message.id()).folderId()).isEqualTo(trash);
    }

    @Test
    void restMoveShouldReachADeviceOnItsNextSync() throws Exception {
        MessageView message = mailboxes.deliver(owner.id(), inbox, Mime.message("Filed by a script"), null);
        long projects =
                client.post(base + "/folders", Map.of("name", "Projects")).id();
        MailClient phone = new MailClient(new EasDevice(port, owner.address(), PASSWORD, "RestMovePhone").provision());
        phone.syncFully(inbox, 10);
        phone.syncFully(projects, 10);

        client.post(base + "/messages/" + message.id() + "/move", Map.of("folderId", projects));

        WbxmlElement fromInbox = phone.syncOnce(inbox, c -> {});
        WbxmlElement intoProjects = phone.syncOnce(projects, c -> {});
        assertThat(fromInbox.child("Commands").orElseThrow().children("Delete")).hasSize(1);
        assertThat(intoProjects.child("Commands").orElseThrow().children("Add")).hasSize(1);
        assertThat(phone.items(inbox)).isEmpty();
        assertThat(phone.items(projects).keySet()).containsExactly(projects + ":" + message.id());
    }

    @Test
    void refusedChangesShouldChangeNothing() {
        MessageView message = mailboxes.deliver(owner.id(), inbox, Mime.message("Stay"), null);
        long before = mailboxes.highestModseq(owner.id());

        assertThat(client.post(base + "/messages/" + message.id() + "/move", Map.of("folderId", 999_999_999L))
                        .status())
                .isEqualTo(404);
        assertThat(client.post(base + "/folders", Map.of("name", "Inbox")).status())
                .isEqualTo(409);
        assertThat(client.unchecked("PATCH", base + "/messages/" + message.id(), "{\"read\":\"yes\"}")
                        .status())
                .isEqualTo(400);
        assertThat(client.unchecked("GET", base + "/folders/" + inbox + "/messages?size=1000", null)
                        .status())
                .isEqualTo(400);
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
    }

    @Test
    void userShouldReachNoOtherMailboxButAnAdministratorShould() {
        MessageView message = mailboxes.deliver(owner.id(), inbox, Mime.message("Private"), null);
        AccountView intruder = TestAccounts.open(accounts, "intruder");
        ApiClient other = ApiClient.basic(port, intruder.address(), PASSWORD);
        long before = mailboxes.highestModseq(owner.id());
        String m = base + "/messages/" + message.id();

        List<Reply> replies = List.of(
                other.get(base + "/folders"),
                other.post(base + "/folders", Map.of("name", "Mine now")),
                other.get(base + "/folders/" + inbox + "/messages"),
                other.get(m),
                other.get(m + "/raw"),
                other.get(m + "/attachments/0"),
                other.patch(m, Map.of("read", true)),
                other.post(m + "/move", Map.of("folderId", inbox)),
                other.delete(m));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        });
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
        assertThat(other.get("/api/v1/mailboxes/" + intruder.id() + "/messages/" + message.id())
                        .status())
                .isEqualTo(404);

        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        assertThat(admin.get(m).json().get("subject").asString()).isEqualTo("Private");
        assertThat(admin.get("/api/v1/mailboxes/999999999/folders").status()).isEqualTo(404);
    }

    private List<ChangeKind> kinds(long accountId, long folderId, long afterModseq) {
        List<ChangeKind> kinds = new ArrayList<>();
        for (JournalEntry entry : mailboxes
                .changes(accountId, folderId, JournalPosition.afterModseq(afterModseq), 100)
                .entries()) {
            kinds.add(entry.kind());
        }
        return kinds;
    }
}
