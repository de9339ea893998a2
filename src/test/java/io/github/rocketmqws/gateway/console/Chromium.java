package io.github.rocketmqws.gateway.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so Selenium Manager never
 * looks for (or downloads) a browser.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final Path profile;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Whether Debian's chromium and chromedriver are installed where the tests look for them. */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** Why the browser tests cannot run here, and what to install. */
    static String missing() {
        return "the web console's browser tests need Debian's chromium and chromium-driver (" + BINARY + ", " + DRIVER
                + "): apt-get install -y chromium chromium-driver";
    }

    /**
     * Fails under CI=true when the browser is missing: .ci/run installs it there, so a skip would hide that the
     * console went untested. Elsewhere the caller skips.
     */
    static void failIfMissingOnCi() {
        if (!installed() && "true".equals(System.getenv("CI"))) {
            fail(missing() + ". CI=true, so this fails instead of skipping.");
        }
    }

    /** Starts a fresh browser with a fresh profile. */
    static Chromium start() {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(BINARY.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1400,1100",
                        "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(profile, driver);
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves a PNG of the whole page under target/console-screenshots/. */
    void screenshot(String name) {
        driver.executeScript("window.scrollTo(0, 0)");
        save(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Saves a PNG of one element (a view) under target/console-screenshots/. */
    void screenshot(String name, WebElement element) {
        // Chromium clips an element's screenshot to the viewport: bring all of the element into it first
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
        save(name, element.getScreenshotAs(OutputType.BYTES));
    }

    /** Messages the page logged at SEVERE level (uncaught exceptions, failed loads) since the last call. */
    List<String> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static void save(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
