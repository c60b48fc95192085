package org.atoll.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through chromium-driver: a fresh profile each time, nothing fetched from the
 * network by the browser itself. Without chromium the browser tests are skipped, unless {@code
 * ATOLL_BROWSER_TESTS=required} (as {@code .ci/run} sets it) makes that a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    static Browser open(int port, int width, int height) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "required".equals(System.getenv("ATOLL_BROWSER_TESTS"))) {
            throw new IllegalStateException("ATOLL_BROWSER_TESTS=required, but chromium or chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
        Path profile = Files.createTempDirectory("atoll-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--lang=en-US",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile, "http://127.0.0.1:" + port);
    }

    WebDriver driver() {
        return driver;
    }

    Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    String title() {
        return driver.getTitle();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    String text(By by) {
        return driver.findElement(by).getText();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Signs in through the form and lands on the start page. */
    Browser signIn(String address, String password) {
        go("/sign-in");
        find(By.id("address")).sendKeys(address);
        find(By.id("password")).sendKeys(password);
        find(By.cssSelector("form button[type=submit]")).click();
        waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("/sign-in")));
        return this;
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Like {@link #screenshot}, of the whole page: the window grows to the page's height for the picture. */
    Path fullPageScreenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage()
                .window()
                .setSize(new Dimension(before.getWidth(), Math.min(4000, ((Number) height).intValue() + 100)));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    Browser signOut() {
        driver.manage().deleteAllCookies();
        return this;
    }

    /** Clicks and waits until the browser has left the page it was on. */
    Browser clickAndWait(By by) {
        driver.executeScript("window.atollPageBeforeClick = true");
        find(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(WebDriverException.class)
                .until(page -> Boolean.TRUE.equals(((JavascriptExecutor) page)
                        .executeScript("return window.atollPageBeforeClick === undefined"
                                + " && document.readyState === 'complete'")));
        return this;
    }

    /** Waits for a condition; an element htmx replaced meanwhile is looked up again on the next try. */
    <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Saves what the browser shows as target/screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isPositive();
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
    }
}
