package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Mobile policies: CRUD, exactly one default, assignment to accounts, and re-provisioning after a change. */
@AtollTest
class PoliciesApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    ApiClient admin;

    @BeforeEach
    void admin() {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
    }

    static Map<String, Object> policy(String name, boolean isDefault, int minLength) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("isDefault", isDefault);
        body.put("passwordRequired", true);
        body.put("minPasswordLength", minLength);
        body.put("alphanumericRequired", false);
        body.put("maxInactivitySeconds", 600);
        body.put("requireEncryption", true);
        body.put("allowNonProvisionable", false);
        return body;
    }

    @Test
    void assignedPolicyAndEveryChangeOfItShouldMakeDevicesProvisionAgain() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "policyowner");
        EasDevice phone = new EasDevice(port, owner.address(), PASSWORD, "PolicyPhone").provision();
        assertThat(phone.folderSync("0").text("Status")).hasValue("1");

        Reply created = admin.post("/api/v1/policies", policy("Strict " + UUID.randomUUID(), false, 8));
        assertThat(created.status()).isEqualTo(201);
        long policyId = created.id();
        assertThat(created.json().get("version").asLong()).isEqualTo(1);

        Reply assigned = admin.put(
                "/api/v1/accounts/" + owner.id(),
                Map.of(
                        "displayName",
                        "Policy Owner",
                        "role",
                        "USER",
                        "enabled",
                        true,
                        "easEnabled",
                        true,
                        "mobilePolicyId",
                        policyId));
        assertThat(assigned.json().get("mobilePolicyId").asLong()).isEqualTo(policyId);
        assertThat(admin.get("/api/v1/policies/" + policyId)
                        .json()
                        .get("assignedAccounts")
                        .asLong())
                .isEqualTo(1);
        assertThat(phone.folderSync("0").text("Status")).hasValue("143");
        phone.provision();
        assertThat(phone.folderSync("0").text("Status")).hasValue("1");

        Reply updated = admin.put(
                "/api/v1/policies/" + policyId,
                policy(created.json().get("name").asString(), false, 10));
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.json().get("minPasswordLength").asInt()).isEqualTo(10);
        assertThat(phone.folderSync("0").text("Status")).hasValue("143");

        assertThat(admin.delete("/api/v1/policies/" + policyId).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/accounts/" + owner.id())
                        .json()
                        .get("mobilePolicyId")
                        .isNull())
                .isTrue();
        assertThat(phone.folderSync("0").text("Status")).hasValue("143");
        phone.provision();
        assertThat(phone.folderSync("0").text("Status")).hasValue("1");
    }

    @Test
    void thereShouldAlwaysBeExactlyOneDefault() {
        long original = defaultPolicy().get("id").asLong();
        Reply refused = admin.delete("/api/v1/policies/" + original);
        assertThat(refused.status()).isEqualTo(409);
        JsonNode current = admin.get("/api/v1/policies/" + original).json();
        Map<String, Object> unmarked = policy(current.get("name").asString(), false, 6);
        assertThat(admin.put("/api/v1/policies/" + original, unmarked).status()).isEqualTo(409);

        Reply replacement = admin.post("/api/v1/policies", policy("Default " + UUID.randomUUID(), true, 6));
        try {
            assertThat(defaultPolicy().get("id").asLong()).isEqualTo(replacement.id());
            assertThat(admin.get("/api/v1/policies/" + original)
                            .json()
                            .get("isDefault")
                            .asBoolean())
                    .isFalse();
        } finally {
            Map<String, Object> restored = writable(current);
            admin.put("/api/v1/policies/" + original, restored);
            admin.delete("/api/v1/policies/" + replacement.id());
        }
        assertThat(defaultPolicy().get("id").asLong()).isEqualTo(original);
        assertThat(writable(defaultPolicy())).isEqualTo(writable(current));
    }

    @Test
    void invalidPoliciesShouldBeRefused() {
        assertThat(admin.unchecked("POST", "/api/v1/policies", policy("Too short " + UUID.randomUUID(), false, 0))
                        .status())
                .isEqualTo(400);
        Map<String, Object> attempts = policy("Attempts " + UUID.randomUUID(), false, 6);
        attempts.put("maxFailedAttempts", 2);
        assertThat(admin.unchecked("POST", "/api/v1/policies", attempts).status())
                .isEqualTo(400);
        String name = "Twice " + UUID.randomUUID();
        long first = admin.post("/api/v1/policies", policy(name, false, 6)).id();
        assertThat(admin.post("/api/v1/policies", policy(name.toUpperCase(), false, 6))
                        .status())
                .isEqualTo(409);
        admin.delete("/api/v1/policies/" + first);
        assertThat(admin.get("/api/v1/policies/" + first).status()).isEqualTo(404);
    }

    /** The writable fields of a policy as read, so a test can put back exactly what it found. */
    static Map<String, Object> writable(JsonNode policy) {
        Map<String, Object> body = new HashMap<>();
        for (String field : List.of(
                "name",
                "isDefault",
                "passwordRequired",
                "minPasswordLength",
                "alphanumericRequired",
                "maxInactivitySeconds",
                "maxFailedAttempts",
                "requireEncryption",
                "maxAttachmentBytes",
                "allowNonProvisionable")) {
            JsonNode value = policy.get(field);
            body.put(
                    field,
                    value.isNull()
                            ? null
                            : value.isBoolean()
                                    ? value.asBoolean()
                                    : value.isNumber() ? value.asLong() : value.asString());
        }
        return body;
    }

    private JsonNode defaultPolicy() {
        for (JsonNode policy : admin.get("/api/v1/policies").json()) {
            if (policy.get("isDefault").asBoolean()) {
                return policy;
            }
        }
        throw new AssertionError("No default policy");
    }
}
