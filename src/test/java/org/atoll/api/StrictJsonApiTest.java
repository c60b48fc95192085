package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request bodies mean one thing only: a key given twice, a number where the contract names a string, or a string
 * where it names a number or a boolean is refused with a 400 problem, and nothing changes.
 */
@AtollTest
class StrictJsonApiTest {

    static final String PASSWORD = AccountsApiTest.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    ApiClient admin;
    String address;

    @BeforeEach
    void admin() {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        address = TestAccounts.uniqueAddress("strict");
    }

    @Test
    void duplicateKeyShouldBeRefusedAndOpenNoAccount() {
        String other = TestAccounts.uniqueAddress("strict-other");

        assertRefused(admin.unchecked(
                "POST",
                "/api/v1/accounts",
                "{\"address\":\"" + address + "\",\"address\":\"" + other + "\",\"password\":\"" + PASSWORD + "\"}"));

        assertThat(accounts.findByAddress(address)).isEmpty();
        assertThat(accounts.findByAddress(other)).isEmpty();
    }

    @Test
    void duplicateKeyShouldBeRefusedAndChangeNoAccount() {
        AccountView account = TestAccounts.open(accounts, "strict-dup");

        assertRefused(admin.unchecked(
                "PUT",
                "/api/v1/accounts/" + account.id(),
                "{\"displayName\":\"Once\",\"role\":\"USER\",\"enabled\":true,\"easEnabled\":true,"
                        + "\"enabled\":false}"));

        assertThat(accounts.find(account.id()).orElseThrow()).isEqualTo(account);
    }

    @Test
    void numberWhereAStringBelongsShouldBeRefused() {
        assertRefused(admin.unchecked(
                "POST",
                "/api/v1/accounts",
                "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":42}"));
        assertRefused(admin.unchecked(
                "POST", "/api/v1/accounts", "{\"address\":\"" + address + "\",\"password\":123456789012345}"));
        assertRefused(admin.unchecked(
                "POST",
                "/api/v1/accounts",
                "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":true}"));

        assertThat(accounts.findByAddress(address)).isEmpty();
    }

    @Test
    void numberWhereARoleBelongsShouldBeRefused() {
        assertRefused(admin.unchecked(
                "POST",
                "/api/v1/accounts",
                "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\",\"role\":1}"));

        assertThat(accounts.findByAddress(address)).isEmpty();
    }

    @Test
    void stringWhereANumberBelongsShouldBeRefused() {
        assertRefused(admin.unchecked(
                "POST",
                "/api/v1/accounts",
                "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\",\"quotaBytes\":\"5000\"}"));

        assertThat(accounts.findByAddress(address)).isEmpty();
    }

    @Test
    void stringOrNumberWhereABooleanBelongsShouldBeRefused() {
        AccountView account = TestAccounts.open(accounts, "strict-bool");

        for (String enabled : new String[] {"\"false\"", "0", "\"no\""}) {
            assertRefused(admin.unchecked(
                    "PUT",
                    "/api/v1/accounts/" + account.id(),
                    "{\"displayName\":\"Changed\",\"role\":\"USER\",\"enabled\":" + enabled + ",\"easEnabled\":true}"));
        }

        assertThat(accounts.find(account.id()).orElseThrow()).isEqualTo(account);
    }

    private static void assertRefused(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
