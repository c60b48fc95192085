package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Personal API tokens beyond their owner's own use: a new password ends them, administrators list and revoke any
 * account's tokens, and a token may carry an expiry after which it is refused.
 */
@AtollTest
class ApiTokensApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    AccountView user;
    ApiClient userBasic;

    @BeforeEach
    void userWithAToken() {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        user = TestAccounts.open(accounts, "tokenholder");
        userBasic = ApiClient.basic(port, user.address(), PASSWORD);
    }

    private Reply issue(String name) {
        Reply issued = userBasic.post("/api/v1/me/tokens", Map.of("name", name));
        assertThat(issued.status()).isEqualTo(201);
        return issued;
    }

    private int statusWith(Reply issued) {
        return ApiClient.bearer(port, issued.json().get("token").asString())
                .unchecked("GET", "/api/v1/me", null)
                .status();
    }

    @Nested
    class NewPassword {

        @Test
        void administratorsPasswordResetShouldRevokeTheAccountsTokens() {
            Reply first = issue("laptop");
            Reply second = issue("cron");
            assertThat(statusWith(first)).isEqualTo(200);

            assertThat(admin.post(
                                    "/api/v1/accounts/" + user.id() + "/password",
                                    Map.of("password", "a new secret for her"))
                            .status())
                    .isEqualTo(204);

            assertThat(statusWith(first)).isEqualTo(401);
            assertThat(statusWith(second)).isEqualTo(401);
            assertThat(admin.get("/api/v1/accounts/" + user.id() + "/tokens").json())
                    .isEmpty();
        }

        @Test
        void ownPasswordChangeShouldRevokeTheAccountsTokens() {
            Reply token = issue("laptop");

            accounts.changePassword(user.id(), "a new secret of his own");

            assertThat(statusWith(token)).isEqualTo(401);
        }

        @Test
        void refusedPasswordResetShouldKeepTheTokens() {
            Reply token = issue("laptop");

            Reply refused =
                    admin.unchecked("POST", "/api/v1/accounts/" + user.id() + "/password", Map.of("password", "short"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(statusWith(token)).isEqualTo(200);
        }

        @Test
        void anotherAccountsPasswordResetShouldKeepTheTokens() {
            Reply token = issue("laptop");
            AccountView other = TestAccounts.open(accounts, "bystander");

            admin.post("/api/v1/accounts/" + other.id() + "/password", Map.of("password", "a new secret for him"));

            assertThat(statusWith(token)).isEqualTo(200);
        }
    }

    @Nested
    class Administrators {

        @Test
        void administratorShouldListAndRevokeAnotherAccountsTokens() {
            Reply laptop = issue("laptop");
            Reply cron = issue("cron");

            JsonNode listed =
                    admin.get("/api/v1/accounts/" + user.id() + "/tokens").json();
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).get("name").asString()).isEqualTo("laptop");
            assertThat(listed.get(0).has("token")).isFalse();

            assertThat(admin.delete("/api/v1/accounts/" + user.id() + "/tokens/" + laptop.id())
                            .status())
                    .isEqualTo(204);

            assertThat(statusWith(laptop)).isEqualTo(401);
            assertThat(statusWith(cron)).isEqualTo(200);
            assertThat(admin.delete("/api/v1/accounts/" + user.id() + "/tokens/" + laptop.id())
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void tokenShouldBeRevokedOnlyThroughItsOwnAccount() {
            Reply laptop = issue("laptop");
            AccountView other = TestAccounts.open(accounts, "not-the-owner");

            assertThat(admin.delete("/api/v1/accounts/" + other.id() + "/tokens/" + laptop.id())
                            .status())
                    .isEqualTo(404);
            assertThat(statusWith(laptop)).isEqualTo(200);
            assertThat(admin.get("/api/v1/accounts/999999999/tokens").status()).isEqualTo(404);
        }

        @Test
        void userShouldReachTheirOwnTokensButNotAnotherAccounts() {
            Reply laptop = issue("laptop");
            AccountView other = TestAccounts.open(accounts, "nosy");
            ApiClient nosy = ApiClient.basic(port, other.address(), PASSWORD);

            assertThat(userBasic
                            .get("/api/v1/accounts/" + user.id() + "/tokens")
                            .json())
                    .hasSize(1);
            assertThat(nosy.get("/api/v1/accounts/" + user.id() + "/tokens").status())
                    .isEqualTo(404);
            assertThat(nosy.delete("/api/v1/accounts/" + user.id() + "/tokens/" + laptop.id())
                            .status())
                    .isEqualTo(404);
            assertThat(statusWith(laptop)).isEqualTo(200);
        }
    }

    @Nested
    class Expiry {

        @Test
        void tokenWithAnExpiryShouldShowItAndWorkUntilThen() {
            Reply issued = userBasic.post("/api/v1/me/tokens", Map.of("name", "weekly", "expiresInDays", 7));

            assertThat(issued.status()).isEqualTo(201);
            Instant created = Instant.parse(issued.json().get("createdAt").asString());
            Instant expires = Instant.parse(issued.json().get("expiresAt").asString());
            assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofDays(7));
            assertThat(userBasic
                            .get("/api/v1/me/tokens")
                            .json()
                            .get(0)
                            .get("expiresAt")
                            .asString())
                    .isEqualTo(issued.json().get("expiresAt").asString());
            assertThat(statusWith(issued)).isEqualTo(200);
        }

        @Test
        void expiredTokenShouldBeRefusedAsInvalid() {
            Reply issued = userBasic.post("/api/v1/me/tokens", Map.of("name", "short-lived", "expiresInDays", 1));
            jdbc.sql("UPDATE api_token SET created_at = created_at - interval '2 days',"
                            + " expires_at = expires_at - interval '2 days' WHERE account_id = ? AND id = ?")
                    .params(user.id(), issued.id())
                    .update();

            Reply refused = ApiClient.bearer(port, issued.json().get("token").asString())
                    .get("/api/v1/me");

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(admin.get("/api/v1/accounts/" + user.id() + "/tokens")
                            .json()
                            .get(0)
                            .get("expiresAt")
                            .isNull())
                    .isFalse();
        }

        @Test
        void tokenWithoutAnExpiryShouldListNone() {
            issue("forever");

            assertThat(userBasic
                            .get("/api/v1/me/tokens")
                            .json()
                            .get(0)
                            .get("expiresAt")
                            .isNull())
                    .isTrue();
        }

        @Test
        void expiryOutOfBoundsShouldBeRefusedAndIssueNothing() {
            for (Object days : new Object[] {0, -1, 3651, 2147483647, "7"}) {
                Reply refused = userBasic.unchecked(
                        "POST", "/api/v1/me/tokens", Map.of("name", "bounded", "expiresInDays", days));

                assertThat(refused.status()).as("expiresInDays %s", days).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
            assertThat(userBasic.get("/api/v1/me/tokens").json()).isEmpty();
        }
    }
}
