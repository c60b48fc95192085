package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Request bodies past {@code atoll.eas.in-memory-body-bytes} (8 KB here) are received into a temporary file that
 * is gone after the request, and at most {@code atoll.eas.max-large-bodies} (1 here) are received at once: another
 * large body meanwhile gets HTTP 503 with Retry-After (MS-ASHTTP 3.2.5.1), small ones are served as usual.
 */
@AtollTest
@TestPropertySource(locations = "classpath:bounded-resources.properties")
class RequestBodiesTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    AccountView account;
    long inbox;
    EasDevice phone;

    @BeforeEach
    void phone() throws Exception {
        account = TestAccounts.open(accounts, "uploader");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        phone = new EasDevice(port, account.address(), PASSWORD, "UploadPhone").provision();
        phone.folderSync("0");
    }

    /** A Ping of about 20 KB, past the in-memory bound; it names too many folders, so it answers at once. */
    byte[] largePing() {
        return new WbxmlEncoder()
                .encode(PingBodies.ping(
                        600, LongStream.range(0, 1000).map(i -> inbox).toArray()));
    }

    @Test
    void largeBodyShouldBeReceivedIntoAFileAndServedAndTheFileRemoved() throws Exception {
        byte[] body = largePing();
        assertThat(body.length).isGreaterThan(8192);

        HttpResponse<byte[]> response = phone.post("Ping", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new WbxmlDecoder().decode(response.body()).text("Status")).hasValue("6");
        Waiting.until("the body's file is removed", () -> spooled() == 0);
    }

    @Test
    void secondLargeBodyWhileOneIsReceivedShouldGet503WhileSmallOnesAreServed() throws Exception {
        byte[] body = largePing();
        AtomicBoolean done = new AtomicBoolean();
        try (Socket slow = new Socket("127.0.0.1", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /Microsoft-Server-ActiveSync?Cmd=Ping&User=" + account.address()
                            + "&DeviceId=SlowUploader&DeviceType=SmartPhone HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (account.address() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))
                            + "\r\nMS-ASProtocolVersion: 14.1\r\nContent-Type: application/vnd.ms-sync.wbxml\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 100);
            out.flush();
            // A byte now and then keeps the upload alive, far within the read timeout.
            Thread trickle = Thread.ofVirtual().start(() -> {
                int sent = 100;
                try {
                    while (!done.get() && sent < body.length - 1) {
                        out.write(body[sent++]);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the connection is closed below
                }
            });
            Waiting.until("the slow body is received into a file", () -> spooled() == 1);

            HttpResponse<byte[]> refused = phone.post("Ping", body);
            HttpResponse<byte[]> small = phone.post(
                    "FolderSync",
                    new WbxmlEncoder()
                            .encode(org.atoll.wbxml.WbxmlElement.of(
                                            org.atoll.wbxml.CodePage.FOLDER_HIERARCHY, "FolderSync")
                                    .add("SyncKey", "0")));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue(EasController.RETRY_AFTER_SECONDS);
            assertThat(refused.headers().firstValue("MS-Server-ActiveSync"))
                    .as("the server's version, as on every other answer")
                    .isPresent();
            assertThat(small.statusCode()).isEqualTo(200);
            done.set(true);
            trickle.join();
        }
        Waiting.until("the slow body's file is removed", () -> spooled() == 0);
        assertThat(phone.post("Ping", body).statusCode()).isEqualTo(200);
    }

    /** How many request bodies are being received into temporary files now. */
    private static long spooled() {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("atoll-body-"))
                    .count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
