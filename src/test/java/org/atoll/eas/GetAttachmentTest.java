package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * GetAttachment (MS-ASCMD 2.2.1.7) from a protocol 12.1 device: the FileReference in the AttachmentName parameter
 * (MS-ASHTTP 2.2.1.1.1.2.5), the attachment's bytes as the HTTP body, errors as HTTP status codes. The bound on the
 * data of one response is {@code atoll.eas.max-item-operations-bytes}, 1 MB here.
 */
@AtollTest
@TestPropertySource(locations = "classpath:bounded-resources.properties")
class GetAttachmentTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView account;
    EasDevice phone;

    @BeforeEach
    void phone() throws Exception {
        account = TestAccounts.open(accounts, "getter");
        phone = new EasDevice(port, account.address(), PASSWORD, "GetAttPhone", "12.1").provision();
    }

    @Test
    void attachmentShouldComeAsTheHttpBodyWithItsContentType_MsAscmd_2_2_1_7() throws Exception {
        byte[] pdf = "%PDF-1.4 not really a PDF\u0000\u0001\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        String reference = attachmentOf(deliver(account, "application/pdf", pdf));

        HttpResponse<byte[]> response = get(reference);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
        assertThat(response.body()).isEqualTo(pdf);
    }

    @Test
    void anotherAccountsAttachmentShouldBeRefusedExactlyLikeOneThatDoesNotExist_MsAscmd_2_2_1_7() throws Exception {
        AccountView other = TestAccounts.open(accounts, "owner");
        String theirs = attachmentOf(deliver(other, "text/plain", "secret".getBytes(StandardCharsets.US_ASCII)));
        String mine = attachmentOf(deliver(account, "text/plain", "mine".getBytes(StandardCharsets.US_ASCII)));
        String missing = mine.substring(0, mine.indexOf(':')) + ":9";

        HttpResponse<byte[]> notMine = get(theirs);
        HttpResponse<byte[]> nothing = get(missing);

        assertThat(notMine.statusCode()).isEqualTo(500);
        assertThat(nothing.statusCode()).isEqualTo(notMine.statusCode());
        assertThat(notMine.body()).isEqualTo(nothing.body());
        assertThat(new String(notMine.body(), StandardCharsets.UTF_8)).doesNotContain("secret");
    }

    @Test
    void requestWithoutAttachmentNameShouldGet400() throws Exception {
        HttpResponse<byte[]> response = phone.post("GetAttachment", "", "application/vnd.ms-sync.wbxml", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void attachmentNameThatIsNoFileReferenceShouldGet400() throws Exception {
        assertThat(get("not-a-reference").statusCode()).isEqualTo(400);
        assertThat(get("12:").statusCode()).isEqualTo(400);
    }

    @Test
    void attachmentOverTheBoundShouldBeRefusedWithoutItsBytes() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        String reference = attachmentOf(deliver(account, "application/octet-stream", big));

        HttpResponse<byte[]> response = get(reference);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body().length).isLessThan(1024);
    }

    @Test
    void protocol14DeviceShouldGetTheAttachmentToo_AndRefusalsAsHttpStatusCodes() throws Exception {
        EasDevice newer = new EasDevice(port, account.address(), PASSWORD, "GetAtt14", "14.1").provision();
        String reference = attachmentOf(deliver(account, "text/plain", "hello".getBytes(StandardCharsets.US_ASCII)));

        assertThat(newer.post("GetAttachment", "&AttachmentName=" + reference, "text/plain", new byte[0])
                        .body())
                .isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        EasDevice unprovisioned = new EasDevice(port, account.address(), PASSWORD, "GetAtt14b", "14.1");
        assertThat(unprovisioned
                        .post("GetAttachment", "&AttachmentName=" + reference, "text/plain", new byte[0])
                        .statusCode())
                .isEqualTo(449);
    }

    @Test
    void base64RequestLineShouldCarryTheFileReferenceInAttachmentName_MsAshttp_2_2_1_1_1_1_3() throws Exception {
        String reference =
                attachmentOf(deliver(account, "text/plain", "base64 line".getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.write(121);
        line.write(4);
        line.writeBytes(new byte[] {0x09, 0x04});
        writeField(line, "GetAttPhone");
        long key = phone.policyKey();
        line.write(4);
        line.writeBytes(new byte[] {(byte) key, (byte) (key >> 8), (byte) (key >> 16), (byte) (key >> 24)});
        writeField(line, "SmartPhone");
        line.write(0);
        writeField(line, reference);

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync?"
                                        + Base64.getEncoder().encodeToString(line.toByteArray())))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString((account.address() + ":" + PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("base64 line".getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeField(ByteArrayOutputStream line, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        line.write(bytes.length);
        line.writeBytes(bytes);
    }

    private HttpResponse<byte[]> get(String reference) throws Exception {
        return phone.post(
                "GetAttachment", "&AttachmentName=" + reference, "application/vnd.ms-sync.wbxml", new byte[0]);
    }

    private MessageView deliver(AccountView owner, String contentType, byte[] attachment) {
        String mime = "From: Ann <ann@example.org>\r\n"
                + "To: Bob <bob@example.org>\r\n"
                + "Subject: Attached\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b1\r\nContent-Type: " + contentType + "; name=\"file\"\r\n"
                + "Content-Disposition: attachment; filename=\"file\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n"
                + "--b1--\r\n";
        long inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        return mailboxes.deliver(owner.id(), inbox, mime.getBytes(StandardCharsets.US_ASCII), null);
    }

    private static String attachmentOf(MessageView message) {
        assertThat(message.attachments()).hasSize(1);
        return message.id() + ":" + message.attachments().getFirst().partPath();
    }
}
