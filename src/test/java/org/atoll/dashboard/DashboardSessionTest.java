package org.atoll.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.PingBodies;
import org.atoll.support.TestAccounts;
import org.atoll.support.Waiting;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's sign-in and session over plain HTTP: what a browser is told (headers, cookie flags), CSRF on
 * sign-in, a new session id after sign-in, sign-out, the shared back-off, and a disabled account's session ending.
 */
@AtollTest
class DashboardSessionTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("ATOLL_SESSION=([^;]+)");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Parking parking;

    final HttpClient http = HttpClient.newHttpClient();

    /** A browser's session: its cookie and the CSRF token of the last form it loaded. */
    final class Visitor {
        String cookie = "";
        String csrf = "";

        HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
            if (!cookie.isEmpty()) {
                request.header("Cookie", "ATOLL_SESSION=" + cookie);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            remember(response);
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return response;
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (!cookie.isEmpty()) {
                request.header("Cookie", "ATOLL_SESSION=" + cookie);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            remember(response);
            return response;
        }

        HttpResponse<String> signIn(String address, String password) throws Exception {
            get("/sign-in");
            return post(
                    "/sign-in",
                    "address=" + encode(address) + "&password=" + encode(password) + "&_csrf=" + encode(csrf));
        }

        private void remember(HttpResponse<String> response) {
            for (String header : response.headers().allValues("Set-Cookie")) {
                Matcher session = SESSION.matcher(header);
                if (session.find()) {
                    cookie = session.group(1);
                }
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Optional<String> location(HttpResponse<?> response) {
        return response.headers().firstValue("Location");
    }

    @Test
    void anonymousStartPageShouldRedirectToSignIn() throws Exception {
        HttpResponse<String> start = new Visitor().get("/");

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(location(start)).hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in"));
    }

    @Test
    void pagesShouldForbidInlineScriptFramingAndScriptReadableCookies() throws Exception {
        HttpResponse<String> page = new Visitor().get("/sign-in");

        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("ATOLL_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(page.body()).doesNotContain("<script>", "style=");
    }

    @Test
    void signInShouldNeedTheCsrfTokenAndChangeTheSessionId() throws Exception {
        Visitor visitor = new Visitor();
        visitor.get("/sign-in");
        String before = visitor.cookie;

        HttpResponse<String> forged = visitor.post(
                "/sign-in",
                "address=" + encode(DashboardBrowserTest.ADMIN) + "&password="
                        + encode(DashboardBrowserTest.ADMIN_PASSWORD));
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> signedIn = visitor.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).hasValueSatisfying(to -> assertThat(to).doesNotContain("error"));
        assertThat(visitor.cookie).isNotEmpty().isNotEqualTo(before);
        assertThat(visitor.get("/overview").statusCode()).isEqualTo(200);

        Visitor thief = new Visitor();
        thief.cookie = before;
        assertThat(thief.get("/overview").statusCode()).isEqualTo(302);

        visitor.get("/devices");
        HttpResponse<String> out = visitor.post("/sign-out", "_csrf=" + encode(visitor.csrf));
        assertThat(location(out)).hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in?signed-out"));
        HttpResponse<String> after = visitor.get("/overview");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(location(after)).hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in"));
    }

    /** Five failures are free; the sixth closes the login to this source for {@code atoll.sign-in.first-delay}. */
    @Test
    void failedDashboardSignInsShouldBackOffLikeEverySignIn() throws Exception {
        AccountView account = TestAccounts.open(accounts, "dashboard-backoff");
        Visitor visitor = new Visitor();
        for (int i = 0; i < 6; i++) {
            assertThat(location(visitor.signIn(account.address(), "wrong password " + i)))
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in?error"));
        }

        assertThat(location(visitor.signIn(account.address(), "correct horse battery")))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in?backoff"));
        HttpResponse<byte[]> device = new EasDevice(port, account.address(), "correct horse battery", "BackedOff1")
                .post("Provision", new byte[0]);
        assertThat(device.statusCode()).isEqualTo(401);
    }

    @Test
    void disabledAccountShouldLoseItsSessionAtOnce() throws Exception {
        AccountView account = TestAccounts.open(accounts, "dashboard-disabled");
        Visitor visitor = new Visitor();
        visitor.signIn(account.address(), "correct horse battery");
        assertThat(visitor.get("/devices").statusCode()).isEqualTo(200);

        accounts.setEnabled(account.id(), false);

        HttpResponse<String> refused = visitor.get("/devices");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(location(refused)).hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in?ended"));
        assertThat(location(visitor.signIn(account.address(), "correct horse battery")))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/sign-in?disabled"));
        assertThat(List.of(visitor.get("/devices").statusCode())).containsExactly(302);
    }

    @Test
    void unknownDashboardPageShouldBeAFriendlyPage() throws Exception {
        Visitor visitor = new Visitor();
        visitor.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);

        HttpResponse<String> missing = visitor.get("/devices/999999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Not found").doesNotContain("Exception", "at org.");
        HttpResponse<String> notANumber = visitor.get("/devices/abc");
        assertThat(notANumber.statusCode()).isEqualTo(404);
        assertThat(notANumber.body()).contains("Not found").doesNotContain("Exception");
    }

    /** The device table's filters reach the registry: a part of the OS, the protocol version, the search text. */
    @Test
    void deviceTableShouldFilterByOsProtocolVersionAndText() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "dashboard-filters");
        new EasDevice(port, owner.address(), "correct horse battery", "Filter141").provision();
        new EasDevice(port, owner.address(), "correct horse battery", "Filter140", "14.0").provision();
        Visitor visitor = new Visitor();
        visitor.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);
        String account = "&account=" + encode(owner.address());

        assertThat(deviceIds(visitor.get("/devices?version=14.0" + account))).containsExactly("Filter140");
        assertThat(deviceIds(visitor.get("/devices?q=filter14" + account)))
                .containsExactlyInAnyOrder("Filter140", "Filter141");
        assertThat(deviceIds(visitor.get("/devices?q=" + encode("filter%") + account)))
                .isEmpty();
        assertThat(deviceIds(visitor.get("/devices?access=blocked" + account))).isEmpty();
        assertThat(deviceIds(visitor.get("/devices?sort=type&order=desc&access=nonsense" + account)))
                .containsExactlyInAnyOrder("Filter140", "Filter141");
    }

    static List<String> deviceIds(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher rows = Pattern.compile("data-device-id=\"([A-Za-z0-9]+)\"").matcher(page.body());
        List<String> ids = new ArrayList<>();
        while (rows.find()) {
            ids.add(rows.group(1));
        }
        return ids;
    }

    /** A device whose Ping waits now counts on the overview as waiting in Direct Push. */
    @Test
    void overviewShouldCountADeviceWaitingInDirectPush() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "dashboard-push");
        long inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        MailClient client =
                new MailClient(new EasDevice(port, owner.address(), "correct horse battery", "Waiting1").provision());
        client.device().folderSync("0");
        client.syncFully(inbox, 10);
        long devicePk = devices.find(owner.id(), "Waiting1").orElseThrow().id();

        CompletableFuture<WbxmlElement> ping = client.device().sendAsync("Ping", PingBodies.ping(600, inbox));
        Waiting.until("the Ping is parked", () -> parking.isParked(owner.id(), devicePk));

        Visitor visitor = new Visitor();
        visitor.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);
        Matcher waiting = Pattern.compile("<span class=\"figure\">(\\d+)</span><span>waiting in Direct Push now")
                .matcher(visitor.get("/overview/panel").body());
        assertThat(waiting.find()).isTrue();
        assertThat(Long.parseLong(waiting.group(1))).isPositive();
        mailboxes.deliver(owner.id(), inbox, Mime.message("Wake up"), null);
        assertThat(ping.get(30, TimeUnit.SECONDS).text("Status")).hasValue("2");
    }
}
