package io.github.rocketmqws.gateway.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Page object of the Status view (rmq-status): tiles, the rate chart and the session table. */
final class StatusView {
    private final WebDriver driver;
    private final WebElement root;

    StatusView(WebDriver driver, WebElement root) {
        this.driver = driver;
        this.root = root;
    }

    WebElement element() {
        return root;
    }

    /** loading, ok, error or unauthorized. */
    String state() {
        return field("status-state").getDomAttribute("data-state");
    }

    StatusView awaitState(String state) {
        ConsolePage.await(driver).withMessage(() -> "status state " + state + ", is " + state())
                .until(d -> state.equals(state()));
        return this;
    }

    /** Waits until the view shows the error {@code code}, e.g. {@code HTTP 403}. */
    StatusView awaitErrorCode(String code) {
        ConsolePage.await(driver).withMessage(() -> "status error " + code + ", is " + errorCode())
                .until(d -> code.equals(errorCode()));
        return this;
    }

    String errorCode() {
        WebElement box = field("status-error");
        return box.isDisplayed() ? box.findElement(By.className("error-code")).getText() : null;
    }

    String errorText() {
        return root.findElement(By.cssSelector("#status-error .error-text")).getText();
    }

    int sessions() {
        return Integer.parseInt(field("status-sessions").getText());
    }

    int subscriptions() {
        return Integer.parseInt(field("status-subscriptions").getText());
    }

    String broker() {
        return field("status-broker").getText();
    }

    /** How many rate samples the chart draws. */
    int samples() {
        return Integer.parseInt(field("status-chart").getDomAttribute("data-samples"));
    }

    /** The highest rate of a series (deliveries, acks, publishes) in the chart's window, per second. */
    double peak(String series) {
        return Double.parseDouble(field("chart-line-" + series).getDomAttribute("data-peak"));
    }

    /** Points of the series' polyline, as drawn. */
    String points(String series) {
        return field("chart-line-" + series).getDomAttribute("points");
    }

    StatusView awaitSamplesAbove(int samples) {
        ConsolePage.await(driver).withMessage(() -> "more than " + samples + " chart samples, has " + samples())
                .until(d -> samples() > samples);
        return this;
    }

    StatusView awaitPeakAbove(String series, double rate) {
        ConsolePage.await(driver).withMessage(() -> series + " peak above " + rate + ", is " + peak(series))
                .until(d -> peak(series) > rate);
        return this;
    }

    /** The session table's rows whose topic cell is {@code topic}. */
    int sessionRowsWithTopic(String topic) {
        return (int) root.findElements(By.cssSelector("#status-session-list tr")).stream()
                .filter(row -> row.findElements(By.tagName("td")).get(1).getText().equals(topic))
                .count();
    }

    private WebElement field(String id) {
        return root.findElement(By.id(id));
    }
}
