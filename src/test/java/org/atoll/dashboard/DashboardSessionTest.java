package org.atoll.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.account.DirectoryDetails;
import org.atoll.audit.AuditEntry;
import org.atoll.audit.AuditLog;
import org.atoll.audit.AuditQuery;
import org.atoll.device.AccessRule;
import org.atoll.device.AccessState;
import org.atoll.device.Characteristic;
import org.atoll.device.DeviceAccess;
import org.atoll.device.Devices;
import org.atoll.device.MobilePolicies;
import org.atoll.device.MobilePolicies.PolicyView;
import org.atoll.device.PolicySettings;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.push.Parking;
import org.atoll.shared.Actor;
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
import org.springframework.jdbc.core.simple.JdbcClient;

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

    @Autowired
    DeviceAccess access;

    @Autowired
    MobilePolicies policies;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

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
        assertThat(attributes(cookie)).doesNotContain("secure");
        assertThat(page.body()).doesNotContain("<script>", "style=");
    }

    /**
     * Over plain HTTP on loopback the session cookie is not Secure, whatever a client claims in {@code
     * X-Forwarded-Proto}: the server trusts no such header ({@code server.forward-headers-strategy=none}).
     */
    @Test
    void sessionCookieShouldNotBeSecureOverPlainHttpEvenWhenAClientClaimsHttps() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(uri("/sign-in"))
                        .header("X-Forwarded-Proto", "https")
                        .header("Forwarded", "proto=https")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(attributes(sessionCookie(page))).contains("httponly").doesNotContain("secure");
    }

    /** The attributes of a Set-Cookie header after its name and value, in lower case. */
    static List<String> attributes(String setCookie) {
        String[] parts = setCookie.split(";");
        List<String> attributes = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            attributes.add(parts[i].strip().toLowerCase(Locale.ROOT));
        }
        return attributes;
    }

    static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("ATOLL_SESSION="))
                .findFirst()
                .orElseThrow();
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

    /**
     * Access rules, the organization default and mobile policies are for administrators: a signed-in mailbox owner
     * who posts with a valid CSRF token is refused with 403 on every one of their edits, and nothing changes.
     */
    @Test
    void nonAdministratorShouldBeRefusedEveryRuleAndPolicyChange() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "dashboard-not-admin");
        String value = "NotAdmin" + System.nanoTime();
        AccessRule rule = access.addRule(AccessState.BLOCKED, Characteristic.MODEL, value, Actor.SYSTEM);
        PolicyView policy = policies.create(
                new PolicySettings("Kept " + value, false, 4, false, null, null, false, null, false, false),
                Actor.SYSTEM);
        AccessState defaultAccess = access.defaultAccess();
        Visitor visitor = new Visitor();
        visitor.signIn(owner.address(), "correct horse battery");
        visitor.get("/devices");
        String csrf = "&_csrf=" + encode(visitor.csrf);

        assertThat(visitor.get("/rules/" + rule.id()).statusCode()).isEqualTo(403);
        assertThat(visitor.get("/policies/" + policy.policy().id()).statusCode())
                .isEqualTo(403);
        assertThat(visitor.post(
                                "/rules/" + rule.id(),
                                "access=ALLOWED&characteristic=MODEL&queryString=" + encode(value) + csrf)
                        .statusCode())
                .isEqualTo(403);
        assertThat(visitor.post("/rules/" + rule.id() + "/delete", "confirmed=true" + csrf)
                        .statusCode())
                .isEqualTo(403);
        assertThat(visitor.post("/rules/default", "access=BLOCKED&confirmed=true" + csrf)
                        .statusCode())
                .isEqualTo(403);
        assertThat(visitor.post(
                                "/policies/" + policy.policy().id(),
                                "name=Taken&passwordRequired=true&minPasswordLength=8" + csrf)
                        .statusCode())
                .isEqualTo(403);
        assertThat(visitor.post("/policies/" + policy.policy().id() + "/delete", "confirmed=true" + csrf)
                        .statusCode())
                .isEqualTo(403);
        assertThat(visitor.post(
                                "/accounts/" + owner.id() + "/policy",
                                "policy=" + policy.policy().id() + csrf)
                        .statusCode())
                .isEqualTo(403);

        assertThat(access.rule(rule.id())).isEqualTo(rule);
        assertThat(access.defaultAccess()).isEqualTo(defaultAccess);
        assertThat(policies.get(policy.policy().id())).isEqualTo(policy);
        assertThat(policies.assigned(owner.id())).isEmpty();
    }

    /**
     * The account page's directory form: an administrator sets the details with the same checks as the API (a control
     * character is refused and nothing changes), the page shows them again, and a mailbox owner is refused.
     */
    @Test
    void administratorShouldSetDirectoryDetailsOnTheAccountPage() throws Exception {
        AccountView account = TestAccounts.open(accounts, "dashboard-directory");
        Visitor admin = new Visitor();
        admin.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);
        admin.get("/accounts/" + account.id());
        String csrf = "&_csrf=" + encode(admin.csrf);

        HttpResponse<String> saved = admin.post(
                "/accounts/" + account.id() + "/directory",
                "company=" + encode("Atoll Shipping") + "&title=Pilot&phone=" + encode("+1 555 0100") + csrf);
        HttpResponse<String> refused =
                admin.post("/accounts/" + account.id() + "/directory", "company=" + encode("A\u0007B") + csrf);

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(accounts.find(account.id()).orElseThrow().details())
                .returns("Atoll Shipping", DirectoryDetails::company)
                .returns("Pilot", DirectoryDetails::title)
                .returns("+1 555 0100", DirectoryDetails::phone)
                .returns(null, DirectoryDetails::office);
        assertThat(admin.get("/accounts/" + account.id()).body()).contains("value=\"Atoll Shipping\"");

        Visitor owner = new Visitor();
        owner.signIn(account.address(), "correct horse battery");
        owner.get("/devices");
        assertThat(owner.post("/accounts/" + account.id() + "/directory", "company=Mine&_csrf=" + encode(owner.csrf))
                        .statusCode())
                .isEqualTo(403);
        assertThat(accounts.find(account.id()).orElseThrow().details().company())
                .isEqualTo("Atoll Shipping");
    }

    /**
     * Deleting a rule or a policy, and changing the default, first answer a confirmation page and change nothing;
     * without the CSRF token even the confirmed post is refused. Confirmed, the change is audited with its author.
     */
    @Test
    void settingsChangesShouldBeConfirmedCsrfProtectedAndAudited() throws Exception {
        String value = "Confirm" + System.nanoTime();
        AccessRule rule = access.addRule(AccessState.QUARANTINED, Characteristic.OS, value, Actor.SYSTEM);
        Visitor admin = new Visitor();
        admin.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);
        admin.get("/rules");

        HttpResponse<String> asked = admin.post("/rules/" + rule.id() + "/delete", "_csrf=" + encode(admin.csrf));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Delete the access rule", value, "name=\"confirmed\" value=\"true\"");
        assertThat(access.rule(rule.id())).isEqualTo(rule);
        HttpResponse<String> forged = admin.post("/rules/" + rule.id() + "/delete", "confirmed=true");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(access.rule(rule.id())).isEqualTo(rule);
        HttpResponse<String> forgedDefault = admin.post("/rules/default", "access=BLOCKED&confirmed=true");
        assertThat(forgedDefault.statusCode()).isEqualTo(403);
        assertThat(access.defaultAccess()).isNotEqualTo(AccessState.BLOCKED);

        HttpResponse<String> deleted =
                admin.post("/rules/" + rule.id() + "/delete", "confirmed=true&_csrf=" + encode(admin.csrf));
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(access.rules()).extracting(AccessRule::id).doesNotContain(rule.id());
        assertThat(audit.find(new AuditQuery(null, null, DashboardBrowserTest.ADMIN, null, null), 0, 50)
                        .items())
                .anySatisfy(entry -> assertThat(entry)
                        .returns("access-rule.deleted", AuditEntry::action)
                        .satisfies(e -> assertThat(e.detail()).contains(value)));
    }

    /**
     * A device's page counts, per folder, the changes the device has not received yet (as GetItemEstimate counts
     * them, MS-ASCMD 2.2.1.9), and lists every User-Agent the device has sent with when it was first and last seen.
     */
    @Test
    void deviceDetailShouldCountItemsPendingAndKeepTheUserAgentHistory() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "dashboard-pending");
        long inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        EasDevice phone = new EasDevice(port, owner.address(), "correct horse battery", "Pending1")
                .withUserAgent("Outlook-Android/1.0")
                .provision();
        MailClient client = new MailClient(phone);
        client.device().folderSync("0");
        mailboxes.deliver(owner.id(), inbox, Mime.message("Held"), null);
        client.syncFully(inbox, 10);
        phone.withUserAgent("Outlook-Android/2.0").folderSync("0");
        for (String subject : List.of("One", "Two", "Three")) {
            mailboxes.deliver(owner.id(), inbox, Mime.message(subject), null);
        }
        long devicePk = devices.find(owner.id(), "Pending1").orElseThrow().id();
        Visitor admin = new Visitor();
        admin.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);

        String page = admin.get("/devices/" + devicePk).body();

        Matcher pending =
                Pattern.compile("<td class=\"num pending\"[^>]*>([^<]*)</td>").matcher(page);
        assertThat(pending.find()).isTrue();
        assertThat(pending.group(1)).isEqualTo("3");
        Matcher seen =
                Pattern.compile("<td class=\"user-agent-seen\">([^<]*)</td>").matcher(page);
        List<String> agents = new ArrayList<>();
        while (seen.find()) {
            agents.add(seen.group(1));
        }
        assertThat(agents).containsExactly("Outlook-Android/2.0", "Outlook-Android/1.0");

        client.syncFully(inbox, 10);
        Matcher after = Pattern.compile("<td class=\"num pending\"[^>]*>([^<]*)</td>")
                .matcher(admin.get("/devices/" + devicePk).body());
        assertThat(after.find()).isTrue();
        assertThat(after.group(1)).isEqualTo("0");
    }

    /**
     * A session ends after {@code spring.session.timeout} (30 minutes) idle: the stored session says so, and once its
     * expiry has passed the next request goes to the sign-in page.
     */
    @Test
    void idleSessionShouldEndAfterThirtyMinutes() throws Exception {
        Visitor visitor = new Visitor();
        visitor.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);
        assertThat(visitor.get("/overview").statusCode()).isEqualTo(200);
        String id = new String(Base64.getDecoder().decode(visitor.cookie), StandardCharsets.US_ASCII);
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(30 * 60);

        jdbc.sql("UPDATE spring_session SET last_access_time = last_access_time - ?, expiry_time = expiry_time - ?"
                        + " WHERE session_id = ?")
                .params(31 * 60 * 1000L, 31 * 60 * 1000L, id)
                .update();

        HttpResponse<String> after = visitor.get("/overview");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(location(after)).hasValueSatisfying(to -> assertThat(to).contains("/sign-in"));
    }

    /**
     * The device actions the browser tests do not click: an account-only wipe of a 16.1 device (MS-ASPROV
     * AccountOnlyRemoteWipe), its cancellation, and a partnership removal after the password is entered again; each
     * audited with the administrator as its author.
     */
    @Test
    void accountOnlyWipeCancelAndRemovalShouldReachTheDeviceRegistry() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "dashboard-actions");
        new EasDevice(port, owner.address(), "correct horse battery", "Only161", "16.1").provision();
        long id = devices.find(owner.id(), "Only161").orElseThrow().id();
        Visitor admin = new Visitor();
        admin.signIn(DashboardBrowserTest.ADMIN, DashboardBrowserTest.ADMIN_PASSWORD);
        assertThat(admin.get("/devices/" + id).body()).contains("Wipe this account only");
        String password = "&password=" + encode(DashboardBrowserTest.ADMIN_PASSWORD);

        assertThat(admin.post("/devices/" + id + "/account-only-wipe", "_csrf=" + encode(admin.csrf) + password)
                        .statusCode())
                .isEqualTo(302);
        assertThat(devices.detail(id).wipeKind()).isEqualTo(WipeKind.ACCOUNT_ONLY);
        assertThat(devices.detail(id).wipeState()).isEqualTo(WipeState.PENDING);

        admin.get("/devices/" + id);
        assertThat(admin.post("/devices/" + id + "/cancel-wipe", "_csrf=" + encode(admin.csrf))
                        .statusCode())
                .isEqualTo(302);
        assertThat(devices.detail(id).wipeState()).isEqualTo(WipeState.NONE);

        admin.get("/devices/" + id);
        assertThat(admin.post("/devices/" + id + "/remove", "_csrf=" + encode(admin.csrf) + "&password=wrong")
                        .body())
                .contains("That password is not right");
        assertThat(devices.find(owner.id(), "Only161")).isPresent();
        HttpResponse<String> removed =
                admin.post("/devices/" + id + "/remove", "_csrf=" + encode(admin.csrf) + password);
        assertThat(location(removed)).hasValueSatisfying(to -> assertThat(to).endsWith("/devices"));
        assertThat(devices.find(owner.id(), "Only161")).isEmpty();
        assertThat(audit.find(new AuditQuery(null, id, DashboardBrowserTest.ADMIN, null, null), 0, 50)
                        .items())
                .extracting(AuditEntry::action)
                .contains("device.removed");
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
