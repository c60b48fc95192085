package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.Waiting.result;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.database.DatabaseAdmission;
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
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Admission before the database pool with one slot and a wait of one second ({@code admission.properties}): a
 * request held in its slot makes the next one wait, already for its sign-in's read of the account, and then get HTTP
 * 503 with Retry-After (MS-ASHTTP 3.2.5.1), and the device's retry succeeds; a parked Ping or hanging Sync holds no
 * slot while it waits, and takes one again for its check after a wake-up. The held request is a real Sync with a
 * change, blocked inside its transaction on its account's mailbox row, which the test keeps locked.
 */
@AtollTest
@TestPropertySource(locations = "classpath:admission.properties")
class AdmissionTest {

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

    @Autowired
    DatabaseAdmission admission;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void requestPastTheWaitShouldGet503WithRetryAfterAndItsRetrySucceed_MS_ASHTTP_3_2_5_1() throws Exception {
        AccountView writer = TestAccounts.open(accounts, "held-writer");
        AccountView other = TestAccounts.open(accounts, "waiting-reader");
        long writersInbox = inbox(writer);
        long othersInbox = inbox(other);
        mailboxes.deliver(writer.id(), writersInbox, Mime.message("To be read"), null);
        MailClient held = ready(writer, "HeldWriter", writersInbox);
        MailClient waiting = ready(other, "WaitingReader", othersInbox);
        String serverId = held.items(writersInbox).keySet().iterator().next();
        double refusedBefore = refused("sign-in");
        double signInRefusalsBefore = signInRefusals();

        CompletableFuture<WbxmlElement> heldSync;
        HttpResponse<byte[]> refused;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement row =
                    lock.prepareStatement("SELECT 1 FROM mailbox WHERE account_id = ? FOR UPDATE")) {
                row.setLong(1, writer.id());
                row.executeQuery().close();
            }
            heldSync = held.device()
                    .sendAsync("Sync", syncRequest(held, writersInbox, MailClient.markRead(serverId, true)));
            Waiting.until("the writer's Sync waits for its mailbox row inside its slot", this::aBackendWaitsForALock);

            refused = waiting.device().post("Sync", new WbxmlEncoder().encode(syncRequest(waiting, othersInbox)));

