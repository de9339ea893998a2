package io.github.rocketmqws.gateway.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Page object of one delivery in the Subscribe view's list. */
final class MessageItem {
    private final WebDriver driver;
    private final WebElement root;

    MessageItem(WebDriver driver, WebElement root) {
        this.driver = driver;
        this.root = root;
    }

    String messageId() {
        return root.getDomAttribute("data-message-id");
    }

    int attempt() {
        return Integer.parseInt(root.getDomAttribute("data-attempt"));
    }

    /** pending, acking, acked, nacking, nacked, auto, stale or failed. */
    String status() {
        return root.getDomAttribute("data-status");
    }

    String body() {
        return root.findElement(By.className("message-body")).getText();
    }

    String encoding() {
        return root.findElement(By.className("message-encoding")).getText();
    }

    String tag() {
        return root.findElement(By.className("message-tag")).getText();
    }

    String keys() {
        return root.findElement(By.className("message-keys")).getText();
    }

    List<String> properties() {
        return root.findElements(By.className("message-property")).stream().map(WebElement::getText).toList();
    }

    boolean hasActions() {
        return !root.findElements(By.className("message-ack")).isEmpty();
    }

    MessageItem ack() {
        root.findElement(By.className("message-ack")).click();
        return this;
    }

    MessageItem nack() {
        root.findElement(By.className("message-nack")).click();
        return this;
    }

    MessageItem awaitStatus(String status) {
        ConsolePage.await(driver).withMessage(() -> "message " + messageId() + " status " + status + ", is " + status())
                .until(d -> status.equals(status()));
        return this;
    }
}
