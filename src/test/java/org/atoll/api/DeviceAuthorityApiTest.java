package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceProperties;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An administrator's block and wipe outlive anything the device's owner does: the owner may wipe, never withdraw an
 * administrator's wipe, never lift a block, and removing the partnership keeps both for the DeviceId's return. A
 * device that acknowledged a wipe (MS-ASPROV 3.1.5.1.2.2) is refused like a blocked one (MS-ASCMD 2.2.2 Status
 * 129, HTTP 403 for 12.x) until an administrator allows it.
 */
@AtollTest
class DeviceAuthorityApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;
    static final CodePage P = CodePage.PROVISION;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    DeviceProperties properties;

    ApiClient admin;
    ApiClient mine;
    AccountView owner;
    EasDevice phone;
    long phoneId;
    long inbox;

    @BeforeEach
    void provisionedPhoneWithMail() throws Exception {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        owner = TestAccounts.open(accounts, "authority");
        mine = ApiClient.basic(port, owner.address(), PASSWORD);
        phone = new EasDevice(port, owner.address(), PASSWORD, "HeldPhone1").provision();
        phoneId = devices.find(owner.id(), "HeldPhone1").orElseThrow().id();
        inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        mailboxes.deliver(owner.id(), inbox, Mime.message("Confidential"), null);
    }

    @Nested
    class Block {

        @Test
        void ownerShouldNotLiftAnAdministratorsBlock() throws Exception {
            admin.post("/api/v1/devices/" + phoneId + "/block", null);

            Reply allowed = mine.post("/api/v1/devices/" + phoneId + "/allow", null);

            assertThat(allowed.status()).isEqualTo(403);
            assertThat(allowed.contentType()).startsWith("application/problem+json");
            assertThat(access(phoneId).get("state").asString()).isEqualTo("BLOCKED");
            assertRefusedAsBlocked(phone);
        }

        @Test
        void blockedDeviceRemovedByItsOwnerShouldComeBackBlocked() throws Exception {
            admin.post("/api/v1/devices/" + phoneId + "/block", null);

            assertThat(mine.delete("/api/v1/devices/" + phoneId).status()).isEqualTo(204);

            assertThat(phone.send("Provision", policyRequest()).text("Status")).hasValue("129");
            long again = devices.find(owner.id(), "HeldPhone1").orElseThrow().id();
            JsonNode access = access(again);
            assertThat(access.get("state").asString()).isEqualTo("BLOCKED");
            assertThat(access.get("source").asString()).isEqualTo("PERSONAL");
            assertThat(access.get("reason").asString()).contains(AccountsApiTest.ADMIN);
            assertRefusedAsBlocked(phone);
            assertThat(actions(again)).contains("device.access.blocked");
        }

        @Test
        void administratorShouldAllowTheReturnedDeviceAgain() throws Exception {
            admin.post("/api/v1/devices/" + phoneId + "/block", null);
            mine.delete("/api/v1/devices/" + phoneId);
            phone.send("Provision", policyRequest());
            long again = devices.find(owner.id(), "HeldPhone1").orElseThrow().id();

            admin.post("/api/v1/devices/" + again + "/allow", null);

            phone.provision();
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        }

        @Test
        void administratorsRemovalShouldStartTheDeviceOverAllowed() throws Exception {
            admin.post("/api/v1/devices/" + phoneId + "/block", null);

            assertThat(admin.delete("/api/v1/devices/" + phoneId).status()).isEqualTo(204);

            phone.provision();
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        }
    }

    @Nested
    class Wipe {

        @Test
        void ownerShouldNotCancelAnAdministratorsWipe() throws Exception {
            admin.post("/api/v1/devices/" + phoneId + "/wipe", null);

            Reply cancelled = mine.post("/api/v1/devices/" + phoneId + "/cancel-wipe", null);

            assertThat(cancelled.status()).isEqualTo(403);
            assertThat(cancelled.contentType()).startsWith("application/problem+json");
            assertThat(cancelled.json().get("detail").asString()).contains("administrator");
            JsonNode wipe = wipe(phoneId);
            assertThat(wipe.get("state").asString()).isEqualTo("PENDING");
            assertThat(wipe.get("requestedBy").asString()).isEqualTo(AccountsApiTest.ADMIN);
            assertThat(phone.send("Provision", policyRequest()).child("RemoteWipe"))
                    .isPresent();
        }

        @Test
        void ownerShouldNotReplaceAnAdministratorsWipeWithTheirOwn() {
            admin.post("/api/v1/devices/" + phoneId + "/wipe", null);

            assertThat(mine.post("/api/v1/devices/" + phoneId + "/wipe", null).status())
                    .isEqualTo(403);
            assertThat(mine.post("/api/v1/devices/" + phoneId + "/account-only-wipe", null)
                            .status())
                    .isEqualTo(403);

            assertThat(wipe(phoneId).get("requestedBy").asString()).isEqualTo(AccountsApiTest.ADMIN);
            assertThat(wipe(phoneId).get("byAdministrator").asBoolean()).isTrue();
        }

        @Test
        void wipedDeviceRemovedByItsOwnerShouldStillReceiveTheWipe() throws Exception {
            admin.post("/api/v1/devices/" + phoneId + "/wipe", null);

            assertThat(mine.delete("/api/v1/devices/" + phoneId).status()).isEqualTo(204);

            assertThat(phone.folderSync("0").text("Status")).hasValue("140");
            assertThat(new MailClient(phone).sync(inbox, "0", collection -> {}).text("Status"))
                    .hasValue("140");
            WbxmlElement wipe = phone.send("Provision", policyRequest());
            assertThat(wipe.child("RemoteWipe")).isPresent();
            assertThat(wipe.child("Policies")).isEmpty();
            long again = devices.find(owner.id(), "HeldPhone1").orElseThrow().id();
            JsonNode record = wipe(again);
            assertThat(record.get("state").asString()).isEqualTo("SENT");
            assertThat(record.get("requestedBy").asString()).isEqualTo(AccountsApiTest.ADMIN);
        }

        @Test
        void ownerShouldStillWipeTheirOwnDeviceAndRemovingItShouldNotUndoThatWipe() throws Exception {
            assertThat(mine.post("/api/v1/devices/" + phoneId + "/wipe", null)
                            .json()
                            .get("wipe")
                            .get("byAdministrator")
                            .asBoolean())
                    .isFalse();

            mine.delete("/api/v1/devices/" + phoneId);

            assertThat(phone.send("Provision", policyRequest()).child("RemoteWipe"))
                    .isPresent();
        }

        @Test
        void administratorShouldCancelTheirOwnWipe() throws Exception {
            admin.post("/api/v1/devices/" + phoneId + "/wipe", null);

            Reply cancelled = admin.post("/api/v1/devices/" + phoneId + "/cancel-wipe", null);

            assertThat(cancelled.json().get("wipe").get("state").asString()).isEqualTo("NONE");
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        }
    }

    @Nested
    class AfterTheWipe {

        @Test
        void deviceThatAcknowledgedItsWipeShouldNotProvisionOrSyncAgain() throws Exception {
            wipeAndAcknowledge(phone, phoneId);

            assertThat(phone.send("Provision", policyRequest()).text("Status")).hasValue("129");
            assertRefusedAsBlocked(phone);
            JsonNode device = admin.get("/api/v1/devices/" + phoneId).json();
            assertThat(device.get("wipe").get("state").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(device.get("access").get("state").asString()).isEqualTo("BLOCKED");
            assertThat(device.get("access").get("reason").asString()).contains("wipe");
        }

        @Test
        void wiped121DeviceShouldBeRefusedWithHttp403() throws Exception {
            EasDevice old = new EasDevice(port, owner.address(), PASSWORD, "HeldOld1", "12.1").provision();
            long oldId = devices.find(owner.id(), "HeldOld1").orElseThrow().id();
            wipeAndAcknowledge(old, oldId);

            assertThat(old.post("Provision", new WbxmlEncoder().encode(policyRequest()))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(old.post("FolderSync", new WbxmlEncoder().encode(folderSyncKey0()))
                            .statusCode())
                    .isEqualTo(403);
        }

        @Test
        void wipedDeviceRemovedByItsOwnerShouldComeBackRefused() throws Exception {
            wipeAndAcknowledge(phone, phoneId);

            mine.delete("/api/v1/devices/" + phoneId);

            assertThat(phone.send("Provision", policyRequest()).text("Status")).hasValue("129");
            assertRefusedAsBlocked(phone);
            long again = devices.find(owner.id(), "HeldPhone1").orElseThrow().id();
            assertThat(access(again).get("state").asString()).isEqualTo("BLOCKED");
            assertThat(wipe(again).get("state").asString()).isEqualTo("ACKNOWLEDGED");
        }

        @Test
        void wipedDeviceShouldSyncAgainOnceAnAdministratorAllowsIt() throws Exception {
            wipeAndAcknowledge(phone, phoneId);

            admin.post("/api/v1/devices/" + phoneId + "/allow", null);

            phone.provision();
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        }
    }

    @Nested
    class UserAgentChanges {

        @Test
        void deviceWhoseUserAgentKeepsChangingShouldBeBlockedUntilAnAdministratorAllowsIt() throws Exception {
            int limit = properties.userAgentChangesBeforeBlock();
            for (int change = 1; change < limit; change++) {
                phone.withUserAgent("Agent/" + change);
                assertThat(phone.folderSync("0").text("Status"))
                        .as("change %d", change)
                        .hasValue("1");
                assertThat(phone.folderSync("0").text("Status"))
                        .as("same agent again")
                        .hasValue("1");
            }

            phone.withUserAgent("Agent/" + limit);

            assertRefusedAsBlocked(phone);
            JsonNode access = access(phoneId);
            assertThat(access.get("state").asString()).isEqualTo("BLOCKED");
            assertThat(access.get("reason").asString())
                    .contains("User-Agent changed " + limit + " times within 24 hours");
            JsonNode trail = admin.get("/api/v1/audit?device=" + phoneId).json().get("items");
            assertThat(trail.get(0).get("action").asString()).isEqualTo("device.access.blocked");
            assertThat(trail.get(0).get("actor").asString()).isEqualTo("system");

            admin.post("/api/v1/devices/" + phoneId + "/allow", null);

            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
            phone.withUserAgent("Agent/after-allow");
            assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        }

        @Test
        void automaticBlockShouldOutliveTheOwnersRemoval() throws Exception {
            for (int change = 1; change <= properties.userAgentChangesBeforeBlock(); change++) {
                phone.withUserAgent("Agent/" + change);
                phone.folderSync("0");
            }

            mine.delete("/api/v1/devices/" + phoneId);

            assertThat(phone.send("Provision", policyRequest()).text("Status")).hasValue("129");
            long again = devices.find(owner.id(), "HeldPhone1").orElseThrow().id();
            assertThat(access(again).get("reason").asString()).contains("User-Agent changed");
        }
    }

    void wipeAndAcknowledge(EasDevice device, long id) throws Exception {
        admin.post("/api/v1/devices/" + id + "/wipe", null);
        assertThat(device.send("Provision", policyRequest()).child("RemoteWipe"))
                .isPresent();
        assertThat(device.send("Provision", wipeAcknowledgement()).text("Status"))
                .hasValue("1");
    }

    /** Nothing of the mailbox reaches the device: the hierarchy and the inbox are refused with Status 129. */
    void assertRefusedAsBlocked(EasDevice device) throws Exception {
        assertThat(device.folderSync("0").text("Status")).hasValue("129");
        WbxmlElement sync = new MailClient(device).sync(inbox, "0", collection -> {});
        assertThat(sync.text("Status")).hasValue("129");
        assertThat(sync.child("Collections")).isEmpty();
    }

    JsonNode access(long id) {
        return admin.get("/api/v1/devices/" + id).json().get("access");
    }

    JsonNode wipe(long id) {
        return admin.get("/api/v1/devices/" + id).json().get("wipe");
    }

    List<String> actions(long id) {
        List<String> actions = new ArrayList<>();
        admin.get("/api/v1/audit?device=" + id)
                .json()
                .get("items")
                .forEach(entry -> actions.add(entry.get("action").asString()));
        return actions;
    }

    static WbxmlElement policyRequest() {
        return WbxmlElement.of(P, "Provision")
                .add(WbxmlElement.of(P, "Policies")
                        .add(WbxmlElement.of(P, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML")));
    }

    static WbxmlElement wipeAcknowledgement() {
        return WbxmlElement.of(P, "Provision")
                .add(WbxmlElement.of(P, "RemoteWipe").add("Status", "1"));
    }

    static WbxmlElement folderSyncKey0() {
        return WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderSync").add("SyncKey", "0");
    }
}
