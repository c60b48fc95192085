package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.Waiting.result;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * What Direct Push lets one account hold: at most {@code atoll.push.max-parked-per-account} parked requests (2
 * here), past which HTTP 503 with Retry-After (MS-ASHTTP 3.2.5.1) while other accounts park as usual; and a Ping
 * naming more folders than allowed refused with Status 6 (MS-ASCMD 2.2.3.177.11) before anything is kept.
 */
@AtollTest
@TestPropertySource(locations = "classpath:bounded-resources.properties")
class PushLimitsTest {

    private static final String PASSWORD = "correct horse battery";

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
    void pingFloodOfOneAccountShouldBeCappedWhileAnotherAccountParks() throws Exception {
        AccountView flooder = TestAccounts.open(accounts, "flooder");
        AccountView neighbour = TestAccounts.open(accounts, "neighbour");
        long inbox = inbox(flooder);
        long theirInbox = inbox(neighbour);
        EasDevice first = ready(flooder, "Flood1", inbox);
        EasDevice second = ready(flooder, "Flood2", inbox);
        EasDevice third = ready(flooder, "Flood3", inbox);
        EasDevice other = ready(neighbour, "Neighbour", theirInbox);

        CompletableFuture<WbxmlElement> firstPing = first.sendAsync("Ping", PingBodies.ping(600, inbox));
        awaitParked(flooder, "Flood1");
        CompletableFuture<WbxmlElement> secondPing = second.sendAsync("Ping", PingBodies.ping(600, inbox));
        awaitParked(flooder, "Flood2");
        HttpResponse<byte[]> refused = third.post("Ping", new WbxmlEncoder().encode(PingBodies.ping(600, inbox)));
        CompletableFuture<WbxmlElement> otherPing = other.sendAsync("Ping", PingBodies.ping(600, theirInbox));
        awaitParked(neighbour, "Neighbour");
        CompletableFuture<WbxmlElement> firstAgain = first.sendAsync("Ping", PingBodies.ping(600, inbox));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue(EasController.RETRY_AFTER_SECONDS);
        assertThat(isParked(flooder, "Flood3")).isFalse();
        assertThat(result(firstPing).text("Status"))
                .as("replaced by the device's next Ping")
                .hasValue("1");
        mailboxes.deliver(flooder.id(), inbox, Mime.message("Wake up"), null);
        mailboxes.deliver(neighbour.id(), theirInbox, Mime.message("Wake up"), null);
        assertThat(result(firstAgain).text("Status")).hasValue("2");
        assertThat(result(secondPing).text("Status")).hasValue("2");
        assertThat(result(otherPing).text("Status")).hasValue("2");
    }

    @Test
    void pingOfTenThousandFoldersShouldGetStatus6AndKeepNothing() throws Exception {
        AccountView account = TestAccounts.open(accounts, "hoarder");
        long inbox = inbox(account);
        EasDevice phone = ready(account, "Hoarder", inbox);

        WbxmlElement response = phone.send(
                "Ping",
                PingBodies.ping(600, LongStream.range(0, 10_000).map(i -> inbox).toArray()));

        assertThat(response.text("Status")).hasValue("6");
        assertThat(response.text("MaxFolders")).hasValue("300");
        assertThat(isParked(account, "Hoarder")).isFalse();
        HttpResponse<byte[]> empty = phone.post("Ping", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(new org.atoll.wbxml.WbxmlDecoder().decode(empty.body()).text("Status"))
                .as("no heartbeat or folders were kept")
                .hasValue("3");
    }

    private long inbox(AccountView account) {
        return mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
    }

    private EasDevice ready(AccountView account, String deviceId, long inbox) throws Exception {
        MailClient client = new MailClient(new EasDevice(port, account.address(), PASSWORD, deviceId).provision());
        client.device().folderSync("0");
        client.syncFully(inbox, 50);
        return client.device();
    }

    private boolean isParked(AccountView account, String deviceId) {
        return parking.isParked(
                account.id(), devices.find(account.id(), deviceId).orElseThrow().id());
    }

    private void awaitParked(AccountView account, String deviceId) throws InterruptedException {
        Waiting.until(deviceId + " is parked", () -> isParked(account, deviceId));
    }
}
