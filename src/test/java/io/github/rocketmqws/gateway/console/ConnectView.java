package io.github.rocketmqws.gateway.console;

import static io.github.rocketmqws.gateway.console.ConsolePage.type;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Page object of the Connect view (rmq-connect). */
final class ConnectView {
    private final WebDriver driver;
    private final WebElement root;

    ConnectView(WebDriver driver, WebElement root) {
        this.driver = driver;
        this.root = root;
    }

    WebElement element() {
        return root;
    }

    String url() {
        return root.findElement(By.id("connect-url")).getDomProperty("value");
    }

    ConnectView connectTo(String url) {
        type(root.findElement(By.id("connect-url")), url);
        root.findElement(By.id("connect-button")).click();
        return this;
    }

    ConnectView disconnect() {
        root.findElement(By.id("disconnect-button")).click();
        return this;
    }

    String state() {
        return root.findElement(By.id("connect-state")).getDomAttribute("data-state");
    }

    /** Waits for a state: idle, connecting, open, reconnecting or failed. */
    ConnectView awaitState(String state) {
        ConsolePage.await(driver).withMessage(() -> "connect state " + state + ", is " + state())
                .until(d -> state.equals(state()));
        return this;
    }

    String errorCode() {
        WebElement box = root.findElement(By.id("connect-error"));
        return box.isDisplayed() ? box.findElement(By.className("error-code")).getText() : null;
    }

    String errorText() {
        return root.findElement(By.cssSelector("#connect-error .error-text")).getText();
    }
}
