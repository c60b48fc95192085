package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.SignIn;
import org.atoll.device.Devices;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.ApiContract;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Accounts and sign-in to the API: contract, roles, problems, and no change on refusal. */
@AtollTest
class AccountsApiTest {

    static final String ADMIN = "admin@example.test";
    static final String ADMIN_PASSWORD = "admin-test-password";
    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    SignIn signIn;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;

    @BeforeEach
    void admin() {
        admin = ApiClient.basic(port, ADMIN, ADMIN_PASSWORD);
    }

    @Nested
    class Lifecycle {

        @Test
        void accountShouldBeCreatedReadListedUpdatedAndDeleted() {
            String address = TestAccounts.uniqueAddress("rest");
            Reply created = admin.post(
                    "/api/v1/accounts",
                    Map.of("address", address, "password", PASSWORD, "displayName", "Rest Person", "quotaBytes", 5000));
            assertThat(created.status()).isEqualTo(201);
            long id = created.id();
            assertThat(created.header("Location")).hasValue("/api/v1/accounts/" + id);
            assertThat(created.json().get("easEnabled").asBoolean()).isTrue();

            assertThat(admin.get("/api/v1/accounts/" + id)
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("Rest Person");
            JsonNode page = admin.get("/api/v1/accounts?q=" + address.substring(0, 13) + "&size=5")
                    .json();
            assertThat(page.get("total").asLong()).isEqualTo(1);
            assertThat(page.get("items").get(0).get("address").asString()).isEqualTo(address);

            Reply updated = admin.put(
                    "/api/v1/accounts/" + id,
                    Map.of("displayName", "Renamed", "role", "USER", "enabled", true, "easEnabled", false));
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.json().get("easEnabled").asBoolean()).isFalse();
            assertThat(updated.json().get("quotaBytes").isNull()).isTrue();
            assertThat(accounts.find(id).orElseThrow().easEnabled()).isFalse();

            assertThat(admin.delete("/api/v1/accounts/" + id + "?confirm=" + address.toUpperCase())
                            .status())
                    .isEqualTo(204);
            assertThat(accounts.find(id)).isEmpty();
            assertThat(admin.get("/api/v1/accounts/" + id).status()).isEqualTo(404);
        }

        @Test
        void directoryDetailsShouldBeSetReadAuditedAndClearedByAnAdministrator() {
            AccountView account = TestAccounts.open(accounts, "detailed");
            Map<String, Object> details = Map.of(
                    "firstName", "Dana",
                    "lastName", "Okafor",
                    "company", "Atoll Shipping",
                    "title", "Harbour master",
                    "office", "Pier 4, room 12",
                    "phone", "+1 555 0100",
                    "mobilePhone", " +1 555 0199 ");

            Reply updated = admin.put(
                    "/api/v1/accounts/" + account.id(),
                    Map.of(
                            "displayName",
                            "Dana Okafor",
                            "role",
                            "USER",
                            "enabled",
                            true,
                            "easEnabled",
                            true,
                            "directoryDetails",
                            details));

            assertThat(updated.status()).isEqualTo(200);
            JsonNode read = admin.get("/api/v1/accounts/" + account.id()).json().get("directoryDetails");
            assertThat(read.get("title").asString()).isEqualTo("Harbour master");
            assertThat(read.get("mobilePhone").asString()).isEqualTo("+1 555 0199");
            assertThat(accounts.find(account.id()).orElseThrow().details().company())
                    .isEqualTo("Atoll Shipping");
            assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE account_id = ? ORDER BY id DESC LIMIT 1")
                            .param(account.id())
                            .query(String.class)
                            .single())
                    .contains("first name", "mobile phone")
                    .doesNotContain("Okafor");

            admin.put(
                    "/api/v1/accounts/" + account.id(),
                    Map.of("displayName", "Dana Okafor", "role", "USER", "enabled", true, "easEnabled", true));

            assertThat(admin.get("/api/v1/accounts/" + account.id())
                            .json()
                            .get("directoryDetails")
                            .isEmpty())
                    .isTrue();
        }

        @Test
        void directoryDetailTooLongOrWithAControlCharacterShouldBeRefusedAndChangeNothing() {
            AccountView account = TestAccounts.open(accounts, "undetailed");
            String body = "{\"displayName\":\"X\",\"role\":\"USER\",\"enabled\":true,\"easEnabled\":true,"
                    + "\"directoryDetails\":{%s}}";

            Reply longPhone = admin.unchecked(
                    "PUT", "/api/v1/accounts/" + account.id(), body.formatted("\"phone\":\"" + "1".repeat(33) + "\""));
            Reply control = admin.unchecked(
                    "PUT", "/api/v1/accounts/" + account.id(), body.formatted("\"company\":\"A\\u0007B\""));

            assertThat(longPhone.status()).isEqualTo(400);
            assertThat(control.status()).isEqualTo(400);
            AccountView after = accounts.find(account.id()).orElseThrow();
            assertThat(after.details()).isEqualTo(DirectoryDetails.NONE);
            assertThat(after.displayName()).isEqualTo(account.displayName());
        }

