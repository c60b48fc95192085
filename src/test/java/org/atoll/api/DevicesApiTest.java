package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceRequestLog;
import org.atoll.device.Devices;
import org.atoll.device.LoggedRequest;
import org.atoll.device.SeenUserAgent;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Devices through the API: listing, detail, access actions, remote wipe end to end, partnership removal. */
@AtollTest
class DevicesApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;
    static final CodePage P = CodePage.PROVISION;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    DeviceRequestLog requestLog;

    ApiClient admin;
    AccountView owner;
    EasDevice phone;
    long phoneId;

    @BeforeEach
    void provisionedPhone() throws Exception {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        owner = TestAccounts.open(accounts, "phoneowner");
        phone = new EasDevice(port, owner.address(), PASSWORD, "ApiPhone1").provision();
        phoneId = devices.find(owner.id(), "ApiPhone1").orElseThrow().id();
    }

    @Nested
    class Reading {

        @Test
        void detailShouldShowIdentityPolicyAccessAndWipe() {
            JsonNode device = admin.get("/api/v1/devices/" + phoneId).json();
            assertThat(device.get("deviceId").asString()).isEqualTo("ApiPhone1");
            assertThat(device.get("accountAddress").asString()).isEqualTo(owner.address());
            assertThat(device.get("protocolVersion").asString()).isEqualTo("14.1");
            assertThat(device.get("policy").get("name").asString()).isNotBlank();
            assertThat(device.get("policy").get("provisionedAt").isNull()).isFalse();
            assertThat(device.get("access").get("state").asString()).isEqualTo("ALLOWED");
            assertThat(device.get("wipe").get("state").asString()).isEqualTo("NONE");
        }

        @Test
        void collectionsShouldShowTheSyncStateOfEveryFolderTheDeviceSyncs() throws Exception {
            long inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
            mailboxes.deliver(owner.id(), inbox, Mime.message("Counted"), null);
            new MailClient(phone).syncFully(inbox, 10);

            JsonNode collections =
                    admin.get("/api/v1/devices/" + phoneId + "/collections").json();

            assertThat(collections).hasSize(1);
            JsonNode state = collections.get(0);
            assertThat(state.get("folderId").asLong()).isEqualTo(inbox);
            assertThat(state.get("heldItems").asLong()).isEqualTo(1);
            assertThat(state.get("filterType").asString()).isEqualTo("ALL");
            assertThat(state.get("initialSyncRunning").asBoolean()).isFalse();
            AccountView stranger = TestAccounts.open(accounts, "collections-stranger");
            assertThat(ApiClient.basic(port, stranger.address(), PASSWORD)
                            .unchecked("GET", "/api/v1/devices/" + phoneId + "/collections", null)
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void conflictsShouldListTheDevicesRefusedChangesToTheirOwnerAndAdminsOnly() throws Exception {
            long inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
            long contested = mailboxes
                    .deliver(owner.id(), inbox, Mime.message("Contested"), null)
                    .id();
            MailClient client = new MailClient(phone);
            client.syncFully(inbox, 10);
            mailboxes.setRead(owner.id(), List.of(contested), true);
            client.change(inbox, List.of(MailClient.markRead(inbox + ":" + contested, false)));

            JsonNode conflicts =
                    admin.get("/api/v1/devices/" + phoneId + "/conflicts").json();

            assertThat(conflicts).hasSize(1);
            assertThat(conflicts.get(0).get("messageId").asLong()).isEqualTo(contested);
            assertThat(conflicts.get(0).get("folderId").asLong()).isEqualTo(inbox);
            assertThat(conflicts.get(0).get("winner").asString()).isEqualTo("SERVER");
            assertThat(ApiClient.basic(port, owner.address(), PASSWORD)
                            .get("/api/v1/devices/" + phoneId + "/conflicts")
                            .json())
                    .hasSize(1);
            AccountView stranger = TestAccounts.open(accounts, "conflicts-stranger");
            assertThat(ApiClient.basic(port, stranger.address(), PASSWORD)
                            .unchecked("GET", "/api/v1/devices/" + phoneId + "/conflicts", null)
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void requestsShouldListTheDevicesLastCommandsWithTheirStatusToTheirOwnerAndAdminsOnly() throws Exception {
            phone.folderSync("0");
            phone.post("FolderSync", new byte[] {3, 1, 106, 0, 0x7f});

            Waiting.until(
                    "the malformed FolderSync in the request log",
                    () -> admin.get("/api/v1/devices/" + phoneId + "/requests")
                                    .json()
                                    .size()
                            == 4);
            JsonNode requests =
                    admin.get("/api/v1/devices/" + phoneId + "/requests").json();

            assertThat(requests)
                    .extracting(r -> r.get("command").asString())
                    .containsExactly("FolderSync", "FolderSync", "Provision", "Provision");
            JsonNode malformed = requests.get(0);
            assertThat(malformed.get("httpStatus").asInt()).isEqualTo(400);
            assertThat(malformed.get("protocolStatus").isNull()).isTrue();
            assertThat(malformed.get("bytesIn").asLong()).isEqualTo(5);
            JsonNode folderSync = requests.get(1);
            assertThat(folderSync.get("httpStatus").asInt()).isEqualTo(200);
            assertThat(folderSync.get("protocolStatus").asInt()).isEqualTo(1);
            assertThat(folderSync.get("bytesIn").asLong()).isPositive();
            assertThat(folderSync.get("bytesOut").asLong())
                    .isGreaterThan(folderSync.get("bytesIn").asLong());
            assertThat(folderSync.get("node").asString()).isNotBlank();
            assertThat(ApiClient.basic(port, owner.address(), PASSWORD)
                            .get("/api/v1/devices/" + phoneId + "/requests")
                            .json())
                    .hasSize(4);
            AccountView stranger = TestAccounts.open(accounts, "requests-stranger");
            assertThat(ApiClient.basic(port, stranger.address(), PASSWORD)
                            .unchecked("GET", "/api/v1/devices/" + phoneId + "/requests", null)
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void requestLogShouldKeepTheNewestTwoHundredOfEachDevice() {
            Instant start = Instant.parse("2026-12-01T00:00:00Z");
            for (int i = 0; i < 250; i++) {
                requestLog.record(
                        owner.id(),
                        phoneId,
                        new LoggedRequest(start.plusSeconds(i), "node-a", "Ping", 200, 1, 10, 20, 30 + i));
            }

            List<LoggedRequest> kept = requestLog.latest(owner.id(), phoneId, 500);

            assertThat(kept).hasSize(DeviceRequestLog.KEPT_PER_DEVICE);
            assertThat(kept.getFirst().bytesOut()).isEqualTo(30 + 249);
            assertThat(kept.getLast().bytesOut()).isEqualTo(30 + 50);
            assertThat(jdbc.sql("SELECT count(*) FROM device_request WHERE device_pk = ?")
                            .param(phoneId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(DeviceRequestLog.KEPT_PER_DEVICE);
        }

        @Test
        void requestLogShouldTrimADeviceOnlyOnceFiftyMoreOfItsRequestsWereWritten() {
            Instant start = Instant.parse("2026-12-02T00:00:00Z");
            logPings(start, 0, 200);
            logPings(start, 200, 230);

            assertThat(requestLog.latest(owner.id(), phoneId, 500))
                    .as("the device's newest 200 are shown")
                    .hasSize(DeviceRequestLog.KEPT_PER_DEVICE)
                    .first()
                    .extracting(LoggedRequest::bytesOut)
                    .isEqualTo(30L + 229);
            assertThat(storedRequests())
                    .as("30 written since the last trim: not trimmed yet")
                    .isEqualTo(230);

            logPings(start, 230, 250);
            requestLog.latest(owner.id(), phoneId, 1);

            assertThat(storedRequests())
                    .as("50 written since the last trim: trimmed back to the newest 200")
                    .isEqualTo(DeviceRequestLog.KEPT_PER_DEVICE);
            assertThat(requestLog.latest(owner.id(), phoneId, 500).getLast().bytesOut())
                    .isEqualTo(30L + 50);
        }

        private void logPings(Instant start, int from, int to) {
            for (int i = from; i < to; i++) {
                requestLog.record(
                        owner.id(),
                        phoneId,
                        new LoggedRequest(start.plusSeconds(i), "node-a", "Ping", 200, 1, 10, 20, 30 + i));
            }
            requestLog.latest(owner.id(), phoneId, 1);
        }

        private long storedRequests() {
            return jdbc.sql("SELECT count(*) FROM device_request WHERE device_pk = ?")
                    .param(phoneId)
                    .query(Long.class)
                    .single();
        }

        @Test
        void userAgentHistoryShouldKeepEachAgentOnceWithFirstAndLastSeenAndOnlyTheNewestTwenty() {
            Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 25; i++) {
                requestLog.record(owner.id(), phoneId, ping(start.plusSeconds(i)), "Agent/" + i);
            }

            List<SeenUserAgent> seen = requestLog.userAgents(owner.id(), phoneId);

            assertThat(seen).hasSize(DeviceRequestLog.USER_AGENTS_PER_DEVICE);
            assertThat(seen.getFirst())
                    .isEqualTo(new SeenUserAgent("Agent/24", start.plusSeconds(24), start.plusSeconds(24)));
            assertThat(seen.getLast().userAgent()).isEqualTo("Agent/5");

            requestLog.record(owner.id(), phoneId, ping(start.plusSeconds(3600)), "Agent/10");
            requestLog.record(owner.id(), phoneId, ping(start.plusSeconds(3601)), null);
            seen = requestLog.userAgents(owner.id(), phoneId);

            assertThat(seen).hasSize(DeviceRequestLog.USER_AGENTS_PER_DEVICE);
            assertThat(seen.getFirst())
                    .isEqualTo(new SeenUserAgent("Agent/10", start.plusSeconds(10), start.plusSeconds(3600)));
            assertThat(seen).extracting(SeenUserAgent::userAgent).doesNotHaveDuplicates();
        }

        static LoggedRequest ping(Instant at) {
            return new LoggedRequest(at, "node-a", "Ping", 200, 1, 10, 20, 30);
        }

        @Test
        void listShouldFilterAndSort() throws Exception {
            new EasDevice(port, owner.address(), PASSWORD, "ApiTablet1")
                    .withDeviceType("Tablet")
                    .provision();
            String base = "/api/v1/devices?accountId=" + owner.id();

            JsonNode all = admin.get(base + "&sort=deviceType&order=desc").json();
            assertThat(all.get("total").asLong()).isEqualTo(2);
            assertThat(all.get("items").get(0).get("deviceType").asString()).isEqualTo("Tablet");
            JsonNode tablets = admin.get(base + "&deviceType=tablet").json();
            assertThat(ids(tablets)).containsExactly("ApiTablet1");
            assertThat(admin.get(base + "&accessState=BLOCKED")
                            .json()
                            .get("total")
                            .asLong())
                    .isZero();
            assertThat(admin.get(base + "&lastSyncAfter=2000-01-01T00:00:00Z&lastSyncBefore=2100-01-01T00:00:00Z")
                            .json()
                            .get("total")
                            .asLong())
                    .isEqualTo(2);
            assertThat(admin.get(base + "&lastSyncBefore=2000-01-01T00:00:00Z")
                            .json()
                            .get("total")
                            .asLong())
                    .isZero();
            assertThat(admin.unchecked("GET", base + "&sort=password", null).status())
                    .isEqualTo(400);
            assertThat(admin.unchecked("GET", base + "&lastSyncBefore=yesterday", null)
                            .status())
                    .isEqualTo(400);
        }
    }

    @Nested
    class Isolation {

        @Test
        void userShouldSeeAndActOnTheirOwnDevicesOnly() {
            AccountView stranger = TestAccounts.open(accounts, "stranger");
            ApiClient mine = ApiClient.basic(port, owner.address(), PASSWORD);
            ApiClient theirs = ApiClient.basic(port, stranger.address(), PASSWORD);

            assertThat(ids(mine.get("/api/v1/devices").json())).containsExactly("ApiPhone1");
            assertThat(theirs.get("/api/v1/devices").json().get("total").asLong())
                    .isZero();
            assertThat(theirs.get("/api/v1/devices?accountId=" + owner.id()).status())
                    .isEqualTo(404);
            assertThat(mine.get("/api/v1/devices/" + phoneId).status()).isEqualTo(200);
            for (Reply reply : List.of(
                    theirs.get("/api/v1/devices/" + phoneId),
                    theirs.post("/api/v1/devices/" + phoneId + "/wipe", null),
                    theirs.post("/api/v1/devices/" + phoneId + "/account-only-wipe", null),
                    theirs.post("/api/v1/devices/" + phoneId + "/cancel-wipe", null),
                    theirs.delete("/api/v1/devices/" + phoneId))) {
                assertThat(reply.status()).isEqualTo(404);
            }
            for (String action : List.of("allow", "block", "release")) {
                assertThat(mine.post("/api/v1/devices/" + phoneId + "/" + action, null)
                                .status())
                        .as(action)
                        .isEqualTo(403);
            }
            assertThat(devices.detail(phoneId).wipeState()).hasToString("NONE");
            assertThat(devices.detail(phoneId).accessState()).hasToString("ALLOWED");
        }
    }

    @Nested
    class Access {

        @Test
        void blockedDeviceShouldBeRefusedUntilAllowed() throws Exception {
            Reply blocked = admin.post("/api/v1/devices/" + phoneId + "/block", null);
            assertThat(blocked.json().get("access").get("source").asString()).isEqualTo("PERSONAL");
            assertThat(blocked.json().get("access").get("reason").asString()).contains(AccountsApiTest.ADMIN);
            assertThat(phone.folderSync("0").text("Status")).hasValue("129");

            admin.post("/api/v1/devices/" + phoneId + "/allow", null);
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        }

        @Test
        void releasingADeviceThatIsNotQuarantinedShouldBeAConflict() {
            Reply reply = admin.post("/api/v1/devices/" + phoneId + "/release", null);
            assertThat(reply.status()).isEqualTo(409);
        }
    }

    @Nested
    class Wipe {

        @Test
        void adminWipeShouldReachTheDeviceAndItsAcknowledgementShowInTheApiAndAuditTrail() throws Exception {
            Reply ordered = admin.post("/api/v1/devices/" + phoneId + "/wipe", null);
            assertThat(ordered.json().get("wipe").get("state").asString()).isEqualTo("PENDING");
            assertThat(ordered.json().get("wipe").get("requestedBy").asString()).isEqualTo(AccountsApiTest.ADMIN);

            WbxmlElement wipe = phone.send(
                    "Provision",
                    WbxmlElement.of(P, "Provision")
                            .add(WbxmlElement.of(P, "Policies")
                                    .add(WbxmlElement.of(P, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML"))));
            assertThat(wipe.child("RemoteWipe")).isPresent();
            assertThat(admin.get("/api/v1/devices/" + phoneId)
                            .json()
                            .get("wipe")
                            .get("state")
                            .asString())
                    .isEqualTo("SENT");
            phone.send(
                    "Provision",
                    WbxmlElement.of(P, "Provision")
                            .add(WbxmlElement.of(P, "RemoteWipe").add("Status", "1")));

            JsonNode after = admin.get("/api/v1/devices/" + phoneId).json().get("wipe");
            assertThat(after.get("state").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(after.get("acknowledgedAt").isNull()).isFalse();
            JsonNode trail = admin.get("/api/v1/audit?device=" + phoneId).json().get("items");
            List<String> actions = new ArrayList<>();
            trail.forEach(entry -> actions.add(entry.get("action").asString()));
            assertThat(actions)
                    .containsExactly(
                            "device.access.blocked",
                            "device.wipe.acknowledged",
                            "device.wipe.sent",
                            "device.wipe.requested");
            assertThat(trail.get(3).get("actor").asString()).isEqualTo(AccountsApiTest.ADMIN);
            assertThat(trail.get(3).get("source").asString()).isEqualTo("127.0.0.1");
            assertThat(trail.get(1).get("actor").asString()).isEqualTo("device:ApiPhone1");
            assertThat(trail.get(0).get("actor").asString()).isEqualTo("system");
        }

        @Test
        void userShouldWipeTheirOwnDeviceAndCancelItBeforeItIsSent() {
            ApiClient mine = ApiClient.basic(port, owner.address(), PASSWORD);
            assertThat(mine.post("/api/v1/devices/" + phoneId + "/wipe", null).status())
                    .isEqualTo(200);
            Reply cancelled = mine.post("/api/v1/devices/" + phoneId + "/cancel-wipe", null);
            assertThat(cancelled.json().get("wipe").get("state").asString()).isEqualTo("NONE");
            assertThat(mine.post("/api/v1/devices/" + phoneId + "/cancel-wipe", null)
                            .status())
                    .isEqualTo(409);
        }

        @Test
        void accountOnlyWipeShouldNeedProtocol161() {
            Reply refused = admin.post("/api/v1/devices/" + phoneId + "/account-only-wipe", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(devices.detail(phoneId).wipeState()).hasToString("NONE");

            jdbc.sql("UPDATE device SET protocol_version = '16.1' WHERE id = ?")
                    .param(phoneId)
                    .update();
            Reply ordered = admin.post("/api/v1/devices/" + phoneId + "/account-only-wipe", null);
            assertThat(ordered.status()).isEqualTo(200);
            assertThat(ordered.json().get("wipe").get("kind").asString()).isEqualTo("ACCOUNT_ONLY");
        }
    }

    @Test
    void removedPartnershipShouldMakeTheDeviceStartOver() throws Exception {
        assertThat(admin.delete("/api/v1/devices/" + phoneId).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/devices/" + phoneId).status()).isEqualTo(404);

        assertThat(phone.folderSync("0").text("Status")).hasValue("142");
        long again = devices.find(owner.id(), "ApiPhone1").orElseThrow().id();
        assertThat(again).isNotEqualTo(phoneId);
        phone.provision();
        assertThat(phone.folderSync("0").text("Status")).hasValue("1");
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("deviceId").asString()));
        return ids;
    }
}
