package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Only a parked request keeps its connection: with keep-alive and connection timeouts of 2 s here, an idle
 * connection and a request whose headers trickle in are closed, while a Ping parked longer is still answered.
 * The waits below are bounds many times the timeouts, not measurements.
 */
@AtollTest
@TestPropertySource(locations = "classpath:bounded-resources.properties")
class ConnectionTimeoutsTest {

    /** Far longer than the 2 s timeouts; reaching it means the server kept the connection open. */
    private static final int GIVE_UP_MILLIS = 30_000;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    Parking parking;

    @Test
    void connectionShouldBeClosedWhenIdleAfterAnUnauthenticatedRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("POST /Microsoft-Server-ActiveSync?Cmd=FolderSync&User=nobody&DeviceId=Idle"
                                    + "&DeviceType=SmartPhone HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "MS-ASProtocolVersion: 14.1\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = head(in);
            assertThat(head).startsWith("HTTP/1.1 401");
            readBody(in, head);

            socket.setSoTimeout(GIVE_UP_MILLIS);
            assertThat(readOrTimeout(in))
                    .as("the server closed the idle connection")
                    .isEqualTo(-1);
        }
    }

    @Test
    void pingParkedLongerThanTheTimeoutsShouldStillBeAnswered() throws Exception {
        AccountView account = TestAccounts.open(accounts, "parked");
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        EasDevice phone = new EasDevice(port, account.address(), "correct horse battery", "ParkedPhone").provision();
        phone.folderSync("0");
        long devicePk = devices.find(account.id(), "ParkedPhone").orElseThrow().id();

        CompletableFuture<WbxmlElement> ping = phone.sendAsync("Ping", PingBodies.ping(8, inbox));
        Waiting.until("the Ping is parked", () -> parking.isParked(account.id(), devicePk));

        assertThat(Waiting.result(ping).text("Status")).hasValue("1");
    }

    @Test
    void requestWhoseHeadersTrickleInShouldBeCutOff() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /Microsoft-Server-ActiveSync?Cmd=Ping HTTP/1.1\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            AtomicBoolean closed = new AtomicBoolean();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (socket.getInputStream().read() >= 0) {
                        // an answer (408 or 400) may precede the close
                    }
                } catch (IOException e) {
                    // a reset is a close as well
                }
                closed.set(true);
            });
            int sent = 0;
            // One byte every 200 ms: each pause is far below the 2 s timeout, the whole far above it.
            while (!closed.get() && sent < GIVE_UP_MILLIS / 200) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException e) {
                    break;
                }
                sent++;
                Thread.sleep(200);
            }
            reader.join(GIVE_UP_MILLIS);

            assertThat(closed).as("the server cut the connection off").isTrue();
            assertThat(sent).isLessThan(GIVE_UP_MILLIS / 200);
        }
    }

    private static int readOrTimeout(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }

    /** The status line and headers, up to the empty line. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads the body that follows {@code head}: Content-Length bytes, or chunks up to the last one. */
    private static void readBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("transfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (!body.toString(StandardCharsets.US_ASCII).endsWith("0\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                body.write(b);
            }
            return;
        }
        in.readNBytes(lower.lines()
                .filter(line -> line.startsWith("content-length:"))
                .map(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst()
                .orElse(0));
    }
}
