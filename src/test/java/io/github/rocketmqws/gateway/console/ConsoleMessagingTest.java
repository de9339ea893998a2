package io.github.rocketmqws.gateway.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.github.rocketmqws.gateway.support.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/** Subscribe, publish, ack and nack from the page, against the real gateway and RocketMQ. */
@QuarkusTest
class ConsoleMessagingTest extends ConsoleBrowser {
    @Test
    void aMessagePublishedFromThePageArrivesWithItsFieldsAndIsAcked() {
        String topic = Topics.create("console-ack");
        ConsolePage page = openConnected();
        SubscribeView subscribe = page.subscribe().subscribe(topic, Topics.group("console-ack")).awaitState("subscribed");
        assertThat(subscribe.emptyStateShown()).isTrue();

        String messageId = page.publish().topic(topic).tag("greeting").keys("k-1, k-2")
                .properties("lang=en\ncolor=red").text("hello from the console").publish();
        MessageItem message = subscribe.awaitMessage(messageId, 1);

        assertThat(message.body()).isEqualTo("hello from the console");
        assertThat(message.tag()).isEqualTo("greeting");
        assertThat(message.keys()).isEqualTo("keys: k-1, k-2");
        assertThat(message.properties()).contains("lang=en", "color=red");
        assertThat(message.status()).isEqualTo("pending");
        assertThat(subscribe.emptyStateShown()).isFalse();
        browser().screenshot("publish", page.publish().element());

        message.ack().awaitStatus("acked");
        browser().screenshot("subscribe", subscribe.element());
        // the gateway agrees: the session holds nothing in flight any more
        await().atMost(ConsolePage.TIMEOUT).untilAsserted(() -> given().get("/api/v1/sessions").then()
                .body("find { it.topic == '" + topic + "' }.inFlight", equalTo(0)));
    }

    @Test
    void aNackedMessageComesBackWithAttemptTwo() {
        String topic = Topics.create("console-nack");
        ConsolePage page = openConnected();
        SubscribeView subscribe = page.subscribe().subscribe(topic, Topics.group("console-nack")).awaitState("subscribed");
        subscribe.nackDelay(1000);

        String messageId = page.publish().topic(topic).text("once more").publish();
        subscribe.awaitMessage(messageId, 1).nack().awaitStatus("nacked");
        MessageItem again = subscribe.awaitMessage(messageId, 2);

        assertThat(subscribe.messages().get(0).attempt()).as("newest first").isEqualTo(2);
        assertThat(again.body()).isEqualTo("once more");
        browser().screenshot("subscribe-nack", subscribe.element());
        again.ack().awaitStatus("acked");
    }

    @Test
    void aBinaryBodyPublishedAsBase64IsShownAsHex() {
        String topic = Topics.create("console-bytes");
        ConsolePage page = openConnected();
        SubscribeView subscribe = page.subscribe().subscribe(topic, Topics.group("console-bytes")).awaitState("subscribed");

        String messageId = page.publish().topic(topic).base64("AP8Q").publish();
        MessageItem message = subscribe.awaitMessage(messageId, 1);

        assertThat(message.body()).contains("00 ff 10");
        assertThat(message.encoding()).contains("binary").contains("3 B");
        message.ack().awaitStatus("acked");
    }

    @Test
    void inAutoAckModeTheGatewayAcksAndThePageOffersNoAck() {
        String topic = Topics.create("console-auto");
        ConsolePage page = openConnected();
        SubscribeView subscribe = page.subscribe()
                .subscribe(topic, Topics.group("console-auto"), "TAG", "*", 8, "auto")
                .awaitState("subscribed");

        String messageId = page.publish().topic(topic).text("auto").publish();
        MessageItem message = subscribe.awaitMessage(messageId, 1);

        assertThat(message.status()).isEqualTo("auto");
        assertThat(message.hasActions()).isFalse();
        await().atMost(ConsolePage.TIMEOUT).untilAsserted(() -> given().get("/api/v1/sessions").then()
                .body("find { it.topic == '" + topic + "' }.inFlight", equalTo(0)));
    }

    @Test
    void aTagFilterLetsOnlyMatchingMessagesThrough() {
        String topic = Topics.create("console-filter");
        ConsolePage page = openConnected();
        SubscribeView subscribe = page.subscribe()
                .subscribe(topic, Topics.group("console-filter"), "TAG", "keep", 8, "client")
                .awaitState("subscribed");

        page.publish().topic(topic).tag("drop").text("dropped").publish();
        String kept = page.publish().topic(topic).tag("keep").text("kept").publish();
        subscribe.awaitMessage(kept, 1).ack().awaitStatus("acked");

        assertThat(subscribe.messages()).extracting(MessageItem::messageId).containsExactly(kept);
    }

    @Test
    void aOneMebibyteBodyGoesThroughAsOneBrowserFrame() {
        // a browser cannot fragment what it sends: the whole publish frame is one WebSocket frame
        String topic = Topics.create("console-large");
        ConsolePage page = openConnected();
        SubscribeView subscribe = page.subscribe().subscribe(topic, Topics.group("console-large")).awaitState("subscribed");
        ((JavascriptExecutor) browser().driver()).executeScript(
                "document.getElementById('publish-body').value = 'y'.repeat(1024 * 1024)");

        String messageId = page.publish().topic(topic).publish();
        MessageItem message = subscribe.awaitMessage(messageId, 1);

        assertThat(message.encoding()).contains("text").contains("1.0 MiB");
        message.ack().awaitStatus("acked");
    }
}
