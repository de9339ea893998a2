package io.github.rocketmqws.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On shutdown the gateway hands every un-acked message back to RocketMQ before its consumers close. */
@QuarkusTest
class GracefulShutdownTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    SessionRegistry sessions;

    @Test
    void shutdownReturnsInFlightMessages() {
        String topic = Topics.create("shutdown");
        String group = Topics.group("shutdown");
        List<String> held;
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, group, 10);
            client.publish(topic, "a");
            client.publish(topic, "b");
            held = client.awaitMessages(2).stream().map(m -> m.path("messageId").asText()).toList();

            sessions.onShutdown(new ShutdownEvent()); // what Quarkus fires when the gateway stops

            assertThat(sessions.snapshots()).noneMatch(s -> topic.equals(s.topic()));
        }
        try (WsClient next = WsClient.connect(uri)) {
            next.subscribe(topic, group, 10);
            List<JsonNode> again = next.awaitMessages(2);
            assertThat(again).extracting(m -> m.path("messageId").asText()).containsExactlyInAnyOrderElementsOf(held);
        }
    }
}
