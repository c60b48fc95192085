package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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

/**
 * The contract allows passwords of 8 to 256 characters (JSON Schema counts Unicode code points), so up to 1024 bytes
 * of UTF-8; every one of them is hashed whole and signs in through the API and ActiveSync.
 */
@AtollTest
class PasswordLengthTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    ApiClient admin;

    @BeforeEach
    void admin() {
        admin = ApiClient.basic(port, "admin@example.test", "admin-test-password");
    }

    Reply create(String address, String password) {
        return admin.unchecked("POST", "/api/v1/accounts", Map.of("address", address, "password", password));
    }

    void assertSignsInThroughApiAndEas(String address, String password) throws Exception {
        assertThat(ApiClient.basic(port, address, password).get("/api/v1/me").status())
                .isEqualTo(200);
        assertThat(ApiClient.basic(port, address, password.substring(0, password.length() - 1) + "x")
                        .get("/api/v1/me")
                        .status())
                .isEqualTo(401);
        new EasDevice(port, address, password, "LongPassword1").provision();
    }

    @Test
    void passwordOf73BytesShouldBeTakenWhole() throws Exception {
        String address = TestAccounts.uniqueAddress("seventy-three");
        String password = "p".repeat(72) + "!";

        assertThat(create(address, password).status()).isEqualTo(201);

        assertSignsInThroughApiAndEas(address, password);
        assertThat(ApiClient.basic(port, address, "p".repeat(72) + "?")
                        .get("/api/v1/me")
                        .status())
                .as("the 73rd byte counts")
                .isEqualTo(401);
    }

    @Test
    void passwordOf256AsciiCharactersShouldSignIn() throws Exception {
        String address = TestAccounts.uniqueAddress("ascii-256");
        String password = "a".repeat(255) + "Z";

        assertThat(create(address, password).status()).isEqualTo(201);

        assertSignsInThroughApiAndEas(address, password);
    }

    @Test
    void passwordOf256CharactersOfFourBytesEachShouldSignIn() throws Exception {
        String address = TestAccounts.uniqueAddress("emoji-256");
        String password = "\uD83D\uDD11".repeat(128) + "ü".repeat(127) + "Z";
        assertThat(password.codePointCount(0, password.length())).isEqualTo(256);
        assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSize(128 * 4 + 127 * 2 + 1);

        assertThat(create(address, password).status()).isEqualTo(201);

        assertSignsInThroughApiAndEas(address, password);
    }

    @Test
    void passwordOf257CharactersShouldBeRefusedWithAProblem() {
        String address = TestAccounts.uniqueAddress("too-long");

        Reply ascii = create(address, "a".repeat(257));
        Reply emoji = create(address, "\uD83D\uDD11".repeat(257));

        assertThat(ascii.status()).isEqualTo(400);
        assertThat(ascii.contentType()).startsWith("application/problem+json");
        assertThat(ascii.json().get("detail").asString()).contains("256");
        assertThat(emoji.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/accounts?q=" + address)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void passwordResetShouldTakeTheSameLimits() {
        long id = TestAccounts.open(accounts, "reset").id();

        assertThat(admin.unchecked(
                                "POST",
                                "/api/v1/accounts/" + id + "/password",
                                Map.of("password", "\uD83D\uDD11".repeat(256)))
                        .status())
                .isEqualTo(204);
        assertThat(admin.unchecked("POST", "/api/v1/accounts/" + id + "/password", Map.of("password", "b".repeat(257)))
                        .status())
                .isEqualTo(400);
    }
}
