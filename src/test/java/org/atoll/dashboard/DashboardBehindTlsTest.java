package org.atoll.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import org.atoll.support.AtollTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard as the README tells operators to run it: behind a TLS-terminating reverse proxy on the same machine,
 * which forwards plain HTTP to 127.0.0.1 with {@code X-Forwarded-For}, while {@code atoll.eas.public-url} names the
 * https address browsers and devices use. The browser speaks TLS, so the session cookie must carry {@code Secure}.
 */
@AtollTest
class DashboardBehindTlsTest {

    @DynamicPropertySource
    static void behindTls(DynamicPropertyRegistry registry) {
        registry.add("atoll.data-dir", () -> "target/test-data-dashboard-tls");
        registry.add("atoll.eas.public-url", () -> "https://mail.example.test");
        registry.add("atoll.security.trusted-proxies", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> viaProxy(HttpRequest.Builder request) throws Exception {
        return http.send(
                request.header("X-Forwarded-For", "203.0.113.7").build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void sessionCookieShouldBeSecureWhenBrowsersReachTheServerOverTls() throws Exception {
        HttpResponse<String> page =
                viaProxy(HttpRequest.newBuilder(uri("/sign-in")).GET());
        String first = DashboardSessionTest.sessionCookie(page);
        assertThat(DashboardSessionTest.attributes(first)).contains("secure", "httponly", "samesite=lax");

        Matcher csrf = DashboardSessionTest.CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        Matcher session = DashboardSessionTest.SESSION.matcher(first);
        assertThat(session.find()).isTrue();
        HttpResponse<String> signedIn = viaProxy(HttpRequest.newBuilder(uri("/sign-in"))
                .header("Cookie", "ATOLL_SESSION=" + session.group(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("address=" + encode(DashboardBrowserTest.ADMIN)
                        + "&password=" + encode(DashboardBrowserTest.ADMIN_PASSWORD) + "&_csrf="
                        + encode(csrf.group(1)))));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(DashboardSessionTest.attributes(DashboardSessionTest.sessionCookie(signedIn)))
                .contains("secure", "httponly", "samesite=lax");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
