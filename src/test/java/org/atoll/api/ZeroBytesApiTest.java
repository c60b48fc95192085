package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.atoll.account.Accounts;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** U+0000 in any text a caller sends is a 400 problem that changes nothing, never a failure in the store. */
@AtollTest
class ZeroBytesApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;

    @BeforeEach
    void admin() {
        admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
    }

    long audited() {
        return jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    }

    @Test
    void zeroInAQueryParameterShouldBeA400Problem() {
        for (String path :
                List.of("/api/v1/accounts?q=%00", "/api/v1/audit?actor=a%00b", "/api/v1/devices?model=%00")) {
            Reply reply = admin.unchecked("GET", path, null);

            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void zeroInAJsonStringShouldBeA400ProblemAndChangeNothing() {
        long before = audited();
        String address = TestAccounts.uniqueAddress("zero");
        long adminId =
                accounts.findByAddress(AccountsApiTest.ADMIN).orElseThrow().id();
        Map<String, Object> bodies = Map.of(
                "/api/v1/accounts",
                Map.of("address", address, "password", "long enough pw", "displayName", "a\u0000b"),
                "/api/v1/me/tokens",
                Map.of("name", "script\u0000"),
                "/api/v1/access-rules",
                Map.of("access", "BLOCKED", "characteristic", "DEVICE_TYPE", "queryString", "Zero\u0000Phone"),
                "/api/v1/mailboxes/" + adminId + "/folders",
                Map.of("name", "f\u0000"));

        bodies.forEach((path, body) -> {
            Reply reply = admin.unchecked("POST", path, body);

            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
        });
        assertThat(accounts.findByAddress(address)).isEmpty();
        assertThat(audited()).isEqualTo(before);
    }
}
