package org.atoll.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.AccessState;
import org.atoll.device.DeviceDetail;
import org.atoll.device.Devices;
import org.atoll.device.MobilePolicies;
import org.atoll.device.WipeState;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.support.MailClient;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real browser (headless chromium) against the whole server on 127.0.0.1, with devices that
 * register and sync through the ActiveSync endpoint in the same test. Screenshots of the main pages go to
 * target/screenshots.
 */
@AtollTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    static final String ADMIN = "admin@example.test";
    static final String ADMIN_PASSWORD = "admin-test-password";
    static final String PASSWORD = "correct horse battery";
    static final CodePage P = CodePage.PROVISION;
    static final CodePage S = CodePage.SETTINGS;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Devices devices;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    MobilePolicies policies;

    Browser browser;

    @BeforeAll
    void openBrowser() throws Exception {
        browser = Browser.open(port, 1280, 900);
    }

    @AfterAll
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.resize(1280, 900);
        browser.go("/sign-in").signOut();
    }

    /** A device of a new account, provisioned over ActiveSync, that reported its model and name (Settings). */
    EasDevice phone(AccountView owner, String deviceId, String model, String friendlyName) throws Exception {
        EasDevice phone = new EasDevice(port, owner.address(), PASSWORD, deviceId)
                .withUserAgent("Outlook-Android/2.0")
                .provision();
        reportInformation(phone, model, friendlyName);
        return phone;
    }

    static void reportInformation(EasDevice phone, String model, String friendlyName) throws Exception {
        WbxmlElement response = phone.send(
                "Settings",
                WbxmlElement.of(S, "Settings")
                        .add(WbxmlElement.of(S, "DeviceInformation")
                                .add(WbxmlElement.of(S, "Set")
                                        .add("Model", model)
                                        .add("OS", "Android 16")
                                        .add("FriendlyName", friendlyName))));
        assertThat(response.text("Status")).hasValue("1");
    }

    long pk(AccountView owner, String deviceId) {
        return devices.find(owner.id(), deviceId).orElseThrow().id();
    }

    @Test
    void anonymousBrowserShouldBeSentToSignIn() throws Exception {
        browser.go("/");

        assertThat(browser.path()).startsWith("/sign-in");
        assertThat(browser.find(By.id("address")).isDisplayed()).isTrue();
        browser.screenshot("sign-in");

        browser.find(By.id("address")).sendKeys(ADMIN);
        browser.find(By.id("password")).sendKeys("not the password");
        browser.clickAndWait(By.cssSelector("form button[type=submit]"));
        assertThat(browser.pageText()).contains("The address or the password is not right");
    }

    /** Test 1: find a device that registered over ActiveSync, see its folders, block it: Status 129 next. */
    @Test
    void administratorShouldFindADeviceSeeItsFoldersAndBlockIt() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-block");
        EasDevice phone = phone(owner, "BlockMe1", "Pixel 9", "Ana's phone");
        long inbox = mailboxes.systemFolder(owner.id(), SystemFolder.INBOX).id();
        mailboxes.deliver(owner.id(), inbox, Mime.message("Quarterly report"), null);
        mailboxes.deliver(owner.id(), inbox, Mime.message("Lunch?"), null);
        new MailClient(phone).syncFully(inbox, 10);

        browser.signIn(ADMIN, ADMIN_PASSWORD);
        assertThat(browser.path()).startsWith("/overview");
        browser.screenshot("overview");
        browser.go("/devices");
        browser.find(By.name("q")).sendKeys("BlockMe1");
        browser.clickAndWait(By.cssSelector("form.filters button[type=submit]"));
        assertThat(browser.url()).contains("q=BlockMe1");
        List<WebElement> rows = browser.all(By.cssSelector("tr[data-device-id]"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getText()).contains("Ana's phone", owner.address(), "Pixel 9", "Allowed");
        browser.screenshot("devices");

        browser.clickAndWait(By.linkText("Ana's phone"));
        assertThat(browser.path()).isEqualTo("/devices/" + pk(owner, "BlockMe1"));
        List<WebElement> folders = browser.all(By.cssSelector("#folder-states tbody tr"));
        assertThat(folders).hasSize(1);
        assertThat(folders.getFirst().findElements(By.tagName("td")))
                .extracting(WebElement::getText)
                .startsWith("Inbox", "Inbox")
                .contains("2", "done", "ALL");
        browser.fullPageScreenshot("device-detail");

        browser.clickAndWait(By.linkText("Block"));
        assertThat(browser.pageText()).contains("Status 129");
        browser.clickAndWait(By.cssSelector("main form button[type=submit]"));

        assertThat(browser.pageText()).contains("The device is blocked");
        assertThat(browser.text(By.cssSelector("h1"))).contains("Blocked");
        assertThat(browser.text(By.cssSelector(".access-reason"))).isEqualTo("Blocked by " + ADMIN);
        assertThat(browser.all(By.cssSelector("section[aria-labelledby=history] tbody tr")))
                .extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains(ADMIN));
        assertThat(phone.folderSync("0").text("Status")).hasValue("129");
    }

    /** Test 2: a wipe after the password is entered again; the device receives it, the page shows it done. */
    @Test
    void administratorShouldWipeAfterEnteringThePasswordAgain() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-wipe");
        EasDevice phone = phone(owner, "WipeMe1", "Galaxy S25", "Lost phone");
        long id = pk(owner, "WipeMe1");

        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.go("/devices/" + id);
        browser.clickAndWait(By.linkText("Wipe"));
        browser.find(By.id("password")).sendKeys("a wrong password");
        browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.pageText()).contains("That password is not right. Nothing was done.");
        assertThat(devices.detail(id).wipeState()).isEqualTo(WipeState.NONE);

        browser.find(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.screenshot("confirm-wipe");
        browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.pageText()).contains("Wipe requested");
        assertThat(browser.text(By.cssSelector(".wipe-state"))).contains("Wipe pending");

        WbxmlElement wipe = phone.send(
                "Provision",
                WbxmlElement.of(P, "Provision")
                        .add(WbxmlElement.of(P, "Policies")
                                .add(WbxmlElement.of(P, "Policy").add("PolicyType", "MS-EAS-Provisioning-WBXML"))));
        assertThat(wipe.child("RemoteWipe")).isPresent();
        phone.send(
                "Provision",
                WbxmlElement.of(P, "Provision")
                        .add(WbxmlElement.of(P, "RemoteWipe").add("Status", "1")));

        browser.go("/devices/" + id);
        assertThat(browser.text(By.cssSelector(".wipe-state"))).contains("Wiped");
        assertThat(browser.pageText()).contains("Acknowledged").contains("Wipe requested");
        DeviceDetail wiped = devices.detail(id);
        assertThat(wiped.wipeState()).isEqualTo(WipeState.ACKNOWLEDGED);
        assertThat(wiped.wipeRequestedBy()).isEqualTo(ADMIN);
        browser.screenshot("device-wiped");
    }

    /** Test 3: an owner sees their own devices only; another account's device is not found. */
    @Test
    void ownerShouldSeeOnlyTheirOwnDevices() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-owner");
        AccountView other = TestAccounts.open(accounts, "browser-other");
        phone(owner, "MinePhone1", "Pixel 8", "My phone");
        phone(other, "TheirPhone1", "iPhone 16", "Their phone");

        browser.signIn(owner.address(), PASSWORD);
        assertThat(browser.path()).startsWith("/devices");
        assertThat(browser.all(By.cssSelector("tr[data-device-id]")))
                .extracting(row -> row.getAttribute("data-device-id"))
                .containsExactly("MinePhone1");
        assertThat(browser.pageText()).doesNotContain("Their phone").doesNotContain(other.address());
        browser.screenshot("my-devices");

        browser.go("/devices/" + pk(other, "TheirPhone1"));
        assertThat(browser.title()).startsWith("Not found");
        assertThat(browser.pageText()).doesNotContain("Their phone").doesNotContain("TheirPhone1");
        browser.go("/devices/" + pk(other, "TheirPhone1") + "/wipe");
        assertThat(browser.title()).startsWith("Not found");
        browser.go("/overview");
        assertThat(browser.pageText()).contains("Not allowed");
        browser.go("/devices/" + pk(owner, "MinePhone1"));
        assertThat(browser.text(By.cssSelector("h1"))).contains("My phone");
    }

    /** Test 4: a page of another origin posts the wipe form without the CSRF token: refused, nothing changes. */
    @Test
    void crossSiteWipeShouldBeRefused() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-csrf");
        phone(owner, "CsrfPhone1", "Pixel 7", "Target phone");
        long id = pk(owner, "CsrfPhone1");
        String form = "<!DOCTYPE html><html><body><form id=f method=post action=\"http://127.0.0.1:" + port
                + "/devices/" + id + "/wipe\"><input name=password value=\"" + ADMIN_PASSWORD + "\"></form>"
                + "<script>document.getElementById('f').submit()</script></body></html>";
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try {
            browser.signIn(ADMIN, ADMIN_PASSWORD);
            browser.go("/devices/" + id);
            browser.driver().get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            browser.waitFor(ExpectedConditions.urlContains("/devices/" + id + "/wipe"));

            assertThat(browser.pageText()).contains("Not allowed");
        } finally {
            attacker.stop(0);
        }
        assertThat(devices.detail(id).wipeState()).isEqualTo(WipeState.NONE);
        browser.go("/devices/" + id);
        assertThat(browser.text(By.cssSelector(".wipe-state"))).contains("No wipe");
    }

    /** Test 5: what a device reports of itself is shown as text; no markup of it runs. */
    @Test
    void hostileUserAgentShouldBeShownAsText() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-xss");
        String agent = "<img src=x onerror=alert(1)>";
        EasDevice phone = new EasDevice(port, owner.address(), PASSWORD, "XssPhone1")
                .withUserAgent(agent)
                .provision();
        reportInformation(phone, "<b>Bold</b>", "<script>alert(2)</script>");
        long id = pk(owner, "XssPhone1");

        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.go("/devices/" + id);

        assertThat(browser.text(By.cssSelector(".user-agent"))).isEqualTo(agent);
        assertThat(browser.text(By.cssSelector("h1"))).contains("<script>alert(2)</script>");
        assertThat(browser.all(By.cssSelector("main img"))).isEmpty();
        assertThat(browser.all(By.cssSelector("main b"))).isEmpty();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        browser.go("/devices?q=XssPhone1");
        assertThat(browser.pageText()).contains("<script>alert(2)</script>");
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void pagesShouldBeReadableOnATablet() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-tablet");
        phone(owner, "TabletView1", "Pixel Tablet", "Kitchen tablet");
        browser.resize(768, 1024);
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.screenshot("overview-768");
        browser.go("/devices/" + pk(owner, "TabletView1"));
        Object overflow = browser.driver().findElement(By.tagName("body")).getDomProperty("scrollWidth");
        assertThat(Long.parseLong(String.valueOf(overflow))).isLessThanOrEqualTo(768);
        browser.screenshot("device-detail-768");
        assertThat(devices.detail(pk(owner, "TabletView1")).accessState()).isEqualTo(AccessState.ALLOWED);
    }

    /**
     * Every time on a page reads relative ("just now", "5 minutes ago") with the exact time on hover, and the element
     * that has keyboard focus is outlined.
     */
    @Test
    void timesShouldBeRelativeWithTheExactTimeOnHoverAndFocusVisible() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-times");
        EasDevice phone = phone(owner, "TimesPhone1", "Pixel 3", "Timed phone");
        phone.folderSync("0");
        browser.signIn(ADMIN, ADMIN_PASSWORD);

        for (String page : List.of("/overview", "/devices/" + pk(owner, "TimesPhone1"), "/devices", "/audit")) {
            browser.go(page);
            List<WebElement> times = browser.all(By.cssSelector("main time"));
            assertThat(times).as(page).isNotEmpty();
            assertThat(times).allSatisfy(time -> {
                assertThat(time.getDomAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
                assertThat(time.getText()).matches("just now|in a moment|(in )?\\d+ (minute|hour|day|month)s?( ago)?");
            });
        }
        browser.go("/overview");
        assertThat(browser.pageText()).containsPattern("refreshes every (second|\\d+ seconds|minute|\\d+ minutes)\\.");

        browser.find(By.tagName("body")).sendKeys(Keys.TAB);
        browser.find(By.tagName("body")).sendKeys(Keys.TAB);
        Object outline = ((JavascriptExecutor) browser.driver())
                .executeScript("const s = getComputedStyle(document.activeElement);"
                        + " return document.activeElement.tagName + ' ' + s.outlineStyle + ' ' + s.outlineWidth");
        assertThat(String.valueOf(outline)).matches("A solid [1-9].*px");
        browser.screenshot("focus-visible");
    }

    /** Test 6: the request log shows the device's latest commands with their Status. */
    @Test
    void requestLogShouldShowTheLatestCommandsWithTheirStatus() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-log");
        EasDevice phone = phone(owner, "LogPhone1", "Pixel 6", "Logged phone");
        assertThat(phone.folderSync("0").text("Status")).hasValue("1");
        assertThat(phone.folderSync("4711").text("Status")).hasValue("9");

        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.go("/devices/" + pk(owner, "LogPhone1"));

        List<List<String>> rows = browser.all(By.cssSelector("#requests tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText)
                        .toList())
                .toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
        assertThat(rows.get(0).subList(2, 5)).containsExactly("FolderSync", "200", "9");
        assertThat(rows.get(1).subList(2, 5)).containsExactly("FolderSync", "200", "1");
        assertThat(rows.get(2).subList(2, 5)).containsExactly("Settings", "200", "1");
        assertThat(rows).extracting(row -> row.get(2)).contains("Provision");
        browser.fullPageScreenshot("device-requests");
    }

    /** The overview refreshes itself (htmx polling) and shows a device that registered meanwhile, without a reload. */
    @Test
    void overviewShouldRefreshItself() throws Exception {
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        assertThat(browser.path()).isEqualTo("/overview");
        long before = browser.waitFor(
                driver -> Long.parseLong(driver.findElement(By.cssSelector("#overview-panel .tile .figure"))
                        .getText()));
        String marker = "not reloaded";
        ((JavascriptExecutor) browser.driver()).executeScript("document.body.dataset.marker = arguments[0]", marker);

        AccountView owner = TestAccounts.open(accounts, "browser-overview");
        phone(owner, "FreshPhone1", "Pixel 5", "Fresh phone");

        browser.waitFor(driver -> Long.parseLong(driver.findElement(By.cssSelector("#overview-panel .tile .figure"))
                        .getText())
                > before);
        assertThat(browser.find(By.tagName("body")).getDomAttribute("data-marker"))
                .isEqualTo(marker);
    }

    /** Administration pages: a rule and the default, a new account disabled again, the audit log naming who. */
    @Test
    void administratorShouldManageRulesAndAccountsAndSeeThemAudited() throws Exception {
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.go("/rules");
        String model = "Model" + System.nanoTime();
        new Select(browser.find(By.id("rule-access"))).selectByValue("QUARANTINED");
        new Select(browser.find(By.id("rule-characteristic"))).selectByValue("MODEL");
        browser.find(By.id("rule-value")).sendKeys(model);
        browser.clickAndWait(By.cssSelector("form[action='/rules'] button"));
        assertThat(browser.pageText()).contains("The rule is added").contains(model);
        browser.screenshot("rules");

        AccountView owner = TestAccounts.open(accounts, "browser-rule");
        EasDevice phone = phone(owner, "RulePhone1", model, "Ruled phone");
        long id = pk(owner, "RulePhone1");
        assertThat(devices.detail(id).accessState()).isEqualTo(AccessState.QUARANTINED);
        browser.go("/overview");
        assertThat(browser.pageText()).contains("Ruled phone");
        browser.go("/devices/" + id + "/release");
        browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.text(By.cssSelector("h1"))).contains("Allowed");
        assertThat(phone.folderSync("0").text("Status")).hasValue("1");

        String address = TestAccounts.uniqueAddress("browser-new");
        browser.go("/accounts");
        browser.find(By.id("new-address")).sendKeys(address);
        browser.find(By.id("new-password")).sendKeys("a long enough password");
        browser.clickAndWait(By.cssSelector("form[action='/accounts'][method=post] button"));
        assertThat(browser.text(By.cssSelector("h1"))).contains(address).contains("Enabled");
        browser.clickAndWait(By.xpath("//button[text()='Disable account']"));
        assertThat(browser.text(By.cssSelector("h1"))).contains("Disabled");
        assertThat(accounts.findByAddress(address).orElseThrow().enabled()).isFalse();
        browser.screenshot("account");

        browser.go("/audit?actor=" + ADMIN);
        assertThat(browser.all(By.cssSelector("#audit-entries tbody tr")))
                .extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains(ADMIN).contains("RulePhone1"));
        browser.screenshot("audit");
    }

    /**
     * Rules and policies are edited in place: a rule's edit re-evaluates its devices, a policy's edit raises its
     * version; each deletion and a change of the default is confirmed first; a policy is assigned from the account's
     * page; the audit log names the administrator for each.
     */
    @Test
    void administratorShouldEditRulesAndPoliciesAndConfirmEachDeletion() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-edit");
        String model = "EditModel" + System.nanoTime();
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.go("/rules");
        new Select(browser.find(By.id("rule-access"))).selectByValue("QUARANTINED");
        new Select(browser.find(By.id("rule-characteristic"))).selectByValue("MODEL");
        browser.find(By.id("rule-value")).sendKeys(model);
        browser.clickAndWait(By.cssSelector("form[action='/rules'] button"));
        phone(owner, "EditPhone1", model, "Edited phone");
        long id = pk(owner, "EditPhone1");
        assertThat(devices.detail(id).accessState()).isEqualTo(AccessState.QUARANTINED);

        browser.clickAndWait(By.xpath("//tr[td[normalize-space()='" + model + "']]//a[text()='Edit']"));
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Edit access rule");
        new Select(browser.find(By.id("rule-access"))).selectByValue("BLOCKED");
        browser.screenshot("rule-edit");
        browser.clickAndWait(By.xpath("//button[text()='Save']"));
        assertThat(browser.pageText()).contains("The rule is saved");
        assertThat(browser.text(By.xpath("//tr[td[normalize-space()='" + model + "']]")))
                .contains("Blocked");
        assertThat(devices.detail(id).accessState()).isEqualTo(AccessState.BLOCKED);

        new Select(browser.find(By.id("default-access"))).selectByValue("QUARANTINED");
        browser.clickAndWait(By.cssSelector("form[action='/rules/default'] button"));
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Change the organization default");
        browser.clickAndWait(By.linkText("Cancel"));
        assertThat(browser.path()).isEqualTo("/rules");
        assertThat(browser.text(By.id("default-heading"))).isEqualTo("Organization default");
        assertThat(browser.find(By.cssSelector("#default-access option[selected]"))
                        .getDomAttribute("value"))
                .isEqualTo("ALLOWED");

        browser.clickAndWait(By.xpath("//tr[td[normalize-space()='" + model + "']]//a[text()='Delete…']"));
        assertThat(browser.pageText()).contains("Delete the access rule", model);
        browser.screenshot("confirm-rule-delete");
        browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.pageText()).contains("The rule is deleted").doesNotContain(model);
        assertThat(devices.detail(id).accessState()).isEqualTo(AccessState.ALLOWED);

        String name = "Strict " + System.nanoTime();
        browser.go("/policies");
        browser.find(By.id("policy-name")).sendKeys(name);
        browser.clickAndWait(By.xpath("//button[text()='Create']"));
        browser.clickAndWait(By.xpath("//tr[td/a[text()='" + name + "']]//a[text()='Edit']"));
        browser.find(By.id("password-required")).click();
        browser.find(By.id("min-length")).clear();
        browser.find(By.id("min-length")).sendKeys("8");
        browser.screenshot("policy-edit");
        browser.clickAndWait(By.xpath("//button[text()='Save']"));
        assertThat(browser.pageText()).contains("The policy is saved");
        assertThat(browser.text(By.xpath("//tr[td/a[text()='" + name + "']]"))).contains("required, 8+ characters");
        MobilePolicies.PolicyView saved = policies.list().stream()
                .filter(p -> p.policy().name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(saved.policy().passwordRequired()).isTrue();
        assertThat(saved.policy().version()).isEqualTo(2);

        browser.go("/accounts/" + owner.id());
        new Select(browser.find(By.cssSelector("select[name=policy]"))).selectByVisibleText(name);
        browser.clickAndWait(By.xpath("//button[text()='Assign']"));
        assertThat(browser.pageText()).contains("The policy is assigned");
        assertThat(policies.assigned(owner.id())).hasValue(saved.policy().id());

        browser.go("/policies");
        browser.clickAndWait(By.xpath("//tr[td/a[text()='" + name + "']]//a[text()='Delete…']"));
        assertThat(browser.pageText()).contains("Delete the policy", name, "1 account");
        browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.pageText()).contains("The policy is deleted").doesNotContain(name);
        assertThat(policies.assigned(owner.id())).isEmpty();

        browser.go("/audit?actor=" + ADMIN);
        assertThat(browser.all(By.cssSelector("#audit-entries tbody tr")))
                .extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains("access-rule.updated", model))
                .anySatisfy(line -> assertThat(line).contains("access-rule.deleted", model))
                .anySatisfy(line -> assertThat(line).contains("policy.updated", name))
                .anySatisfy(line -> assertThat(line).contains("policy.assigned", name))
                .anySatisfy(line -> assertThat(line).contains("policy.deleted", name));
    }

    /** An owner wipes their own lost phone after entering the password again, and manages their API tokens. */
    @Test
    void ownerShouldWipeTheirLostPhoneAndManageTokens() throws Exception {
        AccountView owner = TestAccounts.open(accounts, "browser-self");
        EasDevice phone = phone(owner, "LostOwn1", "Pixel 4", "Lost one");
        long id = pk(owner, "LostOwn1");

        browser.signIn(owner.address(), PASSWORD);
        browser.go("/devices/" + id);
        assertThat(browser.all(By.linkText("Block"))).isEmpty();
        browser.clickAndWait(By.linkText("Wipe"));
        browser.find(By.id("password")).sendKeys(PASSWORD);
        browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".wipe-state"))).contains("Wipe pending");
        assertThat(devices.detail(id).wipeRequestedBy()).isEqualTo(owner.address());
        assertThat(phone.folderSync("0").text("Status")).hasValue("140");

        browser.go("/my/tokens");
        assertThat(browser.pageText()).contains("You have no API tokens");
        browser.find(By.name("name")).sendKeys("backup script");
        browser.clickAndWait(By.cssSelector("form[action='/my/tokens'] button"));
        String secret = browser.text(By.id("token-secret"));
        assertThat(secret).isNotBlank();
        browser.screenshot("tokens");
        browser.go("/my/tokens");
        assertThat(browser.pageText()).contains("backup script").doesNotContain(secret);
        browser.clickAndWait(By.xpath("//button[text()='Revoke']"));
        assertThat(browser.pageText()).contains("The token is revoked").contains("You have no API tokens");
    }
}
