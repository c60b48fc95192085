package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class TrustedProxiesTest {

    final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32"));

    @Test
    void anUntrustedPeerShouldBeTheClientWhateverItForwards() {
        assertThat(proxies.client("203.0.113.5", List.of("198.51.100.7"))).isEqualTo("203.0.113.5");
        assertThat(proxies.client("11.0.0.1", List.of("198.51.100.7"))).isEqualTo("11.0.0.1");
    }

    @Test
    void aTrustedPeerShouldNameTheRightMostUntrustedHop() {
        assertThat(proxies.client("192.0.2.1", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(proxies.client("10.1.2.3", List.of("6.6.6.6, 198.51.100.7, 10.9.9.9")))
                .isEqualTo("198.51.100.7");
        assertThat(proxies.client("10.1.2.3", List.of("6.6.6.6", "198.51.100.7")))
                .isEqualTo("198.51.100.7");
        assertThat(proxies.client("2001:db8::1", List.of("2001:db9::5"))).isEqualTo("2001:db9:0:0:0:0:0:5");
    }

    @Test
    void aTrustedPeerWithoutAUsableHeaderShouldStayTheClient() {
        assertThat(proxies.client("192.0.2.1", List.of())).isEqualTo("192.0.2.1");
        assertThat(proxies.client("192.0.2.1", List.of("evil.example"))).isEqualTo("192.0.2.1");
        assertThat(proxies.client("192.0.2.1", List.of("198.51.100.7\r\nforged")))
                .isEqualTo("192.0.2.1");
        assertThat(proxies.client("192.0.2.1", List.of(""))).isEqualTo("192.0.2.1");
    }

    @Test
    void malformedSettingsShouldBeRefusedAtStart() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Without trusted proxies (the default), X-Forwarded-For changes nothing the back-off sees. */
    @Nested
    @AtollTest
    class WithoutTrustedProxies {

        @LocalServerPort
        int port;

        @Autowired
        Accounts accounts;

        int signIn(String login, String password, String forwardedFor) throws Exception {
            String credentials =
                    Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync"))
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                    .header("Authorization", "Basic " + credentials)
                                    .header("X-Forwarded-For", forwardedFor)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        @Test
        void forwardedForFromAnUntrustedPeerShouldNotChangeTheSourceOfTheBackOff() throws Exception {
            AccountView account = TestAccounts.open(accounts, "spoofer");
            for (int i = 0; i < 6; i++) {
                assertThat(signIn(account.address(), "wrong guess " + i, "198.51.100." + (10 + i)))
                        .isEqualTo(401);
            }

            assertThat(signIn(account.address(), "correct horse battery", "198.51.100.99"))
                    .isEqualTo(401);
        }
    }
}
