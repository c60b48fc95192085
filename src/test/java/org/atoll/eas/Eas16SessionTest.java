package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.collection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Authority;
import org.atoll.device.Devices;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.SystemFolder;
import org.atoll.shared.Actor;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A device speaking ActiveSync 16.1 (MS-ASHTTP 2.2.1.1.2.6, MS-ASCMD 2.2.1) from Provision to its first mail. */
@AtollTest
class Eas16SessionTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    AccountView account;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "sixteen");
    }

    @Test
    void optionsShouldOfferSixteenOneAndTheServerShouldNameItsVersion_MsAshttp_2_2_2_2_and_2_2_2_4() throws Exception {
        HttpResponse<String> options = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString((account.address() + ":" + PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(options.headers().firstValue("MS-ASProtocolVersions")).hasValue("12.1,14.0,14.1,16.0,16.1");
        assertThat(options.headers().firstValue("MS-Server-ActiveSync")).hasValue("16.1");
    }

    @Test
    void provisionFolderSyncAndSyncShouldServeASixteenOneDevice() throws Exception {
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        mailboxes.deliver(account.id(), inbox, Mime.message("Hello sixteen"), null);
        EasDevice device = new EasDevice(port, account.address(), PASSWORD, "Sixteen1", "16.1");

        device.provision();
        assertThat(device.policyKey()).as("final policy key").isNotZero();

        WbxmlElement hierarchy = device.folderSync("0");
        assertThat(hierarchy.text("Status")).hasValue("1");
        List<String> folderIds = hierarchy.child("Changes").orElseThrow().children("Add").stream()
                .map(add -> add.text("ServerId").orElseThrow())
                .toList();
        assertThat(folderIds).contains(Long.toString(inbox));

        MailClient client = new MailClient(device);
        client.syncFully(inbox, 10);
        assertThat(client.items(inbox).values())
                .extracting(MailClient.Item::subject)
                .containsExactly("Hello sixteen");
        assertThat(devices.find(account.id(), "Sixteen1").orElseThrow().protocolVersion())
                .isEqualTo("16.1");
    }

    @Test
    void sixteenZeroShouldBeServedToo() throws Exception {
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        EasDevice device = new EasDevice(port, account.address(), PASSWORD, "Sixteen0", "16.0").provision();

        WbxmlElement first = collection(new MailClient(device).sync(inbox, "0", c -> {}));

        assertThat(first.text("Status")).hasValue("1");
    }

    @Test
    void smartForwardToForwardeesShouldComposeTheForwardItself_MsAscmd_2_2_3_79() throws Exception {
        AccountView bo = TestAccounts.open(accounts, "forwardee");
        long inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        MessageView original = mailboxes.deliver(account.id(), inbox, Mime.message("Quarterly numbers"), null);
        EasDevice device = new EasDevice(port, account.address(), PASSWORD, "Sixteen2", "16.1").provision();
        CodePage c = CodePage.COMPOSE_MAIL;
        WbxmlElement request = WbxmlElement.of(c, "SmartForward")
                .add("ClientId", "fwd-1")
                .add(WbxmlElement.of(c, "Source").add("ItemId", inbox + ":" + original.id()))
                .add(WbxmlElement.of(CodePage.AIRSYNCBASE, "Body")
                        .add("Type", "1")
                        .add("Data", "FYI, see below."))
                .add(WbxmlElement.of(c, "Forwardees")
                        .add(WbxmlElement.of(c, "Forwardee").add("Name", "Bo").add("Email", bo.address())));

        HttpResponse<byte[]> response = device.post("SmartForward", new WbxmlEncoder().encode(request));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).as("an empty body is success").isEmpty();
        List<MessageView> received = mailboxes.messages(
                bo.id(), mailboxes.systemFolder(bo.id(), SystemFolder.INBOX).id(), 0, 10);
        assertThat(received).extracting(MessageView::subject).containsExactly("FW: Quarterly numbers");
        String raw = new String(mailboxes.rawMime(bo.id(), received.getFirst().id()), StandardCharsets.UTF_8);
        assertThat(raw).contains("FYI, see below.").contains("-----Original Message-----");
        assertThat(mailboxes.messages(
                        account.id(),
                        mailboxes
                                .systemFolder(account.id(), SystemFolder.SENT_ITEMS)
                                .id(),
                        0,
                        10))
                .hasSize(1);
    }

    @Test
    void accountOnlyWipeShouldReachASixteenOneDeviceAndItsAcknowledgementBeRecorded_MsAsprov_2_2_2_1()
            throws Exception {
        EasDevice device = new EasDevice(port, account.address(), PASSWORD, "Sixteen3", "16.1").provision();
        long devicePk = devices.find(account.id(), "Sixteen3").orElseThrow().id();
        devices.requestWipe(
                devicePk, WipeKind.ACCOUNT_ONLY, new Actor("admin@example.test", null), Authority.ADMINISTRATOR);
        CodePage p = CodePage.PROVISION;

        assertThat(device.folderSync("0").text("Status"))
                .as("MS-ASCMD 2.2.2 Status 140")
                .hasValue("140");
        WbxmlElement wipe = device.send(
                "Provision",
                WbxmlElement.of(p, "Provision")
                        .add(WbxmlElement.of(p, "Policies")
                                .add(WbxmlElement.of(p, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML"))));
        assertThat(wipe.child("AccountOnlyRemoteWipe")).isPresent();
        assertThat(wipe.child("RemoteWipe")).isEmpty();
        device.send(
                "Provision",
                WbxmlElement.of(p, "Provision")
                        .add(WbxmlElement.of(p, "AccountOnlyRemoteWipe").add("Status", "1")));

        assertThat(devices.wipe(account.id(), "Sixteen3").orElseThrow().state()).isEqualTo(WipeState.ACKNOWLEDGED);
    }
}
