package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.NewAccount;
import org.atoll.account.Role;
import org.atoll.shared.Actor;
import org.atoll.support.ApiClient;
import org.atoll.support.AtollTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The directory through the REST API: the same matches devices get from a GAL Search. */
@AtollTest
class DirectoryApiTest {

    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    String family;
    AccountView ana;
    AccountView anabel;
    ApiClient user;

    @BeforeEach
    void colleagues() {
        family = "zd" + UUID.randomUUID().toString().substring(0, 8);
        ana = person("Ana " + family, "ana." + family);
        anabel = person("Anabel " + family, "anabel." + family);
        AccountView departed = person("Ana Departed " + family, "departed." + family);
        accounts.setEnabled(departed.id(), false);
        user = ApiClient.basic(port, ana.address(), PASSWORD);
    }

    AccountView person(String name, String local) {
        return accounts.create(new NewAccount(local + "@atoll.test", name, PASSWORD, Role.USER, null));
    }

    @Test
    void anySignedInUserShouldFindEnabledColleaguesButNoDisabledOne() {
        ApiClient.Reply reply = user.get("/api/v1/directory?q=" + family);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode page = reply.json();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items")
                        .valueStream()
                        .map(entry -> entry.get("address").asString()))
                .containsExactly(ana.address(), anabel.address());
        assertThat(page.get("items").get(0).get("displayName").asString()).isEqualTo("Ana " + family);
        assertThat(page.get("items").get(0).get("alias").asString()).isEqualTo("ana." + family);
    }

    @Test
    void entriesShouldCarryTheDetailsSetAndLeaveOutTheOnesNotSet() {
        accounts.setDirectoryDetails(
                anabel.id(),
                DirectoryDetails.of("Anabel", family, "Atoll Shipping", "Pilot", "Pier 2", "+1 555 0142", null),
                Actor.SYSTEM);

        JsonNode items = user.get("/api/v1/directory?q=" + family).json().get("items");

        JsonNode plain = items.get(0);
        JsonNode detailed = items.get(1);
        assertThat(detailed.get("company").asString()).isEqualTo("Atoll Shipping");
        assertThat(detailed.get("title").asString()).isEqualTo("Pilot");
        assertThat(detailed.get("office").asString()).isEqualTo("Pier 2");
        assertThat(detailed.get("phone").asString()).isEqualTo("+1 555 0142");
        assertThat(detailed.get("lastName").asString()).isEqualTo(family);
        assertThat(detailed.has("mobilePhone")).isFalse();
        assertThat(plain.get("address").asString()).isEqualTo(ana.address());
        assertThat(plain.has("company")).isFalse();
        assertThat(plain.has("firstName")).isFalse();
    }

    @Test
    void anAccountAnAdministratorHidesShouldLeaveTheDirectoryUntilShownAgain() {
        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        Map<String, Object> hide = Map.of(
                "displayName", "Anabel " + family,
                "role", "USER",
                "enabled", true,
                "easEnabled", true,
                "hiddenFromDirectory", true);
        Map<String, Object> show =
                Map.of("displayName", "Anabel " + family, "role", "USER", "enabled", true, "easEnabled", true);

        JsonNode hidden = admin.put("/api/v1/accounts/" + anabel.id(), hide).json();

        assertThat(hidden.get("hiddenFromDirectory").asBoolean()).isTrue();
        assertThat(addresses(user.get("/api/v1/directory?q=" + family).json())).containsExactly(ana.address());
        assertThat(accounts.find(anabel.id()).orElseThrow().enabled()).isTrue();

        admin.put("/api/v1/accounts/" + anabel.id(), show);

        assertThat(addresses(user.get("/api/v1/directory?q=" + family).json()))
                .containsExactly(ana.address(), anabel.address());
    }

    static java.util.List<String> addresses(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(entry -> entry.get("address").asString())
                .toList();
    }

    @Test
    void pagesShouldWalkThroughTheMatches() {
        JsonNode second =
                user.get("/api/v1/directory?q=" + family + "&page=1&size=1").json();

        assertThat(second.get("items")
                        .valueStream()
                        .map(entry -> entry.get("address").asString()))
                .containsExactly(anabel.address());
        assertThat(second.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void emptyQueryOrAPageTooLargeShouldGetAProblem() {
        assertThat(user.unchecked("GET", "/api/v1/directory?q=", null).status()).isEqualTo(400);
        assertThat(user.unchecked("GET", "/api/v1/directory?q=" + family + "&size=101", null)
                        .status())
                .isEqualTo(400);
        assertThat(user.get("/api/v1/directory?q=" + family + "&page=2147483647&size=100")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anonymousCallerShouldBeRefused() {
        assertThat(ApiClient.anonymous(port)
                        .get("/api/v1/directory?q=" + family)
                        .status())
                .isEqualTo(401);
    }
}