            lock.commit();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue(EasAdmission.RETRY_AFTER_SECONDS);
        assertThat(refused("sign-in") - refusedBefore)
                .as("the waiting request was refused before its sign-in read the account")
                .isEqualTo(1);
        assertThat(signInRefusals())
                .as("a sign-in that never read the account is neither a success nor a failure")
                .isEqualTo(signInRefusalsBefore);
        WbxmlElement heldCollection = MailClient.collection(result(heldSync));
        assertThat(heldCollection.text("Status")).hasValue("1");
        assertThat(mailboxes.message(writer.id(), messageId(serverId)).read())
                .as("the held Sync's change was applied once its lock was free")
                .isTrue();
        WbxmlElement retried = waiting.syncOnce(othersInbox, c -> {});
        assertThat(retried.text("Status")).as("the refused request sent again").hasValue("1");
        // The answer reaches the device before the server's thread leaves the filter that gives the slot back.
        Waiting.until("every slot is given back", () -> admission.inUse() == 0);
    }

    @Test
    void parkedPingShouldHoldNoSlotSoAnotherDevicesSyncCompletes() throws Exception {
        AccountView pinger = TestAccounts.open(accounts, "parked-pinger");
        AccountView syncer = TestAccounts.open(accounts, "busy-syncer");
        long pingersInbox = inbox(pinger);
        long syncersInbox = inbox(syncer);
        MailClient ping = ready(pinger, "ParkedPinger", pingersInbox);
        MailClient sync = ready(syncer, "BusySyncer", syncersInbox);

        CompletableFuture<WbxmlElement> parked = ping.device().sendAsync("Ping", PingBodies.ping(600, pingersInbox));
        awaitParked(pinger, "ParkedPinger");
        Waiting.until("the parked Ping gives its slot back", () -> admission.inUse() == 0);
        mailboxes.deliver(syncer.id(), syncersInbox, Mime.message("While a Ping waits"), null);
        WbxmlElement synced = sync.syncOnce(syncersInbox, c -> {});
        mailboxes.deliver(pinger.id(), pingersInbox, Mime.message("Wake up"), null);
        WbxmlElement woken = result(parked);

        assertThat(synced.child("Commands")).isPresent();
        assertThat(sync.items(syncersInbox).values())
                .extracting(MailClient.Item::subject)
                .containsExactly("While a Ping waits");
        assertThat(woken.text("Status"))
                .as("the check after the wake-up ran in a slot")
                .hasValue("2");
        assertThat(PingBodies.changed(woken)).containsExactly(Long.toString(pingersInbox));
    }

    @Test
    void parkedHangingSyncShouldHoldNoSlotAndRunAgainInOneWhenWoken_2_2_3_88_2() throws Exception {
        AccountView hanger = TestAccounts.open(accounts, "hanging-syncer");
        AccountView syncer = TestAccounts.open(accounts, "beside-hanging");
        long hangersInbox = inbox(hanger);
        long syncersInbox = inbox(syncer);
        MailClient hanging = ready(hanger, "HangingSyncer", hangersInbox);
        MailClient sync = ready(syncer, "BesideHanging", syncersInbox);

        CompletableFuture<HttpResponse<byte[]>> parked = hanging.device()
                .postAsync(
                        "Sync",
                        new WbxmlEncoder()
                                .encode(WbxmlElement.of(MailClient.A, "Sync")
                                        .add("HeartbeatInterval", "600")
                                        .add(WbxmlElement.of(MailClient.A, "Collections")
                                                .add(collection(hanging, hangersInbox)))));
        awaitParked(hanger, "HangingSyncer");
        Waiting.until("the parked Sync gives its slot back", () -> admission.inUse() == 0);
        WbxmlElement synced = sync.syncOnce(syncersInbox, c -> {});
        mailboxes.deliver(hanger.id(), hangersInbox, Mime.message("Pushed to a hanging Sync"), null);
        HttpResponse<byte[]> woken = result(parked);

        assertThat(synced.text("Status")).hasValue("1");
        assertThat(woken.statusCode()).isEqualTo(200);
        hanging.apply(hangersInbox, MailClient.collection(new WbxmlDecoder().decode(woken.body())));
        assertThat(hanging.items(hangersInbox).values())
                .extracting(MailClient.Item::subject)
                .containsExactly("Pushed to a hanging Sync");
    }

    @Test
    void metricsShouldTimeTheWaitAndTheWorkApartAndCountRefusals() throws Exception {
        AccountView account = TestAccounts.open(accounts, "measured");
        ready(account, "Measured", inbox(account));

        HttpResponse<String> scrape = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .header("Authorization", "Bearer scrape-token-for-tests-0123456789")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("atoll_admission_wait_seconds_count{purpose=\"request\"}")
                .contains("atoll_admission_wait_seconds_bucket{")
                .contains("atoll_admission_work_seconds_count{purpose=\"request\"}")
                .contains("atoll_admission_work_seconds_bucket{")
                .contains("atoll_admission_refused_total{purpose=\"request\"}")
                .contains("atoll_admission_wait_seconds_count{purpose=\"sign-in\"}")
                .contains("atoll_admission_work_seconds_count{purpose=\"sign-in\"}")
                .contains("atoll_admission_in_use ")
                .contains("atoll_admission_waiting ");
        assertThat(registry.get("atoll.admission.work")
                        .tag("purpose", "request")
                        .timer()
                        .count())
                .as("Provision twice, FolderSync and two Syncs, each in its slot")
                .isGreaterThanOrEqualTo(5);
        assertThat(registry.get("atoll.admission.work")
                        .tag("purpose", "sign-in")
                        .timer()
                        .count())
                .as("the sign-in of each of those requests read the account in a slot of its own")
                .isGreaterThanOrEqualTo(5);
    }

    private double refused(String purpose) {
        return registry.get("atoll.admission.refused")
                .tag("purpose", purpose)
                .counter()
                .count();
    }

    private double signInRefusals() {
        return registry.find("atoll.sign-in.refusals").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private boolean aBackendWaitsForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    private long inbox(AccountView account) {
        return mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
    }

    private MailClient ready(AccountView account, String deviceId, long inbox) throws Exception {
        MailClient client = new MailClient(new EasDevice(port, account.address(), PASSWORD, deviceId).provision());
        client.device().folderSync("0");
        client.syncFully(inbox, 50);
        return client;
    }

    private static WbxmlElement collection(MailClient client, long folderId) {
        return WbxmlElement.of(MailClient.A, "Collection")
                .add("SyncKey", client.key(folderId))
                .add("CollectionId", Long.toString(folderId));
    }

    /** A Sync of one collection with the device's current key, carrying the given commands. */
    private static WbxmlElement syncRequest(MailClient client, long folderId, WbxmlElement... commands) {
        WbxmlElement collection = collection(client, folderId);
        if (commands.length > 0) {
            WbxmlElement list = WbxmlElement.of(MailClient.A, "Commands");
            List.of(commands).forEach(list::add);
            collection.add(list);
        }
        return WbxmlElement.of(MailClient.A, "Sync")
                .add(WbxmlElement.of(MailClient.A, "Collections").add(collection));
    }

    private static long messageId(String serverId) {
        return Long.parseLong(serverId.substring(serverId.indexOf(':') + 1));
    }

    private void awaitParked(AccountView account, String deviceId) throws InterruptedException {
        long devicePk = devices.find(account.id(), deviceId).orElseThrow().id();
        Waiting.until(deviceId + " is parked", () -> parking.isParked(account.id(), devicePk));
    }
}
