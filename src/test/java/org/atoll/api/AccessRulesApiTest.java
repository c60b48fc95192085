package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Device access rules (Exchange's ABQ): a Quarantine rule for a new device type, Block rules applied to existing
 * devices, personal states that rules do not touch, and the organization default. Every rule uses a device type
 * of its own and is deleted afterwards, so other tests' devices are never matched.
 */
@AtollTest
class AccessRulesApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    Mailboxes mailboxes;

    ApiClient admin;
    AccountView owner;
    String type;

    @BeforeEach
    void setUp() {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        owner = TestAccounts.open(accounts, "abq");
        type = "Type" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeRules() {
        admin.get("/api/v1/access-rules").json().forEach(rule -> {
            if (rule.get("queryString").asString().startsWith("Type")) {
                admin.delete("/api/v1/access-rules/" + rule.get("id").asLong());
            }
        });
        admin.put("/api/v1/access-settings", Map.of("defaultAccess", "ALLOWED"));
    }

    @Test
    void quarantineRuleShouldHoldANewDeviceTypeAndTellTheUser() throws Exception {
        Reply rule = admin.post(
                "/api/v1/access-rules",
                Map.of("access", "QUARANTINED", "characteristic", "DEVICE_TYPE", "queryString", type));
        assertThat(rule.status()).isEqualTo(201);

        EasDevice device = new EasDevice(port, owner.address(), PASSWORD, "NewKind1").withDeviceType(type);
        device.provision();
        long id = devices.find(owner.id(), "NewKind1").orElseThrow().id();
        JsonNode access = admin.get("/api/v1/devices/" + id).json().get("access");
        assertThat(access.get("state").asString()).isEqualTo("QUARANTINED");
        assertThat(access.get("source").asString()).isEqualTo("RULE");
        assertThat(access.get("reason").asString()).contains(type);

        assertThat(device.folderSync("0").text("Status")).hasValue("1");
        assertThat(folderCreate(device).text("Status")).hasValue("129");
        long inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        assertThat(mailboxes.messages(owner.id(), inbox, 0, 10))
                .anySatisfy(m -> assertThat(m.subject()).isEqualTo("Your device is quarantined"));
        JsonNode trail = admin.get("/api/v1/audit?device=" + id).json().get("items");
        assertThat(trail.get(0).get("action").asString()).isEqualTo("device.access.quarantined");

        admin.post("/api/v1/devices/" + id + "/release", null);
        assertThat(folderCreate(device).text("Status")).hasValue("1");
    }

    @Test
    void blockRuleShouldReachExistingDevicesButNotPersonallyAllowedOnes() throws Exception {
        new EasDevice(port, owner.address(), PASSWORD, "Existing1")
                .withDeviceType(type)
                .provision();
        EasDevice kept = new EasDevice(port, owner.address(), PASSWORD, "Existing2").withDeviceType(type);
        kept.provision();
        long first = devices.find(owner.id(), "Existing1").orElseThrow().id();
        long second = devices.find(owner.id(), "Existing2").orElseThrow().id();
        admin.post("/api/v1/devices/" + second + "/allow", null);

        Reply quarantine = admin.post(
                "/api/v1/access-rules",
                Map.of("access", "QUARANTINED", "characteristic", "DEVICE_TYPE", "queryString", type));
        long ruleId = quarantine.id();
        Reply blocked = admin.put(
                "/api/v1/access-rules/" + ruleId,
                Map.of("access", "BLOCKED", "characteristic", "DEVICE_TYPE", "queryString", type.toLowerCase()));
        assertThat(blocked.json().get("access").asString()).isEqualTo("BLOCKED");
        assertThat(admin.get("/api/v1/access-rules/" + ruleId)
                        .json()
                        .get("access")
                        .asString())
                .isEqualTo("BLOCKED");

        assertThat(devices.detail(first).accessState()).hasToString("BLOCKED");
        assertThat(devices.detail(second).accessState()).hasToString("ALLOWED");
        assertThat(kept.folderSync("0").text("Status")).hasValue("1");

        assertThat(admin.delete("/api/v1/access-rules/" + ruleId).status()).isEqualTo(204);
        assertThat(devices.detail(first).accessState()).hasToString("ALLOWED");
        assertThat(admin.get("/api/v1/access-rules/" + ruleId).status()).isEqualTo(404);
    }

    @Test
    void blockRulesShouldWinOverAllowRulesAndDuplicatesBeRefused() throws Exception {
        admin.post(
                "/api/v1/access-rules",
                Map.of("access", "ALLOWED", "characteristic", "DEVICE_TYPE", "queryString", type));
        admin.post(
                "/api/v1/access-rules",
                Map.of("access", "BLOCKED", "characteristic", "USER_AGENT", "queryString", "Type-Agent/1.0"));
        Reply duplicate = admin.post(
                "/api/v1/access-rules",
                Map.of("access", "BLOCKED", "characteristic", "DEVICE_TYPE", "queryString", type.toUpperCase()));
        assertThat(duplicate.status()).isEqualTo(409);
        Reply blank = admin.post(
                "/api/v1/access-rules", Map.of("access", "BLOCKED", "characteristic", "MODEL", "queryString", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(admin.unchecked(
                                "POST",
                                "/api/v1/access-rules",
                                "{\"access\":\"MAYBE\",\"characteristic\":\"MODEL\",\"queryString\":\"x\"}")
                        .status())
                .isEqualTo(400);

        devices.seen(owner.id(), "AgentPhone", type, "Type-Agent/1.0", "14.1");
        assertThat(devices.find(owner.id(), "AgentPhone").orElseThrow().accessState())
                .hasToString("BLOCKED");
        assertThat(admin.get("/api/v1/access-rules").json().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void organizationDefaultShouldApplyWhenNoRuleMatches() throws Exception {
        assertThat(admin.get("/api/v1/access-settings")
                        .json()
                        .get("defaultAccess")
                        .asString())
                .isEqualTo("ALLOWED");
        assertThat(admin.put("/api/v1/access-settings", Map.of("defaultAccess", "QUARANTINED"))
                        .json()
                        .get("defaultAccess")
                        .asString())
                .isEqualTo("QUARANTINED");

        devices.seen(owner.id(), "Unruled1", type, null, "14.1");
        assertThat(devices.find(owner.id(), "Unruled1").orElseThrow().accessReason())
                .contains("default");
        assertThat(devices.find(owner.id(), "Unruled1").orElseThrow().accessState())
                .hasToString("QUARANTINED");
        admin.put("/api/v1/access-settings", Map.of("defaultAccess", "ALLOWED"));
        assertThat(devices.find(owner.id(), "Unruled1").orElseThrow().accessState())
                .hasToString("ALLOWED");
    }

    private static WbxmlElement folderCreate(EasDevice device) throws Exception {
        String key = device.folderSync("0").text("SyncKey").orElse("0");
        return device.send(
                "FolderCreate",
                WbxmlElement.of(CodePage.FOLDER_HIERARCHY, "FolderCreate")
                        .add("SyncKey", key)
                        .add("ParentId", "0")
                        .add("DisplayName", "Folder " + UUID.randomUUID())
                        .add("Type", "12"));
    }
}
