package org.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.ApiContract;
import org.atoll.support.AtollTest;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every query parameter of every operation in the contract, sent alone with values no client should send: the API
 * answers 2xx or a 4xx problem, never a 5xx. Path parameters name real resources, so the query is what is judged.
 */
@AtollTest
class QueryParameterSweepApiTest {

    /** Out of every range a parameter could have, and not what its schema asks for. */
    static final List<String> HOSTILE = List.of(
            "-1",
            "0",
            "-2147483648",
            "2147483647",
            "2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999999",
            "1e308",
            "1.5",
            "NaN",
            "0x10",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "2026-02-30T25:61:61Z",
            "",
            " ",
            "x".repeat(2000),
            "'\"<>;--%_\\*?é☃\uD83D\uDE00",
            "NOT_A_VALUE",
            "allowed",
            "true");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Calendars calendars;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyQueryParameterShouldAnswerHostileValuesWithoutAServerError() throws Exception {
        AccountView subject = TestAccounts.open(accounts, "sweep");
        Map<String, String> pathValues = Map.of(
                "accountId", Long.toString(subject.id()),
                "calendarId",
                        Long.toString(calendars.defaultFolder(subject.id()).id()),
                "folderId",
                        Long.toString(mailboxes
                                .systemFolder(subject.id(), SystemFolder.INBOX)
                                .id()));
        List<String> swept = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (var path : ApiContract.get().api().getPaths().entrySet()) {
            PathItem item = path.getValue();
            for (var entry : item.readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                String target = ApiContract.BASE + fill(path.getKey(), pathValues);
                for (Parameter parameter : queryParameters(item, operation)) {
                    swept.add(operation.getOperationId() + "." + parameter.getName());
                    for (String value : HOSTILE) {
                        String uri = target + "?" + parameter.getName() + "="
                                + URLEncoder.encode(value, StandardCharsets.UTF_8);
                        HttpResponse<String> answer = send(entry.getKey().name(), uri);
                        String type =
                                answer.headers().firstValue("Content-Type").orElse("");
                        if (answer.statusCode() >= 500
                                || answer.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
                            failures.add(entry.getKey() + " " + uri.substring(0, Math.min(uri.length(), 160)) + " -> "
                                    + answer.statusCode() + " " + type);
                        }
                    }
                }
            }
        }

        assertThat(swept)
                .as("the sweep reaches the parameters of the contract")
                .contains(
                        "listAccounts.page",
                        "listDevices.lastSyncBefore",
                        "listAuditEntries.from",
                        "listMessages.size",
                        "deleteAccount.confirm",
                        "listEvents.from",
                        "getFreeBusy.to");
        assertThat(failures)
                .as("requests answered with a server error or without a problem")
                .isEmpty();
        assertThat(accounts.find(subject.id()))
                .as("no hostile confirmation deleted the account")
                .isPresent();
    }

    @Test
    void errorPageShouldNotAnswerDirectRequestsWithAServerError() throws Exception {
        for (String method : List.of("GET", "POST", "DELETE")) {
            HttpResponse<String> answer = send(method, "/error");

            assertThat(answer.statusCode()).as(method + " /error").isIn(400, 404);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(send("GET", "/error?status=500").statusCode()).isIn(400, 404);
    }

    private static List<Parameter> queryParameters(PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all.stream()
                .map(QueryParameterSweepApiTest::resolved)
                .filter(p -> "query".equals(p.getIn()))
                .toList();
    }

    private static Parameter resolved(Parameter parameter) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        String name = parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1);
        return ApiContract.get().api().getComponents().getParameters().get(name);
    }

    private static String fill(String template, Map<String, String> values) {
        String filled = template;
        for (var value : values.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled.replaceAll("\\{[^}]+}", "1");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        String admin = AccountsApiTest.ADMIN + ":" + AccountsApiTest.ADMIN_PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(admin.getBytes(StandardCharsets.UTF_8)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
