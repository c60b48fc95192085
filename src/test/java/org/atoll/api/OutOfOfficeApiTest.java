package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mail.OofState;
import org.atoll.mail.OutOfOffice;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Out of Office through the REST API: the same settings a device reads and sets with Settings Oof. */
@AtollTest
class OutOfOfficeApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    OutOfOffice outOfOffice;

    AccountView owner;
    ApiClient client;
    String path;

    @BeforeEach
    void account() {
        owner = TestAccounts.open(accounts, "oof-api");
        client = ApiClient.basic(port, owner.address(), AccountsApiTest.PASSWORD);
        path = "/api/v1/accounts/" + owner.id() + "/out-of-office";
    }

    static Map<String, Object> reply(boolean enabled, String message, boolean html) {
        return Map.of("enabled", enabled, "message", message, "html", html);
    }

    static Map<String, Object> scheduled(String start, String end) {
        return Map.of(
                "state",
                "SCHEDULED",
                "start",
                start,
                "end",
                end,
                "internal",
                reply(true, "Back on the 5th.", false),
                "externalKnown",
                reply(true, "<p>Back on the 5th.</p>", true),
                "externalUnknown",
                reply(false, "", false));
    }

    @Test
    void anAccountThatNeverSetItShouldReadOff() {
        JsonNode settings = client.get(path).json();

        assertThat(settings.get("state").asString()).isEqualTo("OFF");
        assertThat(settings.get("internal").get("enabled").asBoolean()).isFalse();
    }

    @Test
    void theOwnerShouldSetAScheduleThatDevicesThenRead() {
        ApiClient.Reply reply = client.put(path, scheduled("2026-12-20T08:00:00Z", "2027-01-05T08:00:00Z"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("state").asString()).isEqualTo("SCHEDULED");
        var stored = outOfOffice.settings(owner.id());
        assertThat(stored.state()).isEqualTo(OofState.SCHEDULED);
        assertThat(stored.start()).hasToString("2026-12-20T08:00:00Z");
        assertThat(stored.externalKnown().html()).isTrue();
        assertThat(client.get(path).json().get("externalKnown").get("message").asString())
                .isEqualTo("<p>Back on the 5th.</p>");
    }

    @Test
    void aScheduleEndingBeforeItStartsShouldBeRefused() {
        assertThat(client.put(path, scheduled("2027-01-05T08:00:00Z", "2026-12-20T08:00:00Z"))
                        .status())
                .isEqualTo(400);
        assertThat(outOfOffice.settings(owner.id()).state()).isEqualTo(OofState.OFF);
    }

    @Test
    void anotherUsersSettingsShouldBeNeitherReadNorSet() {
        AccountView other = TestAccounts.open(accounts, "oof-victim");
        String theirs = "/api/v1/accounts/" + other.id() + "/out-of-office";

        assertThat(client.get(theirs).status()).isEqualTo(404);
        assertThat(client.put(theirs, scheduled("2026-12-20T08:00:00Z", "2027-01-05T08:00:00Z"))
                        .status())
                .isEqualTo(404);
        assertThat(outOfOffice.settings(other.id()).state()).isEqualTo(OofState.OFF);
    }
}
