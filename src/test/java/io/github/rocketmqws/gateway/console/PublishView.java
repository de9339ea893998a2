package io.github.rocketmqws.gateway.console;

import static io.github.rocketmqws.gateway.console.ConsolePage.type;

import java.util.Arrays;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Page object of the Publish view (rmq-publish): fill in fields, submit, read the message id or the error. */
final class PublishView {
    private final WebDriver driver;
    private final WebElement root;

    PublishView(WebDriver driver, WebElement root) {
        this.driver = driver;
        this.root = root;
    }

    WebElement element() {
        return root;
    }

    PublishView topic(String topic) {
        type(field("publish-topic"), topic);
        return this;
    }

    PublishView tag(String tag) {
        type(field("publish-tag"), tag);
        return this;
    }

    PublishView keys(String commaSeparated) {
        type(field("publish-keys"), commaSeparated);
        return this;
    }

    /** One {@code name=value} a line. */
    PublishView properties(String lines) {
        type(field("publish-properties"), lines);
        return this;
    }

    PublishView text(String body) {
        new Select(field("publish-encoding")).selectByValue("text");
        type(field("publish-body"), body);
        return this;
    }

    PublishView base64(String body) {
        new Select(field("publish-encoding")).selectByValue("base64");
        type(field("publish-body"), body);
        return this;
    }

    /** Submits, waits for the gateway's answer and returns the message id; fails on an error. */
    String publish() {
        submit();
        awaitState("published", "error");
        if (!"published".equals(state())) {
            throw new AssertionError("publish failed: " + errorCode() + " " + errorText());
        }
        return field("publish-message-id").getText();
    }

    /** Submits, waits for the gateway's answer and returns the error code it showed. */
    String publishExpectingError() {
        submit();
        awaitState("error", "published");
        return errorCode();
    }

    private void submit() {
        // The view leaves its previous answer synchronously on submit (to "sending", or "error" for a form it
        // refuses), so once click() returns, the states awaited below are this publish's.
        ConsolePage.await(driver).until(ExpectedConditions.elementToBeClickable(field("publish-button"))).click();
    }

    String state() {
        return field("publish-state").getDomAttribute("data-state");
    }

    private void awaitState(String... states) {
        ConsolePage.await(driver).withMessage(() -> "publish state in " + String.join("/", states) + ", is " + state())
                .until(d -> Arrays.asList(states).contains(state()));
    }

    String errorCode() {
        WebElement box = field("publish-error");
        return box.isDisplayed() ? field("publish-error-code").getText() : null;
    }

    String errorText() {
        return root.findElement(By.cssSelector("#publish-error .error-text")).getText();
    }

    private WebElement field(String id) {
        return root.findElement(By.id(id));
    }
}
