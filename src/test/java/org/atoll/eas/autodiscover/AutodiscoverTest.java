package org.atoll.eas.autodiscover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/** MS-ASCMD 2.2.1.1 Autodiscover over real HTTP, as a phone adding an account sends it. */
@AtollTest
class AutodiscoverTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    final HttpClient http = HttpClient.newHttpClient();
    AccountView account;

    @BeforeEach
    void openAccount() {
        account = TestAccounts.open(accounts, "phone");
    }

    static String request(String address) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006">
                  <Request>
                    <EMailAddress>%s</EMailAddress>
                    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006</AcceptableResponseSchema>
                  </Request>
                </Autodiscover>
                """.formatted(address);
    }

    HttpResponse<String> post(String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedInDeviceShouldLearnTheActiveSyncUrl_MsAscmd_2_2_1_1() throws Exception {
        for (String path : new String[] {"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"}) {
            HttpResponse<String> response =
                    post(path, request(account.address()), account.address(), "correct horse battery");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
            assertThat(response.body())
                    .contains("<Type>MobileSync</Type>")
                    .contains("<Url>http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync</Url>")
                    .contains("<EMailAddress>" + account.address() + "</EMailAddress>");
        }
    }

    @Test
    void hostHeaderShouldNotChooseTheUrlHandedOut() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/autodiscover/autodiscover.xml"))
                .header("X-Forwarded-Host", "evil.example")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((account.address() + ":correct horse battery").getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(request(account.address())))
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .doesNotContain("evil.example");
    }

    @Test
    void withoutOrWithWrongCredentialsTheAnswerShouldBe401() throws Exception {
        assertThat(post("/autodiscover/autodiscover.xml", request(account.address()), null, null)
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> wrong =
                post("/autodiscover/autodiscover.xml", request(account.address()), account.address(), "nope nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Atoll\"");
    }

    @Test
    void disabledAccountShouldBeRefused() throws Exception {
        accounts.setEnabled(account.id(), false);

        assertThat(post(
                                "/autodiscover/autodiscover.xml",
                                request(account.address()),
                                account.address(),
                                "correct horse battery")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void askingForAnotherUsersAddressShouldBeRefused() throws Exception {
        AccountView other = TestAccounts.open(accounts, "other");

        HttpResponse<String> response = post(
                "/autodiscover/autodiscover.xml", request(other.address()), account.address(), "correct horse battery");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain(other.address());
    }

    @Test
    void anotherResponseSchemaShouldGetErrorCode600() throws Exception {
        String body = request(account.address()).replace("mobilesync/responseschema", "outlook/responseschema");

        HttpResponse<String> response =
                post("/autodiscover/autodiscover.xml", body, account.address(), "correct horse battery");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<ErrorCode>600</ErrorCode>").doesNotContain("MobileSync");
    }

    @Test
    void externalEntityShouldBeRefusedAndNothingRead() throws Exception {
        String body = """
                <?xml version="1.0"?>
                <!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006">
                  <Request><EMailAddress>&xxe;</EMailAddress>
                  <AcceptableResponseSchema>x</AcceptableResponseSchema></Request>
                </Autodiscover>
                """;

        HttpResponse<String> response =
                post("/autodiscover/autodiscover.xml", body, account.address(), "correct horse battery");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void malformedOrOversizedBodiesShouldGet400() throws Exception {
        assertThat(post("/autodiscover/autodiscover.xml", "<Autodiscover", account.address(), "correct horse battery")
                        .statusCode())
                .isEqualTo(400);
        String huge = request(account.address()).replace("<Request>", "<Request>" + " ".repeat(20_000));
        assertThat(post("/autodiscover/autodiscover.xml", huge, account.address(), "correct horse battery")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void getOrAnEmptyPostShouldGetErrorCode600AsExchangeAnswers() throws Exception {
        HttpResponse<String> empty =
                post("/autodiscover/autodiscover.xml", "", account.address(), "correct horse battery");
        HttpResponse<String> get = get("/autodiscover/autodiscover.xml", account.address(), "correct horse battery");

        for (HttpResponse<String> response : List.of(empty, get)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("<ErrorCode>600</ErrorCode>")
                    .contains("Invalid Request")
                    .doesNotContain("MobileSync");
        }
        assertThat(get("/autodiscover/autodiscover.xml", null, null).statusCode())
                .isEqualTo(401);
    }

    HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON flow Outlook mobile tries first, in its path and its query form. */
    @Nested
    class Json {

        final ObjectMapper json = new ObjectMapper();

        @Test
        void signedInDeviceShouldLearnTheActiveSyncUrlByPathAndByQuery() throws Exception {
            for (String path : List.of(
                    "/autodiscover/autodiscover.json/v1.0/" + account.address() + "?Protocol=ActiveSync",
                    "/Autodiscover/Autodiscover.json/v1.0/" + account.address() + "?Protocol=activesync",
                    "/autodiscover/autodiscover.json?Email=" + account.address() + "&Protocol=ActiveSync")) {
                HttpResponse<String> response = get(path, account.address(), "correct horse battery");

                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                assertThat(json.readTree(response.body()).properties())
                        .extracting(Map.Entry::getKey, entry -> entry.getValue().asString())
                        .containsExactlyInAnyOrder(
                                tuple("Protocol", "ActiveSync"),
                                tuple("Url", "http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync"));
            }
        }

        @Test
        void anotherUsersAddressShouldBeRefused() throws Exception {
            AccountView other = TestAccounts.open(accounts, "other-json");

            HttpResponse<String> response = get(
                    "/autodiscover/autodiscover.json/v1.0/" + other.address() + "?Protocol=ActiveSync",
                    account.address(),
                    "correct horse battery");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).doesNotContain(other.address()).doesNotContain("Microsoft-Server-ActiveSync");
        }

        @Test
        void withoutCredentialsTheAnswerShouldBe401() throws Exception {
            HttpResponse<String> response = get(
                    "/autodiscover/autodiscover.json/v1.0/" + account.address() + "?Protocol=ActiveSync", null, null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("Microsoft-Server-ActiveSync");
        }

        @Test
        void anotherProtocolOrNoAddressShouldGet400WithTheErrorCode() throws Exception {
            HttpResponse<String> rest = get(
                    "/autodiscover/autodiscover.json/v1.0/" + account.address() + "?Protocol=Rest",
                    account.address(),
                    "correct horse battery");
            HttpResponse<String> noAddress = get(
                    "/autodiscover/autodiscover.json?Protocol=ActiveSync", account.address(), "correct horse battery");

            assertThat(rest.statusCode()).isEqualTo(400);
            assertThat(json.readTree(rest.body()).get("ErrorCode").asString()).isEqualTo("InvalidProtocol");
            assertThat(noAddress.statusCode()).isEqualTo(400);
            assertThat(json.readTree(noAddress.body()).get("ErrorCode").asString())
                    .isEqualTo("InvalidEmailAddress");
        }

        @Test
        void forwardedHostShouldNotChooseTheUrlHandedOut() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/autodiscover/autodiscover.json/v1.0/" + account.address() + "?Protocol=ActiveSync"))
                    .header("X-Forwarded-Host", "evil.example")
                    .header("X-Forwarded-Proto", "https")
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((account.address() + ":correct horse battery")
                                                    .getBytes(StandardCharsets.UTF_8)))
                    .GET()
                    .build();

            String body =
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body();

            assertThat(body).doesNotContain("evil.example").doesNotContain("https:");
        }
    }
}
