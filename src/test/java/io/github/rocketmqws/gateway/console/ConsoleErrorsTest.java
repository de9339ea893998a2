package io.github.rocketmqws.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The gateway's error codes reach the page: each failed request shows its code. */
@QuarkusTest
class ConsoleErrorsTest extends ConsoleBrowser {
    @Test
    void publishingToAnInvalidTopicNameShowsInvalidArgument() {
        ConsolePage page = openConnected();
        String code = page.publish().topic("bad topic!").text("x").publishExpectingError();

        assertThat(code).isEqualTo("INVALID_ARGUMENT");
        assertThat(page.publish().errorText()).contains("topic");
        browser().screenshot("publish-error", page.publish().element());
    }

    @Test
    void publishingToAMissingTopicShowsTopicNotFound() {
        ConsolePage page = openConnected();
        String code = page.publish().topic(Topics.group("no-such-topic")).text("x").publishExpectingError();

        assertThat(code).isEqualTo("TOPIC_NOT_FOUND");
    }

    @Test
    void subscribingToAMissingTopicShowsTopicNotFoundAndAllowsAnotherTry() {
        ConsolePage page = openConnected();
        SubscribeView subscribe = page.subscribe()
                .subscribe(Topics.group("no-such-topic"), Topics.group("console-errors"))
                .awaitState("error");

        assertThat(subscribe.errorCode()).isEqualTo("TOPIC_NOT_FOUND");
        browser().screenshot("subscribe-error", subscribe.element());
        subscribe.subscribe(Topics.create("console-errors"), Topics.group("console-errors")).awaitState("subscribed");
        assertThat(subscribe.errorCode()).isNull();
    }

    @Test
    void aBodyThatIsNotBase64IsRefusedBeforeItIsSent() {
        ConsolePage page = openConnected();
        String code = page.publish().topic("TopicTest").base64("not base64!").publishExpectingError();

        assertThat(code).isEqualTo("USAGE");
    }
}
