package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.DeviceDetail;
import org.atoll.device.Devices;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.TestAccounts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser that holds an administrator's Basic credentials must not be turned against the API by another site: a
 * state-changing request that a browser marks as cross-site ({@code Sec-Fetch-Site}, {@code Origin}) is refused, and
 * so is a body in a type an HTML form can send without asking (the CORS "simple" types). Scripts, which send neither
 * header, keep working. The API never answers with a Basic challenge, so a browser never offers to remember a
 * password for it.
 */
@AtollTest
class CrossSiteApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;
    static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    final HttpClient http = HttpClient.newHttpClient();
    AccountView owner;
    long phoneId;

    @BeforeEach
    void provisionedPhone() throws Exception {
        owner = TestAccounts.open(accounts, "crosssite");
        new EasDevice(port, owner.address(), PASSWORD, "CrossSitePhone").provision();
        phoneId = devices.find(owner.id(), "CrossSitePhone").orElseThrow().id();
    }

    @Nested
    class CrossSiteRequests {

        @Test
        void formPostFromAnotherOriginShouldNotWipeTheDevice() throws Exception {
            HttpResponse<String> answer = adminPost("wipe", FORM, "x=1", Map.of("Origin", "https://evil.example"));

            assertRefused(answer, 403);
            assertThat(device().wipeState()).hasToString("NONE");
        }

        @Test
        void formPostMarkedCrossSiteShouldNotWipeTheDevice() throws Exception {
            HttpResponse<String> answer = adminPost("wipe", FORM, "x=1", Map.of("Sec-Fetch-Site", "cross-site"));

            assertRefused(answer, 403);
            assertThat(device().wipeState()).hasToString("NONE");
        }

        @Test
        void crossSitePostsShouldNotBlockAllowOrCancelAWipe() throws Exception {
            Map<String, String> evil = Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");

            assertRefused(adminPost("block", FORM, "x=1", evil), 403);
            assertThat(device().accessState()).hasToString("ALLOWED");

            assertThat(admin().post("/api/v1/devices/" + phoneId + "/block", null)
                            .status())
                    .isEqualTo(200);
            assertRefused(adminPost("allow", FORM, "x=1", evil), 403);
            assertThat(device().accessState()).hasToString("BLOCKED");

            assertThat(admin().post("/api/v1/devices/" + phoneId + "/wipe", null)
                            .status())
                    .isEqualTo(200);
            assertRefused(adminPost("cancel-wipe", FORM, "x=1", evil), 403);
            assertThat(device().wipeState()).hasToString("PENDING");
        }

        @Test
        void sameSiteButCrossOriginPostsShouldBeRefusedToo() throws Exception {
            assertRefused(adminPost("wipe", null, null, Map.of("Sec-Fetch-Site", "same-site")), 403);
            assertRefused(adminPost("wipe", null, null, Map.of("Origin", "http://127.0.0.1:1")), 403);
            assertRefused(adminPost("wipe", null, null, Map.of("Origin", "null")), 403);
            assertThat(device().wipeState()).hasToString("NONE");
        }

        @Test
        void crossSiteDeleteShouldNotRemoveThePartnership() throws Exception {
            HttpResponse<String> answer = send(
                    "DELETE",
                    "/api/v1/devices/" + phoneId,
                    basicAdmin(),
                    null,
                    null,
                    Map.of("Origin", "https://x.example"));

            assertRefused(answer, 403);
            assertThat(devices.find(owner.id(), "CrossSitePhone")).isPresent();
        }

        @Test
        void crossSiteRequestWithABearerTokenShouldBeRefusedAsWell() throws Exception {
            String token = admin().post("/api/v1/me/tokens", Map.of("name", "cross-site"))
                    .json()
                    .get("token")
                    .asString();
            HttpResponse<String> answer = send(
                    "POST",
                    "/api/v1/devices/" + phoneId + "/wipe",
                    "Bearer " + token,
                    null,
                    null,
                    Map.of("Sec-Fetch-Site", "cross-site"));

            assertRefused(answer, 403);
            assertThat(device().wipeState()).hasToString("NONE");
        }
    }

    @Nested
    class FormBodies {

        @Test
        void bodiesAFormCanSendShouldBeRefusedEvenWithoutOriginHeaders() throws Exception {
            for (String type : List.of(FORM, "multipart/form-data; boundary=b", "text/plain;charset=UTF-8")) {
                for (String action : List.of("wipe", "block", "cancel-wipe", "allow")) {
                    assertRefused(adminPost(action, type, "a=b", Map.of()), 415);
                }
            }
            assertThat(device().wipeState()).hasToString("NONE");
            assertThat(device().accessState()).hasToString("ALLOWED");
        }
    }

    @Nested
    class Scripts {

        @Test
        void bodylessPostWithBasicCredentialsShouldStillWipeLikeTheReadmeShows() throws Exception {
            HttpResponse<String> answer = adminPost("wipe", null, null, Map.of());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(device().wipeState()).hasToString("PENDING");
        }

        @Test
        void sameOriginBrowserRequestShouldBeServed() throws Exception {
            String self = "http://127.0.0.1:" + port;
            HttpResponse<String> answer =
                    adminPost("block", null, null, Map.of("Origin", self, "Sec-Fetch-Site", "same-origin"));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(device().accessState()).hasToString("BLOCKED");
        }

        @Test
        void crossSiteReadsShouldStillBeAnswered() throws Exception {
            HttpResponse<String> answer = send(
                    "GET",
                    "/api/v1/devices/" + phoneId,
                    basicAdmin(),
                    null,
                    null,
                    Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));

            assertThat(answer.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Challenges {

        @Test
        void apiShouldNeverChallengeForBasicCredentials() throws Exception {
            String wrong = "Basic " + base64(AccountsApiTest.ADMIN + ":not-the-password");
            for (String authorization : new String[] {null, wrong, "Bearer atoll_unknown"}) {
                HttpResponse<String> answer = send("GET", "/api/v1/me", authorization, null, null, Map.of());

                assertThat(answer.statusCode()).isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.headers().allValues("WWW-Authenticate"))
                        .isNotEmpty()
                        .allSatisfy(challenge -> assertThat(challenge).doesNotContainIgnoringCase("basic"));
            }
        }

        @Test
        void actuatorShouldNotChallengeForBasicCredentialsEither() throws Exception {
            HttpResponse<String> answer = send("GET", "/actuator/metrics", null, null, null, Map.of());

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().allValues("WWW-Authenticate"))
                    .allSatisfy(challenge -> assertThat(challenge).doesNotContainIgnoringCase("basic"));
        }

        /** Devices need the challenge: MS-ASHTTP 2.2.1.1.2.1, HTTP Basic on every request. */
        @Test
        void activeSyncShouldKeepItsBasicChallenge() throws Exception {
            HttpResponse<String> answer = send("OPTIONS", "/Microsoft-Server-ActiveSync", null, null, null, Map.of());

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Atoll\"");
        }
    }

    private DeviceDetail device() {
        return devices.detail(phoneId);
    }

    private ApiClient admin() {
        return ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
    }

    private static String basicAdmin() {
        return "Basic " + base64(AccountsApiTest.ADMIN + ":" + AccountsApiTest.ADMIN_PASSWORD);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> adminPost(
            String action, @Nullable String contentType, @Nullable String body, Map<String, String> headers)
            throws Exception {
        return send("POST", "/api/v1/devices/" + phoneId + "/" + action, basicAdmin(), contentType, body, headers);
    }

    private HttpResponse<String> send(
            String method,
            String path,
            @Nullable String authorization,
            @Nullable String contentType,
            @Nullable String body,
            Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
