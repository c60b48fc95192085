package org.atoll.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Sign-in under attack, over HTTP: guessing, floods of unknown logins, forged log lines. The test client stands in
 * for a TLS proxy on 127.0.0.1 (a trusted proxy here), so each test chooses its own client addresses with
 * {@code X-Forwarded-For}. The back-off stays closed far longer than a test runs, so no assertion depends on time.
 */
@AtollTest
@TestPropertySource(
        properties = {
            "atoll.data-dir=target/test-data-sign-in-attacks",
            "atoll.security.trusted-proxies=127.0.0.1",
            "atoll.sign-in.free-failures-per-source=20",
            "atoll.sign-in.first-delay=10m"
        })
@ExtendWith(OutputCaptureExtension.class)
class SignInAttacksTest {

    static final String PASSWORD = "correct horse battery";
    static final AtomicInteger NEXT_SOURCE = new AtomicInteger(1);

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @MockitoSpyBean
    PasswordEncoder passwordEncoder;

    final HttpClient http = HttpClient.newHttpClient();

    /** A client address no other test uses. */
    static String newSource() {
        int n = NEXT_SOURCE.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    /** OPTIONS on the ActiveSync endpoint, as a device's first request: 200 if signed in, else 401. */
    int signIn(String login, String password, String from) throws Exception {
        return options(login, password, from).statusCode();
    }

    HttpResponse<String> options(String login, String password, String from) throws Exception {
        String credentials =
                Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Basic " + credentials)
                        .header("X-Forwarded-For", from)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Guessing {

        @Test
        void fiveFailuresShouldStillLetTheRightPasswordIn() throws Exception {
            AccountView account = TestAccounts.open(accounts, "five");
            String from = newSource();
            for (int i = 0; i < 5; i++) {
                assertThat(signIn(account.address(), "wrong guess " + i, from)).isEqualTo(401);
            }

            assertThat(signIn(account.address(), PASSWORD, from)).isEqualTo(200);
        }

        @Test
        void eachFailureShouldBeHashedOnce() throws Exception {
            AccountView account = TestAccounts.open(accounts, "hashed");
            String from = newSource();
            clearInvocations(passwordEncoder);

            for (int i = 0; i < 3; i++) {
                assertThat(signIn(account.address(), "wrong guess " + i, from)).isEqualTo(401);
            }

            verify(passwordEncoder, times(3)).matches(any(), any());
        }

        @Test
        void sixthFailureShouldBackOffThatLoginFromThatSourceOnly() throws Exception {
            AccountView account = TestAccounts.open(accounts, "guessed");
            AccountView neighbour = TestAccounts.open(accounts, "neighbour");
            String attacker = newSource();
            for (int i = 0; i < 6; i++) {
                assertThat(signIn(account.address(), "wrong guess " + i, attacker))
                        .isEqualTo(401);
            }

            assertThat(signIn(account.address(), PASSWORD, attacker)).isEqualTo(401);
            assertThat(signIn(account.address(), PASSWORD, newSource()))
                    .as("the real user from another address")
                    .isEqualTo(200);
            assertThat(signIn(neighbour.address(), PASSWORD, attacker))
                    .as("another user from the guessing address")
                    .isEqualTo(200);
        }

        @Test
        void floodOfUnknownLoginsShouldBackOffTheSourceWithoutHashingFurther() throws Exception {
            AccountView regular = TestAccounts.open(accounts, "regular");
            AccountView newcomer = TestAccounts.open(accounts, "newcomer");
            String flooder = newSource();
            assertThat(signIn(regular.address(), PASSWORD, flooder)).isEqualTo(200);
            for (int i = 0; i < 21; i++) {
                assertThat(signIn(TestAccounts.uniqueAddress("nobody"), "whatever " + i, flooder))
                        .isEqualTo(401);
            }
            clearInvocations(passwordEncoder);

            assertThat(signIn(TestAccounts.uniqueAddress("nobody"), "whatever", flooder))
                    .isEqualTo(401);
            assertThat(signIn(newcomer.address(), PASSWORD, flooder))
                    .as("an unverified password from the flooding address waits for the back-off")
                    .isEqualTo(401);
            verify(passwordEncoder, never()).matches(any(), any());

            assertThat(signIn(regular.address(), PASSWORD, flooder))
                    .as("a password verified before the flood")
                    .isEqualTo(200);
            assertThat(signIn(newcomer.address(), PASSWORD, newSource()))
                    .as("the same user from another address")
                    .isEqualTo(200);
        }

        @Test
        void forwardedForShouldNameTheClientBehindATrustedProxy() throws Exception {
            AccountView account = TestAccounts.open(accounts, "forwarded");
            String client = newSource();
            for (int i = 0; i < 6; i++) {
                assertThat(signIn(account.address(), "wrong guess " + i, "203.0.113.9, " + client))
                        .isEqualTo(401);
            }

            assertThat(signIn(account.address(), PASSWORD, "203.0.113.77, " + client))
                    .as("the right-most address is the one the proxy saw")
                    .isEqualTo(401);
            assertThat(signIn(account.address(), PASSWORD, newSource())).isEqualTo(200);
        }
    }

    @Nested
    class ForgedLogLines {

        @Test
        void crLfInTheLoginShouldBeRefusedAndForgeNoLogLine(CapturedOutput output) throws Exception {
            String from = newSource();
            String login = "victim@atoll.test\r\nforged-line admin@example.test signed in";
            for (int i = 0; i < 8; i++) {
                assertThat(signIn(login, "whatever " + i, from)).isEqualTo(401);
            }

            assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("forged-line"));
        }

        @Test
        void nulInTheLoginShouldGet401WithoutAStackTrace(CapturedOutput output) throws Exception {
            int before = output.getOut().length();

            HttpResponse<String> response = options("a\u0000b@atoll.test", PASSWORD, newSource());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("Exception");
            assertThat(output.getOut().substring(before)).doesNotContain("Exception");
        }

        @Test
        void controlCharactersShouldBeEscapedInEveryLogLine(CapturedOutput output) {
            LoggerFactory.getLogger(SignInAttacksTest.class)
                    .warn(
                            "Device {} with agent {} and login {}",
                            "DEV1\r\nforged by the device id",
                            "${jndi:ldap://x}",
                            "a\u0000b\u2028c");

            assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("forged"));
            assertThat(output.getOut())
                    .contains("Device DEV1\\r\\nforged by the device id with agent ${jndi:ldap://x} and login"
                            + " a\\u0000b\\u2028c");
        }

        @Test
        void crLfAndLookupsInDeviceIdAndUserAgentShouldGetAClientErrorAndForgeNoLogLine(CapturedOutput output)
                throws Exception {
            AccountView account = TestAccounts.open(accounts, "headers");
            String credentials = Base64.getEncoder()
                    .encodeToString((account.address() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/Microsoft-Server-ActiveSync?Cmd=FolderSync&User=" + account.address()
                                    + "&DeviceId=DEV1%0D%0Aforged%20by%20the%20device%20id&DeviceType=SmartPhone"))
                            .header("Authorization", "Basic " + credentials)
                            .header("X-Forwarded-For", newSource())
                            .header("MS-ASProtocolVersion", "14.1")
                            .header("User-Agent", "${jndi:ldap://x}")
                            .header("Content-Type", "application/vnd.ms-sync.wbxml")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isBetween(400, 499);
            assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("forged"));
        }
    }
}
