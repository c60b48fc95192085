package org.atoll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.atoll.support.AtollTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator checks over HTTP on a fresh server. */
@AtollTest
class ServerHttpTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    @Test
    void healthShouldBeUpWithoutSigningIn() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("postgres");
    }

    @Test
    void healthShouldShowTheDatabaseToTheAdministrator() throws Exception {
        HttpResponse<String> health = get("/actuator/health", basic("admin@example.test", "admin-test-password"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\"").contains("PostgreSQL");
    }

    @Test
    void metricsShouldNeedTheAdministrator() throws Exception {
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", basic("admin@example.test", "wrong password"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/actuator/metrics", basic("admin@example.test", "admin-test-password"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unclaimedPathsShouldBeRefused() throws Exception {
        assertThat(get("/anything", null).statusCode()).isEqualTo(401);
        assertThat(get("/anything", basic("admin@example.test", "admin-test-password"))
                        .statusCode())
                .isEqualTo(403);
    }
}
