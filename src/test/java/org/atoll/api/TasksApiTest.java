package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.atoll.account.AccountView;
import org.atoll.mailbox.Tasks;
import org.atoll.support.ApiClient;
import org.atoll.support.ApiClient.Reply;
import org.atoll.support.AtollTest;
import org.atoll.support.FolderPhone;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.tasks.Importance;
import org.atoll.tasks.Sensitivity;
import org.atoll.tasks.Task;
import org.atoll.tasks.TaskRecurrence;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Tasks through the API: created, read, searched, replaced and deleted, reaching devices like their own changes. */
@AtollTest
class TasksApiTest extends ItemApiTestBase {

    TasksApiTest() {
        super("taskowner", "tasks");
    }

    @Autowired
    Tasks tasks;

    @Test
    void tasksShouldBeCreatedReadSearchedReplacedAndDeletedWithEveryField_MsAstask_2_2_2() {
        Map<String, Object> recurrence = new LinkedHashMap<>();
        recurrence.put("type", "WEEKLY");
        recurrence.put("start", "2026-12-07T08:00:00Z");
        recurrence.put("occurrences", 10);
        recurrence.put("interval", 2);
        recurrence.put("dayOfWeek", 2);
        recurrence.put("regenerate", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", "Water the plants");
        body.put("body", "The fern by the window\ntoo");
        body.put("utcStart", "2026-12-07T08:00:00Z");
        body.put("localStart", "2026-12-07T09:00:00");
        body.put("utcDue", "2026-12-07T16:00:00Z");
        body.put("localDue", "2026-12-07T17:00:00");
        body.put("importance", "HIGH");
        body.put("sensitivity", "PRIVATE");
        body.put("reminderSet", true);
        body.put("reminderTime", "2026-12-07T07:45:00Z");
        body.put("categories", List.of("Home", "Plants"));
        body.put("recurrence", recurrence);

        Reply created = client.post(base, body);

        assertThat(created.status()).isEqualTo(201);
        long id = created.id();
        assertThat(created.header("Location")).hasValue(base + "/" + id);
        assertThat(created.json().get("folderId").asLong())
                .isEqualTo(tasks.defaultFolder(owner.id()).id());
        assertThat(tasks.task(owner.id(), id).task())
                .isEqualTo(Task.builder()
                        .subject("Water the plants")
                        .body("The fern by the window\ntoo")
                        .utcStart(Instant.parse("2026-12-07T08:00:00Z"))
                        .localStart(LocalDateTime.parse("2026-12-07T09:00:00"))
                        .utcDue(Instant.parse("2026-12-07T16:00:00Z"))
                        .localDue(LocalDateTime.parse("2026-12-07T17:00:00"))
                        .importance(Importance.HIGH)
                        .sensitivity(Sensitivity.PRIVATE)
                        .reminderSet(true)
                        .reminderTime(Instant.parse("2026-12-07T07:45:00Z"))
                        .categories(List.of("Home", "Plants"))
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.WEEKLY,
                                Instant.parse("2026-12-07T08:00:00Z"),
                                null,
                                10,
                                2,
                                2,
                                null,
                                null,
                                null,
                                false,
                                false,
                                null,
                                false,
                                null))
                        .build());
        JsonNode read = client.get(base + "/" + id).json();
        assertThat(read.get("localDue").asString()).startsWith("2026-12-07T17:00");
        assertThat(read.get("recurrence").get("type").asString()).isEqualTo("WEEKLY");
        assertThat(read.get("importance").asString()).isEqualTo("HIGH");

