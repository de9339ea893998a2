package io.github.rocketmqws.gateway.broker;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Topics that do not exist in RocketMQ are a TOPIC_NOT_FOUND error, and the session can go on. */
@QuarkusTest
class BrokerErrorsTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void publishingToAMissingTopicIsTopicNotFound() {
        try (WsClient client = WsClient.connect(uri)) {
            JsonNode reply = client.request(frame("publish").put("topic", "missing-" + System.nanoTime()).put("body", "x"));
            assertThat(reply.path("code").asText()).isEqualTo("TOPIC_NOT_FOUND");
        }
    }

    @Test
    void subscribingToAMissingTopicIsTopicNotFoundAndTheSessionMaySubscribeAgain() {
        String topic = Topics.create("after-missing");
        try (WsClient client = WsClient.connect(uri)) {
            JsonNode reply = client.subscribe("missing-" + System.nanoTime(), Topics.group("missing"), 4);
            assertThat(reply.path("code").asText()).isEqualTo("TOPIC_NOT_FOUND");
            assertThat(client.subscribe(topic, Topics.group("missing"), 4).path("op").asText()).isEqualTo("subscribed");
        }
    }
}
