package io.github.rocketmqws.gateway.console;

import static io.github.rocketmqws.gateway.console.ConsolePage.type;

import java.util.List;
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

    /** Types {@code token} into the Token field, for the next connect; an empty string clears it. */
    ConnectView withToken(String token) {
        type(root.findElement(By.id("connect-token")), token);
        return this;
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

    /** Whether the view lists why the gateway may have refused the WebSocket. */
    boolean refusalShown() {
        return root.findElement(By.id("connect-refused")).isDisplayed();
    }

    /** The likely causes the view lists for a refused WebSocket (token, origin, limits, unreachable), in order. */
    List<String> refusalCauses() {
        return root.findElements(By.cssSelector("#connect-causes > li")).stream()
                .map(cause -> cause.getDomAttribute("data-cause"))
                .toList();
    }

    String refusalText() {
        return root.findElement(By.id("connect-refused")).getText();
    }
}