        client.post(base, Map.of("subject", "File the tax return", "categories", List.of("Admin")));
        client.post(base, Map.of("subject", "Call the plumber"));
        assertThat(client.get(base + "?q=PLANTS").json().get("total").asLong()).isEqualTo(1);
        assertThat(client.get(base + "?q=admin")
                        .json()
                        .get("items")
                        .get(0)
                        .get("subject")
                        .asString())
                .isEqualTo("File the tax return");
        assertThat(client.get(base + "?q=the+fern").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(client.get(base + "?q=_").json().get("total").asLong()).isZero();
        JsonNode firstPage = client.get(base + "?size=2").json();
        assertThat(firstPage.get("total").asLong()).isEqualTo(3);
        assertThat(firstPage.get("items")).hasSize(2);
        assertThat(client.get(base + "?size=2&page=1").json().get("items")).hasSize(1);

        JsonNode done = client.put(
                        base + "/" + id,
                        Map.of(
                                "subject",
                                "Water the plants",
                                "complete",
                                true,
                                "dateCompleted",
                                "2026-12-07T15:00:00Z"))
                .json();
        assertThat(done.get("complete").asBoolean()).isTrue();
        assertThat(done.get("recurrence").isNull()).isTrue();
        assertThat(tasks.task(owner.id(), id).task())
                .isEqualTo(Task.builder()
                        .subject("Water the plants")
                        .complete(true)
                        .dateCompleted(Instant.parse("2026-12-07T15:00:00Z"))
                        .build());

        assertThat(client.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(client.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(client.delete(base + "/" + id).status()).isEqualTo(404);
        assertThat(client.get(base).json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void malformedTasksShouldBeRefusedWithNothingStored() {
        long before = mailboxes.highestModseq(owner.id());
        List<Reply> replies = List.of(
                client.unchecked("POST", base, Map.of("subject", "Done?", "dateCompleted", "2026-12-07T15:00:00Z")),
                client.unchecked("POST", base, Map.of("subject", "x".repeat(256))),
                client.unchecked("POST", base, Map.of("importance", "URGENT")),
                client.unchecked("POST", base, Map.of("importance", 2)),
                client.unchecked("POST", base, Map.of("localDue", "2026-12-07T17:00:00Z")),
                client.unchecked("POST", base, Map.of("recurrence", Map.of("type", "WEEKLY"))),
                client.unchecked(
                        "POST",
                        base,
                        Map.of("recurrence", Map.of("type", "DAILY", "start", "2026-12-07T08:00:00Z", "interval", 0))),
                client.unchecked("POST", base, Map.of("subject", "Nul\u0000")),
                client.unchecked("POST", base, Map.of("subject", "Unknown", "priority", 1)),
                client.post(base, Map.of("subject", "Nowhere", "folderId", mailFolder())));
        assertThat(replies).extracting(Reply::status).containsExactly(400, 400, 400, 400, 400, 400, 400, 400, 400, 404);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.contentType()).startsWith("application/problem+json"));
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
    }

    @Test
    void userShouldReachNoOtherAccountsTasksButAnAdministratorShould() {
        long id = client.post(base, Map.of("subject", "Private")).id();
        AccountView intruder = TestAccounts.open(accounts, "taskintruder");
        ApiClient other = ApiClient.basic(port, intruder.address(), PASSWORD);
        long before = mailboxes.highestModseq(owner.id());

        List<Reply> replies = List.of(
                other.get(base),
                other.get(base + "?q=Private"),
                other.post(base, Map.of("subject", "Mine now")),
                other.get(base + "/" + id),
                other.put(base + "/" + id, Map.of("subject", "Changed")),
                other.delete(base + "/" + id),
                other.get("/api/v1/accounts/" + intruder.id() + "/tasks/" + id),
                other.put("/api/v1/accounts/" + intruder.id() + "/tasks/" + id, Map.of("subject", "Changed")),
                other.delete("/api/v1/accounts/" + intruder.id() + "/tasks/" + id));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        });
        assertThat(mailboxes.highestModseq(owner.id())).isEqualTo(before);
        assertThat(tasks.task(owner.id(), id).task().subject()).isEqualTo("Private");

        ApiClient admin = ApiClient.basic(port, AccountsApiTest.ADMIN, AccountsApiTest.ADMIN_PASSWORD);
        assertThat(admin.get(base + "/" + id).json().get("subject").asString()).isEqualTo("Private");
    }

    @Test
    void taskCreatedThroughTheApiShouldReachADeviceOnItsNextSyncAndWakeItsPing_MsAscmd_2_2_1_13() throws Exception {
        long folder = tasks.defaultFolder(owner.id()).id();
        FolderPhone phone = syncedPhone("ApiTasksPhone", folder);
        CompletableFuture<WbxmlElement> ping = phone.parkPing("Tasks", devices, parking);

        long id = client.post(base, Map.of("subject", "From the web", "importance", "HIGH"))
                .id();

        WbxmlElement woken = Waiting.result(ping);
        assertThat(woken.text("Status")).hasValue("2");
        List<WbxmlElement> commands = phone.syncCommands();
        assertThat(commands).extracting(WbxmlElement::name).containsExactly("Add");
        assertThat(commands.getFirst().text("ServerId").orElseThrow()).endsWith(":" + id);
        WbxmlElement data = commands.getFirst().child("ApplicationData").orElseThrow();
        assertThat(data.text(CodePage.TASKS, "Subject")).hasValue("From the web");
        assertThat(data.text(CodePage.TASKS, "Importance")).hasValue("2");
    }
}
