package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.MailClient.A;
import static org.atoll.support.Waiting.result;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hanging Sync: a Sync with Wait (MS-ASCMD 2.2.3.198) or HeartbeatInterval (2.2.3.88.2) that has nothing to send
 * waits for a change. Test properties lower atoll.push.min-heartbeat to 1 s.
 */
@AtollTest
class HangingSyncTest {

    /** The protocol version the test's devices speak; a subclass runs the same tests at another. */
    String protocolVersion() {
        return "14.1";
    }

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

    AccountView account;
    long inbox;
    MailClient phone;

    @BeforeEach
    void device() throws Exception {
        account = TestAccounts.open(accounts, "hanging");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        phone = new MailClient(
                new EasDevice(port, account.address(), "correct horse battery", "Hanging", protocolVersion())
                        .provision());
        phone.syncFully(inbox, 10);
    }

    /** A Sync of the Inbox with the current key and the given element (Wait or HeartbeatInterval) before it. */
    WbxmlElement sync(String element, String value) {
        return WbxmlElement.of(A, "Sync")
                .add(element, value)
                .add(WbxmlElement.of(A, "Collections")
                        .add(WbxmlElement.of(A, "Collection")
                                .add("SyncKey", phone.key(inbox))
                                .add("CollectionId", Long.toString(inbox))));
    }

    CompletableFuture<HttpResponse<byte[]>> post(WbxmlElement body) {
        return phone.device().postAsync("Sync", new WbxmlEncoder().encode(body));
    }

    void awaitParked() throws InterruptedException {
        long devicePk = devices.find(account.id(), "Hanging").orElseThrow().id();
        Waiting.until("the Sync is parked", () -> parking.isParked(account.id(), devicePk));
    }

    static WbxmlElement decode(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return new WbxmlDecoder().decode(response.body());
    }

    @Test
    void syncWithHeartbeatIntervalShouldWaitForADeliveryAndBringIt_2_2_3_88_2() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> parked = post(sync("HeartbeatInterval", "600"));
        awaitParked();

        mailboxes.deliver(account.id(), inbox, Mime.message("Pushed"), null);

        WbxmlElement collection = MailClient.collection(decode(result(parked)));
        phone.apply(inbox, collection);
        assertThat(phone.items(inbox).values())
                .extracting(MailClient.Item::subject)
                .containsExactly("Pushed");
    }

    @Test
    void syncWithWaitShouldWaitForADeliveryAndBringIt_2_2_3_198() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> parked = post(sync("Wait", "5"));
        awaitParked();

        mailboxes.deliver(account.id(), inbox, Mime.message("Pushed after Wait"), null);

        WbxmlElement collection = MailClient.collection(decode(result(parked)));
        assertThat(collection.child("Commands")).isPresent();
    }

    @Test
    void changeAlreadyWaitingShouldBeAnsweredAtOnce() throws Exception {
        mailboxes.deliver(account.id(), inbox, Mime.message("Already there"), null);

        WbxmlElement collection = MailClient.collection(decode(result(post(sync("HeartbeatInterval", "600")))));

        assertThat(collection.child("Commands")).isPresent();
    }

    @Test
    void intervalRunningOutShouldGetAnEmptyResponseAndKeepTheKey() throws Exception {
        String key = phone.key(inbox);

        HttpResponse<byte[]> response = result(post(sync("HeartbeatInterval", "1")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        mailboxes.deliver(account.id(), inbox, Mime.message("After the empty response"), null);
        assertThat(phone.syncOnce(inbox, c -> {}).text("SyncKey")).isNotEqualTo(key);
        assertThat(phone.items(inbox)).hasSize(1);
    }

    @Test
    void aChangeByAnotherDeviceAfterTheSyncParkedShouldBeBroughtOnce_2_2_3_88_2() throws Exception {
        mailboxes.deliver(account.id(), inbox, Mime.message("Read elsewhere"), null);
        phone.syncFully(inbox, 10);
        MailClient tablet = new MailClient(
                new EasDevice(port, account.address(), "correct horse battery", "Tablet", protocolVersion())
                        .provision());
        tablet.syncFully(inbox, 10);
        String serverId = tablet.items(inbox).keySet().iterator().next();
        CompletableFuture<HttpResponse<byte[]>> parked = post(sync("HeartbeatInterval", "600"));
        awaitParked();

        tablet.change(inbox, List.of(MailClient.markRead(serverId, true)));

        WbxmlElement collection = MailClient.collection(decode(result(parked)));
        assertThat(collection.text("Status")).hasValue("1");
        phone.apply(inbox, collection);
        assertThat(phone.items(inbox).get(serverId).read()).isTrue();
    }

    @Test
    void theDevicesOwnMoveWhileItsSyncWaitsShouldNotWakeItSoTheHeartbeatEndsEmpty_2_2_3_88_2() throws Exception {
        mailboxes.deliver(account.id(), inbox, Mime.message("Moved by the phone"), null);
        phone.syncFully(inbox, 10);
        String serverId = phone.items(inbox).keySet().iterator().next();
        long deleted =
                mailboxes.systemFolder(account.id(), SystemFolder.DELETED_ITEMS).id();
        CompletableFuture<HttpResponse<byte[]>> parked = post(sync("HeartbeatInterval", "5"));
        awaitParked();

        phone.move(inbox, deleted, List.of(serverId));

        HttpResponse<byte[]> response = result(parked);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void intervalOutsideTheBoundsShouldGetStatus14WithTheLimit_2_2_3_177_17() throws Exception {
        WbxmlElement longWait = decode(result(post(sync("Wait", "60"))));
        WbxmlElement shortWait = decode(result(post(sync("Wait", "0"))));
        WbxmlElement longHeartbeat = decode(result(post(sync("HeartbeatInterval", "3541"))));
        WbxmlElement shortHeartbeat = decode(result(post(sync("HeartbeatInterval", "0"))));

        assertThat(longWait.text("Status")).hasValue("14");
        assertThat(longWait.text("Limit")).hasValue("59");
        assertThat(shortWait.text("Limit")).hasValue("1");
        assertThat(longHeartbeat.text("Status")).hasValue("14");
        assertThat(longHeartbeat.text("Limit")).hasValue("3540");
        assertThat(shortHeartbeat.text("Limit")).hasValue("1");
    }

    @Test
    void waitAndHeartbeatIntervalTogetherShouldGetStatus4_2_2_3_198() throws Exception {
        WbxmlElement both = sync("Wait", "5");
        both.add("HeartbeatInterval", "600");

        assertThat(decode(result(post(both))).text("Status")).hasValue("4");
    }
}