        @Test
        void userShouldNotSetDirectoryDetails() {
            AccountView user = TestAccounts.open(accounts, "selfdescribed");
            Reply reply = ApiClient.basic(port, user.address(), PASSWORD)
                    .put(
                            "/api/v1/accounts/" + user.id(),
                            Map.of(
                                    "displayName",
                                    "Me",
                                    "role",
                                    "USER",
                                    "enabled",
                                    true,
                                    "easEnabled",
                                    true,
                                    "directoryDetails",
                                    Map.of("title", "Chief")));

            assertThat(reply.status()).isEqualTo(403);
            assertThat(accounts.find(user.id()).orElseThrow().details().title()).isNull();
        }

        @Test
        void deletionShouldTakeMailAndDevicesWithItAndNeedTheAddressRepeated() {
            AccountView account = TestAccounts.open(accounts, "doomed");
            devices.seen(account.id(), "DoomedPhone", "Android", null, "14.1");

            Reply unconfirmed = admin.delete("/api/v1/accounts/" + account.id() + "?confirm=someone@else.test");
            assertThat(unconfirmed.status()).isEqualTo(400);
            assertThat(accounts.find(account.id())).isPresent();

            assertThat(admin.delete("/api/v1/accounts/" + account.id() + "?confirm=" + account.address())
                            .status())
                    .isEqualTo(204);
            long left = jdbc.sql("SELECT (SELECT count(*) FROM device WHERE account_id = :id)"
                            + " + (SELECT count(*) FROM folder WHERE account_id = :id)"
                            + " + (SELECT count(*) FROM message WHERE account_id = :id)")
                    .param("id", account.id())
                    .query(Long.class)
                    .single();
            assertThat(left).isZero();
        }

