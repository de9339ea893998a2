package io.github.rocketmqws.gateway.console;

import static io.github.rocketmqws.gateway.console.ConsolePage.type;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Page object of the Subscribe view (rmq-subscribe) and its message list. */
final class SubscribeView {
    private final WebDriver driver;
    private final WebElement root;

    SubscribeView(WebDriver driver, WebElement root) {
        this.driver = driver;
        this.root = root;
    }

    WebElement element() {
        return root;
    }

    /** Fills the form and subscribes in client ack mode with a TAG filter of {@code *}. */
    SubscribeView subscribe(String topic, String group) {
        return subscribe(topic, group, "TAG", "*", 32, "client");
    }

    SubscribeView subscribe(String topic, String group, String filterType, String filter, int prefetch, String ackMode) {
        type(field("subscribe-topic"), topic);
        type(field("subscribe-group"), group);
        new Select(field("subscribe-filter-type")).selectByVisibleText(filterType);
        type(field("subscribe-filter"), filter);
        type(field("subscribe-prefetch"), Integer.toString(prefetch));
        new Select(field("subscribe-ack-mode")).selectByVisibleText(ackMode);
        ConsolePage.await(driver).until(ExpectedConditions.elementToBeClickable(field("subscribe-button"))).click();
        return this;
    }

    SubscribeView unsubscribe() {
        field("unsubscribe-button").click();
        return this;
    }

    String state() {
        return field("subscribe-state").getDomAttribute("data-state");
    }

    /** Waits for a state: idle, subscribing, subscribed or error. */
    SubscribeView awaitState(String state) {
        ConsolePage.await(driver).withMessage(() -> "subscribe state " + state + ", is " + state())
                .until(d -> state.equals(state()));
        return this;
    }

    String errorCode() {
        WebElement box = field("subscribe-error");
        return box.isDisplayed() ? box.findElement(By.className("error-code")).getText() : null;
    }

    SubscribeView nackDelay(int millis) {
        type(field("nack-delay"), Integer.toString(millis));
        return this;
    }

    boolean emptyStateShown() {
        return field("message-empty").isDisplayed();
    }

    /** The list, newest first. */
    List<MessageItem> messages() {
        return root.findElements(By.cssSelector("#message-list > .message")).stream()
                .map(item -> new MessageItem(driver, item))
                .toList();
    }

    /** Waits for the delivery of {@code messageId} with the given attempt. */
    MessageItem awaitMessage(String messageId, int attempt) {
        By delivery = By.cssSelector(
                "#message-list > .message[data-message-id='" + messageId + "'][data-attempt='" + attempt + "']");
        WebElement item = ConsolePage.await(driver)
                .withMessage(() -> "message " + messageId + " attempt " + attempt + " in the list")
                .until(ExpectedConditions.presenceOfElementLocated(delivery));
        return new MessageItem(driver, item);
    }

    private WebElement field(String id) {
        return root.findElement(By.id(id));
    }
}
