package io.github.rocketmqws.gateway.console;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console page: one page object per view, and waits that poll the page's state, never fixed sleeps. */
final class ConsolePage {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebDriver driver;

    private ConsolePage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens the console the gateway serves at {@code root}; it connects to its own origin by itself. */
    static ConsolePage open(WebDriver driver, URI root) {
        return load(driver, root.toString());
    }

    /** Opens the console without its automatic connect ({@code ?connect=false}). */
    static ConsolePage openDisconnected(WebDriver driver, URI root) {
        return load(driver, root.resolve("/?connect=false").toString());
    }

    private static ConsolePage load(WebDriver driver, String url) {
        driver.get(url);
        ConsolePage page = new ConsolePage(driver);
        // the views exist once their modules ran: every custom element is defined and rendered
        page.await().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return ['rmq-connect','rmq-subscribe','rmq-publish','rmq-status'].every(n => customElements.get(n))"
                        + " && document.getElementById('status-chart') !== null")));
        return page;
    }

    WebDriverWait await() {
        return await(driver);
    }

    static WebDriverWait await(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, TIMEOUT);
        wait.pollingEvery(Duration.ofMillis(100));
        // views re-render parts of themselves (the chart on every poll): an element read mid-render is read again
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    ConnectView connect() {
        return new ConnectView(driver, driver.findElement(By.id("connect-view")));
    }

    SubscribeView subscribe() {
        return new SubscribeView(driver, driver.findElement(By.id("subscribe-view")));
    }

    PublishView publish() {
        return new PublishView(driver, driver.findElement(By.id("publish-view")));
    }

    StatusView status() {
        return new StatusView(driver, driver.findElement(By.id("status-view")));
    }

    /** The number of the client's current socket: it grows with every reconnect. */
    long connectionNumber() {
        return (Long) ((JavascriptExecutor) driver).executeScript("return window.gatewayConsole.client.connection");
    }

    /** Whether {@code secret} is anywhere a page keeps things beyond its memory: storage, cookies, the URL. */
    boolean persists(String secret) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("""
                const secret = arguments[0];
                return [...Object.values(localStorage), ...Object.values(sessionStorage), document.cookie,
                        location.href].some((value) => value.includes(secret));
                """, secret));
    }

    WebElement header() {
        return driver.findElement(By.cssSelector("header.top"));
    }

    static void type(WebElement field, String text) {
        field.clear();
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }
}
