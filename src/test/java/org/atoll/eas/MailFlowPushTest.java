package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.PingBodies.changed;
import static org.atoll.support.PingBodies.ping;
import static org.atoll.support.Waiting.result;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mail.LmtpServer;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.LmtpClient;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Mail flow and Direct Push together, as a user sees them: a reply written on one device wakes the other device's
 * Ping, marks the original as replied there and shows in Sent Items on both; mail an MTA hands over by LMTP wakes a
 * parked Ping and arrives with the next Sync.
 */
@AtollTest
class MailFlowPushTest {

    /** The protocol version the test's devices speak; a subclass runs the same tests at another. */
    String protocolVersion() {
        return "14.1";
    }

    private static final String PASSWORD = "correct horse battery";
    private static final CodePage C = CodePage.COMPOSE_MAIL;

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

    @Autowired
    LmtpServer lmtp;

    AccountView account;
    long inbox;
    long sent;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "flow");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        sent = mailboxes.systemFolder(account.id(), SystemFolder.SENT_ITEMS).id();
    }

    MailClient ready(String deviceId) throws Exception {
        MailClient client = new MailClient(
                new EasDevice(port, account.address(), PASSWORD, deviceId, protocolVersion()).provision());
        client.device().folderSync("0");
        client.syncFully(inbox, 50);
        client.syncFully(sent, 50);
        return client;
    }

    void awaitParked(String deviceId) throws InterruptedException {
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Waiting.until(deviceId + " is parked", () -> parking.isParked(account.id(), devicePk));
    }

    @Test
    void smartReplyOnOneDeviceShouldWakeTheOthersPingAndMarkTheOriginalRepliedEverywhere() throws Exception {
        MessageView original = mailboxes.deliver(account.id(), inbox, Mime.message("Lunch?"), null);
        MailClient a = ready("PushedPhone");
        MailClient b = ready("ReplyingTablet");
        CompletableFuture<WbxmlElement> parked = a.device().sendAsync("Ping", ping(900, inbox, sent));
        awaitParked("PushedPhone");

        String reply = "From: " + account.address() + "\r\nTo: ana@example.org\r\nSubject: Re: Lunch?\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@tablet>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nYes, at noon.\r\n";
        var replied = b.device()
                .post(
                        "SmartReply",
                        new WbxmlEncoder()
                                .encode(WbxmlElement.of(C, "SmartReply")
                                        .add("ClientId", "reply-1")
                                        .addEmpty("SaveInSentItems")
                                        .add(WbxmlElement.of(C, "Source").add("ItemId", inbox + ":" + original.id()))
                                        .add(WbxmlElement.opaque(C, "Mime", reply.getBytes(StandardCharsets.UTF_8)))));
        assertThat(replied.statusCode()).isEqualTo(200);
        assertThat(replied.body()).as("SmartReply succeeded (empty 200)").isEmpty();

        WbxmlElement woken = result(parked);
        assertThat(woken.text("Status")).hasValue("2");
        assertThat(changed(woken)).contains(Long.toString(inbox));

        WbxmlElement inboxChange = a.syncOnce(inbox, c -> {});
        WbxmlElement data = inboxChange
                .child("Commands")
                .orElseThrow()
                .child("Change")
                .orElseThrow()
                .child("ApplicationData")
                .orElseThrow();
        assertThat(data.text(CodePage.EMAIL2, "LastVerbExecuted")).hasValue("1");
        assertThat(data.text(CodePage.EMAIL2, "LastVerbExecutionTime")).isPresent();
        for (MailClient device : List.of(a, b)) {
            device.syncOnce(sent, c -> {});
            assertThat(device.items(sent).values())
                    .extracting(MailClient.Item::subject)
                    .containsExactly("Re: Lunch?");
        }
    }

    @Test
    void mailDeliveredOverLmtpShouldWakeAParkedPingAndArriveWithTheNextSync() throws Exception {
        MailClient phone = ready("LmtpPhone");
        CompletableFuture<WbxmlElement> parked = phone.device().sendAsync("Ping", ping(900, inbox));
        awaitParked("LmtpPhone");

        try (LmtpClient mta = new LmtpClient(lmtp.port())) {
            assertThat(mta.reply()).startsWith("220 ");
            mta.command("LHLO mta.example.org");
            List<String> replies = mta.deliver(
                    "friend@example.org",
                    List.of(account.address()),
                    "From: friend@example.org\r\nTo: " + account.address()
                            + "\r\nSubject: Over LMTP\r\n\r\nHello there.\r\n");
            assertThat(replies).singleElement().asString().startsWith("250 ");
        }

        WbxmlElement woken = result(parked);
        assertThat(woken.text("Status")).hasValue("2");
        assertThat(changed(woken)).containsExactly(Long.toString(inbox));
        assertThat(devices.detail(devices.find(account.id(), "LmtpPhone")
                                .orElseThrow()
                                .id())
                        .lastPingAt())
                .as("the device's last ping, for administrators")
                .isNotNull();
        phone.syncOnce(inbox, c -> {});
        assertThat(phone.items(inbox).values())
                .extracting(MailClient.Item::subject)
                .containsExactly("Over LMTP");
    }
}
