package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atoll.account.Accounts;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The audit trail: administrative actions and sign-in back-offs, queried by account, actor and time. */
@AtollTest
class AuditApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    ApiClient admin;

    @BeforeEach
    void admin() {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
    }

    @Test
    void administrativeActionsShouldBeRecordedWithActorAndSource() {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        String address = TestAccounts.uniqueAddress("audited");
        long id = admin.post("/api/v1/accounts", Map.of("address", address, "password", AccountsApiTest.PASSWORD))
                .id();
        admin.put(
                "/api/v1/accounts/" + id,
                Map.of("displayName", "Audited", "role", "USER", "enabled", false, "easEnabled", true));
        admin.delete("/api/v1/accounts/" + id + "?confirm=" + address);

        JsonNode items = admin.get("/api/v1/audit?accountId=" + id).json().get("items");
        assertThat(actions(items)).containsExactly("account.deleted", "account.updated", "account.created");
        assertThat(items.get(1).get("detail").asString()).contains("disabled");
        items.forEach(entry -> {
            assertThat(entry.get("actor").asString()).isEqualTo(AccountsApiTest.ADMIN);
            assertThat(entry.get("source").asString()).isEqualTo("127.0.0.1");
        });

        String from = start.toString();
        JsonNode byActor = admin.get("/api/v1/audit?actor=" + AccountsApiTest.ADMIN + "&from=" + from + "&size=500")
                .json();
        assertThat(byActor.get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(admin.get("/api/v1/audit?accountId=" + id + "&to=" + from)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(admin.get("/api/v1/audit?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void signInBackOffShouldBeRecordedWithoutThePassword() {
        String login = TestAccounts.open(accounts, "guessed").address();
        for (int i = 0; i < 6; i++) {
            assertThat(ApiClient.basic(port, login, "guess number " + i)
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(401);
        }
        JsonNode items = admin.get("/api/v1/audit?actor=" + login).json().get("items");
        assertThat(actions(items)).containsExactly("sign-in.backed-off");
        assertThat(items.get(0).get("source").asString()).isEqualTo("127.0.0.1");
        assertThat(items.toString()).doesNotContain("guess number");
    }

    @Test
    void failedSignInsOfUnknownLoginsShouldNeverReachTheAuditTrail() {
        String login = TestAccounts.uniqueAddress("nobody");
        for (int i = 0; i < 7; i++) {
            assertThat(ApiClient.basic(port, login, "guess number " + i)
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(401);
        }

        assertThat(admin.get("/api/v1/audit?actor=" + login).json().get("total").asLong())
                .isZero();
    }

    static List<String> actions(JsonNode items) {
        List<String> actions = new ArrayList<>();
        items.forEach(entry -> actions.add(entry.get("action").asString()));
        return actions;
    }
}