        @Test
        void resetPasswordShouldReplaceTheOldOne() {
            AccountView account = TestAccounts.open(accounts, "reset");
            assertThat(admin.post(
                                    "/api/v1/accounts/" + account.id() + "/password",
                                    Map.of("password", "an entirely new one"))
                            .status())
                    .isEqualTo(204);
            assertThat(ApiClient.basic(port, account.address(), "an entirely new one")
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(200);
            assertThat(ApiClient.basic(port, account.address(), PASSWORD)
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void takenAddressShouldBeAConflict() {
            AccountView account = TestAccounts.open(accounts, "taken");
            Reply again = admin.post("/api/v1/accounts", Map.of("address", account.address(), "password", PASSWORD));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("detail").asString()).contains("taken");
        }
    }

    @Nested
    class Refusals {

        @Test
        void anonymousCallerShouldGetAProblemAndAChallenge() {
            Reply reply = ApiClient.anonymous(port).get("/api/v1/accounts");
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.header("WWW-Authenticate").orElseThrow()).isEqualTo("Bearer realm=\"Atoll\"");
        }

        @Test
        void wrongPasswordShouldBeUnauthorized() {
            assertThat(ApiClient.basic(port, ADMIN, "not the password")
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void userShouldBeForbiddenEveryAdministrativeResource() {
            AccountView user = TestAccounts.open(accounts, "plain");
            ApiClient client = ApiClient.basic(port, user.address(), PASSWORD);
            for (String path : new String[] {
                "/api/v1/accounts",
                "/api/v1/accounts/" + user.id(),
                "/api/v1/access-rules",
                "/api/v1/access-settings",
                "/api/v1/policies",
                "/api/v1/audit"
            }) {
                Reply reply = client.get(path);
                assertThat(reply.status()).as(path).isEqualTo(403);
                assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
            }
            assertThat(client.post("/api/v1/accounts", Map.of("address", "x@y.test", "password", PASSWORD))
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void disabledAccountShouldBeForbidden() {
            AccountView user = TestAccounts.open(accounts, "off");
            accounts.setEnabled(user.id(), false);
            assertThat(ApiClient.basic(port, user.address(), PASSWORD)
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void malformedJsonShouldBeABadRequestProblem() {
            long before = accounts.count();
            Reply reply = admin.unchecked("POST", "/api/v1/accounts", "{\"address\": ");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(accounts.count()).isEqualTo(before);
        }

        @Test
        void unknownPropertyShouldBeRefusedAndCreateNothing() {
            String address = TestAccounts.uniqueAddress("mass");
            Reply reply = admin.unchecked(
                    "POST",
                    "/api/v1/accounts",
                    "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\",\"id\":1,\"createdAt\":\"x\"}");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(accounts.findByAddress(address)).isEmpty();
        }

        @Test
        void wrongTypeAndMissingFieldShouldBeBadRequests() {
            String address = TestAccounts.uniqueAddress("typed");
            assertThat(admin.unchecked(
                                    "POST",
                                    "/api/v1/accounts",
                                    "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD
                                            + "\",\"quotaBytes\":\"lots\"}")
                            .status())
                    .isEqualTo(400);
            assertThat(admin.unchecked("POST", "/api/v1/accounts", "{\"address\":\"" + address + "\"}")
                            .status())
                    .isEqualTo(400);
            assertThat(admin.unchecked("GET", "/api/v1/accounts/not-a-number", null)
                            .status())
                    .isEqualTo(400);
            assertThat(accounts.findByAddress(address)).isEmpty();
        }

        @Test
        void shortPasswordShouldBeABadRequest() {
            AccountView account = TestAccounts.open(accounts, "weak");
            Reply reply =
                    admin.unchecked("POST", "/api/v1/accounts/" + account.id() + "/password", "{\"password\":\"x\"}");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(signIn.signIn(account.address(), PASSWORD, "test")).isInstanceOf(SignIn.Accepted.class);
        }

        @Test
        void unknownPathAndWrongMethodShouldBeProblems() {
            Reply missing = admin.unchecked("GET", "/api/v1/no-such-thing", null);
            assertThat(missing.status()).isEqualTo(404);
            Reply method = admin.unchecked("PATCH", "/api/v1/accounts", "{}");
            assertThat(method.status()).isEqualTo(405);
            assertThat(method.contentType()).startsWith("application/problem+json");
        }
    }

    @Nested
    class Tokens {

        @Test
        void tokenShouldBeShownOnceStoredHashedAndWorkUntilRevoked() {
            AccountView user = TestAccounts.open(accounts, "tokens");
            ApiClient basic = ApiClient.basic(port, user.address(), PASSWORD);
            Reply issued = basic.post("/api/v1/me/tokens", Map.of("name", "laptop script"));
            assertThat(issued.status()).isEqualTo(201);
            String secret = issued.json().get("token").asString();
            assertThat(secret).startsWith("atoll_");

            ApiClient bearer = ApiClient.bearer(port, secret);
            assertThat(bearer.get("/api/v1/me").json().get("address").asString())
                    .isEqualTo(user.address());
            JsonNode listed = basic.get("/api/v1/me/tokens").json();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).has("token")).isFalse();
            assertThat(listed.get(0).get("lastUsedAt").isNull()).isFalse();
            String stored = jdbc.sql("SELECT encode(token_sha256, 'hex') FROM api_token WHERE account_id = ?")
                    .param(user.id())
                    .query(String.class)
                    .single();
            assertThat(stored).hasSize(64).doesNotContain(secret);

            assertThat(basic.delete("/api/v1/me/tokens/" + issued.id()).status())
                    .isEqualTo(204);
            Reply refused = bearer.get("/api/v1/me");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }

        @Test
        void userShouldNotRevokeAnotherUsersToken() {
            AccountView owner = TestAccounts.open(accounts, "owner");
            AccountView other = TestAccounts.open(accounts, "other");
            Reply issued =
                    ApiClient.basic(port, owner.address(), PASSWORD).post("/api/v1/me/tokens", Map.of("name", "mine"));
            Reply attempt = ApiClient.basic(port, other.address(), PASSWORD).delete("/api/v1/me/tokens/" + issued.id());
            assertThat(attempt.status()).isEqualTo(404);
            assertThat(ApiClient.bearer(port, issued.json().get("token").asString())
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void tokenOfADisabledAccountShouldStopWorking() {
            AccountView user = TestAccounts.open(accounts, "lapsed");
            String secret = ApiClient.basic(port, user.address(), PASSWORD)
                    .post("/api/v1/me/tokens", Map.of("name", "cron"))
                    .json()
                    .get("token")
                    .asString();
            accounts.setEnabled(user.id(), false);
            assertThat(ApiClient.bearer(port, secret).get("/api/v1/me").status())
                    .isEqualTo(401);
            assertThat(ApiClient.bearer(port, "atoll_made-up").get("/api/v1/me").status())
                    .isEqualTo(401);
        }
    }

    @Test
    void contractShouldBeServedPubliclyWithASwaggerUiPage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> spec = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.yaml"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).isEqualTo(Files.readString(ApiContract.FILE));
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api-docs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/swagger-ui/swagger-ui-bundle.js");
        HttpResponse<String> bundle = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/webjars/swagger-ui/swagger-ui-bundle.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bundle.statusCode()).isEqualTo(200);
    }
}
