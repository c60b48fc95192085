package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * What one ItemOperations request (MS-ASCMD 2.2.1.10) may make the server do: at most
 * {@code atoll.eas.max-item-operations} operations and {@code atoll.eas.max-item-operations-bytes} of data (1 MB
 * here), and a Range outside an attachment answered with Status 8 (MS-ASCMD 2.2.3.177.8), never HTTP 500.
 */
@AtollTest
@TestPropertySource(locations = "classpath:bounded-resources.properties")
class ItemOperationsBoundsTest {

    private static final CodePage I = CodePage.ITEM_OPERATIONS;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final int BOUND = 1024 * 1024;
    private static final int ATTACHMENT_BYTES = 512 * 1024;

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
        account = TestAccounts.open(accounts, "fetcher");
        phone = new EasDevice(port, account.address(), "correct horse battery", "FetchPhone").provision();
    }

    @Test
    void hundredFetchesOfOneAttachmentShouldCarryAtMostTheBoundAndStatus11ForTheRest() throws Exception {
        String reference = attachmentOf(deliver(new Random(7)
                .ints(ATTACHMENT_BYTES, 0, 256)
                .collect(
                        java.io.ByteArrayOutputStream::new,
                        (out, b) -> out.write(b),
                        (a, b) -> a.writeBytes(b.toByteArray()))
                .toByteArray()));
        WbxmlElement request = WbxmlElement.of(I, "ItemOperations");
        for (int i = 0; i < 100; i++) {
            request.add(fetch(reference, null));
        }

        long before = allocatedBytes();
        HttpResponse<byte[]> response = phone.post("ItemOperations", new WbxmlEncoder().encode(request));
        long allocated = allocatedBytes() - before;

        assertThat(response.statusCode()).isEqualTo(200);
        WbxmlElement document = new WbxmlDecoder().decode(response.body());
        assertThat(document.text("Status")).hasValue("1");
        List<WbxmlElement> fetches = document.child("Response").orElseThrow().children();
        assertThat(fetches).hasSize(100);
        long sent = fetches.stream()
                .filter(f -> f.text("Status").orElseThrow().equals("1"))
                .mapToLong(f -> Base64.getDecoder()
                        .decode(f.child("Properties").orElseThrow().text("Data").orElseThrow())
                        .length)
                .sum();
        assertThat(sent).isEqualTo(BOUND / ATTACHMENT_BYTES * (long) ATTACHMENT_BYTES);
        assertThat(fetches.subList(BOUND / ATTACHMENT_BYTES, 100))
                .allSatisfy(f -> assertThat(f.text("Status")).hasValue("11"));
        // All 100 answered whole would be 50 MB of data and several times that in copies; the bound allows 1 MB.
        assertThat(allocated).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void operationsPastTheMostOfOneRequestShouldGetStatus2AndNotRun() throws Exception {
        WbxmlElement request = WbxmlElement.of(I, "ItemOperations");
        for (int i = 0; i < 101; i++) {
            request.add(fetch("1:9", null));
        }

        WbxmlElement response = phone.send("ItemOperations", request);

        List<WbxmlElement> answers = response.child("Response").orElseThrow().children();
        assertThat(answers).hasSize(101);
        assertThat(answers.subList(0, 100))
                .allSatisfy(f -> assertThat(f.text("Status")).hasValue("15"));
        assertThat(answers.get(100).text("Status")).hasValue("2");
    }

    @Test
    void rangeOnAZeroByteAttachmentShouldGetStatus8() throws Exception {
        String reference = attachmentOf(deliver(new byte[0]));

        assertThat(statusOf(fetch(reference, "0-9"))).isEqualTo("8");
        assertThat(statusOf(fetch(reference, "5-9"))).isEqualTo("8");
        assertThat(statusOf(fetch(reference, "2147483649-2147483650"))).isEqualTo("8");
        WbxmlElement whole = only(fetch(reference, null));
        assertThat(whole.text("Status")).hasValue("1");
        assertThat(whole.child("Properties").orElseThrow().text("Total")).hasValue("0");
    }

    @Test
    void rangeStartingPastTheEndShouldGetStatus8AndOneEndingPastItTheRest() throws Exception {
        String reference = attachmentOf(deliver("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));

        assertThat(statusOf(fetch(reference, "16-20"))).isEqualTo("8");
        assertThat(statusOf(fetch(reference, "4294967296-4294967297"))).isEqualTo("8");
        WbxmlElement tail = only(fetch(reference, "12-99999999999"));
        assertThat(tail.text("Status")).hasValue("1");
        WbxmlElement properties = tail.child("Properties").orElseThrow();
        assertThat(properties.text("Range")).hasValue("12-15");
        assertThat(new String(
                        Base64.getDecoder().decode(properties.text("Data").orElseThrow()), StandardCharsets.US_ASCII))
                .isEqualTo("cdef");
    }

    private MessageView deliver(byte[] attachment) {
        String mime = "From: Ann <ann@example.org>\r\n"
                + "To: Bob <bob@example.org>\r\n"
                + "Subject: Attached\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"data.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n"
                + "--b1--\r\n";
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        return mailboxes.deliver(account.id(), inbox, mime.getBytes(StandardCharsets.US_ASCII), null);
    }

    private static String attachmentOf(MessageView message) {
        assertThat(message.attachments()).hasSize(1);
        return message.id() + ":" + message.attachments().getFirst().partPath();
    }

    private static WbxmlElement fetch(String reference, String range) {
        WbxmlElement fetch = WbxmlElement.of(I, "Fetch").add("Store", "Mailbox").add(BASE, "FileReference", reference);
        if (range != null) {
            fetch.add(WbxmlElement.of(I, "Options").add("Range", range));
        }
        return fetch;
    }

    private WbxmlElement only(WbxmlElement operation) throws Exception {
        WbxmlElement response = phone.send(
                "ItemOperations", WbxmlElement.of(I, "ItemOperations").add(operation));
        assertThat(response.text("Status")).hasValue("1");
        return response.child("Response").orElseThrow().children().getFirst();
    }

    private String statusOf(WbxmlElement operation) throws Exception {
        return only(operation).text("Status").orElseThrow();
    }

    /** Bytes allocated by every thread of this JVM so far, the server's request threads included. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }
}
